// Where a rule's secret group lies in a match, without the `d` flag. A regex with `d` builds the
// indices of every group on each successful `exec` (about 2 µs in V8, more than the rest of a match);
// the scanner runs each rule's regex without it and takes the group's range from the match text when
// that range is certain, and from one sticky run of the `d` regex at the same place otherwise.

/**
 * Whether capture group `group` (a number, or the name of a named group) of `source` is defined once
 * and lies outside every look-around, so that what it captures is a substring of the match itself
 * (a group inside a look-ahead or look-behind can capture text outside the match). Group 0, the whole
 * match, always is. False for what this does not read with certainty (the `v` flag's nested classes).
 */
export function groupInsideMatch(source: string, flags: string, group: number | string): boolean {
  if (group === 0) return true;
  if (flags.includes('v')) return false;
  /** Per open group: whether it is, or lies inside, a look-around. */
  const look: boolean[] = [];
  let captures = 0;
  let found = 0;
  let inside = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      const outer = look.length > 0 && look[look.length - 1]!;
      if (source.startsWith('(?=', i) || source.startsWith('(?!', i) || source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) {
        look.push(true);
        continue;
      }
      look.push(outer);
      let name: string | undefined;
      if (source.startsWith('(?<', i)) {
        const close = source.indexOf('>', i);
        if (close < 0) return false;
        name = source.slice(i + 3, close);
      } else if (source[i + 1] === '?') {
        continue; // (?: and modifier groups capture nothing
      }
      captures++;
      if (captures === group || name === group) {
        found++;
        inside = !outer;
      }
    } else if (c === ')') {
      look.pop();
    }
  }
  return found === 1 && inside;
}

/**
 * The range in the searched string of a match's secret group (`secret` is its text), for a regex
 * whose group `groupInsideMatch` accepts: where the group's text occurs exactly once in the match,
 * it is there; undefined when it occurs more than once (the caller asks the `d` regex).
 */
export function spanInMatch(m: RegExpExecArray, secret: string): [number, number] | undefined {
  const whole = m[0];
  const at = whole.indexOf(secret);
  if (at < 0 || whole.indexOf(secret, at + 1) >= 0) return undefined;
  return [m.index + at, m.index + at + secret.length];
}
