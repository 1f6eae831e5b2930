// `.tokencustodyignore`: at a workspace folder's root, honoured by the extension and the CLI.
//
//   # comment lines and blank lines are skipped
//   sha256:0123456789abcdef0123456789abcdef   # optional reason
//   path: test/fixtures/**                     # optional reason
//
// Parsing never throws: lines it does not understand come back as warnings with their line number.
import { Minimatch } from 'minimatch';
import { fingerprintsOf } from './secret';

export const IGNORE_FILE_NAME = '.tokencustodyignore';

/** Fingerprints are `sha256:` + 32 lower-case hex (src/engine/fingerprint.ts); upper case is accepted. */
const FINGERPRINT_LINE = /^sha256:[0-9a-f]{32}$/i;
const PATH_LINE = /^path\s*:\s*(.*)$/i;

export type IgnoreEntry =
  | { kind: 'fingerprint'; fingerprint: string; reason?: string; line: number }
  | { kind: 'path'; glob: string; reason?: string; line: number };

export interface IgnoreWarning {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface ParsedIgnoreFile {
  entries: IgnoreEntry[];
  warnings: IgnoreWarning[];
}

/** Splits `value  # reason`: a `#` only starts a reason after whitespace (globs may contain `#`). */
function splitReason(rest: string): { value: string; reason?: string } {
  const m = /\s#\s?(.*)$/.exec(rest);
  if (!m) return { value: rest.trim() };
  const reason = (m[1] ?? '').trim();
  const value = rest.slice(0, m.index).trim();
  return reason ? { value, reason } : { value };
}

export function parseIgnoreFile(text: string): ParsedIgnoreFile {
  const entries: IgnoreEntry[] = [];
  const warnings: IgnoreWarning[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const pathMatch = PATH_LINE.exec(trimmed);
    if (pathMatch) {
      const { value, reason } = splitReason(' ' + (pathMatch[1] ?? ''));
      let glob = value;
      while (glob.startsWith('./')) glob = glob.slice(2);
      if (glob.startsWith('/')) glob = glob.replace(/^\/+/, '');
      if (!glob) {
        warnings.push({ line, message: `line ${line}: "path:" needs a glob, e.g. "path: test/fixtures/**"` });
        return;
      }
      if (glob.startsWith('../')) {
        warnings.push({ line, message: `line ${line}: path globs are relative to the workspace folder and cannot start with "../"` });
        return;
      }
      entries.push(reason ? { kind: 'path', glob, reason, line } : { kind: 'path', glob, line });
      return;
    }
    const { value, reason } = splitReason(trimmed);
    if (FINGERPRINT_LINE.test(value)) {
      const fingerprint = value.toLowerCase();
      entries.push(reason ? { kind: 'fingerprint', fingerprint, reason, line } : { kind: 'fingerprint', fingerprint, line });
      return;
    }
    const shown = value.length > 40 ? value.slice(0, 12) + '…' : value;
    warnings.push({
      line,
      message: /^sha256:/i.test(value)
        ? `line ${line}: "${shown}" is not a fingerprint (expected sha256: followed by 32 hex digits); line ignored`
        : `line ${line}: expected a fingerprint (sha256:…) or "path: <glob>"; line ignored`,
    });
  });
  return { entries, warnings };
}

export interface IgnoreMatcherOptions {
  /** Case-insensitive path matching (Windows file systems). Default false. */
  nocase?: boolean;
}

/**
 * Decides whether a finding is ignored: by fingerprint, or by a path glob matched against the path
 * relative to the workspace folder (forward or back slashes). Globs follow minimatch with dot files
 * included; a glob without a `/` matches the file name at any depth (`*.log`, `.env`), and a glob
 * naming a directory also matches everything under it (`test/fixtures`).
 */
export class IgnoreMatcher {
  readonly fingerprints: ReadonlyMap<string, string | undefined>;
  private readonly globs: { glob: string; matchers: Minimatch[] }[];

  constructor(entries: readonly IgnoreEntry[], options: IgnoreMatcherOptions = {}) {
    const fps = new Map<string, string | undefined>();
    const globs: { glob: string; matchers: Minimatch[] }[] = [];
    const mmOptions = { dot: true, nocase: options.nocase ?? false, nocomment: true, nonegate: true };
    for (const e of entries) {
      if (e.kind === 'fingerprint') {
        if (!fps.has(e.fingerprint)) fps.set(e.fingerprint, e.reason);
        continue;
      }
      const base = e.glob.endsWith('/') ? e.glob.slice(0, -1) : e.glob;
      const patterns = base.includes('/') ? [base, `${base}/**`] : [base, `**/${base}`, `**/${base}/**`];
      globs.push({ glob: e.glob, matchers: patterns.map((p) => new Minimatch(p, mmOptions)) });
    }
    this.fingerprints = fps;
    this.globs = globs;
  }

  static fromText(text: string, options?: IgnoreMatcherOptions): { matcher: IgnoreMatcher; warnings: IgnoreWarning[] } {
    const parsed = parseIgnoreFile(text);
    return { matcher: new IgnoreMatcher(parsed.entries, options), warnings: parsed.warnings };
  }

  get isEmpty(): boolean {
    return this.fingerprints.size === 0 && this.globs.length === 0;
  }

  hasFingerprint(fingerprint: string): boolean {
    return this.fingerprints.has(fingerprint.toLowerCase());
  }

  /** The first glob that matches the workspace-relative path, or undefined. Paths outside the folder never match. */
  matchPath(relativePath: string): string | undefined {
    let p = relativePath.replace(/\\/g, '/');
    while (p.startsWith('./')) p = p.slice(2);
    if (!p || p.startsWith('../') || p === '..' || p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return undefined;
    for (const g of this.globs) if (g.matchers.some((m) => m.match(p))) return g.glob;
    return undefined;
  }

  /**
   * Whether a finding is ignored (relativePath undefined for untitled buffers and terminals). A keyed
   * finding also matches an entry written with the unkeyed fingerprint of earlier versions.
   */
  isIgnored(finding: { fingerprint: string; readonly legacyFingerprint?: string }, relativePath?: string): boolean {
    if (fingerprintsOf(finding).some((fp) => this.hasFingerprint(fp))) return true;
    return relativePath !== undefined && this.matchPath(relativePath) !== undefined;
  }
}

/** Reasons are one line of plain text. */
function cleanReason(reason: string | undefined): string {
  return (reason ?? '').replace(/[\t\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** `<fingerprint>  # <reason>` (or just the fingerprint). */
export function formatIgnoreEntry(fingerprint: string, reason?: string): string {
  if (!FINGERPRINT_LINE.test(fingerprint)) throw new Error(`not a token fingerprint: ${fingerprint.slice(0, 12)}…`);
  const r = cleanReason(reason);
  return r ? `${fingerprint.toLowerCase()}  # ${r}` : fingerprint.toLowerCase();
}

/** `path: <glob>  # <reason>`. */
export function formatPathIgnoreEntry(glob: string, reason?: string): string {
  const g = cleanReason(glob);
  if (!g) throw new Error('an ignore glob cannot be empty');
  const r = cleanReason(reason);
  return r ? `path: ${g}  # ${r}` : `path: ${g}`;
}

/**
 * The file text with `entryLine` appended, keeping every existing byte (and the file's line ending).
 * Returns the text unchanged when an equivalent entry (same fingerprint / same glob) is already there.
 */
export function appendIgnoreEntry(existing: string, entryLine: string): string {
  const parsedNew = parseIgnoreFile(entryLine).entries[0];
  if (parsedNew) {
    const present = parseIgnoreFile(existing).entries.some((e) =>
      e.kind === 'fingerprint' && parsedNew.kind === 'fingerprint'
        ? e.fingerprint === parsedNew.fingerprint
        : e.kind === 'path' && parsedNew.kind === 'path' && e.glob === parsedNew.glob,
    );
    if (present) return existing;
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  if (existing === '') return entryLine + eol;
  const sep = existing.endsWith('\n') || existing.endsWith('\r') ? '' : eol;
  return existing + sep + entryLine + eol;
}
