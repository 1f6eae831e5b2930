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
