// `token-custody secret get NAME | set NAME | list | delete NAME` — the OS keychain from the shell.
// `set` reads the value from stdin (hidden prompt on a terminal; one trailing newline dropped).
// Exit codes: 0 ok, 1 not found (get, delete), 2 usage or keychain error. Values only ever go to
// stdout of `get`; messages never contain them.

import type { SecretBackend } from '../vault/backend';
import { errorMessage, scrubSecret } from '../vault/backend';
import { createKeychainBackend } from '../vault/keychain';
import { isValidName } from '../vault/reference';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Injected keychain (tests); default: the OS keychain for this platform, with `env`. */
  backend?: SecretBackend;
}

export const SECRET_USAGE = `Usage: token-custody secret <command>
  get NAME       print the secret stored as keychain://token-custody/NAME
  set NAME       store a secret read from stdin (hidden prompt on a terminal)
  list           list the names stored by Token Custody
  delete NAME    delete a secret
Exit codes: 0 ok, 1 not found, 2 usage or keychain error.
`;

export function keychainFor(io: Pick<CliIo, 'env' | 'backend'>): SecretBackend {
  return io.backend ?? createKeychainBackend(process.platform, { env: io.env });
}

/** Reads all of stdin; on a terminal, without echo, up to Enter. One trailing newline is dropped. */
export async function readSecretInput(io: CliIo, prompt: string): Promise<string> {
  const { stdin } = io;
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
    io.stderr.write(prompt);
    return new Promise<string>((resolve, reject) => {
      let value = '';
      stdin.setRawMode?.(true);
      stdin.setEncoding('utf8');
      const done = (err?: Error): void => {
        stdin.removeListener('data', onData);
        stdin.setRawMode?.(false);
        stdin.pause();
        io.stderr.write('\n');
        if (err) reject(err);
        else resolve(value);
      };
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
          if (ch === '\u0003') return done(new Error('Cancelled.'));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runSecret(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const positional = rest.filter((a) => a !== '--');
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(SECRET_USAGE);
    return command === undefined ? 2 : 0;
  }
  const needsName = command === 'get' || command === 'set' || command === 'delete';
  if (!needsName && command !== 'list') {
    io.stderr.write(`token-custody secret: unknown command "${command}"\n${SECRET_USAGE}`);
    return 2;
  }
  const name = positional[0];
  if (needsName && (positional.length !== 1 || name === undefined)) {
    io.stderr.write(`token-custody secret ${command}: expected exactly one NAME\n${SECRET_USAGE}`);
    return 2;
  }
  if (!needsName && positional.length !== 0) {
    io.stderr.write(`token-custody secret list: takes no arguments\n`);
    return 2;
  }
  if (name !== undefined && !isValidName(name)) {
    io.stderr.write(`token-custody secret: invalid NAME (use A–Z a–z 0–9 _ . -, at most 128 characters)\n`);
    return 2;
  }
  const backend = keychainFor(io);
  let value: string | undefined;
  try {
    switch (command) {
      case 'get': {
        value = await backend.get(name as string);
        if (value === undefined) {
          io.stderr.write(`token-custody secret get: no secret named "${name}" in the ${backend.label}\n`);
          return 1;
        }
        io.stdout.write(io.stdout.isTTY ? `${value}\n` : value);
        return 0;
      }
      case 'set': {
        value = await readSecretInput(io, `Value for ${name}: `);
        if (value.length === 0) {
          io.stderr.write('token-custody secret set: empty value on stdin; nothing stored\n');
          return 2;
        }
        await backend.set(name as string, value);
        const back = await backend.get(name as string);
        if (back !== value) {
          io.stderr.write(`token-custody secret set: the ${backend.label} returned a different value for "${name}" after storing it\n`);
          return 2;
        }
        io.stderr.write(`Stored "${name}" in the ${backend.label} as keychain://token-custody/${name}\n`);
        return 0;
      }
      case 'delete': {
        const deleted = await backend.delete(name as string);
        if (!deleted) {
          io.stderr.write(`token-custody secret delete: no secret named "${name}" in the ${backend.label}\n`);
          return 1;
        }
        io.stderr.write(`Deleted "${name}" from the ${backend.label}\n`);
        return 0;
      }
      default: {
        const names = await backend.list();
        io.stdout.write(names.map((n) => `${n}\n`).join(''));
        return 0;
      }
    }
  } catch (err) {
    io.stderr.write(`token-custody secret ${command}: ${scrubSecret(errorMessage(err), value)}\n`);
    return 2;
  }
}
