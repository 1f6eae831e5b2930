// Arguments of `token-custody scan`.

import { IGNORE_FILE_NAME } from '../../engine/ignore';

export type Format = 'text' | 'jsonl' | 'sarif';

export interface ScanArgs {
  paths: string[];
  format: Format;
  include: string[];
  exclude: string[];
  rulesFile?: string;
  ignoreFile: boolean;
  inlineIgnore: boolean;
  color: boolean | undefined;
  threads?: number;
}

export const SCAN_USAGE = `Usage: token-custody scan [PATH…|-] [options]

Scans files, folders (recursively) or standard input (-) for credentials and prints them redacted.
With no PATH, scans the current folder.

Options:
  --format text|jsonl|sarif   output format (default text)
  --include GLOB              only scan paths matching GLOB (repeatable; minimatch, dot files included)
  --exclude GLOB              skip paths matching GLOB (repeatable)
  --rules FILE                JSON file with a list of custom rules (id, name, pattern, keywords…)
  --no-ignore-file            do not read ${IGNORE_FILE_NAME} files
  --no-inline-ignore          report findings marked with "token-custody: ignore" too
  --threads N                 threads to scan with (default: one per CPU core, for scans over 128 MB)
  --color / --no-color        colour the text format (default: when stdout is a terminal)

node_modules and .git folders are skipped; git-ignored files (.env…) are scanned; binary files are skipped.
Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

export class UsageError extends Error {}

export function parseScanArgs(argv: readonly string[]): ScanArgs {
  const a: ScanArgs = { paths: [], format: 'text', include: [], exclude: [], ignoreFile: true, inlineIgnore: true, color: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const eq = arg.indexOf('=');
      if (eq !== -1) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
    switch (name) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'jsonl' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (use text, jsonl or sarif)`);
        a.format = f;
        break;
      }
      case '--include': a.include.push(value()); break;
      case '--exclude': a.exclude.push(value()); break;
      case '--rules': a.rulesFile = value(); break;
      case '--no-ignore-file': a.ignoreFile = false; break;
      case '--no-inline-ignore': a.inlineIgnore = false; break;
      case '--threads': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--threads takes a whole number from 1 to 64');
        a.threads = n;
        break;
      }
      case '--color': a.color = true; break;
      case '--no-color': a.color = false; break;
      case '--': a.paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) a.paths.push('.');
  return a;
}
