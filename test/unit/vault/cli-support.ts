// Drives the CLI modules with in-memory streams.
import { PassThrough, Readable } from 'node:stream';
import type { SecretBackend } from '../../../src/vault/backend';
import type { RunIo } from '../../../src/cli/run';

export interface CapturedIo extends RunIo {
  out(): string;
  err(): string;
}

export function captureIo(opts: { stdin?: string; env?: NodeJS.ProcessEnv; backend?: SecretBackend; cwd?: string } = {}): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
  return {
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdout, stderr,
    env: opts.env ?? {},
    ...(opts.backend ? { backend: opts.backend } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    stdio: 'pipe',
    out: () => out,
    err: () => err,
  };
}
