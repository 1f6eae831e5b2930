// Regression tests for issue 11 (engine side): a token in the user-name slot, detect-only workspace
// rules, claims copied by pairing, `Finding.secret` in `util.inspect`, typo'd vendor tokens, and
// linear pairing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as util from 'node:util';
import { createScanner, dropSecret, hasSecret, scrubText, sweepExpiredSecrets, withSecret, type Finding } from '../../../src/engine';
import { formatJsonLines, formatSarif, formatText } from '../../../src/engine/report';
import { awsKeyId } from '../../support/tokens/aws';
import { githubToken } from '../../support/tokens/github';
import { jwt } from '../../support/tokens/jwt';
import { ALPHABETS, plausible as rand } from '../../support/tokens/random';

const { scanner } = createScanner();

/** Every output a scan result reaches in the CLI, plus the findings' enumerable fields. */
function everyOutput(findings: Finding[]): string {
  const results = [{ file: 'a.txt', findings }];
  return [formatText(results), formatJsonLines(results), formatSarif(results, { toolVersion: '0.0.0' }), JSON.stringify(findings), util.inspect(findings, { showHidden: true, depth: 8 })].join('\n');
}

describe('a token in the user-name slot (issue 11 item 2)', () => {
  const tokens = (): [string, string][] => [['checksum-valid ghp_ token', githubToken('ghp')], ['legacy 40-hex GitHub token', rand(ALPHABETS.hex, 40)]];
  for (const [label, tok] of tokens()) {
    const cases: [string, string][] = [
      ['URL with x-oauth-basic', `git clone https://${tok}:x-oauth-basic@github.com/acme/app.git\n`],
      ['Basic header with x-oauth-basic', `curl -H "Authorization: Basic ${Buffer.from(`${tok}:x-oauth-basic`).toString('base64')}" https://api.github.com/user\n`],
      ['Basic header with an empty password', `Authorization: Basic ${Buffer.from(`${tok}:`).toString('base64')}\n`],
    ];
    for (const [shape, text] of cases) {
      it(`${label}, ${shape}: the token is the secret and is in no output`, () => {
        const found = scanner.scan(text);
        assert.ok(found.length >= 1, `${shape}: nothing found`);
        assert.ok(found.some((f) => f.secret === tok), `${shape}: the token is not the secret of any finding: ${JSON.stringify(found)}`);
        assert.ok(!everyOutput(found).includes(tok), `${shape}: the full token reached an output`);
        for (const f of found) {
          assert.ok(!JSON.stringify(f).includes(tok.slice(4, 20)), `${shape}: part of the token in a finding field`);
          assert.equal(f.metadata.username, undefined);
        }
      });
    }
  }

  it('a user name is never reported, even when the password is the secret', () => {
    const pw = rand(ALPHABETS.b62, 20);
    const [f] = scanner.scan(`DATABASE_URL=postgres://alice.smith:${pw}@db.internal:5432/app\n`);
    assert.ok(f);
    assert.equal(f.secret, pw);
    assert.ok(!everyOutput([f]).includes('alice.smith'));
  });

  it('scrubText redacts known secrets and token-shaped runs, and leaves prose alone', () => {
    const tok = rand(ALPHABETS.hex, 40);
    const gh = githubToken('ghp');
    const out = scrubText(`user ${tok} and ${gh}; short pw hunter22xx`, ['hunter22xx']);
    assert.ok(!out.includes(tok) && !out.includes(gh) && !out.includes('hunter22xx'), out);
    const prose = 'https credentials for github.com · JWT · issuer accounts.example.test · expires 2030-01-01';
    assert.equal(scrubText(prose), prose);
  });
});

describe('custom rules from a workspace only detect (issue 11 item 3)', () => {
  const base = { id: 'acme', name: 'ACME token', pattern: 'acme_[A-Za-z0-9]{32}', keywords: ['acme_'] };
  for (const [field, value] of [
    ['issuer', 'evil'], ['revocation', 'oauth-rfc7009'], ['pairsWith', { ruleId: 'jwt', withinLines: 5, metadataKey: 'x' }],
    ['validator', 'jwt'], ['decode', 'base64'], ['window', { before: 0, after: 100 }], ['anchor', 'identifier'],
  ] as const) {
    it(`refuses \`${field}\` in an untrusted rule, with a clear message`, () => {
      const { scanner: s, errors } = createScanner([], { untrustedRules: [{ ...base, [field]: value }] });
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0]!.message, new RegExp(`workspace rules can only detect: \`${field}\``));
      assert.equal(s.rule('acme'), undefined);
    });
  }

  it('accepts a detect-only workspace rule, and the same fields from a trusted source', () => {
    const acme = 'acme_' + rand(ALPHABETS.b62, 32);
    const untrusted = createScanner([], { untrustedRules: [base] });
    assert.deepEqual(untrusted.errors, []);
    assert.deepEqual(untrusted.scanner.scan(`K=${acme}`).map((f) => [f.ruleId, f.issuer, f.revocation]), [['acme', 'custom', 'manual']]);
    const trusted = createScanner([{ ...base, issuer: 'acme', revocation: 'manual' }]);
    assert.deepEqual(trusted.errors, []);
    assert.equal(trusted.scanner.scan(`K=${acme}`)[0]?.issuer, 'acme');
  });

  it('a custom rule never outranks a built-in match on the same range', () => {
    // A user rule that scores like the built-in JWT rule, plus the custom bonus it used to get.
    const token = jwt({ iss: 'https://login.example.test', sub: 'u1' });
    const { scanner: withJwtRule, errors } = createScanner([
      { id: 'my-jwt', name: 'Mine', issuer: 'attacker', confidence: 'high', prefix: 'eyJ', validator: 'jwt', pattern: 'eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*', keywords: ['eyj'] },
    ]);
    assert.deepEqual(errors, []);
    assert.deepEqual(withJwtRule.scan(`id_token: ${token}\n`).map((f) => [f.ruleId, f.issuer]), [['jwt', 'oauth']]);
    const tok = githubToken('ghp');
    for (const custom of [[{ id: 'my-gh', name: 'Mine', issuer: 'attacker', confidence: 'high', pattern: 'ghp_[A-Za-z0-9]{36}', keywords: ['ghp_'] }], []]) {
      const { scanner: s } = createScanner(custom);
      const found = s.scan(`GITHUB_TOKEN=${tok}\n`);
      assert.deepEqual(found.map((f) => f.ruleId), ['github-pat-classic']);
    }
    const { scanner: s } = createScanner([], { untrustedRules: [{ id: 'my-gh', name: 'Mine', confidence: 'high', pattern: 'ghp_[A-Za-z0-9]{36}' }] });
    assert.deepEqual(s.scan(`GITHUB_TOKEN=${tok}\n`).map((f) => f.ruleId), ['github-pat-classic']);
  });

  it("pairing never copies a JWT's `iss` onto another key", () => {
    const planted = jwt({ iss: 'https://attacker.example.test', sub: 'x' });
    const key = 'acme_' + rand(ALPHABETS.b62, 40);
    const { scanner: s, errors } = createScanner([
      { id: 'acme-key', name: 'Key', pattern: 'acme_[A-Za-z0-9]{40}', keywords: ['acme_'], pairsWith: { ruleId: 'jwt', withinLines: 3, metadataKey: 'pairedJwt' } },
    ]);
    assert.deepEqual(errors, []);
    const found = s.scan(`id_token: ${planted}\nkey: ${key}\n`);
    const acme = found.find((f) => f.ruleId === 'acme-key');
    assert.ok(acme?.metadata.pairedWith, 'the rules pair');
    for (const f of found) {
      if (f.secret === planted) continue;
      assert.equal(f.metadata.iss, undefined, `iss copied onto ${f.ruleId}: ${JSON.stringify(f.metadata)}`);
    }
  });
});

describe('Finding.secret (issue 11 item 18)', () => {
  it('util.inspect with showHidden and %o never print the secret', () => {
    const tok = githubToken('ghp');
    const [f] = scanner.scan(`T=${tok}\n`);
    assert.ok(f);
    assert.equal(f.secret, tok);
    assert.ok(!util.inspect(f, { showHidden: true }).includes(tok));
    assert.ok(!util.format('%o', f).includes(tok));
    assert.ok(!util.format('%O', [f]).includes(tok));
    assert.ok(util.inspect(f, { showHidden: true }).includes(f.fingerprint));
    assert.equal({ ...f }.secret, undefined);
  });

  it('a secret can be dropped, and expires after its TTL', () => {
    const tok = githubToken('ghp');
    const [f] = scanner.scan(`T=${tok}\n`);
    assert.ok(f && hasSecret(f));
    dropSecret(f);
    assert.equal(f.secret, undefined);
    const [g] = scanner.scan(`T=${tok}\n`, { secretTtlMs: 60_000 });
    assert.equal(g?.secret, tok);
    sweepExpiredSecrets(Date.now() + 60_001);
    assert.equal(g?.secret, undefined);
    const copy = withSecret({ a: 1 }, 'x'.repeat(20), { ttlMs: 0 });
    assert.equal(copy.secret, undefined);
  });
});

describe('a typo’d vendor token (issue 11, also)', () => {
  it('a GitHub token with a wrong checksum is not re-reported by a generic rule', () => {
    for (let i = 0; i < 5; i++) {
      const bad = githubToken('ghp', { badChecksum: true });
      for (const text of [`typo'd token: ${bad}\n`, `token = "${bad}"\n`, `API_KEY=${bad}\n`]) {
        assert.deepEqual(scanner.scan(text).map((f) => f.ruleId), [], text);
      }
    }
  });
});

describe('AWS pairing is linear (issue 11 item 5a)', () => {
  function pairs(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += `aws_access_key_id = ${awsKeyId('AKIA', '123456789012')}\naws_secret_access_key = ${rand(ALPHABETS.b62, 40)}\n`;
    return s;
  }
  it('the partners tried per finding do not grow with the file (quadratic before: every candidate against every other)', () => {
    const counts: number[] = [];
    for (const n of [300, 1200]) {
      const { scanner: s } = createScanner();
      const found = s.scanDetailed(pairs(n)).findings;
      assert.ok(found.filter((f) => f.metadata.pairedWith).length >= n, 'pairs are paired');
      counts.push(s.stats.pairChecks);
    }
    const [small = 0, large = 0] = counts;
    assert.ok(small > 0 && small <= 2 * 300 * 2, `checks for 300 pairs: ${small}`);
    assert.ok(large / small < 4.5, `checks grow ${large / small}× for 4× the pairs`);
  });
});

describe('basic-auth-header decoding is linear and cheap (issue 11 item 5c)', () => {
  it('each distinct encoded value is decoded once per scan, and decodes grow with the distinct values only', () => {
    const header = `Authorization: Basic ${Buffer.from(`svc-ci:${rand(ALPHABETS.b62, 22)}`).toString('base64')}\n`;
    const { scanner: s } = createScanner();
    const found = s.scan(header.repeat(2000));
    assert.equal(found.length, 2000);
    assert.equal(s.stats.decodes, 1, 'one decode for 2,000 copies of one header');
    const distinct = (n: number): string => Array.from({ length: n }, () => `Authorization: Basic ${Buffer.from(`svc-ci:${rand(ALPHABETS.b62, 22)}`).toString('base64')}\n`).join('');
    const { scanner: t } = createScanner();
    t.scan(distinct(500));
    assert.equal(t.stats.decodes, 500);
  });
});

describe('custom-rule ReDoS guard and time budget (issue 11 item 5d)', () => {
  for (const pattern of ['(a|a)*b', 'a*a*a*b', '(?:x|xy)+z', '\\w+\\d+!', '.*.*=']) {
    it(`refuses ${pattern}`, () => {
      const { errors } = createScanner([{ id: 'evil', name: 'Evil', pattern }]);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0]!.message, /backtrack catastrophically/);
    });
  }
  it('accepts ordinary token patterns', () => {
    for (const pattern of ['acme_[A-Za-z0-9]{32}', '(?:sso|idp)\\.[a-z0-9]{20}', 'int-[0-9a-f]{24}', '[A-Za-z0-9]+_[A-Za-z0-9]{8}', '(a|b)*c']) {
      assert.deepEqual(createScanner([{ id: 'ok', name: 'OK', pattern }]).errors, [], pattern);
    }
  });
  it('a slow custom regex is stopped by the per-scan budget instead of running over the whole file', () => {
    // Quadratic on a run of `a` without `c`, and not one of the refused shapes.
    const { scanner: s, errors } = createScanner([{ id: 'slow', name: 'Slow', pattern: 'a[^b]*c' }]);
    assert.deepEqual(errors, []);
    const text = 'a'.repeat(1024 * 1024);
    s.scan(text);
    assert.ok(s.slowRules.has('slow'), 'the rule is reported as slow');
    assert.ok(s.stats.customRuns < 1024 * 1024 / 8192 / 2, `regex runs: ${s.stats.customRuns} of ${1024 * 1024 / 8192} pieces`);
  });
});
