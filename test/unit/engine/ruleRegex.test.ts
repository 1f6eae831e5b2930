// Regex work saved at rule compilation (registry.ts): an anchored rule's leading negative lookaheads
// tested after the rest (`stickyExclusions`), and the literal every match starts with
// (`prefixLiteral`), which lets the scanner skip windows without it. Both must leave every match as
// the whole pattern gives it: checked here on every rule fixture, at every position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRules, compileRules, createScanner } from '../../../src/engine';
import { innerLiteral, requiredPrefix, splitLeadingExclusions } from '../../../src/engine/registry';
import { ALPHABETS, expandFixture, rand } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

/** Every fixture text of every rule (positives and negatives), expanded with fresh fake values. */
function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const fixtures of Object.values(RULE_FIXTURE_FILES)) {
    for (const f of Object.values(fixtures)) for (const t of [...f.positive, ...f.negative]) out.push(expandFixture(t).text);
  }
  return out;
}

describe('rule regexes split at compilation', () => {
  it('splitLeadingExclusions moves only capture-free leading (?!…) and keeps lookbehinds in place', () => {
    assert.deepEqual(splitLeadingExclusions('(?<!x)(?!ab|cd)(?=e)key=(\\w+)'), { rest: '(?<!x)(?=e)key=(\\w+)', exclusions: ['ab|cd'] });
    assert.deepEqual(splitLeadingExclusions('(?![a(]{2}\\))a(?!b)c'), { rest: 'a(?!b)c', exclusions: ['[a(]{2}\\)'] });
    assert.equal(splitLeadingExclusions('(?!(a))b'), undefined, 'a capturing group inside would renumber the groups');
    assert.equal(splitLeadingExclusions('(?!(?<n>a))b'), undefined, 'a named group too');
    assert.equal(splitLeadingExclusions('(?!\\1)(a)'), undefined, 'a backreference means something else on its own');
    assert.equal(splitLeadingExclusions('(?!a)b|c'), undefined, 'with a top-level | the lookahead belongs to the first branch');
    assert.deepEqual(splitLeadingExclusions('(?!(?:a|b)(?<=c)(?<!d))e'), { rest: 'e', exclusions: ['(?:a|b)(?<=c)(?<!d)'] });
    assert.equal(splitLeadingExclusions('abc'), undefined);
  });

  it('requiredPrefix: the literal after the leading assertions, without a quantified last character', () => {
    assert.equal(requiredPrefix('(?<![A-Za-z0-9])AC[0-9a-f]{32}', ''), 'AC');
    assert.equal(requiredPrefix('(?:(?<![A-Za-z0-9_])|(?<=\\x1b\\[[0-9;]{0,24}m))ghp_[A-Za-z0-9]{36}', ''), 'ghp_');
    assert.equal(requiredPrefix('dp\\.pt\\.[A-Za-z0-9]{40}', ''), 'dp.pt.');
    assert.equal(requiredPrefix('abc?d', ''), 'ab');
    assert.equal(requiredPrefix('abc{2}', ''), 'ab');
    assert.equal(requiredPrefix('abc\\s?', ''), 'abc');
    assert.equal(requiredPrefix('abc', 'i'), undefined, 'case-insensitive');
    assert.equal(requiredPrefix('abc|abd', ''), undefined, 'top-level alternation');
    assert.equal(requiredPrefix('(?:a|b)cd', ''), undefined, 'a group that consumes text');
    assert.equal(requiredPrefix('(?:(?<!x)|y)cd', ''), undefined, 'a group with a consuming alternative');
    assert.equal(requiredPrefix('a\\dbc', ''), undefined, 'an escape that is a class');
  });

  it('innerLiteral: the longest unquantified literal run outside groups after the first run', () => {
    assert.equal(innerLiteral('-----BEGIN (?<kind>[A-Z ]{0,30}KEY)-----[\\s\\S]{32,100}?-----END \\k<kind>-----', ''), '-----END ');
    assert.equal(innerLiteral('user:[ \\t]{0,8}\\r?\\n[\\s\\S]{0,300}?(?<![a-z])token:[ \\t]{1,8}', ''), 'token:');
    assert.equal(innerLiteral('ab[0-9]+cdefg?h', ''), 'cdef', 'a quantified character is left out');
    assert.equal(innerLiteral('ab[0-9]+cd\\.ef', ''), 'cd.ef', 'escaped punctuation is literal');
    assert.equal(innerLiteral('ab[0-9]+c\\dxyzw', ''), 'xyzw', 'a class escape ends a run');
    assert.equal(innerLiteral('ab(?:cdefgh)?ij', ''), undefined, 'text inside a group is not required');
    assert.equal(innerLiteral('abcdef[0-9]', ''), undefined, 'the first run only (the prefix)');
    assert.equal(innerLiteral('ab[0-9]cdef', 'i'), undefined, 'case-insensitive');
    assert.equal(innerLiteral('ab[0-9]cdef|x', ''), undefined, 'top-level alternation');
    assert.equal(innerLiteral('ab[0-9]{2}\\x41bcde', ''), 'bcde', 'a hex escape is skipped whole');
    assert.equal(innerLiteral('ab[0-9]c{x}defgh', ''), undefined, 'a brace that is no quantifier ends the search');
  });

  it('every built-in windowed rule with an inner literal: each match of its regex on every fixture holds it after its prefix', () => {
    const texts = fixtureTexts();
    const rules = builtinRules().filter((r) => r.innerLiteral !== undefined);
    assert.ok(rules.some((r) => r.spec.id === 'private-key' && r.innerLiteral === '-----END '));
    let matches = 0;
    for (const r of rules) {
      assert.ok(r.window, `${r.spec.id}: only windowed rules get one`);
      const re = new RegExp(r.spec.pattern, 'g' + (r.spec.flags ?? ''));
      for (const text of texts) {
        for (const m of text.matchAll(re)) {
          assert.ok(m[0].indexOf(r.innerLiteral!, r.prefixLiteral?.length ?? 0) >= 0, `${r.spec.id}: ${JSON.stringify(r.innerLiteral)} in a match`);
          matches++;
        }
      }
    }
    assert.ok(matches > 5, `the fixtures exercise them (${matches} matches)`);
  });

  it('the scanner skips a window that lacks the inner literal (a key cut off before its END line) and finds the block once it is there', () => {
    const rule = { id: 'acme-block', name: 'Acme block', pattern: 'ACME BEGIN\\n[A-Za-z0-9\\n]{16,400}?\\nACME END', keywords: ['acme begin'], window: { before: 0, after: 500 } };
    const { rules } = compileRules([{ issuer: 'custom', confidence: 'medium', severity: 'high', kind: 'api-key', revocation: 'manual', ...rule }], 'custom');
    assert.equal(rules[0]!.innerLiteral, 'ACME END');
    const body = Array.from({ length: 4 }, () => rand(ALPHABETS.b62, 40)).join('\n');
    const cut = createScanner([{ ...rule }]).scanner;
    assert.deepEqual(cut.scan(`x\nACME BEGIN\n${body}\nmore output`), []);
    assert.equal(cut.stats.customRuns, 0, 'no run of the regex over a window without ACME END');
    const reference = createScanner([{ ...rule }], { hitChecks: false }).scanner;
    assert.deepEqual(reference.scan(`x\nACME BEGIN\n${body}\nmore output`), []);
    assert.equal(reference.stats.customRuns, 1, 'the reference scanner runs it');
    const whole = cut.scan(`x\nACME BEGIN\n${body}\nACME END\n`);
    assert.equal(whole.length, 1);
    assert.equal(cut.stats.customRuns, 1);
  });

  it('every built-in anchored rule: the split sticky regex gives the whole pattern’s match at every position of every fixture', () => {
    const rules = builtinRules().filter((r) => r.sticky);
    assert.ok(rules.some((r) => r.stickyExclusions.length > 0), 'the generic rules are split');
    const texts = fixtureTexts();
    let matches = 0;
    for (const r of rules) {
      const whole = new RegExp(r.spec.pattern, 'yd' + (r.spec.flags ?? ''));
      for (const text of texts) {
        for (let s = 0; s < text.length; s++) {
          whole.lastIndex = s;
          const want = whole.exec(text);
          r.sticky!.lastIndex = s;
          let got = r.sticky!.exec(text);
          if (got) {
            for (const x of r.stickyExclusions) {
              x.lastIndex = s;
              if (x.test(text)) got = null;
            }
          }
          assert.equal(got?.[0], want?.[0], `${r.spec.id} at ${s} of ${JSON.stringify(text)}`);
          assert.deepEqual(got?.indices?.groups, want?.indices?.groups);
          if (want) matches++;
        }
      }
    }
    assert.ok(matches > 50, `the fixtures exercise the anchored rules (${matches} matches)`);
  });

  it('every built-in rule with a prefix literal: each match of its regex on every fixture starts with it', () => {
    const texts = fixtureTexts();
    const rules = builtinRules().filter((r) => r.prefixLiteral !== undefined);
    assert.ok(rules.length > 20);
    let matches = 0;
    for (const r of rules) {
      const re = new RegExp(r.spec.pattern, 'g' + (r.spec.flags ?? ''));
      for (const text of texts) {
        for (const m of text.matchAll(re)) {
          assert.ok(m[0].startsWith(r.prefixLiteral!), `${r.spec.id}: ${JSON.stringify(m[0].slice(0, 40))} starts with ${JSON.stringify(r.prefixLiteral)}`);
          matches++;
        }
      }
    }
    assert.ok(matches > 50);
  });

  it('the scanner skips a window without the prefix literal and finds the token where it is', () => {
    const rule = { id: 'acme-token', name: 'Acme', pattern: '(?<![A-Za-z])ACME_[0-9a-f]{32}', keywords: ['acme_'] };
    const { rules } = compileRules([{ issuer: 'custom', confidence: 'medium', severity: 'high', kind: 'api-key', revocation: 'manual', ...rule }], 'custom');
    assert.equal(rules[0]!.prefixLiteral, 'ACME_');
    const { scanner } = createScanner([{ ...rule }]);
    const hex = rand(ALPHABETS.hex, 32);
    // Lines with the keyword apart (their windows do not merge): only the one with ACME_ runs the regex.
    const text = `acme_${hex} lower case only\nplain\nx = "ACME_${rand(ALPHABETS.hex, 32)}"\nplain\nacme_ again`;
    const found = scanner.scan(text).filter((f) => f.ruleId === 'acme-token');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.startLine, 2);
    assert.equal(scanner.stats.customRuns, 1, 'the regex ran in the one window that holds ACME_');
  });
});
