import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createScanner, fingerprintsOf, type Finding } from '../../../src/engine';
import { detachFinding } from '../../../src/findings/detach';
import { expandFixture, githubToken, npmToken } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

/** A full garbage collection (the flag is set at run time: the unit tests run without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('findings kept after their text (detachFinding)', () => {
  it('copies every field, the secret and the legacy fingerprint', () => {
    const { scanner } = createScanner();
    const [gh, npm] = [githubToken(), npmToken()];
    const text = `const a = "${gh}";\n//registry.npmjs.org/:_authToken=${npm}\n`;
    const found = scanner.scan(text);
    assert.equal(found.length, 2);
    for (const f of found) {
      const d = detachFinding(f);
      assert.notEqual(d, f);
      assert.deepEqual({ ...d }, { ...f });
      assert.equal(d.secret, f.secret);
      assert.deepEqual(fingerprintsOf(d), fingerprintsOf(f));
      assert.ok(!JSON.stringify(d).includes(f.secret!), 'the secret stays non-enumerable');
      assert.ok(!Object.keys(d).includes('secret'));
    }
  });

  it('gives what a JSON round trip of the finding gives, for the findings of every rule fixture (metadata, validation, low confidence)', () => {
    const { scanner } = createScanner();
    let n = 0;
    const rules = new Set<string>();
    for (const file of Object.values(RULE_FIXTURE_FILES)) {
      for (const fixtures of Object.values(file)) {
        for (const tpl of fixtures.positive) {
          const { text } = expandFixture(tpl);
          for (const f of scanner.scan(`// a file\n${text}\n`)) {
            const d = detachFinding(f);
            assert.deepEqual({ ...d }, JSON.parse(JSON.stringify(f)), `${f.ruleId}: the same fields`);
            assert.equal(Object.keys(d).join(), Object.keys(f).filter((k) => (f as unknown as Record<string, unknown>)[k] !== undefined).join(), `${f.ruleId}: in the same order`);
            assert.equal(d.secret, f.secret);
            assert.deepEqual(fingerprintsOf(d), fingerprintsOf(f));
            assert.ok(!Object.keys(d).includes('secret') && !Object.keys(d).includes('legacyFingerprint'), 'the hidden fields stay hidden');
            rules.add(f.ruleId);
            n++;
          }
        }
      }
    }
    assert.ok(n > 100 && rules.size > 50, `${n} findings of ${rules.size} rules`);
  });

  it('keeps no reference to the text: 200 findings from 200 texts of 256 KB hold well under 1 MB each', () => {
    const { scanner } = createScanner();
    const filler = 'const value = compute(1, 2); // a generated line of source text\n'.repeat(4096); // 256 K characters
    const measure = (keep: (f: Finding) => Finding): number => {
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const kept: Finding[] = [];
      for (let i = 0; i < 200; i++) {
        const found = scanner.scan(`${filler}// file ${i}\nconst token = "${githubToken()}";\n`);
        assert.equal(found.length, 1);
        kept.push(keep(found[0]!));
      }
      collectGarbage();
      const grown = process.memoryUsage().heapUsed - before;
      assert.equal(kept.length, 200);
      return grown;
    };
    // The scanner's own findings hold their texts (a slice keeps its parent alive: 50 MB here); the copies do not.
    const detached = measure(detachFinding);
    assert.ok(detached < 4 * 1024 * 1024, `detached findings hold ${(detached / 1048576).toFixed(1)} MB`);
  });
});
