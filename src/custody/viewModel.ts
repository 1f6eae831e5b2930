// What the custody view shows, as plain data (no `vscode` import): which tokens are listed, how they
// are grouped, each row's label, description, tooltip and the context flags that decide which actions
// appear. src/custody/view.ts turns these into TreeItems.
import type { Finding } from '../engine/types';
import { issuerName } from '../engine/issuerNames';
import { classify, humanDuration } from './classify';
import type { CustodyWhere } from './log';
import { formatOwner, ownerFor, type Owners } from './owners';
import { sortedTokens, type CustodyState, type SeenAt, type TokenCustody } from './state';

/** Group order in the view: exposed → vaulted → revoked / ignored. */
export const GROUP_ORDER: readonly CustodyState[] = ['exposed', 'vaulted', 'revoked', 'ignored'];

export const GROUP_LABELS: Record<CustodyState, string> = {
  exposed: 'Exposed',
  vaulted: 'In keychain',
  revoked: 'Revoked',
  ignored: 'Ignored',
};

/** Codicon per state. */
export const STATE_ICONS: Record<CustodyState, string> = {
  exposed: 'warning',
  vaulted: 'key',
  revoked: 'circle-slash',
  ignored: 'mute',
};

export interface ViewToken {
  custody: TokenCustody;
  /** The finding of this window (holds the secret in memory), when the token was seen in this window. */
  finding?: Finding;
}

/**
 * The tokens the view lists: those seen in this window (session) and those the log records for this
 * workspace. Without a workspace name (no folder open), tokens recorded without a workspace are listed.
 */
export function visibleTokens<T extends ViewToken>(tokens: readonly T[], workspaceName: string | undefined): T[] {
  return tokens.filter((t) => {
    if (t.finding) return true;
    const ws = t.custody.workspaces;
    return workspaceName === undefined ? ws.length === 0 : ws.includes(workspaceName);
  });
}

export interface TokenGroup<T extends ViewToken> {
  state: CustodyState;
  label: string;
  tokens: T[];
}

/** Non-empty groups in {@link GROUP_ORDER}; within a group, most recently seen first. */
export function groupTokens<T extends ViewToken>(tokens: readonly T[]): TokenGroup<T>[] {
  const byFp = new Map(tokens.map((t) => [t.custody.fingerprint, t]));
  const sorted = sortedTokens(tokens.map((t) => t.custody));
  return GROUP_ORDER.map((state) => ({
    state,
    label: GROUP_LABELS[state],
    tokens: sorted.filter((c) => c.state === state).map((c) => byFp.get(c.fingerprint)).filter((t): t is T => t !== undefined),
  })).filter((g) => g.tokens.length > 0);
}

/** `seen 3 min ago`, `seen just now`, `seen 2 days ago`. */
export function ageLabel(iso: string, now: Date, verb = 'seen'): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return verb;
  const ms = now.getTime() - at;
  if (ms < 60_000) return `${verb} just now`;
  if (ms < 3_600_000) return `${verb} ${Math.floor(ms / 60_000)} min ago`;
  return `${verb} ${humanDuration(ms)} ago`;
}

/** The owner to show: from the current `tokenCustody.owners` setting, else the one recorded in the log. */
export function ownerLabel(t: Pick<TokenCustody, 'ruleId' | 'issuer' | 'owner'>, owners: Owners): string | undefined {
  const o = ownerFor(owners, t);
  return o ? formatOwner(o) : t.owner;
}

export interface ItemFlags {
  /** Revoke / Check need the secret: only for tokens whose finding is known in this window. */
  canRevoke: boolean;
  canCheck: boolean;
  /** Move to keychain: only on file places, with the finding known in this window. */
  canMove: boolean;
  canIgnore: boolean;
}

/** `tcToken canRevoke canCheck canIgnore`: the menus' `when` clauses test these words. */
export function contextValue(kind: 'tcToken' | 'tcPlace', flags: ItemFlags, extra: readonly string[] = []): string {
  const words: string[] = [kind, ...extra];
  for (const [k, v] of Object.entries(flags)) if (v) words.push(k);
  return words.join(' ');
}

export function tokenFlags(t: ViewToken): ItemFlags {
  const live = t.finding !== undefined;
  const active = t.custody.state !== 'revoked';
  return {
    canRevoke: live && active,
    canCheck: live && active,
    canMove: false,
    canIgnore: t.custody.state !== 'ignored' && active,
  };
}

export function placeFlags(t: ViewToken, where: CustodyWhere): ItemFlags {
  const base = tokenFlags(t);
  return {
    ...base,
    canMove: base.canRevoke && where.kind === 'file' && (t.custody.state === 'exposed' || t.custody.state === 'ignored'),
    canIgnore: false,
  };
}

export interface TokenRow {
  label: string;
  description: string;
  /** Markdown (no links, no raw token). */
  tooltip: string;
  contextValue: string;
  icon: string;
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, '\\$&');
}

function stateLine(c: TokenCustody, now: Date): string {
  switch (c.state) {
    case 'exposed':
      return 'Exposed: seen in plain text';
    case 'vaulted':
      return `In the keychain${c.reference ? ` as \`${c.reference}\`` : ''}`;
    case 'revoked':
      return `Revoked${c.revocation?.automatic ? ' automatically' : ''}${c.revocation ? ` ${ageLabel(c.revocation.at, now, '').trim()}` : ''}${c.revocation?.endpointHost ? ` at ${c.revocation.endpointHost}` : ''}`;
    case 'ignored':
      return `Ignored${c.ignored?.how ? ` (${c.ignored.how === 'everywhere' ? 'everywhere' : c.ignored.how === 'line' ? 'this occurrence' : `path ${c.ignored.glob ?? ''}`.trim()})` : ''}${c.ignored?.reason ? `: ${c.ignored.reason}` : ''}`;
  }
}

export function tokenRow(t: ViewToken, owners: Owners, now: Date): TokenRow {
  const c = t.custody;
  const owner = ownerLabel(c, owners);
  const issuer = issuerName(c.issuer);
  const description = [issuer, owner, ageLabel(c.lastSeen, now)].filter(Boolean).join(' · ');
  const name = t.finding?.name ?? c.name ?? c.ruleId;
  const lines: string[] = [`**${escapeMarkdown(name)}** \`${c.redacted}\``, '', escapeMarkdown(stateLine(c, now))];
  const kind = t.finding?.kind ?? c.kind;
  if (kind) {
    const cls = classify(
      { kind, cliIssued: t.finding?.cliIssued ?? c.cliIssued ?? false, machineIdentity: t.finding?.machineIdentity ?? c.machineIdentity ?? false, metadata: t.finding?.metadata ?? {} },
      { now, ...(c.check?.expiresAt ? { expiresAt: c.check.expiresAt } : {}) },
    );
    lines.push('', escapeMarkdown(cls.summary));
  }
  lines.push('', `Issuer: ${escapeMarkdown(issuer)}`);
  if (owner) lines.push('', `Owner: ${escapeMarkdown(owner)}`);
  const validation = t.finding?.validation.detail ?? c.validationDetail;
  if (validation) lines.push('', `Format: ${escapeMarkdown(validation)}`);
  if (c.check) lines.push('', `Last check: ${c.check.result} (${ageLabel(c.check.at, now, '').trim()})`);
  if (c.revocation && c.state !== 'revoked') lines.push('', `Last revocation attempt: ${c.revocation.result}${c.revocation.message ? ` — ${escapeMarkdown(c.revocation.message)}` : ''}`);
  lines.push('', `Seen in ${c.seen.length} place${c.seen.length === 1 ? '' : 's'}; first ${ageLabel(c.firstSeen, now, '').trim()}, last ${ageLabel(c.lastSeen, now, '').trim()}`);
  lines.push('', `Fingerprint: \`${c.fingerprint}\``);
  if (!t.finding && c.state !== 'revoked') lines.push('', '_Not seen in this window: revoke, check and move need the token, open where it is first._');
  return { label: c.redacted, description, tooltip: lines.join('\n'), contextValue: contextValue('tcToken', tokenFlags(t)), icon: STATE_ICONS[c.state] };
}

export interface PlaceRow {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  icon: string;
  /** For file places: where to open (0-based range). */
  open?: { uri: string; range?: { startLine: number; startCol: number; endLine: number; endCol: number } };
}

function basenameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const i = path.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? path.slice(i + 1) : path);
}

export function placeRow(t: ViewToken, s: SeenAt, now: Date): PlaceRow {
  const w = s.where;
  const flags = placeFlags(t, w);
  if (w.kind === 'terminal') {
    const what = w.place === 'output' ? 'output' : w.place === 'command' ? 'command line' : 'paste';
    const agent = w.agent ? (w.agent.label ?? w.agent.name) : undefined;
    return {
      label: agent ? `Agent terminal (${agent}) “${w.terminal}” · ${what}` : `Terminal “${w.terminal}” · ${what}`,
      description: [w.command, ageLabel(s.lastSeen, now)].filter(Boolean).join(' · '),
      tooltip: `Seen in the ${what} of terminal “${w.terminal}”${w.command ? `: ${w.command}` : ''}` +
        (agent ? `. ${agent} drove this terminal (${w.agent?.evidence ?? 'agent-terminal'}): the token reached a model.` : ''),
      contextValue: contextValue('tcPlace', flags, agent ? ['terminal', 'agentTerminal'] : ['terminal']),
      icon: agent ? 'copilot' : 'terminal',
    };
  }
  const file = w.path ?? basenameOf(w.uri);
  const r = w.range;
  const label = r ? `${file}:${r.line}` : file;
  const row: PlaceRow = {
    label,
    description: ageLabel(s.lastSeen, now),
    tooltip: r ? `${file}, line ${r.line}, column ${r.col}` : file,
    contextValue: contextValue('tcPlace', flags, ['file']),
    icon: 'file',
    open: { uri: w.uri },
  };
  if (r && row.open) row.open.range = { startLine: r.line - 1, startCol: r.col - 1, endLine: r.endLine - 1, endCol: r.endCol - 1 };
  return row;
}

/** Count of exposed tokens (the view's badge). */
export function exposedCount(tokens: readonly ViewToken[]): number {
  return tokens.filter((t) => t.custody.state === 'exposed').length;
}
