import type { TextRange } from './types';

/** Maps UTF-16 offsets of a text to 0-based line/column (lines split at \n; \r\n counts as one). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    let i = text.indexOf('\n');
    while (i !== -1) {
      this.starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? 0;
  }

  /** 0-based line of an offset (binary search). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; col: number } {
    const line = this.lineAt(offset);
    return { line, col: offset - this.lineStart(line) };
  }

  range(start: number, end: number): TextRange {
    const s = this.position(start);
    const e = this.position(end);
    return { start, end, startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col };
  }
}

// Measured on the bench corpus's findings (312 files), and slower than one indexOf per line: a sticky
// regular expression passing 64 lines at a time (about 4x), text.slice(a, b).match(/\n/g) or
// split('\n') (about 2x). Newline counts per block from the keyword pass would be the next step.
/**
 * 0-based line/column of each offset (as {@link LineIndex.position} gives them) in one pass over the
 * text up to the last offset, without indexing every line: a scan that reports a few findings in a
 * large file reads its newlines once and keeps none of them.
 */
export function positionsAt(text: string, offsets: readonly number[]): Map<number, { line: number; col: number }> {
  // The scanner's offsets come in order (its findings do not overlap and are sorted by start): then
  // they are walked as given (a repeated offset is set twice to the same position).
  let sorted = offsets;
  for (let k = 1; k < offsets.length; k++) {
    if (offsets[k]! < offsets[k - 1]!) {
      sorted = [...new Set(offsets)].sort((a, b) => a - b);
      break;
    }
  }
  const out = new Map<number, { line: number; col: number }>();
  let line = 0;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (const o of sorted) {
    while (nl !== -1 && nl < o) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    out.set(o, { line, col: o - lineStart });
  }
  return out;
}
