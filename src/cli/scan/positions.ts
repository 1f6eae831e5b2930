// Line/column positions for findings of text that is not held whole: streams (stdin, files over the
// stream threshold) and text with terminal colour codes (scanned with raw offsets kept).

import { StringDecoder } from 'node:string_decoder';
import { StreamScanner, withHiddenOf, type Finding, type Scanner } from '../../engine';
import { LineIndex } from '../../engine/lines';
import { looksLikeJson, scanJsonText } from './json';

/** Tracks line starts of a stream so raw offsets of recent findings map to line/column. */
export class PositionTracker {
  private line = 0;
  private lineStart = 0;
  private readonly marks: { offset: number; line: number; lineStart: number }[] = [];
  private consumed = 0;
  private readonly chunks: string[] = [];

  feed(chunk: string): void {
    this.marks.push({ offset: this.consumed, line: this.line, lineStart: this.lineStart });
    if (this.marks.length > 64) this.marks.shift();
    let i = chunk.indexOf('\n');
    while (i !== -1) {
      this.line++;
      this.lineStart = this.consumed + i + 1;
      i = chunk.indexOf('\n', i + 1);
    }
    this.consumed += chunk.length;
    this.chunks.push(chunk);
    if (this.chunks.length > 64) this.chunks.shift();
  }

  position(offset: number): { line: number; col: number } {
    for (let k = this.marks.length - 1; k >= 0; k--) {
      const m = this.marks[k]!;
      if (m.offset > offset) continue;
      const chunk = this.chunks[k]!;
      let line = m.line;
      let ls = m.lineStart;
      for (let i = chunk.indexOf('\n'); i !== -1 && m.offset + i < offset; i = chunk.indexOf('\n', i + 1)) {
        line++;
        ls = m.offset + i + 1;
      }
      return { line, col: offset - ls };
    }
    return { line: 0, col: offset };
  }
}

type RawFinding = ReturnType<StreamScanner['push']>[number];

/** A stream finding with its raw offsets turned into a range; the secret stays non-enumerable. */
function placed(f: RawFinding, range: Finding['range']): Finding {
  const finding: Finding = { ...f, range };
  delete (finding as Partial<RawFinding>).rawStart;
  delete (finding as Partial<RawFinding>).rawEnd;
  return withHiddenOf(finding, f);
}

export async function scanStream(scanner: Scanner, input: AsyncIterable<Buffer | string>, inlineIgnore: boolean): Promise<Finding[]> {
  const stream = new StreamScanner(scanner, { inlineIgnore });
  const tracker = new PositionTracker();
  const decoder = new StringDecoder('utf8');
  const out: Finding[] = [];
  const take = (fs: readonly RawFinding[]): void => {
    for (const f of fs) {
      const s = tracker.position(f.rawStart);
      const e = tracker.position(f.rawEnd);
      out.push(placed(f, { start: f.rawStart, end: f.rawEnd, startLine: s.line, startCol: s.col, endLine: e.line, endCol: e.col }));
    }
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    tracker.feed(text);
    take(stream.push(text));
  }
  const rest = decoder.end();
  if (rest) {
    tracker.feed(rest);
    take(stream.push(rest));
  }
  take(stream.end());
  return out;
}

export function scanText(scanner: Scanner, text: string, inlineIgnore: boolean): Finding[] {
  // Logs saved from terminals carry colour codes that can sit inside a token: strip them, keep raw offsets.
  if (text.includes('\u001b')) {
    const stream = new StreamScanner(scanner, { inlineIgnore });
    const idx = new LineIndex(text);
    return [...stream.push(text), ...stream.end()].map((f) => placed(f, idx.range(f.rawStart, f.rawEnd)));
  }
  if (looksLikeJson(text)) return scanJsonText(scanner, text, inlineIgnore);
  return scanner.scan(text, { inlineIgnore });
}

/** JSON on standard input is read whole (up to this size) so its strings can be decoded. */
const JSON_STDIN_LIMIT = 256 * 1024 * 1024;

/**
 * Standard input: streamed, unless it starts like JSON (a chat or tracker export, a HAR file piped
 * in), which is read whole and scanned as text with its JSON strings decoded.
 */
export async function scanInput(scanner: Scanner, input: AsyncIterable<Buffer | string>, inlineIgnore: boolean): Promise<Finding[]> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return [];
  const head = first.value;
  const rest: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => it };
  const headText = typeof head === 'string' ? head : head.toString('utf8', 0, Math.min(head.length, 4096));
  if (looksLikeJson(headText)) {
    const chunks: Buffer[] = [typeof head === 'string' ? Buffer.from(head) : head];
    let size = chunks[0]!.length;
    for await (const c of rest) {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      chunks.push(b);
      size += b.length;
      if (size > JSON_STDIN_LIMIT) return scanStream(scanner, (async function* () { yield* chunks; yield* rest; })(), inlineIgnore);
    }
    return scanText(scanner, Buffer.concat(chunks, size).toString('utf8'), inlineIgnore);
  }
  return scanStream(scanner, (async function* () { yield head; yield* rest; })(), inlineIgnore);
}
