// Shell history files: where they are, how their entries are laid out, which entries hold a token,
// and the text left once those entries are removed, and the scrub of a file itself. Plain Node (no
// `vscode`): the extension's history check and the unit tests share it.
//
// Formats:
//  - bash: one command per line; with HISTTIMEFORMAT a `#1700000000` line precedes its command.
//  - zsh: plain lines, or extended history `: 1700000000:0;cmd`; a multi-line command continues on the
//    next line after a trailing backslash.
//  - fish: YAML-ish `- cmd: …` entries followed by indented `when:` / `paths:` lines.
// Files are handled as latin1 text (one char per byte) so that bytes that are not UTF-8 (zsh's
// metafied history, stray binary) are written back exactly as they were.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine';

export type HistoryShell = 'bash' | 'zsh' | 'fish';

export interface HistoryLocation {
  path: string;
  shell: HistoryShell;
}

/**
 * The history files to check, from the environment and the home directory: `$HISTFILE` (as the shell
 * that exported it would use it), `~/.bash_history`, `$ZDOTDIR/.zsh_history` (or `~/.zsh_history`) and
 * fish's `$XDG_DATA_HOME/fish/fish_history` (or `~/.local/share/fish/fish_history`). Duplicates removed.
 */
export function historyLocations(env: Readonly<Record<string, string | undefined>>, home: string): HistoryLocation[] {
  const out: HistoryLocation[] = [];
  const seen = new Set<string>();
  const add = (p: string | undefined, shell: HistoryShell): void => {
    if (!p) return;
    const abs = path.resolve(home, p.startsWith('~/') ? p.slice(2) : p);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: abs, shell });
  };
  const histfile = env.HISTFILE?.trim();
  if (histfile) add(histfile, shellFromPath(histfile));
  add(path.join(home, '.bash_history'), 'bash');
  add(path.join(env.ZDOTDIR?.trim() || home, '.zsh_history'), 'zsh');
  if (env.ZDOTDIR?.trim()) add(path.join(home, '.zsh_history'), 'zsh');
  const dataHome = env.XDG_DATA_HOME?.trim() || path.join(home, '.local', 'share');
  add(path.join(dataHome, 'fish', 'fish_history'), 'fish');
  return out;
}

/** The shell a history file belongs to, guessed from its name (bash when nothing says otherwise). */
export function shellFromPath(p: string): HistoryShell {
  const base = path.basename(p).toLowerCase();
  if (base.includes('fish')) return 'fish';
  if (base.includes('zsh') || base.includes('zhistory')) return 'zsh';
  return 'bash';
}

/** One history entry: `start…end` covers its whole lines, line breaks included. */
export interface HistoryEntry {
  start: number;
  end: number;
  /** 1-based number of the entry's first line. */
  line: number;
  /** Number of lines the entry spans. */
  lines: number;
}

const BASH_TIMESTAMP = /^#\d{9,}\s*$/;
const ZSH_CONTINUES = /(^|[^\\])(\\\\)*\\$/;

interface RawLine {
  start: number;
  end: number;
  /** The line without its line break. */
  text: string;
}

function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    let lineEnd = nl < 0 ? text.length : nl;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    out.push({ start, end, text: text.slice(start, lineEnd) });
    start = end;
  }
  return out;
}

/** Splits a history file into entries, in the shell's own layout. */
export function parseHistory(text: string, shell: HistoryShell): HistoryEntry[] {
  const lines = splitLines(text);
  const entries: HistoryEntry[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = i;
    if (shell === 'fish') {
      // An entry runs from `- cmd:` to the next `- cmd:`; anything before the first one is its own entry.
      i++;
      while (i < lines.length && !lines[i]!.text.startsWith('- cmd:')) i++;
    } else if (shell === 'zsh') {
      while (i < lines.length && ZSH_CONTINUES.test(lines[i]!.text)) i++;
      i++;
    } else {
      // bash: a timestamp line belongs to the command after it.
      if (BASH_TIMESTAMP.test(lines[i]!.text) && i + 1 < lines.length) i++;
      i++;
    }
    const last = Math.min(i, lines.length) - 1;
    entries.push({ start: lines[first]!.start, end: lines[last]!.end, line: first + 1, lines: last - first + 1 });
  }
  return entries;
}

export interface TokenEntry extends HistoryEntry {
  findings: Finding[];
}

/**
 * The entries that overlap at least one of the findings (ranges are offsets into the same text).
 * A finding may span several entries: a PEM key pasted at a bash prompt is one entry per line, and
 * every one of them goes (each entry lists the findings that touch it).
 */
export function entriesWithTokens(entries: readonly HistoryEntry[], findings: readonly Finding[]): TokenEntry[] {
  const out: TokenEntry[] = [];
  const sorted = [...findings].sort((a, b) => a.range.start - b.range.start);
  let j = 0; // first finding that may still overlap the current or a later entry
  for (const e of entries) {
    while (j < sorted.length && sorted[j]!.range.end <= e.start) j++;
    const hits: Finding[] = [];
    for (let k = j; k < sorted.length && sorted[k]!.range.start < e.end; k++) {
      const f = sorted[k]!;
      if (f.range.end > e.start) hits.push(f);
    }
    if (hits.length) out.push({ ...e, findings: hits });
  }
  return out;
}

/** Scans a history file's text: the entries holding tokens. `scan` is the engine's scanner. */
export function findHistoryTokens(text: string, shell: HistoryShell, scan: (text: string) => Finding[]): TokenEntry[] {
  if (!text) return [];
  return entriesWithTokens(parseHistory(text, shell), scan(text));
}

/** The text without the given entries (whole entries: a fish entry with its `when:`/`paths:` lines). */
export function removeEntries(text: string, remove: readonly Pick<HistoryEntry, 'start' | 'end'>[]): string {
  const sorted = [...remove].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    out += text.slice(at, r.start);
    at = r.end;
  }
  return out + text.slice(at);
}

/** Scrubs a history text: the new text and how many entries and lines were removed. */
export function scrubHistory(text: string, shell: HistoryShell, scan: (text: string) => Finding[]): { text: string; entries: TokenEntry[]; removedLines: number } {
  const entries = findHistoryTokens(text, shell, scan);
  return { text: removeEntries(text, entries), entries, removedLines: entries.reduce((n, e) => n + e.lines, 0) };
}

/** `~/…` for paths under home (for messages). */
export function displayPath(p: string, home: string): string {
  const rel = path.relative(home, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : p;
}

export interface ScrubFileResult {
  /** The file that was rewritten: the symlink's target when the history path is a symlink. */
  file: string;
  backup: string;
  entries: TokenEntry[];
  removedLines: number;
}

export interface ScrubFileOptions {
  /** Called after the scrubbed text is written to the temp file, before the file is checked and replaced (tests). */
  beforeReplace?: (file: string) => Promise<void> | void;
  /** Called right after the rename (tests: a shell still appending to the old file). */
  afterReplace?: (file: string) => Promise<void> | void;
  now?: () => Date;
  /** Attempts when the file keeps changing under us. Default 5. */
  attempts?: number;
}

/**
 * Removes the entries holding tokens from a history file, without losing what the shell appends
 * meanwhile and without replacing a symlink by a plain file:
 *  - a symlinked path (`~/.bash_history` → elsewhere) is resolved, and the real file is rewritten;
 *  - the scrubbed text goes to a temp file; the file is read again through a handle just before the
 *    rename, and if it changed the whole pass starts over on the new text;
 *  - after the rename, anything a shell appended to the old file in the last instant (read through
 *    that handle) is scanned, scrubbed and appended to the new file and to the backup.
 * The backup (mode 0600, next to the real file) holds the text as it was, appended commands included.
 * Undefined when the file holds no token (any more). Throws when the file keeps changing.
 */
export async function scrubHistoryFile(historyPath: string, shell: HistoryShell, scan: (text: string) => Finding[], options: ScrubFileOptions = {}): Promise<ScrubFileResult | undefined> {
  const file = await fs.realpath(historyPath);
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const text = (await fs.readFile(file)).toString('latin1');
    const entries = findHistoryTokens(text, shell, scan);
    if (!entries.length) return undefined;
    const st = await fs.stat(file);
    const tmp = `${file}.token-custody-${process.pid}-${attempt}.tmp`;
    await fs.writeFile(tmp, Buffer.from(removeEntries(text, entries), 'latin1'), { mode: st.mode & 0o777 });
    let handle: fs.FileHandle | undefined;
    try {
      await options.beforeReplace?.(file);
      handle = await fs.open(file, 'r');
      const now = (await handle.readFile()).toString('latin1');
      if (now !== text) continue; // changed between read and rename: start over on the new text
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const backup = `${file}.token-custody-backup-${stamp}${attempt ? `-${attempt}` : ''}`;
      await fs.writeFile(backup, Buffer.from(text, 'latin1'), { mode: 0o600, flag: 'wx' });
      await fs.rename(tmp, file);
      await options.afterReplace?.(file);
      // Whatever reached the old file after our last read: keep it (scrubbed) in the new file and the backup.
      const size = (await handle.stat()).size;
      let late = '';
      if (size > text.length) {
        const buf = Buffer.alloc(size - text.length);
        await handle.read(buf, 0, buf.length, text.length);
        late = buf.toString('latin1');
      }
      let removedLines = entries.reduce((n, e) => n + e.lines, 0);
      const all = [...entries];
      if (late) {
        await fs.appendFile(backup, Buffer.from(late, 'latin1'));
        const lateEntries = findHistoryTokens(late, shell, scan);
        await fs.appendFile(file, Buffer.from(removeEntries(late, lateEntries), 'latin1'));
        removedLines += lateEntries.reduce((n, e) => n + e.lines, 0);
        all.push(...lateEntries);
      }
      return { file, backup, entries: all, removedLines };
    } finally {
      await handle?.close();
      await fs.rm(tmp, { force: true });
    }
  }
  throw new Error(`${historyPath} kept changing while it was scrubbed (${attempts} attempts); try again when the shells writing to it are idle.`);
}
