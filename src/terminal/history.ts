// Shell history files: where they are, how their entries are laid out, which entries hold a token,
// and the text left once those entries are removed. Pure (no `vscode`): the extension's history check
// and the unit tests share it.
//
// Formats:
//  - bash: one command per line; with HISTTIMEFORMAT a `#1700000000` line precedes its command.
//  - zsh: plain lines, or extended history `: 1700000000:0;cmd`; a multi-line command continues on the
//    next line after a trailing backslash.
//  - fish: YAML-ish `- cmd: …` entries followed by indented `when:` / `paths:` lines.
// Files are handled as latin1 text (one char per byte) so that bytes that are not UTF-8 (zsh's
// metafied history, stray binary) are written back exactly as they were.

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

/** The entries that hold at least one of the findings (ranges are offsets into the same text). */
export function entriesWithTokens(entries: readonly HistoryEntry[], findings: readonly Finding[]): TokenEntry[] {
  const out: TokenEntry[] = [];
  const sorted = [...findings].sort((a, b) => a.range.start - b.range.start);
  let j = 0;
  for (const e of entries) {
    const hits: Finding[] = [];
    while (j < sorted.length && sorted[j]!.range.start < e.end) {
      const f = sorted[j]!;
      if (f.range.start >= e.start) hits.push(f);
      j++;
    }
    // A finding may run past its entry's end (a multi-line secret): it still belongs to where it starts.
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
