// Start-up: the built-in rules are compiled without the checks that compile every pattern (those
// run here and in rules.test.ts), so V8 compiles a rule's regex only when the rule first runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RULES, builtinRules, compileRules, describeLoadError } from '../../../src/engine';

describe('built-in rules at start-up', () => {
  it('compile (prechecked) to the same rules as with every check', () => {
    const full = compileRules(BUILTIN_RULES, 'builtin');
    assert.deepEqual(full.errors.map(describeLoadError), []);
    const fast = builtinRules();
    assert.equal(fast.length, full.rules.length);
    fast.forEach((r, i) => {
      const f = full.rules[i]!;
      assert.equal(r.spec, f.spec);
      assert.equal(r.re.source, f.re.source);
      assert.equal(r.re.flags, f.re.flags);
      assert.equal(r.sticky?.source, f.sticky?.source);
      assert.deepEqual([r.keywords, r.secretGroup, r.window, r.source, r.trusted], [f.keywords, f.secretGroup, f.window, f.source, f.trusted]);
    });
  });

  it('prechecked applies to built-in specs only: a custom rule is checked in full', () => {
    const bad = { id: 'x-empty', name: 'x', issuer: 'custom', pattern: 'a*', keywords: [], confidence: 'low', severity: 'low', kind: 'api-key', revocation: 'manual' };
    assert.match(compileRules([bad], 'custom', new Set(), { prechecked: true }).errors.map(describeLoadError).join(), /empty string/);
  });
});
