// Folds custody log entries into the latest state of each token (by fingerprint):
//   exposed → vaulted → revoked / ignored
// Revoked is final. Ignored and vaulted tokens seen in plain text again (a new detection or a
// "paste anyway") are exposed again; an explicit vault or revoke overrides an ignore.
import type { CheckResult, CustodyEntry, CustodyEvent, CustodyWhere, DetectedDetail, RevokeResult } from './log';

export type CustodyState = 'exposed' | 'vaulted' | 'revoked' | 'ignored';

export interface SeenAt {
  where: CustodyWhere;
  firstSeen: string;
  lastSeen: string;
  workspace?: string;
}

/** A token's latest state; the DetectedDetail fields come from its `detected` entry, when recorded. */
export interface TokenCustody extends DetectedDetail {
  fingerprint: string;
  redacted: string;
  ruleId: string;
  issuer: string;
  state: CustodyState;
  /** Latest owner recorded. */
  owner?: string;
  firstSeen: string;
  lastSeen: string;
  lastEvent: CustodyEvent;
  /** Distinct places, in the order first seen. */
  seen: SeenAt[];
  workspaces: string[];
  /** Keychain reference after `moved-to-keychain` / `paste-replaced`. */
  reference?: string;
  /** Latest liveness check. */
  check?: { result: CheckResult; at: string; expiresAt?: string; endpointHost?: string };
  /** Latest revocation attempt, successful or not. */
  revocation?: { result: RevokeResult; at: string; endpointHost?: string; automatic: boolean; message?: string };
  ignored?: { how: string; at: string; glob?: string; reason?: string };
  events: number;
}

function whereKey(w: CustodyWhere): string {
  if (w.kind === 'terminal') return `terminal\u0000${w.terminal}\u0000${w.place}\u0000${w.command ?? ''}`;
  const r = w.range;
  return `file\u0000${w.uri}\u0000${r ? `${r.line}:${r.col}-${r.endLine}:${r.endCol}` : ''}`;
}

function isLaterOrEqual(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
}

/** Events that show the token in plain text somewhere. */
const EXPOSING: ReadonlySet<CustodyEvent> = new Set<CustodyEvent>(['detected', 'pasted-anyway']);

/** The latest state of every token in the entries (file order is the order of events). */
export function foldCustody(entries: Iterable<CustodyEntry>): Map<string, TokenCustody> {
  const fold = new CustodyFold();
  for (const e of entries) fold.add(e);
  return fold.tokens;
}

/**
 * The fold of {@link foldCustody}, one entry at a time: adding entries in order gives the same state
 * as folding them all (a window appends its events without folding the whole log again).
 */
export class CustodyFold {
  readonly tokens = new Map<string, TokenCustody>();
  private readonly seenIndex = new Map<string, Map<string, SeenAt>>();

  add(e: CustodyEntry): void {
    const { tokens, seenIndex } = this;
    let t = tokens.get(e.fingerprint);
    if (!t) {
      t = {
        fingerprint: e.fingerprint,
        redacted: e.redacted,
        ruleId: e.ruleId,
        issuer: e.issuer,
        state: 'exposed',
        firstSeen: e.ts,
        lastSeen: e.ts,
        lastEvent: e.event,
        seen: [],
        workspaces: [],
        events: 0,
      };
      tokens.set(e.fingerprint, t);
      seenIndex.set(e.fingerprint, new Map());
    }
    t.events++;
    t.lastEvent = e.event;
    if (!isLaterOrEqual(e.ts, t.firstSeen)) t.firstSeen = e.ts;
    if (isLaterOrEqual(e.ts, t.lastSeen)) t.lastSeen = e.ts;
    if (e.owner) t.owner = e.owner;
    if (e.workspace && !t.workspaces.includes(e.workspace)) t.workspaces.push(e.workspace);
    if (e.where) {
      const idx = seenIndex.get(e.fingerprint) ?? new Map<string, SeenAt>();
      const key = whereKey(e.where);
      const s = idx.get(key);
      if (s) {
        if (isLaterOrEqual(e.ts, s.lastSeen)) s.lastSeen = e.ts;
      } else {
        const added: SeenAt = { where: e.where, firstSeen: e.ts, lastSeen: e.ts };
        if (e.workspace) added.workspace = e.workspace;
        idx.set(key, added);
        t.seen.push(added);
      }
    }
    if (EXPOSING.has(e.event) && t.state !== 'revoked') t.state = 'exposed';
    switch (e.event) {
      case 'detected': {
        const d = e.detail;
        if (d) {
          if (d.name) t.name = d.name;
          if (d.kind) t.kind = d.kind;
          if (d.severity) t.severity = d.severity;
          if (d.confidence) t.confidence = d.confidence;
          if (d.validation) t.validation = d.validation;
          if (d.validationDetail) t.validationDetail = d.validationDetail;
          if (d.cliIssued !== undefined) t.cliIssued = d.cliIssued;
          if (d.machineIdentity !== undefined) t.machineIdentity = d.machineIdentity;
        }
        break;
      }
      case 'moved-to-keychain':
      case 'paste-replaced':
        if (t.state !== 'revoked') t.state = 'vaulted';
        if (e.detail?.reference) t.reference = e.detail.reference;
        break;
      case 'checked':
        if (e.detail) {
          t.check = { result: e.detail.result, at: e.ts };
          if (e.detail.expiresAt) t.check.expiresAt = e.detail.expiresAt;
          if (e.detail.endpointHost) t.check.endpointHost = e.detail.endpointHost;
        }
        break;
      case 'revoked':
      case 'auto-revoked':
        if (e.detail) {
          t.revocation = { result: e.detail.result, at: e.ts, automatic: e.event === 'auto-revoked' };
          if (e.detail.endpointHost) t.revocation.endpointHost = e.detail.endpointHost;
          if (e.detail.message) t.revocation.message = e.detail.message;
          if (e.detail.result === 'revoked' || e.detail.result === 'already-invalid') t.state = 'revoked';
        }
        break;
      case 'ignored':
        if (t.state !== 'revoked') t.state = 'ignored';
        t.ignored = { how: e.detail?.how ?? 'everywhere', at: e.ts };
        if (e.detail?.glob) t.ignored.glob = e.detail.glob;
        if (e.detail?.reason) t.ignored.reason = e.detail.reason;
        break;
      case 'masked':
      case 'revealed':
      case 'scrubbed':
      case 'pasted-anyway':
        break;
    }
  }
}

const STATE_ORDER: Record<CustodyState, number> = { exposed: 0, vaulted: 1, ignored: 2, revoked: 3 };

/** Tokens for display: exposed first, then vaulted, ignored, revoked; most recent first within each. */
export function sortedTokens(tokens: Iterable<TokenCustody>): TokenCustody[] {
  return [...tokens].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
}
