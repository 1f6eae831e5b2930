// The bounded head of a rule's pattern (src/engine/regexHead.ts), with which the streaming scanner lets
// go of open keyword hits that can never start a match: every match must start with a match of the
// head, or the stream would drop a hit that a later chunk completes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner } from '../../../src/engine';
import { boundedHead } from '../../../src/engine/regexHead';
import { openHitHead } from '../../../src/engine/stream';
import { expandFixture } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const { scanner } = createScanner();

describe('bounded head of a pattern', () => {
  it('keeps the one-character atoms with bounded quantifiers after the leading assertions, and their longest reach', () => {
    const cases: [string, string, string | undefined, number?][] = [
      [String.raw`(?<![A-Za-z0-9_-])user:[ \t]{0,8}\r?\n[\s\S]{0,300}?token:`, '', String.raw`user:[ \t]{0,8}\r?\n`, 15],
      [String.raw`(?:(?<![A-Za-z0-9_])|(?<=\x1b\[[0-9;]{0,24}m))ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, 'dg', String.raw`ghp_[A-Za-z0-9]{36}`, 40],
      [String.raw`AC[0-9a-f]{32}\b`, '', String.raw`AC[0-9a-f]{32}`, 34],
      [String.raw`key\x3d[a-z]{2,5}?(?<v>x)`, 'i', String.raw`key\x3d[a-z]{2,5}?`, 9],
      ['abc+def', '', 'ab', 2], // `c+` is unbounded: the head stops before it
      ['ab[0-9]{4,}', '', 'ab', 2],
      ['ab.c', 's', 'ab', 2],
      ['ab\\bcd', '', 'ab', 2],
      ['a|b', '', undefined],
      ['(?:a|b)c', '', undefined],
      ['(?=x)', '', undefined],
      ['abc', 'u', undefined],
    ];
    for (const [pattern, flags, source, max] of cases) {
      const head = boundedHead(pattern, flags);
      assert.equal(head?.re.source, source, pattern);
      if (head) {
        assert.equal(head.maxLength, max, pattern);
        assert.ok(head.re.sticky && !head.re.global, pattern);
        assert.equal(head.re.ignoreCase, flags.includes('i'), pattern);
      }
    }
  });

  it('every match of a built-in rule in its positive fixtures starts with its prefix literal and a match of the head the stream uses', () => {
    let checked = 0;
    const rules = new Set<string>();
    for (const fixtures of Object.values(RULE_FIXTURE_FILES)) {
      for (const [id, fx] of Object.entries(fixtures)) {
        const rule = scanner.rule(id);
        const head = rule && openHitHead(rule);
        if (!rule || !head) continue;
        rules.add(id);
        for (const tpl of fx.positive) {
          const { text } = expandFixture(tpl);
          const re = new RegExp(rule.re.source, rule.re.flags.replace('y', '') + (rule.re.global ? '' : 'g'));
          for (const m of text.matchAll(re)) {
            assert.ok(text.startsWith(rule.prefixLiteral!, m.index), `${id}: match at ${m.index} without ${rule.prefixLiteral}`);
            head.re.lastIndex = m.index;
            assert.ok(head.re.test(text), `${id}: the head ${head.re.source} fails where a match starts: ${JSON.stringify(text.slice(m.index, m.index + 40))}`);
            checked++;
          }
        }
      }
    }
    // The rules this is about are among them: kubeconfig `user:` and Twilio's `AC` (keyword `ac`).
    assert.ok(rules.has('kubeconfig-token') && rules.has('twilio-auth-token-after-sid'), [...rules].join(', '));
    assert.ok(checked > 50, `only ${checked} matches checked`);
  });

  it('no head for rules whose matches need not start at their keyword, or whose window reaches back', () => {
    for (const id of ['generic-secret-assignment', 'url-credentials', 'kubernetes-secret-data', 'private-key']) {
      const rule = scanner.rule(id);
      assert.ok(rule, id);
      assert.equal(openHitHead(rule), undefined, id);
    }
  });
});
