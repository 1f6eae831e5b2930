// Folds custody log entries into the latest state of each token (by fingerprint):
//   exposed → vaulted → revoked / ignored
// Revoked is final. Ignored and vaulted tokens seen in plain text again (a new detection or a
// "paste anyway") are exposed again; an explicit vault or revoke overrides an ignore.
import type { CheckResult, CustodyEntry, CustodyEvent, CustodyWhere, DetectedDetail, FileWhere, RevokeResult } from './log';

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

/**
 * The key of a place. A file place is the file: a token's `detected` entry is written once per file
 * (issue 11 item 5b: a line shift above 2,500 tokens used to append 2,500 entries), and older logs
 * with one entry per line and column fold into one place per file, at the latest range recorded.
 */
function whereKey(w: CustodyWhere): string {
  if (w.kind === 'terminal') return `terminal\u0000${w.terminal}\u0000${w.place}\u0000${w.command ?? ''}`;
  return `file\u0000${w.uri}`;
}

/** Whether ISO time `a` is at or after `b`. Canonical `toISOString()` forms compare as strings (no parse). */
function isLaterOrEqual(a: string, b: string): boolean {
  if (a.length === 24 && b.length === 24 && a.charCodeAt(23) === 90 && b.charCodeAt(23) === 90) return a >= b;
  return Date.parse(a) >= Date.parse(b);
}

/** Events that show the token in plain text somewhere. */
const EXPOSING: ReadonlySet<CustodyEvent> = new Set<CustodyEvent>(['detected', 'pasted-anyway']);

/** A file with more tokens than are recorded one by one (its latest `detected-more` entry). */
export interface MoreTokens {
  where: FileWhere;
  /** Tokens in the file when it was published, and how many of them have their own entry. */
  count: number;
  recorded: number;
  at: string;
  workspace?: string;
}

/**
 * The latest state of every token, folded one entry at a time: appending an entry costs the same
 * whatever the log's length (the custody service keeps one folder and adds each entry it records;
 * refolding 100,000 entries on each change took seconds in one task).
 */
export class CustodyFold {
  readonly tokens = new Map<string, TokenCustody>();
  /** Per file (uri): its latest `detected-more` count. */
  readonly more = new Map<string, MoreTokens>();
  private readonly seenIndex = new Map<string, Map<string, SeenAt>>();
  /** Entries folded so far. */
  count = 0;

  addAll(entries: Iterable<CustodyEntry>): this {
    for (const e of entries) this.add(e);
    return this;
  }

  /** Folds one entry (file order is the order of events). */
  add(e: CustodyEntry): void {
    this.count++;
    // A file's count of tokens past those recorded one by one: about no token.
    if (e.event === 'detected-more') {
      const w = e.where;
      const d = e.detail;
      if (w?.kind !== 'file' || !d) return;
      const old = this.more.get(w.uri);
      if (old && !isLaterOrEqual(e.ts, old.at)) return;
      const m: MoreTokens = { where: w, count: d.count, recorded: d.recorded, at: e.ts };
      if (e.workspace) m.workspace = e.workspace;
      this.more.set(w.uri, m);
      return;
    }
    let t = this.tokens.get(e.fingerprint);
    let idx = this.seenIndex.get(e.fingerprint);
    if (!t || !idx) {
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
      idx = new Map();
      this.tokens.set(e.fingerprint, t);
      this.seenIndex.set(e.fingerprint, idx);
    }
    t.events++;
    t.lastEvent = e.event;
    if (!isLaterOrEqual(e.ts, t.firstSeen)) t.firstSeen = e.ts;
    if (isLaterOrEqual(e.ts, t.lastSeen)) t.lastSeen = e.ts;
    if (e.owner) t.owner = e.owner;
    if (e.workspace && !t.workspaces.includes(e.workspace)) t.workspaces.push(e.workspace);
    if (e.where) {
      const key = whereKey(e.where);
      const s = idx.get(key);
      if (s) {
        if (isLaterOrEqual(e.ts, s.lastSeen)) {
          s.lastSeen = e.ts;
          if (e.where.kind === 'file' && e.where.range) s.where = e.where;
        }
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

  /**
   * A token seen again in a file it is already recorded for, at another range (lines shifted): the
   * place now opens there. Nothing is appended to the log. False when the token has no such place.
   */
  relocate(fingerprint: string, where: FileWhere): boolean {
    const s = this.seenIndex.get(fingerprint)?.get(whereKey(where));
    if (!s) return false;
    s.where = where;
    return true;
  }
}

/** The latest state of every token in the entries (file order is the order of events). */
export function foldCustody(entries: Iterable<CustodyEntry>): Map<string, TokenCustody> {
  return new CustodyFold().addAll(entries).tokens;
}

/**
 * Folds `entries` into a new folder in slices of about `budgetMs`, yielding between them (the log read
 * at start-up can hold 100,000 entries). `entries` may grow meanwhile: the folder catches up with
 * its end before resolving, and `folder.count` says how many it has folded (the caller adds the
 * entries pushed after that).
 */
export async function foldInSlices(entries: readonly CustodyEntry[], opts: { yieldNow: () => Promise<void>; budgetMs?: number; now?: () => number; sliceMs?: number[] }): Promise<CustodyFold> {
  const now = opts.now ?? (() => performance.now());
  const budget = opts.budgetMs ?? 20;
  const folder = new CustodyFold();
  while (folder.count < entries.length) {
    await opts.yieldNow();
    const t0 = now();
    do {
      const stop = Math.min(entries.length, folder.count + 512);
      for (let i = folder.count; i < stop; i++) folder.add(entries[i]!);
    } while (folder.count < entries.length && now() - t0 < budget);
    opts.sliceMs?.push(now() - t0);
  }
  return folder;
}

const STATE_ORDER: Record<CustodyState, number> = { exposed: 0, vaulted: 1, ignored: 2, revoked: 3 };

/** Tokens for display: exposed first, then vaulted, ignored, revoked; most recent first within each. */
export function sortedTokens(tokens: Iterable<TokenCustody>): TokenCustody[] {
  // Each time parsed once, not twice per comparison (100,000 tokens: ~3.4 million parses).
  const keyed = [...tokens].map((t) => ({ t, order: STATE_ORDER[t.state], at: Date.parse(t.lastSeen) }));
  keyed.sort((a, b) => a.order - b.order || b.at - a.at);
  return keyed.map((k) => k.t);
}
