// Which detections become custody `detected` entries (issue 11 item 5b). One entry per token and
// file: a token found again in the same file — the lines above it shifted, the file was reopened —
// appends nothing, its place moves in memory. Before, each line shift wrote one entry per token
// below it (typing a newline above 2,500 tokens appended 2,500 entries). A terminal place (output,
// command line, paste) is recorded once per place as before. Plain code, no `vscode`.
import type { CustodyWhere } from './log';

export type DetectionNote = 'new' | 'moved' | 'known';

export class DetectionLedger {
  private readonly keys = new Map<string, { fingerprint: string; where: CustodyWhere }>();

  /**
   * `new`: record a `detected` entry; `moved`: the token is already recorded for this file and was
   * now seen at another range (update the place, append nothing); `known`: nothing changed.
   */
  note(fingerprint: string, where: CustodyWhere): DetectionNote {
    const key = where.kind === 'file' ? `${fingerprint}\u0000file\u0000${where.uri}` : `${fingerprint}\u0000${JSON.stringify(where)}`;
    const known = this.keys.get(key);
    if (!known) {
      this.keys.set(key, { fingerprint, where });
      return 'new';
    }
    if (where.kind !== 'file' || sameRange(known.where, where)) return 'known';
    known.where = where;
    return 'moved';
  }

  /** The latest file place of every token recorded (to re-apply to a state folded from the log). */
  *filePlaces(): Iterable<{ fingerprint: string; where: Extract<CustodyWhere, { kind: 'file' }> }> {
    for (const v of this.keys.values()) if (v.where.kind === 'file') yield { fingerprint: v.fingerprint, where: v.where };
  }

  get size(): number {
    return this.keys.size;
  }
}

function sameRange(a: CustodyWhere, b: CustodyWhere): boolean {
  if (a.kind !== 'file' || b.kind !== 'file') return false;
  const x = a.range;
  const y = b.range;
  return x === y || (!!x && !!y && x.line === y.line && x.col === y.col && x.endLine === y.endLine && x.endCol === y.endCol);
}
