// Git sources for `scan --staged` (the index) and `scan --git [RANGE]` (history). Objects are read
// through one `git cat-file --batch` process; the history is listed by one `git log --raw` process.
// Nothing here runs a shell; a RANGE is passed after checks as a single argument.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A failure of git itself, told in a sentence. */
export class GitError extends Error {}

/** One blob to scan: where it is shown, and for history, the commit that added it. */
export interface BlobRef {
  sha: string;
  path: string;
  commit?: string;
  /** Author date of `commit`, ISO 8601. */
  date?: string;
}

function git(cwd: string, args: readonly string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new GitError(code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git could not be started: ${r.error.message}`);
  }
  if (r.status !== 0) throw new GitError(describeGitFailure(r.stderr));
  return r.stdout;
}

function describeGitFailure(stderr: string): string {
  if (/not a git repository/i.test(stderr)) return 'this folder is not in a git repository (run it inside one, or scan PATHs instead)';
  const first = stderr.split('\n').find((l) => l.trim()) ?? 'git failed';
  return `git: ${first.replace(/^(fatal|error): /, '')}`;
}

/** The top folder of the work tree that holds `cwd`. */
export function repoRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

const ZERO = /^0+$/;
/** Regular files (not symlinks 120000, not submodules 160000). */
const FILE_MODE = /^100(644|755|664)$/;

export interface ListStats {
  symlinks: number;
  submodules: number;
}

/** Blobs staged in the index that differ from HEAD (added, copied, modified, renamed). */
export function stagedBlobs(root: string, stats: ListStats): BlobRef[] {
  const out = git(root, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMRT']);
  const refs: BlobRef[] = [];
  const parts = out.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!.replace(/^\n/, '');
    const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) [A-Z]/.exec(meta);
    if (!m) continue;
    const [, mode, sha] = m;
    if (!FILE_MODE.test(mode!)) {
      if (mode === '120000') stats.symlinks++;
      else stats.submodules++;
      continue;
    }
    if (!ZERO.test(sha!)) refs.push({ sha: sha!, path: parts[i + 1]! });
  }
  return refs;
}

/** A RANGE must be one revision expression, never an option for git. */
export function checkRange(range: string): void {
  if (range.startsWith('-') || /[\s\0]/.test(range)) throw new GitError(`"${range}" is not a revision range (e.g. main..HEAD, origin/main.., v1.2.0..v1.3.0)`);
}

/**
 * Streams every blob added in the history: for RANGE (git rev-list syntax) or, without one, every
 * commit reachable from any ref. Oldest commit first; a blob is listed once, at the first commit
 * that added it. Merge commits count against their first parent (so a conflict resolution is seen).
 */
export async function* historyBlobs(root: string, range: string | undefined, stats: ListStats & { commits: number }): AsyncGenerator<BlobRef> {
  if (range !== undefined) checkRange(range);
  const args = ['log', '--reverse', '--format=%x01%H %aI', '-z', '--raw', '--no-abbrev', '--no-renames', '--diff-merges=first-parent', '--no-color', range ?? '--all', '--'];
  const child = spawn('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(new GitError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git could not be started: ${e.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  const seen = new Set<string>();
  let commit = '';
  let date = '';
  let pendingMeta: string | undefined;
  let rest = '';
  child.stdout.setEncoding('utf8');
  try {
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\0');
      rest = parts.pop()!;
      for (let token of parts) {
        if (pendingMeta !== undefined) {
          const meta = pendingMeta;
          pendingMeta = undefined;
          const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([A-Z])/.exec(meta);
          if (!m) continue;
          const [, mode, sha, status] = m;
          if (status === 'D' || ZERO.test(sha!)) continue;
          if (!FILE_MODE.test(mode!)) {
            if (mode === '120000') stats.symlinks++;
            else stats.submodules++;
            continue;
          }
          if (seen.has(sha!)) continue;
          seen.add(sha!);
          yield { sha: sha!, path: token, commit, date };
          continue;
        }
        if (token.startsWith('\n')) token = token.slice(1);
        if (token.startsWith('\u0001')) {
          const sp = token.indexOf(' ');
          commit = token.slice(1, sp);
          date = token.slice(sp + 1);
          stats.commits++;
        } else if (token.startsWith(':')) {
          pendingMeta = token;
        }
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new GitError(describeGitFailure(stderr));
}

/**
 * One `git cat-file --batch` process: requests are written as they come, answers parsed in order.
 * `read` resolves to the blob's bytes (undefined when the object is missing).
 */
export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (b: Buffer | undefined) => void; reject: (e: Error) => void }[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the object whose body is being read, or -1 while reading a header line. */
  private bodySize = -1;
  private failure: Error | undefined;

  constructor(root: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: root });
    this.child.stdout.on('data', (d: Buffer) => this.onData(d));
    let stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => (stderr += d));
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(new GitError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git could not be started: ${e.message}`)));
    this.child.on('close', () => this.fail(new GitError(stderr ? describeGitFailure(stderr) : 'git cat-file stopped early')));
    this.child.stdin.on('error', () => undefined); // reported through 'close'
  }

  read(sha: string): Promise<Buffer | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(sha + '\n');
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered = all.length - n;
    return all.subarray(0, n);
  }

  private onData(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    for (;;) {
      if (this.bodySize < 0) {
        let nl = -1;
        let offset = 0;
        for (const c of this.chunks) {
          const i = c.indexOf(10);
          if (i !== -1) {
            nl = offset + i;
            break;
          }
          offset += c.length;
        }
        if (nl === -1) return;
        const header = this.take(nl + 1).toString('latin1').trimEnd();
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          this.waiting.shift()?.resolve(undefined);
          continue;
        }
        this.bodySize = Number(header.split(' ')[2]);
      }
      if (this.buffered < this.bodySize + 1) return;
      const body = Buffer.from(this.take(this.bodySize + 1).subarray(0, this.bodySize));
      this.bodySize = -1;
      this.waiting.shift()?.resolve(body);
    }
  }
}
