// Argument parsing shared by the CLI commands: `node:util` parseArgs in strict mode, with errors
// turned into one human sentence and a hint (the closest known option, or where to read the usage).

import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line: printed with a hint, exit status 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 0.5 : distance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export interface Parsed<T> {
  values: T;
  positionals: string[];
}

/**
 * `parseArgs` with `strict: true` and positionals allowed; its errors become UsageErrors such as
 * `unknown option --fromat (did you mean --format?)`.
 */
export function parseOptions<T>(command: string, args: readonly string[], options: Options): Parsed<T> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: values as T, positionals };
  } catch (e) {
    const err = e as Error & { code?: string };
    const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
    const name = quoted.split(' ')[0]!;
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
        const longs = Object.keys(options).map((k) => `--${k}`);
        const guess = name.startsWith('--') ? closest(name.split('=')[0]!, longs) : undefined;
        throw new UsageError(`unknown option ${name}${guess ? ` (did you mean ${guess}?)` : ''}`, command);
      }
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(err.message)) throw new UsageError(`${name} takes no value`, command);
        if (/ambiguous/.test(err.message)) throw new UsageError(`${name} needs a value (to pass one that starts with "-", write ${name}=VALUE)`, command);
        throw new UsageError(`${name} needs a value`, command);
      default:
        throw new UsageError(err.message, command);
    }
  }
}

/** A value from a closed list, or a UsageError naming the choices. */
export function oneOf<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  const guess = closest(value, choices);
  throw new UsageError(`unknown ${option.replace(/^--/, '')} "${value}" (use ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}${guess ? `; did you mean ${guess}?` : ''})`);
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links (a link loop?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  EIO: 'input/output error',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  ENXIO: 'no such device',
  EINVAL: 'invalid argument',
};

/** A human reason for a file-system error: "permission denied", never a bare `EACCES`. */
export function ioReason(e: unknown): string {
  const code = typeof e === 'string' ? e : (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && IO_REASONS[code]) return IO_REASONS[code];
  if (typeof e === 'string') return e;
  return (e as Error | undefined)?.message?.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') ?? String(e);
}

export interface ColorEnv {
  FORCE_COLOR?: string;
  NO_COLOR?: string;
}

/**
 * Colour: the explicit flag wins; then FORCE_COLOR (any value but `0`/`false` turns it on), then
 * NO_COLOR (any non-empty value turns it off, https://no-color.org), then whether stdout is a terminal.
 */
export function useColor(flag: boolean | undefined, env: ColorEnv, isTTY: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return Boolean(isTTY);
}
