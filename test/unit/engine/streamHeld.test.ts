// A hit left open by one run of the streaming scanner is evaluated again by the next run, where the
// vendor candidate that won its range is not built again: the stream must not report the losing
// generic finding beside the vendor one (a scan of the whole output keeps one finding per range).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner, StreamScanner } from '../../../src/engine';
import { expandFixture } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const { scanner } = createScanner();

/** Positive fixtures of `ruleId` whose text holds `marker` (a `curl -u` line, a netrc line). */
function fixtures(ruleId: string, marker: string): string[] {
  const out: string[] = [];
  for (const file of Object.values(RULE_FIXTURE_FILES)) {
    for (const tpl of file[ruleId]?.positive ?? []) {
      const text = expandFixture(tpl).text;
      if (text.includes(marker)) out.push(text);
    }
  }
  return out;
}

describe('streaming scanner: a reported vendor range is not reported again by a generic rule', () => {
  it('a vendor token in a `curl -u` or netrc line, pushed after one character, scanned on every push: one finding per range, the vendor\'s, as a whole scan finds', () => {
    const cases = [
      ...fixtures('doppler-personal-token', 'curl '),
      ...fixtures('atlassian-api-token', 'curl '),
      ...fixtures('tailscale-key', 'curl '),
      ...fixtures('heroku-api-key', 'machine '),
    ];
    assert.ok(cases.length >= 4, `only ${cases.length} fixtures`);
    for (const fixture of cases) {
      const text = `x\n${fixture}\n`;
      // The first run sees one character; the second finds the vendor token and leaves the
      // `curl` / `machine` hit open (its window reaches past the text); the last one, at end(),
      // evaluates that hit again.
      const s = new StreamScanner(scanner, { deferUpTo: 0 });
      const got: string[] = [];
      for (const piece of [text.slice(0, 1), text.slice(1)]) for (const f of s.push(piece)) got.push(`${f.ruleId}@${f.rawStart}-${f.rawEnd}`);
      for (const f of s.end()) got.push(`${f.ruleId}@${f.rawStart}-${f.rawEnd}`);
      const whole = scanner.scan(text).map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}`);
      assert.ok(whole.length >= 1, 'the whole scan finds the token');
      assert.deepEqual(got.sort(), whole.sort(), `fixture of ${whole.join(', ')}`);
    }
  });
});
