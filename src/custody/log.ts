// The custody log: every state change of a token, appended as one JSON object per line to a file the
// caller names (the extension passes a file under `globalStorageUri`). It holds fingerprints and
// redacted forms, never a token: a guard refuses any entry whose text contains a known secret.
// No `vscode` import and no Node module: the entries, their guard and retention are shared by the
// file-backed log of the extension and the CLI (logFile.ts) and the browser build's log (kept with
// `workspace.fs`, src/custody/vscode/workspaceLog.ts).
import type { Confidence, CredentialKind, Finding, Severity, TextRange, ValidationStatus } from '../engine/types';
import { containsSecret, redactRanges, type RedactableFinding, type SecretIndex } from './redact';

export const CUSTODY_EVENTS = [
  'detected',
  'masked',
  'revealed',
  'pasted-anyway',
  'paste-replaced',
  'moved-to-keychain',
  'checked',
  'revoked',
  'ignored',
  'scrubbed',
  'auto-revoked',
  'agent-used',
  'agent-flagged',
  'detected-more',
] as const;
export type CustodyEvent = (typeof CUSTODY_EVENTS)[number];

/** A place in a file or buffer. `uri` is the document URI; `path` is workspace-relative when known. */
export interface FileWhere {
  kind: 'file';
  uri: string;
  path?: string;
  /** 1-based lines and columns in UTF-16 code units, `endCol` exclusive (as in the CLI's JSON Lines). */
  range?: { line: number; col: number; endLine: number; endCol: number };
}

export type TerminalPlace = 'output' | 'command' | 'paste';

/** The AI agent that drove a terminal (custody place `agent-terminal`) and how it was recognised. */
export interface AgentWhere {
  /** `copilot`, `claude-code`, `cursor`, `codex`, `gemini-cli` (src/agents/detect.ts). */
  name: string;
  /** For messages and the view: "GitHub Copilot", "Claude Code"… */
  label?: string;
  /** `env COPILOT_AGENT`, `program claude`… */
  evidence?: string;
}

/**
 * A place in the integrated terminal. `command` is the command line, already redacted. `agent` is set
 * when an AI agent drove the terminal or the command: the custody place is then `agent-terminal` and
 * whatever was printed there was read by a model.
 */
export interface TerminalWhere {
  kind: 'terminal';
  terminal: string;
  place: TerminalPlace;
  command?: string;
  agent?: AgentWhere;
}

/** The custody place of a terminal occurrence, as `tokenCustody.policy.autoRevoke` names it. */
export function terminalCustodyPlace(where: TerminalWhere): 'agent-terminal' | 'terminal-output' | 'terminal-command' | 'terminal-paste' {
  return where.agent ? 'agent-terminal' : `terminal-${where.place}`;
}

export type CustodyWhere = FileWhere | TerminalWhere;

export interface DetectedDetail {
  name?: string;
  kind?: CredentialKind;
  severity?: Severity;
  confidence?: Confidence;
  validation?: ValidationStatus;
  validationDetail?: string;
  cliIssued?: boolean;
  machineIdentity?: boolean;
}

export type CheckResult = 'live' | 'not-live' | 'unknown' | 'error';
export interface CheckedDetail {
  result: CheckResult;
  endpointHost?: string;
  /** ISO time the token expires, when the issuer says. */
  expiresAt?: string;
  scopes?: string[];
  message?: string;
}

/** `revoked` / `already-invalid` end the token's life; `failed` and `manual` (console link shown) do not. */
export type RevokeResult = 'revoked' | 'already-invalid' | 'failed' | 'manual';
export interface RevokedDetail {
  result: RevokeResult;
  endpointHost?: string;
  status?: number;
  message?: string;
}
export interface AutoRevokedDetail extends RevokedDetail {
  /** The policy entry that matched (its `match`, joined). */
  policy?: string;
  place?: string;
}

export interface IgnoredDetail {
  how: 'line' | 'everywhere' | 'path';
  glob?: string;
  reason?: string;
}

export interface VaultDetail {
  /** `keychain://token-custody/NAME` or `vscode-secret://token-custody/NAME`. */
  reference: string;
  backend?: string;
}

export interface RevealDetail {
  seconds?: number;
  all?: boolean;
}

export interface ScrubbedDetail {
  target: 'terminal' | 'file' | 'clipboard';
}

/** How an agent reached Token Custody: a language-model tool in VS Code, the MCP server, or a hook. */
export type AgentChannel = 'lm-tool' | 'mcp' | 'hook';

/** An AI agent used a stored secret without seeing it (`tokenCustody_runWithSecrets`). */
export interface AgentUsedDetail {
  /** `copilot`, `claude-code`… or the MCP client's name; `unknown` when the caller did not say. */
  agent: string;
  via: AgentChannel;
  tool: string;
  /** The secret's name and reference (never its value). */
  secret: string;
  reference: string;
  /** The environment variable it went into. */
  variable?: string;
  outcome: 'ran' | 'refused' | 'cancelled' | 'unresolved' | 'failed';
  exitCode?: number;
  /** The command line, redacted and shortened. */
  command?: string;
}

/** A credential in something an agent handled: a prompt, a tool call, a tool's output, a checked text. */
export interface AgentFlaggedDetail {
  agent: string;
  via: AgentChannel;
  /** The tool (`Bash`, `run_shell_command`, `tokenCustody_checkText`…) or the hook event (`UserPromptSubmit`). */
  tool?: string;
  hook?: string;
  /** `blocked`: the prompt or call was stopped; `redacted`: the output was rewritten; `reported`: the agent was told. */
  outcome: 'blocked' | 'redacted' | 'reported';
}

/**
 * A file held more tokens than are recorded one by one (MAX_DETECTED_PER_DOCUMENT): one entry per
 * file and window says how many it held and how many got their own `detected` entry. It names no
 * token (fingerprint, redacted form, rule and issuer are empty): `token-custody scan <file>` lists
 * them all.
 */
export interface DetectedMoreDetail {
  /** Tokens in the file when it was published. */
  count: number;
  /** How many of them have their own `detected` entry (the first in the file). */
  recorded: number;
}

export interface CustodyDetailMap {
  detected: DetectedDetail;
  masked: RevealDetail;
  revealed: RevealDetail;
  'pasted-anyway': Record<string, never>;
  'paste-replaced': VaultDetail;
  'moved-to-keychain': VaultDetail;
  checked: CheckedDetail;
  revoked: RevokedDetail;
  ignored: IgnoredDetail;
  scrubbed: ScrubbedDetail;
  'auto-revoked': AutoRevokedDetail;
  'agent-used': AgentUsedDetail;
  'agent-flagged': AgentFlaggedDetail;
  'detected-more': DetectedMoreDetail;
}

interface EntryBase {
  /** ISO 8601 time. */
  ts: string;
  fingerprint: string;
  redacted: string;
  ruleId: string;
  issuer: string;
  /** Owning team (from `tokenCustody.owners`). */
  owner?: string;
  /** Workspace (folder) name. */
  workspace?: string;
  where?: CustodyWhere;
}

export type CustodyEntry = { [E in CustodyEvent]: EntryBase & { event: E; detail?: CustodyDetailMap[E] } }[CustodyEvent];
export type CustodyEntryOf<E extends CustodyEvent> = Extract<CustodyEntry, { event: E }>;

type WithoutTs<T> = T extends unknown ? Omit<T, 'ts'> & { ts?: string } : never;
/** An entry to append; `ts` defaults to now. */
export type CustodyInput = WithoutTs<CustodyEntry>;

// ---------------------------------------------------------------------------------------------
// Building entries

/** The identity fields of a finding (never its secret). */
export function findingFields(finding: Pick<Finding, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer'>): {
  fingerprint: string;
  redacted: string;
  ruleId: string;
  issuer: string;
} {
  return { fingerprint: finding.fingerprint, redacted: finding.redacted, ruleId: finding.ruleId, issuer: finding.issuer };
}

/** The `detected` detail of a finding: what the custody view and exports show without the rule registry. */
export function detectedDetail(finding: Finding): DetectedDetail {
  return {
    name: finding.name,
    kind: finding.kind,
    severity: finding.severity,
    confidence: finding.confidence,
    validation: finding.validation.status,
    validationDetail: finding.validation.detail,
    cliIssued: finding.cliIssued,
    machineIdentity: finding.machineIdentity,
  };
}

export function fileWhere(uri: string, range?: Pick<TextRange, 'startLine' | 'startCol' | 'endLine' | 'endCol'>, path?: string): FileWhere {
  const where: FileWhere = { kind: 'file', uri };
  if (path !== undefined) where.path = path.replace(/\\/g, '/');
  if (range) where.range = { line: range.startLine + 1, col: range.startCol + 1, endLine: range.endLine + 1, endCol: range.endCol + 1 };
  return where;
}

/**
 * A terminal place. `command` is the raw command line with the findings scanned in it: it is
 * redacted here (every finding's range replaced by its redacted form) before it goes anywhere.
 */
export function terminalWhere(terminal: string, place: TerminalPlace, command?: { text: string; findings: readonly RedactableFinding[] }, agent?: AgentWhere): TerminalWhere {
  const where: TerminalWhere = { kind: 'terminal', terminal, place };
  if (command) where.command = redactRanges(command.text, command.findings);
  if (agent) where.agent = { ...agent };
  return where;
}

/** Serialises an entry with a fixed key order (ts, event, fingerprint, redacted, ruleId, issuer, owner, workspace, where, detail). */
export function serialiseEntry(entry: CustodyEntry): string {
  const ordered: Record<string, unknown> = {
    ts: entry.ts,
    event: entry.event,
    fingerprint: entry.fingerprint,
    redacted: entry.redacted,
    ruleId: entry.ruleId,
    issuer: entry.issuer,
  };
  if (entry.owner !== undefined) ordered.owner = entry.owner;
  if (entry.workspace !== undefined) ordered.workspace = entry.workspace;
  if (entry.where !== undefined) ordered.where = entry.where;
  if (entry.detail !== undefined) ordered.detail = entry.detail;
  return JSON.stringify(ordered);
}

const EVENT_SET: ReadonlySet<string> = new Set(CUSTODY_EVENTS);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one log line; undefined when it is not a well-formed entry. */
export function parseEntry(line: string): CustodyEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  if (typeof v.ts !== 'string' || Number.isNaN(Date.parse(v.ts))) return undefined;
  if (typeof v.event !== 'string' || !EVENT_SET.has(v.event)) return undefined;
  for (const k of ['fingerprint', 'redacted', 'ruleId', 'issuer'] as const) if (typeof v[k] !== 'string') return undefined;
  for (const k of ['owner', 'workspace'] as const) if (v[k] !== undefined && typeof v[k] !== 'string') return undefined;
  if (v.where !== undefined) {
    if (!isRecord(v.where)) return undefined;
    if (v.where.kind === 'file' ? typeof v.where.uri !== 'string' : v.where.kind !== 'terminal' || typeof v.where.terminal !== 'string') return undefined;
  }
  if (v.detail !== undefined && !isRecord(v.detail)) return undefined;
  return v as unknown as CustodyEntry;
}

// ---------------------------------------------------------------------------------------------
// The log file

export class CustodyLogGuardError extends Error {
  constructor(readonly fingerprint: string) {
    super(`Refused to write a custody log entry for ${fingerprint}: it contains the token itself.`);
    this.name = 'CustodyLogGuardError';
  }
}

export interface AppendOptions {
  /** The secret(s) of the finding this entry is about: the entry is refused if it contains one. */
  secrets?: Iterable<string | undefined>;
}

export interface ReadResult {
  entries: CustodyEntry[];
  /** Non-blank lines that were not well-formed entries (corrupt, truncated). */
  skipped: number;
}

export interface RetentionResult {
  kept: number;
  /** Entries older than the window. */
  dropped: number;
  /** Corrupt lines removed. */
  corrupt: number;
  /** Whether the file was rewritten. */
  rewritten: boolean;
}

export const DAY_MS = 86_400_000;

export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** What the custody service needs of a log, wherever it is kept. */
export interface CustodyLogStore {
  /** Where the log is kept: a file path (desktop, CLI) or a URI (browser build). */
  readonly path: string;
  append(input: CustodyInput, options?: AppendOptions): Promise<boolean>;
  /**
   * Appends several entries in one write, each checked by the guard on its own (a refused entry is
   * reported and left out). Resolves to the number written; never rejects.
   */
  appendMany(inputs: readonly CustodyInput[], options?: AppendOptions): Promise<number>;
  readAll(): Promise<ReadResult>;
  applyRetention(days: number, now?: Date): Promise<RetentionResult>;
  /**
   * Removes the entries `drop` selects, rewriting the log at once (Clear Custody History); lines that
   * are not entries are kept. Resolves to how many entries were removed; rejects when the log could
   * not be rewritten.
   */
  removeEntries(drop: (entry: CustodyEntry) => boolean): Promise<number>;
  flush(): Promise<void>;
  onAppend(listener: (entry: CustodyEntry) => void): { dispose(): void };
  /**
   * Backpressure for producers of many entries (a workspace scan): undefined while less than the
   * store's cap of accepted lines waits to be written, else a promise that resolves once the backlog
   * is under the cap again. Appends are never refused for being many; a producer that waits here
   * keeps the backlog (and the memory it holds) bounded.
   */
  writable(): Promise<void> | undefined;
  /** Entries and characters accepted but not yet written, now and at most so far. */
  backlog(): LogBacklog;
}

export interface LogBacklog {
  entries: number;
  /** UTF-16 code units of the lines waiting (bytes for ASCII lines). */
  chars: number;
  peakEntries: number;
  peakChars: number;
}

/**
 * Characters of accepted lines waiting to be written past which `writable()` asks producers to wait
 * (about 2,000 `detected` lines). A 1 GB workspace scan left 29,940 lines (65.6 MB held) waiting when
 * every batch was its own locked append.
 */
export const LOG_BACKLOG_CAP = 1 << 20;

/** Where write failures and guard refusals of a log go. */
export interface LogSinks {
  /** Secrets the log must never contain (e.g. the tokens the session knows); checked on every append. */
  knownSecrets?: () => Iterable<string | undefined>;
  /** The same guard for many known secrets, as an index (one lookup per character of an entry). */
  knownSecretIndex?: SecretIndex;
  /** Where write failures and guard refusals go (append never rejects). */
  onError?: (error: Error) => void;
}

/**
 * The line to append for an entry (with its timestamp), or a CustodyLogGuardError when the line
 * would contain one of `secrets`.
 */
export function guardedLine(input: CustodyInput, secrets: Iterable<string | undefined>, now: Date, index?: SecretIndex): { entry: CustodyEntry; line: string } | CustodyLogGuardError {
  const entry: CustodyEntry = { ...input, ts: input.ts ?? now.toISOString() };
  const line = serialiseEntry(entry);
  return containsSecret(line, [...secrets]) || index?.containedIn(line) ? new CustodyLogGuardError(entry.fingerprint) : { entry, line };
}

/** {@link guardedLine} for a batch: the entries that pass (with their lines) and the refusals. */
export function guardedLines(inputs: readonly CustodyInput[], options: AppendOptions, sinks: LogSinks, now: Date): { ok: { entry: CustodyEntry; line: string }[]; refused: CustodyLogGuardError[] } {
  const secrets = [...(options.secrets ?? []), ...(sinks.knownSecrets?.() ?? [])];
  const ok: { entry: CustodyEntry; line: string }[] = [];
  const refused: CustodyLogGuardError[] = [];
  for (const input of inputs) {
    const g = guardedLine(input, secrets, now, sinks.knownSecretIndex);
    if (g instanceof CustodyLogGuardError) refused.push(g);
    else ok.push(g);
  }
  return { ok, refused };
}

/** A batch accepted by `appendMany`, waiting for its write. */
interface PendingBatch {
  text: string;
  entries: CustodyEntry[];
  done: (written: number) => void;
}

/**
 * What every store shares: operations serialised in one queue, the `onAppend` listeners, the error
 * sink, and a write-behind of appended lines. `appendMany` guards each entry and queues its lines;
 * the batches that arrive while a write is queued (not yet started) join it, so a burst of batches
 * becomes one write under one lock (one locked append per batch, about ten file-system round trips
 * each, fell behind a workspace scan's batches). `writable()` is the producers' backpressure. A
 * store says how lines reach its file (`writeLines`, run in the queue) and implements reading and
 * retention.
 */
export abstract class GuardedCustodyLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(entry: CustodyEntry) => void>();
  /** The batches of the write queued and not started yet (new batches join it). */
  private open: PendingBatch[] | undefined;
  private readonly waiting = { entries: 0, chars: 0, peakEntries: 0, peakChars: 0 };
  private drained: (() => void)[] = [];

  protected constructor(private readonly sinks: LogSinks, protected readonly now: () => Date, private readonly backlogCap: number = LOG_BACKLOG_CAP) {}

  /** Writes the lines of one or more batches (each line ends in a newline); runs in the queue. */
  protected abstract writeLines(text: string): Promise<void>;

  private chain<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn` after every queued operation; operations never interleave. Lines appended after this
   * call are written after `fn`.
   */
  protected enqueue<T>(fn: () => Promise<T>): Promise<T> {
    this.open = undefined;
    return this.chain(fn);
  }

  protected report(error: unknown): void {
    try {
      this.sinks.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // a failing error sink must not break the log
    }
  }

  /** Called with every entry written. Returns a disposer. */
  onAppend(listener: (entry: CustodyEntry) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /**
   * Appends one entry. Resolves true when written; false when refused by the secret guard or when the
   * write failed (both reported through `onError`). Never rejects, so callers may fire and forget.
   */
  append(input: CustodyInput, options: AppendOptions = {}): Promise<boolean> {
    return this.appendMany([input], options).then((n) => n === 1);
  }

  /**
   * Several entries, each guarded on its own (a refused entry is reported and left out), written in
   * order with whatever else is waiting. Resolves to the number written once they are; never rejects.
   */
  appendMany(inputs: readonly CustodyInput[], options: AppendOptions = {}): Promise<number> {
    const { ok, refused } = guardedLines(inputs, options, this.sinks, this.now());
    for (const r of refused) this.report(r);
    if (!ok.length) return Promise.resolve(0);
    let text = '';
    const entries: CustodyEntry[] = [];
    for (const g of ok) {
      text += g.line + '\n';
      entries.push(g.entry);
    }
    return new Promise<number>((done) => {
      const batch: PendingBatch = { text, entries, done };
      const w = this.waiting;
      w.entries += entries.length;
      w.chars += text.length;
      if (w.entries > w.peakEntries) w.peakEntries = w.entries;
      if (w.chars > w.peakChars) w.peakChars = w.chars;
      if (this.open) {
        this.open.push(batch);
        return;
      }
      const group = [batch];
      void this.chain(() => {
        if (this.open === group) this.open = undefined;
        return this.writeGroup(group);
      });
      this.open = group;
    });
  }

  private async writeGroup(group: PendingBatch[]): Promise<void> {
    let ok = true;
    try {
      await this.writeLines(group.length === 1 ? group[0]!.text : group.map((b) => b.text).join(''));
    } catch (e) {
      ok = false;
      this.report(e);
    }
    for (const b of group) {
      this.waiting.entries -= b.entries.length;
      this.waiting.chars -= b.text.length;
    }
    if (this.waiting.chars < this.backlogCap && this.drained.length) {
      const wake = this.drained;
      this.drained = [];
      for (const w of wake) w();
    }
    for (const b of group) {
      if (ok) {
        for (const entry of b.entries) {
          for (const l of this.listeners) {
            try {
              l(entry);
            } catch (e) {
              this.report(e);
            }
          }
        }
      }
      b.done(ok ? b.entries.length : 0);
    }
  }

  writable(): Promise<void> | undefined {
    if (this.waiting.chars < this.backlogCap) return undefined;
    return new Promise((resolve) => this.drained.push(resolve));
  }

  backlog(): LogBacklog {
    return { ...this.waiting };
  }

  /** Waits for every queued write. */
  flush(): Promise<void> {
    return this.enqueue(async () => undefined);
  }
}

/** Every well-formed entry of a log's text; corrupt or truncated lines are skipped and counted. */
export function parseLog(text: string): ReadResult {
  const entries: CustodyEntry[] = [];
  let skipped = 0;
  for (const line of splitLines(text)) {
    if (!line.trim()) continue;
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    else skipped++;
  }
  return { entries, skipped };
}

/** The lines of a log's text without the entries `drop` selects (other lines are kept as they are). */
export function linesWithout(text: string, drop: (entry: CustodyEntry) => boolean): { keep: string[]; removed: number } {
  const keep: string[] = [];
  let removed = 0;
  for (const line of splitLines(text)) {
    if (!line.trim()) continue;
    const entry = parseEntry(line);
    if (entry && drop(entry)) removed++;
    else keep.push(line);
  }
  return { keep, removed };
}

/** The lines of the last `days` days; corrupt lines are dropped and counted. */
export function recentLines(text: string, days: number, now: Date): { keep: string[]; dropped: number; corrupt: number } {
  const cutoff = now.getTime() - days * DAY_MS;
  const keep: string[] = [];
  let dropped = 0;
  let corrupt = 0;
  for (const line of splitLines(text).filter((l) => l.trim())) {
    const entry = parseEntry(line);
    if (!entry) corrupt++;
    else if (Date.parse(entry.ts) < cutoff) dropped++;
    else keep.push(line);
  }
  return { keep, dropped, corrupt };
}
