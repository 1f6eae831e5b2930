// The custody log file (JSON Lines) of the extension and the CLI: appends and start-up retention,
// serialised in the process and across processes by a lock file. Entries, guard and retention rules
// are in log.ts (shared with the browser build, which has no file system of its own).
import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GuardedCustodyLog, linesWithout, parseLog, recentLines, splitLines, type CustodyEntry, type CustodyLogStore, type LogSinks, type ReadResult, type RetentionResult } from './log';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface CustodyLogOptions extends LogSinks {
  /** The JSON Lines file. Its directory is created on the first write. */
  path: string;
  now?: () => Date;
  /** A lock older than this (or whose process is gone) is broken. Default 10 s. */
  lockStaleMs?: number;
  /** How long an append or a retention rewrite waits for the lock. Default 5 s. */
  lockTimeoutMs?: number;
  /** Characters of lines waiting to be written past which `writable()` asks producers to wait. Default LOG_BACKLOG_CAP. */
  backlogCap?: number;
}

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

export class CustodyLog extends GuardedCustodyLog implements CustodyLogStore {
  readonly path: string;
  private checkedTail = false;

  constructor(private readonly options: CustodyLogOptions) {
    super(options, () => options.now?.() ?? new Date(), options.backlogCap);
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

  /** The lines of the waiting batches in one append under one lock. */
  protected async writeLines(text: string): Promise<void> {
    await this.locked(async () => {
      let prefix = '';
      if (!this.checkedTail) {
        // A crash may have left a truncated last line: start on a fresh line so these entries survive.
        prefix = (await this.endsWithoutNewline()) ? '\n' : '';
      }
      await fs.appendFile(this.path, prefix + text, { encoding: 'utf8', mode: 0o600 });
      this.checkedTail = true;
    }, 'run');
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

  /** Every well-formed entry in file order; corrupt or truncated lines are skipped and counted. */
  readAll(): Promise<ReadResult> {
    return this.enqueue(async () => parseLog(await this.readText()));
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
    const { keep, dropped, corrupt } = recentLines(await this.readText(), days, now);
    if (dropped === 0 && corrupt === 0) return { kept: keep.length, dropped, corrupt, rewritten: false };
    await this.replaceWith(keep);
    return { kept: keep.length, dropped, corrupt, rewritten: true };
  }

  /** Writes `lines` as the whole log (temp file + rename); the caller holds the lock. */
  private async replaceWith(lines: readonly string[]): Promise<void> {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.writeFile(tmp, lines.length ? lines.join('\n') + '\n' : '', { encoding: 'utf8', mode: 0o600 });
      await fs.rename(tmp, this.path);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    this.checkedTail = true;
  }

  /** Removes the entries `drop` selects under the lock (no other window appends meanwhile). */
  removeEntries(drop: (entry: CustodyEntry) => boolean): Promise<number> {
    return this.enqueue(async () => {
      const removed = await this.locked(async () => {
        const { keep, removed } = linesWithout(await this.readText(), drop);
        if (removed) await this.replaceWith(keep);
        return removed;
      }, 'skip');
      if (removed === undefined) throw new Error(`${this.lockPath} is held by another window; nothing was removed`);
      return removed;
    });
  }
}
