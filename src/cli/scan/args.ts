// Arguments of `token-custody scan`, parsed strictly with `node:util` parseArgs.

import type { Confidence } from '../../engine';
import { IGNORE_FILE_NAME } from '../../engine/ignore';
import { oneOf, parseOptions, UsageError } from '../options';

export const FORMATS = ['text', 'jsonl', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
export const CONFIDENCES = ['low', 'medium', 'high'] as const;

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
  output?: string;
  minConfidence: Confidence;
  /** Bytes; larger files and blobs are skipped (and counted). */
  maxFileSize?: number;
  quiet: boolean;
  /** `--staged`: the files in the git index. */
  staged: boolean;
  /** `--git [RANGE]`: blobs added in the history (RANGE, or every commit when empty). */
  git?: { range?: string };
  baseline?: string;
  updateBaseline: boolean;
  reason?: string;
  help: boolean;
}

export const SCAN_USAGE = `Usage: token-custody scan [PATH…|-] [options]
       token-custody scan --staged [options]
       token-custody scan --git [RANGE] [options]

Scans files, folders (recursively), standard input (-), the git index or git history for
credentials and prints them redacted. With no PATH, scans the current folder.

What to scan:
  --staged                    the files staged for the next commit (for pre-commit hooks)
  --git [RANGE]               every blob added in RANGE (git rev-list syntax, e.g. main..HEAD or
                              origin/main..); without RANGE, all commits reachable from HEAD.
                              Findings carry the commit, its author date and the path
  --include GLOB              only scan paths matching GLOB (repeatable; minimatch, dot files included)
  --exclude GLOB              skip paths matching GLOB (repeatable)
  --max-file-size MB          skip files (and blobs) larger than MB megabytes
Output:
  --format FORMAT             text (default), jsonl, sarif, github (workflow annotations) or junit
  -o, --output FILE           write the report to FILE instead of standard output
  --min-confidence LEVEL      only report findings of at least LEVEL: low (default), medium or high
  --color / --no-color        colour the text format (default: when stdout is a terminal;
                              FORCE_COLOR and NO_COLOR are honoured)
  -q, --quiet                 no summary of files scanned and skipped on stderr
Ignoring:
  --baseline FILE             report only findings whose fingerprint is not in FILE
                              (a ${IGNORE_FILE_NAME} file or the jsonl output of an earlier scan)
  --update-baseline           add the fingerprints of the findings to ${IGNORE_FILE_NAME}
                              (with --reason TEXT as their comment) and exit 0
  --no-ignore-file            do not read ${IGNORE_FILE_NAME} files
  --no-inline-ignore          report findings marked with "token-custody: ignore" too
Other:
  --rules FILE                JSON file with a list of custom rules (id, name, pattern, keywords…)
  --threads N                 threads to scan with (default: one per CPU core, for scans over 128 MB)

node_modules and .git folders are skipped; git-ignored files (.env…) are scanned; binary files and
symbolic links inside folders are skipped (the summary on stderr counts them).
Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

interface Values {
  format?: string;
  include?: string[];
  exclude?: string[];
  rules?: string;
  'no-ignore-file'?: boolean;
  'no-inline-ignore'?: boolean;
  threads?: string;
  color?: boolean;
  'no-color'?: boolean;
  output?: string;
  'min-confidence'?: string;
  'max-file-size'?: string;
  quiet?: boolean;
  staged?: boolean;
  git?: boolean;
  baseline?: string;
  'update-baseline'?: boolean;
  reason?: string;
  help?: boolean;
}

const OPTIONS = {
  format: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  rules: { type: 'string' },
  'no-ignore-file': { type: 'boolean' },
  'no-inline-ignore': { type: 'boolean' },
  threads: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'min-confidence': { type: 'string' },
  'max-file-size': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  staged: { type: 'boolean' },
  git: { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  reason: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseScanArgs(argv: readonly string[]): ScanArgs {
  // `--git=RANGE` is accepted as well as `--git RANGE` (parseArgs has no optional values).
  let gitRange: string | undefined;
  const args = argv.map((a, i) => {
    const dashDash = argv.indexOf('--');
    if (a.startsWith('--git=') && (dashDash === -1 || i < dashDash)) {
      gitRange = a.slice('--git='.length);
      return '--git';
    }
    return a;
  });
  const { values: v, positionals } = parseOptions<Values>('scan', args, OPTIONS);
  const a: ScanArgs = {
    paths: positionals,
    format: v.format === undefined ? 'text' : oneOf('--format', v.format, FORMATS),
    include: v.include ?? [],
    exclude: v.exclude ?? [],
    rulesFile: v.rules,
    ignoreFile: !v['no-ignore-file'],
    inlineIgnore: !v['no-inline-ignore'],
    color: v['no-color'] ? false : v.color ? true : undefined,
    output: v.output,
    minConfidence: v['min-confidence'] === undefined ? 'low' : oneOf('--min-confidence', v['min-confidence'], CONFIDENCES),
    quiet: Boolean(v.quiet),
    staged: Boolean(v.staged),
    baseline: v.baseline,
    updateBaseline: Boolean(v['update-baseline']),
    reason: v.reason,
    help: Boolean(v.help),
  };
  if (v.threads !== undefined) {
    const n = Number(v.threads);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--threads takes a whole number from 1 to 64', 'scan');
    a.threads = n;
  }
  if (v['max-file-size'] !== undefined) {
    const mb = Number(v['max-file-size']);
    if (!Number.isFinite(mb) || mb <= 0) throw new UsageError('--max-file-size takes a number of megabytes above 0', 'scan');
    a.maxFileSize = Math.round(mb * 1024 * 1024);
  }
  if (v.git) {
    if (gitRange === undefined && a.paths.length > 1) throw new UsageError('--git takes one RANGE (e.g. main..HEAD), not paths', 'scan');
    if (gitRange !== undefined && a.paths.length > 0) throw new UsageError('--git takes one RANGE, not paths', 'scan');
    a.git = { range: gitRange ?? a.paths[0] };
    if (a.git.range === '') a.git.range = undefined;
    a.paths = [];
  }
  if (a.staged && a.git) throw new UsageError('use --staged or --git, not both', 'scan');
  if (a.staged && a.paths.length > 0) throw new UsageError('--staged scans the git index; it takes no paths', 'scan');
  if (a.reason !== undefined && !a.updateBaseline) throw new UsageError('--reason goes with --update-baseline', 'scan');
  if (a.paths.length === 0 && !a.staged && !a.git) a.paths.push('.');
  return a;
}
