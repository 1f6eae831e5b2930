// Every built-in rule: loads cleanly, has positive and negative fixtures, finds its positives and
// stays quiet on its negatives. Fixtures live in `*.fixtures.ts` files next to the rule files and are
// joined to the rules by id here. A rule without both kinds of fixture, a fixture for an unknown rule,
// a fixture file missing from the list, or shipped code importing a fixture file fails this suite.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_RULES, compileRules, createScanner, describeLoadError, type RuleFixtures } from '../../../src/engine';
import { expandFixture } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

const ROOT = resolve(__dirname, '../../../..');
const RULES_DIR = join(ROOT, 'src/engine/rules');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Fixtures by rule id, joined from every fixture file; `owner` says which file named each id. */
function joinFixtures(): { byId: Map<string, RuleFixtures>; owner: Map<string, string> } {
  const byId = new Map<string, RuleFixtures>();
  const owner = new Map<string, string>();
  for (const [file, fixtures] of Object.entries(RULE_FIXTURE_FILES)) {
    for (const [id, f] of Object.entries(fixtures)) {
      assert.ok(!owner.has(id), `fixtures for ${id} in both ${owner.get(id)} and ${file}`);
      owner.set(id, file);
      byId.set(id, f);
    }
  }
  return { byId, owner };
}

/** Generators of passwords, whose whole value is the secret wherever a rule reports it. */
const PASSWORD_GENERATORS = new Set(['password', 'punct-password', 'passphrase']);


describe('rule fixture files', () => {
  const { owner } = joinFixtures();
  const ids = new Set(BUILTIN_RULES.map((r) => r.id));

  it('name only known rules', () => {
    const unknown = [...owner].filter(([id]) => !ids.has(id)).map(([id, file]) => `${file}: ${id}`);
    assert.deepEqual(unknown, [], 'fixtures for rules that do not exist');
  });

  it('sit next to the rule file that defines their rules', () => {
    for (const [id, file] of owner) {
      if (!ids.has(id)) continue;
      const ruleFile = join(RULES_DIR, file.replace(/\.fixtures\.ts$/, '.ts'));
      assert.ok(readFileSync(ruleFile, 'utf8').includes(`id: '${id}'`), `${id}: fixtures in ${file}, rule not in ${ruleFile}`);
    }
  });

  it('are all listed in test/support/ruleFixtures.ts', () => {
    const onDisk = tsFiles(RULES_DIR).filter((p) => p.endsWith('.fixtures.ts')).map((p) => relative(RULES_DIR, p).split('\\').join('/'));
    assert.deepEqual(onDisk.sort(), Object.keys(RULE_FIXTURE_FILES).sort());
  });

  it('are never imported by shipped code', () => {
    const importers = tsFiles(join(ROOT, 'src')).filter((p) => !p.endsWith('.fixtures.ts') && /from\s+['"][^'"]*\.fixtures['"]/.test(readFileSync(p, 'utf8')));
    assert.deepEqual(importers.map((p) => relative(ROOT, p)), []);
  });
});

describe('built-in rules', () => {
  const { byId } = joinFixtures();

  it('compile without errors and have unique ids', () => {
    const { rules, errors } = compileRules(BUILTIN_RULES, 'builtin');
    assert.deepEqual(errors.map(describeLoadError), []);
    assert.equal(rules.length, BUILTIN_RULES.length);
  });

  it('cover at least 60 rule ids across the supported issuers', () => {
    assert.ok(BUILTIN_RULES.length >= 60, `only ${BUILTIN_RULES.length} rules`);
    const issuers = new Set(BUILTIN_RULES.map((r) => r.issuer));
    for (const i of ['github', 'gitlab', 'slack', 'npm', 'pypi', 'aws', 'google', 'azure', 'stripe', 'openai', 'anthropic', 'huggingface', 'twilio', 'sendgrid', 'docker', 'vault', 'doppler', 'digitalocean', 'shopify', 'databricks', 'heroku', 'postman', 'linear', 'supabase', 'atlassian', 'cloudflare']) {
      assert.ok(issuers.has(i), `no rule for issuer ${i}`);
    }
  });

  const { scanner } = createScanner();
  for (const rule of BUILTIN_RULES) {
    const fixtures = byId.get(rule.id) ?? { positive: [], negative: [] };
    describe(rule.id, () => {
      it('has positive and negative fixtures', () => {
        assert.ok(byId.has(rule.id), `no fixtures for ${rule.id} in any src/engine/rules/**/*.fixtures.ts`);
        assert.ok(fixtures.positive.length > 0, 'no positive fixture');
        assert.ok(fixtures.negative.length > 0, 'no negative fixture');
      });
      fixtures.positive.forEach((tpl, i) => {
        it(`finds positive #${i + 1}`, () => {
          for (let round = 0; round < 3; round++) {
            const { text, values, generators } = expandFixture(tpl);
            // A container rule (`decode: 'base64'`) reports a token it decodes under the token's own rule.
            const found = scanner.scan(text).filter((f) => f.ruleId === rule.id || f.metadata?.container === rule.id);
            assert.ok(found.length > 0, `no ${rule.id} finding in fixture ${JSON.stringify(tpl)}; got ${JSON.stringify(scanner.scan(text).map((f) => f.ruleId))}`);
            for (const f of found) {
              assert.ok(f.range.end > f.range.start && f.range.end <= text.length);
              assert.match(f.fingerprint, /^sha256:[0-9a-f]{32}$/);
              assert.ok(!JSON.stringify(f).includes(f.secret!), 'finding JSON carries the secret');
              for (const v of values) if (v.length >= 12) assert.ok(!f.redacted.includes(v.slice(0, -4)), 'redacted form leaks the token');
            }
            // A generated password is found whole: a finding that stops at one of its characters
            // (`&`, `,`, `~`…) masks only its start and leaves the rest on screen.
            for (const v of values.filter((x, k) => PASSWORD_GENERATORS.has(generators[k]!) && x.length >= 8)) {
              const at = text.indexOf(v);
              const cut = found.find((f) => f.range.start < at + v.length && f.range.end > at && (f.range.start > at || f.range.end < at + v.length));
              assert.ok(!cut, `${rule.id} covers only ${cut ? text.slice(Math.max(at, cut.range.start), Math.min(at + v.length, cut.range.end)).length : 0} of the ${v.length} characters of a generated password in ${JSON.stringify(tpl)}`);
            }
          }
        });
      });
      fixtures.negative.forEach((tpl, i) => {
        it(`stays quiet on negative #${i + 1}`, () => {
          for (let round = 0; round < 3; round++) {
            const { text } = expandFixture(tpl);
            const found = scanner.scan(text).filter((f) => f.ruleId === rule.id || f.metadata?.container === rule.id);
            assert.equal(found.length, 0, `unexpected ${rule.id} in ${JSON.stringify(tpl)} → ${found.map((f) => f.redacted).join(', ')}`);
          }
        });
      });
    });
  }
});
