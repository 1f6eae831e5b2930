// Child processes for the keychain backends: always execFile-style (no shell), input on stdin only,
// a timeout on every call, output captured (never logged).

import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Written to the child's stdin, then stdin is closed. The only way a secret reaches a child. */
  input?: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  /** Exit code; `null` when killed or when it could not start. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started (`ENOENT` = not installed). */
  spawnError?: NodeJS.ErrnoException;
}

export type Runner = (command: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;

const MAX_OUTPUT = 4 * 1024 * 1024;

export const runProcess: Runner = (command, args, options) =>
  new Promise<RunResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    // Declared before `finish` can run: `spawn` may throw synchronously (invalid argument, NUL byte)
    // and `finish` must then work without a timer.
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const finish = (r: RunResult): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(r);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, [...args], {
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      });
    } catch (err) {
      finish({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, spawnError: err as NodeJS.ErrnoException });
      return;
    }
    timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => { if (stdout.length < MAX_OUTPUT) stdout += d; });
    child.stderr?.on('data', (d: string) => { if (stderr.length < MAX_OUTPUT) stderr += d; });
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish({ code: null, signal: null, stdout, stderr, timedOut, spawnError: err });
    });
    child.on('close', (code, signal) => finish({ code, signal, stdout, stderr, timedOut }));
    // A child that exits without reading stdin makes the write fail with EPIPE: not our error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
