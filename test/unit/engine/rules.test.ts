// Every built-in rule: loads cleanly, has positive and negative fixtures, finds its positives and
// stays quiet on its negatives. A rule without both kinds of fixture fails this suite.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RULES, compileRules, createScanner, describeLoadError } from '../../../src/engine';
import { expandFixture } from '../../support/fakes';

describe('built-in rules', () => {
  it('compile without errors and have unique ids', () => {
    const { rules, errors } = compileRules(BUILTIN_RULES, 'builtin');
    assert.deepEqual(errors.map(describeLoadError), []);
    assert.equal(rules.length, BUILTIN_RULES.length);
  });

  it('cover at least 60 rule ids across the DESIGN §3 issuers', () => {
    assert.ok(BUILTIN_RULES.length >= 60, `only ${BUILTIN_RULES.length} rules`);
    const issuers = new Set(BUILTIN_RULES.map((r) => r.issuer));
    for (const i of ['github', 'gitlab', 'slack', 'npm', 'pypi', 'aws', 'google', 'azure', 'stripe', 'openai', 'anthropic', 'huggingface', 'twilio', 'sendgrid', 'docker', 'vault', 'doppler', 'digitalocean', 'shopify', 'databricks', 'heroku', 'postman', 'linear', 'supabase', 'atlassian', 'cloudflare']) {
      assert.ok(issuers.has(i), `no rule for issuer ${i}`);
    }
  });

  const { scanner } = createScanner();
  for (const rule of BUILTIN_RULES) {
    describe(rule.id, () => {
      it('has positive and negative fixtures', () => {
        assert.ok(rule.fixtures.positive.length > 0, 'no positive fixture');
        assert.ok(rule.fixtures.negative.length > 0, 'no negative fixture');
      });
      rule.fixtures.positive.forEach((tpl, i) => {
        it(`finds positive #${i + 1}`, () => {
          for (let round = 0; round < 3; round++) {
            const { text, values } = expandFixture(tpl);
            const found = scanner.scan(text).filter((f) => f.ruleId === rule.id);
            assert.ok(found.length > 0, `no ${rule.id} finding in fixture ${JSON.stringify(tpl)}; got ${JSON.stringify(scanner.scan(text).map((f) => f.ruleId))}`);
            for (const f of found) {
              assert.ok(f.range.end > f.range.start && f.range.end <= text.length);
              assert.match(f.fingerprint, /^sha256:[0-9a-f]{32}$/);
              assert.ok(!JSON.stringify(f).includes(f.secret!), 'finding JSON carries the secret');
              for (const v of values) if (v.length >= 12) assert.ok(!f.redacted.includes(v.slice(0, -4)), 'redacted form leaks the token');
            }
          }
        });
      });
      rule.fixtures.negative.forEach((tpl, i) => {
        it(`stays quiet on negative #${i + 1}`, () => {
          for (let round = 0; round < 3; round++) {
            const { text } = expandFixture(tpl);
            const found = scanner.scan(text).filter((f) => f.ruleId === rule.id);
            assert.equal(found.length, 0, `unexpected ${rule.id} in ${JSON.stringify(tpl)} → ${found.map((f) => f.redacted).join(', ')}`);
          }
        });
      });
    });
  }
});
