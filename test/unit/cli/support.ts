// Helpers for the CLI tests: the CLI driven in-process with captured stdio, the bundled CLI as a
// process, and real git repositories in a temp folder.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/**
 * The bundled CLI keeps its V8 code cache (src/cli/codeCache.ts) in a temporary folder of this test
 * process, not in the user's ~/.cache/token-custody: child processes inherit the variable (a test
 * that passes its own environment sets its own folder or HOME).
 */
if (process.env.TOKEN_CUSTODY_CACHE === undefined) {
  const cache = mkdtempSync(path.join(tmpdir(), 'tc-code-cache-'));
  process.env.TOKEN_CUSTODY_CACHE = cache;
  process.on('exit', () => rmSync(cache, { recursive: true, force: true }));
}

/** The bundled CLI (dist/cli.js), built by `npm run compile` / the test build. */
export const CLI = path.resolve(__dirname, '../../../../dist/cli.js');

export async function cli(args: string[], cwd: string, opts: { stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void): Writable => new Writable({ write: (c: Buffer, _e, cb) => (add(c.toString()), cb()) });
  const stdout = Object.assign(sink((s) => (out += s)), { isTTY: opts.tty }) as unknown as NodeJS.WriteStream;
  const stderr = sink((s) => (err += s)) as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdin: Readable.from([opts.stdin ?? '']), stdout, stderr, cwd, env: opts.env ?? {} }, { nodePath: process.execPath, cliPath: CLI });
  return { code, out, err };
}

/** The bundled CLI as a real process (`node -- dist/cli.js …`, as the launchers run it). */
export function cliProcess(args: string[], cwd: string, opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--', CLI, ...args], { cwd, encoding: 'utf8', input: opts.input, env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A git repository in a temp folder, with a fixed identity and no user or system config. */
export class Repo {
  readonly dir: string;
  private tick = 0;
  constructor(dir = tempDir('tc-git-')) {
    this.dir = dir;
    this.git('init', '-q', '-b', 'main');
  }

  env(): NodeJS.ProcessEnv {
    const date = `2024-01-01T00:00:00Z`;
    const when = new Date(Date.parse(date) + this.tick * 60_000).toISOString();
    return {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_DATE: when,
    };
  }

  git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8', env: this.env() });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  write(file: string, content: string | Buffer): void {
    const abs = path.join(this.dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }

  /** Writes the files, stages everything and commits; returns the commit id. */
  commit(message: string, files: Record<string, string | Buffer> = {}): string {
    for (const [f, c] of Object.entries(files)) this.write(f, c);
    this.git('add', '-A');
    this.tick++;
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** The author date of a commit as git prints it (%aI). */
  date(commit: string): string {
    return this.git('log', '-1', '--format=%aI', commit).trim();
  }
}
