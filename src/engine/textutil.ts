// Bounded line lookups: never scan more than `cap` characters, so a huge single-line file
// (minified code, a log without newlines) stays linear. The searches are `indexOf` /
// `lastIndexOf` (native, several times faster than a loop over `charCodeAt`) on the bounded
// range only.

export const LINE_CAP = 4096;

/** Start of the line holding `pos`, or `pos - cap` if the line is longer than that. */
export function lineStartBounded(text: string, pos: number, cap = LINE_CAP): number {
  const limit = Math.max(0, pos - cap);
  if (pos <= limit) return limit;
  // Searched in [limit, pos) only: an unbounded lastIndexOf would read back to the last newline.
  const nl = (limit === 0 ? text : text.slice(limit, pos)).lastIndexOf('\n', pos - 1 - limit);
  return nl < 0 ? limit : limit + nl + 1;
}

/** End (exclusive, before the `\n`) of the line holding `pos`, or `pos + cap`. */
export function lineEndBounded(text: string, pos: number, cap = LINE_CAP): number {
  const limit = Math.min(text.length, pos + cap);
  if (pos >= limit || limit <= 0) return limit;
  const nl = (limit === text.length ? text : text.slice(0, limit)).indexOf('\n', pos);
  return nl < 0 ? limit : nl;
}
