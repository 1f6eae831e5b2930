// The secret group's range without the `d` flag (src/engine/matchSpan.ts): the scanner runs each
// rule's regex without it and reads the range from the match text only where that is certain. Each
// case below would report a wrong range if it trusted the match text where it cannot.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner } from '../../../src/engine';
import { groupInsideMatch, spanInMatch } from '../../../src/engine/matchSpan';
import { ALPHABETS, plausible } from '../../support/tokens/random';

describe('secret group range without the d flag', () => {
  it('groupInsideMatch: a group defined once and outside every look-around', () => {
    const cases: [string, string, number | string, boolean][] = [
      ['(?<secret>a)b', '', 'secret', true],
      ['(?<!x)(?=[a-z])(?<secret>a)(?!b)', '', 'secret', true],
      ['(?:(?<secret>a)|b)c', '', 'secret', true],
      ['x(?=(?<secret>ab))', '', 'secret', false],
      ['(?<=(?<secret>ab))x', '', 'secret', false],
      ['(?<!(?:(?<secret>ab)))x', '', 'secret', false],
      ['(?=a(?:b(?<secret>c)))', '', 'secret', false],
      ['(a)(b)', '', 2, true],
      ['(?=(a))(b)', '', 1, false],
      ['(?=(a))(b)', '', 2, true],
      ['(?<n>a)(b)', '', 2, true],
      [String.raw`[(](?<secret>a)`, '', 'secret', true],
      [String.raw`\((?=x)(?<secret>a)\)`, '', 'secret', true],
      [String.raw`[\]()](?=(?<secret>a))`, '', 'secret', false],
      ['(?=x)y', '', 0, true],
      ['(?<secret>a)', 'v', 'secret', false],
      ['(?<other>a)', '', 'secret', false],
      ['(a)', '', 2, false],
    ];
    for (const [source, flags, group, inside] of cases) assert.equal(groupInsideMatch(source, flags, group), inside, `${source} ${group}`);
  });

  it('spanInMatch: the place of a text that occurs once in the match, nothing when it occurs twice or overlaps itself', () => {
    const m = /b(?<s>cd)e/.exec('abcdef')!;
    assert.deepEqual(spanInMatch(m, 'cd'), [2, 4]);
    assert.equal(spanInMatch(/x(y+)/.exec('_xyyy')!, 'yy'), undefined);
    assert.equal(spanInMatch(/(ab):(ab)/.exec('ab:ab')!, 'ab'), undefined);
  });

  it('custom rules report the range of the secret group, also where its text repeats in the match or the group reads outside it', () => {
    const v = plausible(ALPHABETS.alnum_lower, 16);
    const { scanner, errors } = createScanner([
      // The secret's text also names the user: the second occurrence is the secret.
      { id: 'twice', name: 'Twice', pattern: `acmeuser-(?<user>[a-z0-9]{16}):(?<secret>[a-z0-9]{16})`, secretGroup: 'secret', keywords: ['acmeuser-'] },
      // The group reads after the match, where the match text holds the same characters before.
      { id: 'ahead', name: 'Ahead', pattern: `acmeahead-(?<pre>[a-z0-9]{16})_(?=(?<secret>[a-z0-9]{16}))`, secretGroup: 'secret', keywords: ['acmeahead-'] },
      // The group reads before the match.
      { id: 'behind', name: 'Behind', pattern: `(?<=(?<secret>[a-z0-9]{16})_)acmebehind-[a-z0-9]{16}`, secretGroup: 'secret', keywords: ['acmebehind-'] },
      // Numbered groups, anchored at an identifier, with the secret's text twice.
      { id: 'anchored', name: 'Anchored', pattern: `[A-Za-z_]{0,20}acmekey=([a-z0-9]{16})\\.([a-z0-9]{16})`, secretGroup: 2, anchor: 'identifier', keywords: ['acmekey'] },
    ]);
    assert.deepEqual(errors, []);
    const lines = [`u acmeuser-${v}:${v}`, `a acmeahead-${v}_${v}`, `b ${v}_acmebehind-${v}`, `k MY_acmekey=${v}.${v}`];
    const text = lines.join('\n');
    const found = new Map(scanner.scan(text).map((f) => [f.ruleId, f.range]));
    const at = (line: number, col: number): number => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
    const expected: [string, number, number][] = [
      ['twice', 0, 'u acmeuser-'.length + 17],
      ['ahead', 1, 'a acmeahead-'.length + 17],
      ['behind', 2, 2],
      ['anchored', 3, 'k MY_acmekey='.length + 17],
    ];
    for (const [id, line, col] of expected) {
      const r = found.get(id);
      assert.ok(r, id);
      assert.deepEqual([r.start, r.end, r.startLine, r.startCol], [at(line, col), at(line, col) + 16, line, col], id);
    }
  });
});
