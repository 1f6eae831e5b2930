// The custody log: every state change of a token, appended as one JSON object per line to a file the
// caller names (the extension passes a file under `globalStorageUri`). It holds fingerprints and
// redacted forms, never a token: a guard refuses any entry whose text contains a known secret.
// No `vscode` import: the log is plain Node so the CLI and unit tests use it as is.
import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Confidence, CredentialKind, Finding, Severity, TextRange, ValidationStatus } from '../engine/types';
import { containsSecret, redactRanges, type RedactableFinding } from './redact';

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

export interface CustodyLogOptions {
  /** The JSON Lines file. Its directory is created on the first write. */
  path: string;
  /** Secrets the log must never contain (e.g. the tokens the session knows); checked on every append. */
  knownSecrets?: () => Iterable<string | undefined>;
  /** Where write failures and guard refusals go (append never rejects). */
  onError?: (error: Error) => void;
  now?: () => Date;
  /** A lock older than this (or whose process is gone) is broken. Default 10 s. */
  lockStaleMs?: number;
  /** How long an append or a retention rewrite waits for the lock. Default 5 s. */
  lockTimeoutMs?: number;
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

const DAY_MS = 86_400_000;

function isNotFound(e: unknown): boolean {
  return isRecord(e) && e.code === 'ENOENT';
}

// ---------------------------------------------------------------------------------------------
// Cross-process lock: every window appends to the same file and each window's start-up retention
// rewrites it (temp file + rename). Without a lock, entries another window appends between the
// rewrite's read and its rename are lost (2,474 of 3,000 in a stress run). Appends and rewrites
// therefore hold `<log>.lock`, created with O_EXCL; a lock whose process is gone, or older than
// `lockStaleMs`, is broken (renamed away first, so two breakers cannot remove a fresh lock both).

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !(isRecord(e) && e.code === 'ESRCH');
  }
}

async function lockIsStale(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const st = await fs.stat(lockPath);
    if (Date.now() - st.mtimeMs > staleMs) return true;
    const pid = Number.parseInt((await fs.readFile(lockPath, 'utf8')).split(' ')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  } catch (e) {
    if (isNotFound(e)) return false; // released meanwhile: just retry
    throw e;
  }
}

/** Takes the lock; false when `timeoutMs` passed first. */
export async function acquireFileLock(lockPath: string, staleMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delay = 1;
  for (;;) {
    try {
      const h = await fs.open(lockPath, 'wx', 0o600);
      try {
        await h.writeFile(`${process.pid} ${Date.now()}\n`);
      } finally {
        await h.close();
      }
      return true;
    } catch (e) {
      if (!(isRecord(e) && e.code === 'EEXIST')) throw e;
    }
    if (await lockIsStale(lockPath, staleMs)) {
      const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
      try {
        await fs.rename(lockPath, aside);
        await fs.rm(aside, { force: true });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      continue;
    }
    if (Date.now() >= deadline) return false;
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 25);
  }
}

export async function releaseFileLock(lockPath: string): Promise<void> {
  await fs.rm(lockPath, { force: true });
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export class CustodyLog {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();
  private checkedTail = false;
  private readonly listeners = new Set<(entry: CustodyEntry) => void>();

  constructor(private readonly options: CustodyLogOptions) {
    this.path = options.path;
  }

  private get lockPath(): string {
    return `${this.path}.lock`;
  }

  /**
   * Runs `fn` holding the cross-process lock. When the lock cannot be had in time, `fn` still runs
   * for an append (never drop an entry because another window hangs) and is skipped (undefined)
   * for a rewrite.
   */
  private async locked<T>(fn: () => Promise<T>, withoutLock: 'run' | 'skip'): Promise<T | undefined> {
    await fs.mkdir(dirname(this.path), { recursive: true });
    const got = await acquireFileLock(this.lockPath, this.options.lockStaleMs ?? 10_000, this.options.lockTimeoutMs ?? 5_000);
    if (!got) {
      this.report(new Error(`custody log: ${this.lockPath} is held by another window; ${withoutLock === 'run' ? 'appending without it' : 'retention skipped this time'}`));
      if (withoutLock === 'skip') return undefined;
      return fn();
    }
    try {
      return await fn();
    } finally {
      await releaseFileLock(this.lockPath).catch((e: unknown) => this.report(e));
    }
  }

  /** Runs `fn` after every queued operation; operations never interleave. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private report(error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    try {
      this.options.onError?.(e);
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
    const entry = { ...input, ts: input.ts ?? (this.options.now?.() ?? new Date()).toISOString() };
    const line = serialiseEntry(entry);
    const secrets = [...(options.secrets ?? []), ...(this.options.knownSecrets?.() ?? [])];
    if (containsSecret(line, secrets)) {
      this.report(new CustodyLogGuardError(entry.fingerprint));
      return Promise.resolve(false);
    }
    return this.enqueue(async () => {
      await this.locked(async () => {
        let prefix = '';
        if (!this.checkedTail) {
          // A crash may have left a truncated last line: start on a fresh line so this entry survives.
          prefix = (await this.endsWithoutNewline()) ? '\n' : '';
        }
        await fs.appendFile(this.path, prefix + line + '\n', { encoding: 'utf8', mode: 0o600 });
        this.checkedTail = true;
      }, 'run');
      return true;
    }).then(
      (ok) => {
        for (const l of this.listeners) {
          try {
            l(entry);
          } catch (e) {
            this.report(e);
          }
        }
        return ok;
      },
      (e: unknown) => {
        this.report(e);
        return false;
      },
    );
  }

  private async endsWithoutNewline(): Promise<boolean> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.path, 'r');
      const { size } = await handle.stat();
      if (size === 0) return false;
      const buf = Buffer.alloc(1);
      await handle.read(buf, 0, 1, size - 1);
      return buf[0] !== 0x0a;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    } finally {
      await handle?.close();
    }
  }

  private async readText(): Promise<string> {
    try {
      return await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if (isNotFound(e)) return '';
      throw e;
    }
  }

  /** Waits for every queued write. */
  flush(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Every well-formed entry in file order; corrupt or truncated lines are skipped and counted. */
  readAll(): Promise<ReadResult> {
    return this.enqueue(async () => {
      const entries: CustodyEntry[] = [];
      let skipped = 0;
      for (const line of splitLines(await this.readText())) {
        if (!line.trim()) continue;
        const entry = parseEntry(line);
        if (entry) entries.push(entry);
        else skipped++;
      }
      return { entries, skipped };
    });
  }

  /**
   * Keeps the entries of the last `days` days (run at start-up). Corrupt lines are dropped too. The
   * file is rewritten atomically (temp file + rename) and only when something is dropped.
   * `days` <= 0 (or not a number) keeps everything.
   */
  applyRetention(days: number, now: Date = new Date()): Promise<RetentionResult> {
    return this.enqueue(async () => {
      if (!(days > 0) || !Number.isFinite(days)) {
        const lines = splitLines(await this.readText()).filter((l) => l.trim());
        return { kept: lines.length, dropped: 0, corrupt: 0, rewritten: false };
      }
      const exists = await fs.stat(this.path).then(() => true, (e: unknown) => {
        if (isNotFound(e)) return false;
        throw e;
      });
      if (!exists) return { kept: 0, dropped: 0, corrupt: 0, rewritten: false };
      // Read, filter, write and rename under the lock, so no other window appends in between.
      const result = await this.locked(() => this.rewriteRecent(days, now), 'skip');
      return result ?? { kept: 0, dropped: 0, corrupt: 0, rewritten: false };
    });
  }

  private async rewriteRecent(days: number, now: Date): Promise<RetentionResult> {
    const lines = splitLines(await this.readText()).filter((l) => l.trim());
    const cutoff = now.getTime() - days * DAY_MS;
    const keep: string[] = [];
    let dropped = 0;
    let corrupt = 0;
    for (const line of lines) {
      const entry = parseEntry(line);
      if (!entry) corrupt++;
      else if (Date.parse(entry.ts) < cutoff) dropped++;
      else keep.push(line);
    }
    if (dropped === 0 && corrupt === 0) return { kept: keep.length, dropped, corrupt, rewritten: false };
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.writeFile(tmp, keep.length ? keep.join('\n') + '\n' : '', { encoding: 'utf8', mode: 0o600 });
      await fs.rename(tmp, this.path);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    this.checkedTail = true;
    return { kept: keep.length, dropped, corrupt, rewritten: true };
  }
}
