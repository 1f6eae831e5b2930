// What the custody view shows, as plain data (no `vscode` import): which tokens are listed, how they
// are grouped, each row's label, description, tooltip and the context flags that decide which actions
// appear. src/custody/view.ts turns these into TreeItems.
import type { Finding } from '../engine/types';
import { issuerName } from '../engine/issuerNames';
import { classify } from './classify';
import type { CustodyWhere } from './log';
import { formatOwner, ownerFor, type Owners } from './owners';
import { sortedTokens, type CustodyState, type MoreTokens, type SeenAt, type TokenCustody } from './state';
import { ENGLISH, formatNumber, type Locale, type Translate } from '../util/l10n';
import { relativeTime } from '../util/relativeTime';

/** Group order in the view: exposed → vaulted → revoked / ignored. */
export const GROUP_ORDER: readonly CustodyState[] = ['exposed', 'vaulted', 'revoked', 'ignored'];

/** The heading of a state's group. */
export function groupLabel(state: CustodyState, t: Translate = ENGLISH.t): string {
  switch (state) {
    case 'exposed': return t('Exposed');
    case 'vaulted': return t('In keychain');
    case 'revoked': return t('Revoked');
    case 'ignored': return t('Ignored');
  }
}

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
export function groupTokens<T extends ViewToken>(tokens: readonly T[], loc: Locale = ENGLISH): TokenGroup<T>[] {
  const byFp = new Map(tokens.map((t) => [t.custody.fingerprint, t]));
  const sorted = sortedTokens(tokens.map((t) => t.custody));
  return GROUP_ORDER.map((state) => ({
    state,
    label: groupLabel(state, loc.t),
    tokens: sorted.filter((c) => c.state === state).map((c) => byFp.get(c.fingerprint)).filter((t): t is T => t !== undefined),
  })).filter((g) => g.tokens.length > 0);
}

/** `3 minutes ago`, `now`, `yesterday`, in the locale's language; `?` for a time that does not parse. */
export function when(iso: string, now: Date, loc: Locale = ENGLISH): string {
  return relativeTime(iso, now, loc.language) ?? '?';
}

/** `seen 3 minutes ago`, `seen now`, `seen 2 days ago`. */
export function ageLabel(iso: string, now: Date, loc: Locale = ENGLISH): string {
  const w = relativeTime(iso, now, loc.language);
  return w === undefined ? loc.t('seen') : loc.t('seen {0}', w);
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

/** A token row; its Markdown tooltip is `tokenTooltip`, built apart (the view asks for it on hover). */
export interface TokenRow {
  label: string;
  description: string;
  contextValue: string;
  icon: string;
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Markdown (escaped where it quotes a value). */
function stateLine(c: TokenCustody, now: Date, loc: Locale): string {
  const { t } = loc;
  switch (c.state) {
    case 'exposed':
      return escapeMarkdown(t('Exposed: seen in plain text'));
    case 'vaulted':
      return c.reference ? t('In the keychain as {0}', `\`${c.reference}\``) : escapeMarkdown(t('In the keychain'));
    case 'revoked': {
      const r = c.revocation;
      const ago = r ? when(r.at, now, loc) : undefined;
      const host = r?.endpointHost;
      const text = r?.automatic
        ? ago ? host ? t('Revoked automatically {0} at {1}', ago, host) : t('Revoked automatically {0}', ago) : t('Revoked automatically')
        : ago ? host ? t('Revoked {0} at {1}', ago, host) : t('Revoked {0}', ago) : t('Revoked');
      return escapeMarkdown(text);
    }
    case 'ignored': {
      const i = c.ignored;
      const how = !i?.how ? undefined : i.how === 'everywhere' ? t('everywhere') : i.how === 'line' ? t('this occurrence') : t('path {0}', i.glob ?? '').trim();
      const head = how ? t('Ignored ({0})', how) : t('Ignored');
      return escapeMarkdown(i?.reason ? t('{0}: {1}', head, i.reason) : head);
    }
  }
}

export function tokenRow(t: ViewToken, owners: Owners, now: Date, loc: Locale = ENGLISH): TokenRow {
  const c = t.custody;
  const description = [issuerName(c.issuer), ownerLabel(c, owners), ageLabel(c.lastSeen, now, loc)].filter(Boolean).join(' · ');
  return { label: c.redacted, description, contextValue: contextValue('tcToken', tokenFlags(t)), icon: STATE_ICONS[c.state] };
}

/** A token row's tooltip: Markdown, no links, no raw token. */
export function tokenTooltip(t: ViewToken, owners: Owners, now: Date, loc: Locale = ENGLISH): string {
  const tr = loc.t;
  const c = t.custody;
  const owner = ownerLabel(c, owners);
  const issuer = issuerName(c.issuer);
  const name = t.finding?.name ?? c.name ?? c.ruleId;
  const lines: string[] = [`**${escapeMarkdown(name)}** \`${c.redacted}\``, '', stateLine(c, now, loc)];
  const kind = t.finding?.kind ?? c.kind;
  if (kind) {
    const cls = classify(
      { kind, cliIssued: t.finding?.cliIssued ?? c.cliIssued ?? false, machineIdentity: t.finding?.machineIdentity ?? c.machineIdentity ?? false, metadata: t.finding?.metadata ?? {} },
      { now, locale: loc, ...(c.check?.expiresAt ? { expiresAt: c.check.expiresAt } : {}) },
    );
    lines.push('', escapeMarkdown(cls.summary));
  }
  lines.push('', tr('Issuer: {0}', escapeMarkdown(issuer)));
  if (owner) lines.push('', tr('Owner: {0}', escapeMarkdown(owner)));
  const validation = t.finding?.validation.detail ?? c.validationDetail;
  if (validation) lines.push('', tr('Format: {0}', escapeMarkdown(validation)));
  if (c.check) lines.push('', tr('Last check: {0} ({1})', c.check.result, when(c.check.at, now, loc)));
  if (c.revocation && c.state !== 'revoked') {
    lines.push('', c.revocation.message
      ? tr('Last revocation attempt: {0} — {1}', c.revocation.result, escapeMarkdown(c.revocation.message))
      : tr('Last revocation attempt: {0}', c.revocation.result));
  }
  const first = when(c.firstSeen, now, loc);
  const last = when(c.lastSeen, now, loc);
  lines.push('', c.seen.length === 1 ? tr('Seen in 1 place; first {0}, last {1}', first, last) : tr('Seen in {0} places; first {1}, last {2}', c.seen.length, first, last));
  lines.push('', tr('Fingerprint: {0}', `\`${c.fingerprint}\``));
  if (!t.finding && c.state !== 'revoked') lines.push('', `_${escapeMarkdown(tr('Not seen in this window: revoke, check and move need the token, open where it is first.'))}_`);
  return lines.join('\n');
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

export function placeRow(t: ViewToken, s: SeenAt, now: Date, loc: Locale = ENGLISH): PlaceRow {
  const tr = loc.t;
  const w = s.where;
  const flags = placeFlags(t, w);
  if (w.kind === 'terminal') {
    const what = w.place === 'output' ? tr('output') : w.place === 'command' ? tr('command line') : tr('paste');
    const agent = w.agent ? (w.agent.label ?? w.agent.name) : undefined;
    const seenIn = w.command ? tr('Seen in the {0} of terminal “{1}”: {2}', what, w.terminal, w.command) : tr('Seen in the {0} of terminal “{1}”', what, w.terminal);
    return {
      label: agent ? tr('Agent terminal ({0}) “{1}” · {2}', agent, w.terminal, what) : tr('Terminal “{0}” · {1}', w.terminal, what),
      description: [w.command, ageLabel(s.lastSeen, now, loc)].filter(Boolean).join(' · '),
      tooltip: agent ? tr('{0}. {1} drove this terminal ({2}): the token reached a model.', seenIn, agent, w.agent?.evidence ?? 'agent-terminal') : seenIn,
      contextValue: contextValue('tcPlace', flags, agent ? ['terminal', 'agentTerminal'] : ['terminal']),
      icon: agent ? 'copilot' : 'terminal',
    };
  }
  const file = w.path ?? basenameOf(w.uri);
  const r = w.range;
  const label = r ? `${file}:${r.line}` : file;
  const row: PlaceRow = {
    label,
    description: ageLabel(s.lastSeen, now, loc),
    tooltip: r ? tr('{0}, line {1}, column {2}', file, r.line, r.col) : file,
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

/** The files with more tokens than were recorded one by one, of this workspace (as visibleTokens). */
export function visibleMore(more: readonly MoreTokens[], workspaceName: string | undefined): MoreTokens[] {
  return more.filter((m) => (workspaceName === undefined ? m.workspace === undefined : m.workspace === workspaceName) && m.count > m.recorded);
}

/**
 * The row of a `detected-more` entry, after the exposed tokens: "and 327,022 more tokens in
 * dump.env". It names a count and a file, never a token; it opens the file.
 */
export function moreRow(m: MoreTokens, now: Date, loc: Locale = ENGLISH): PlaceRow {
  const { t } = loc;
  const file = m.where.path ?? basenameOf(m.where.uri);
  const n = m.count - m.recorded;
  const count = formatNumber(n, loc.language);
  return {
    label: n === 1 ? t('and 1 more token in {0}', file) : t('and {0} more tokens in {1}', count, file),
    description: ageLabel(m.at, now, loc),
    tooltip: t('{0} held {1} tokens: the first {2} are listed one by one, the other {3} are counted here. All of them are masked in the editor.', file, formatNumber(m.count, loc.language), formatNumber(m.recorded, loc.language), count),
    contextValue: 'tcMore',
    icon: 'ellipsis',
    open: { uri: m.where.uri },
  };
}

/**
 * How many rows of a group the view lists at first, and how many more each "Show more" adds. The
 * view hands VS Code every row of an expanded group on each refresh (about every 50 ms while a scan
 * records tokens), and VS Code serialises them all. Profiled in the host with 10,000 exposed tokens,
 * a refresh was one 111–160 ms task; listing a page, 15–16 ms, whatever the number of tokens.
 */
export const GROUP_PAGE = 500;

/** The rows of a group to list, `limit` at most, and how many are left out. */
export function pageOf<T>(rows: readonly T[], limit: number): { shown: readonly T[]; hidden: number } {
  return rows.length <= limit ? { shown: rows, hidden: 0 } : { shown: rows.slice(0, limit), hidden: rows.length - limit };
}

/** The row after a group's listed tokens when some are left out: "Show 500 more" (it lists them). */
export function showMoreRow(shown: number, hidden: number, loc: Locale = ENGLISH): { label: string; description: string; tooltip: string } {
  const { t, language } = loc;
  const next = Math.min(GROUP_PAGE, hidden);
  const total = formatNumber(shown + hidden, language);
  return {
    label: next === 1 ? t('Show 1 more token') : t('Show {0} more tokens', formatNumber(next, language)),
    description: t('{0} of {1} listed', formatNumber(shown, language), total),
    tooltip: t('The most recently seen tokens are listed first, {0} at a time. Listed or not, a token is masked and reported the same way.', formatNumber(GROUP_PAGE, language)),
  };
}
