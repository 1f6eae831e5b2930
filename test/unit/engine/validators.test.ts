// Offline validators: generated tokens (valid and corrupted) and values published in specs and
// write-ups. Published values that a secret scanner would flag are assembled from parts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VALIDATORS, awsAccountFromKeyId, hostOf, base36Crc32, base62, base62Crc32, crc32, isSampleCredential, tableCrc32 } from '../../../src/engine/validators';
import { awsKeyId } from '../../support/tokens/aws';
import { githubToken } from '../../support/tokens/github';
import { gitlabRoutable } from '../../support/tokens/gitlab';
import { npmToken } from '../../support/tokens/npm';
import { pypiMacaroon } from '../../support/tokens/pypi';
import { plausible } from '../../support/tokens/random';
import { random } from '../../support/seed';
import { createScanner } from '../../../src/engine';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ctx = { text: '', start: 0, end: 0, now: NOW };
const b64url = (o: unknown): string => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('checksum helpers', () => {
  it('crc32 matches the standard check value, with and without zlib', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(tableCrc32(Buffer.from('123456789')), 0xcbf43926);
    const s = plausible(ALNUM, 50);
    assert.equal(tableCrc32(Buffer.from(s)), crc32(s));
  });
  it('base62 pads to the width with 0 and uses 0-9A-Za-z', () => {
    assert.equal(base62(0, 6), '000000');
    assert.equal(base62(61, 1), 'z');
    assert.equal(base62(62, 2), '10');
    assert.equal(base62(0xffffffff, 6), '4gfFC3');
  });
});

describe('github-crc32', () => {
  const v = VALIDATORS['github-crc32'];
  for (const [prefix, type] of [['ghp', 'classic PAT'], ['gho', 'OAuth'], ['ghu', 'user-to-server'], ['ghs', 'server-to-server'], ['ghr', 'refresh']] as const) {
    it(`accepts a ${prefix}_ token with a valid checksum and names its type`, () => {
      const r = v(githubToken(prefix), ctx);
      assert.equal(r.status, 'valid');
      assert.equal(r.detail, 'checksum valid');
      assert.equal(r.metadata?.tokenType, type);
    });
    it(`rejects a ${prefix}_ token with a corrupted checksum`, () => {
      assert.equal(v(githubToken(prefix, { badChecksum: true }), ctx).status, 'invalid');
    });
  }
  it('computes the CRC over the 30 random characters only, not the prefix', () => {
    const random = plausible(ALNUM, 30);
    const withPrefix = base62(crc32('ghp_' + random), 6);
    if (withPrefix !== base62Crc32(random)) assert.equal(v('ghp_' + random + withPrefix, ctx).status, 'invalid');
    assert.equal(v('ghp_' + random + base62Crc32(random), ctx).status, 'valid');
  });
  it('reports fine-grained tokens as format-valid but unchecked', () => {
    const r = v('github' + '_pat_' + plausible(ALNUM, 22) + '_' + plausible(ALNUM, 59), ctx);
    assert.equal(r.status, 'unchecked');
    assert.equal(r.detail, 'format valid');
    assert.equal(v('github' + '_pat_' + plausible(ALNUM, 10), ctx).status, 'invalid');
  });
  it('accepts the stateless ghs_<app id>_<JWT> installation token when its JWT parses', () => {
    const exp = Math.floor(NOW / 1000) + 3600;
    const token = `ghs_123456_${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: 'github', exp })}.${plausible(ALNUM, 43)}`;
    const r = v(token, ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.appId, '123456');
    assert.equal(r.metadata?.exp, exp);
    const broken = `ghs_123456_eyJ${plausible(ALNUM, 20)}.${plausible(ALNUM, 30)}.${plausible(ALNUM, 43)}`;
    assert.equal(v(broken, ctx).status, 'invalid');
  });
  it('rejects unknown prefixes and non-base62 bodies', () => {
    assert.equal(v('ghx_' + plausible(ALNUM, 36), ctx).status, 'invalid');
    assert.equal(v('ghp_' + plausible(ALNUM, 30) + '-_-_-_', ctx).status, 'invalid');
  });
});

describe('npm-crc32', () => {
  const v = VALIDATORS['npm-crc32'];
  it('accepts a valid npm_ token and rejects a corrupted one', () => {
    assert.equal(v(npmToken(), ctx).status, 'valid');
    assert.equal(v(npmToken({ badChecksum: true }), ctx).status, 'invalid');
    assert.equal(v('np' + 'm_' + plausible(ALNUM, 20), ctx).status, 'invalid');
  });
});

describe('gitlab-routable', () => {
  const v = VALIDATORS['gitlab-routable'];
  it('verifies the minimum-length example of the GitLab routable-token design document', () => {
    // handbook.gitlab.com …/cells/routable_tokens/ "Minimum token length": no prefix, payload "o:1".
    const r = v('bzoxd_Rb5_cHeWe1JH56wr2FCBA' + '.0r' + '1pum4t4', ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.organizationId, 1);
    assert.equal(r.metadata?.owner, 'organization 1');
  });
  it('decodes the owner payload of a generated versioned token', () => {
    const r = v(gitlabRoutable('glpat-', { userId: 4242, org: 7 }), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.confidence, 'high');
    assert.equal(r.metadata?.tokenType, 'personal/project/group access token');
    assert.equal(r.metadata?.userId, 4242);
    assert.equal(r.metadata?.organizationId, 7);
    assert.equal(r.metadata?.cell, 1);
    assert.equal(r.metadata?.version, 1);
    assert.equal(r.metadata?.owner, 'user 4242');
    assert.match(r.detail, /checksum valid · user 4242/);
  });
  it('accepts the unversioned 2024 routable form', () => {
    const r = v(gitlabRoutable('glrt-', { versioned: false }), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.tokenType, 'runner authentication token');
    assert.equal(r.metadata?.version, undefined);
  });
  it('rejects a bad CRC and a wrong payload-length field', () => {
    assert.equal(v(gitlabRoutable('glpat-', { badCrc: true }), ctx).status, 'invalid');
    const badLen = v(gitlabRoutable('glpat-', { badLength: true }), ctx);
    assert.equal(badLen.status, 'invalid');
    assert.equal(badLen.detail, 'payload length field mismatch');
  });
  it('leaves legacy 20-character tokens unchecked', () => {
    const r = v('glpat-' + plausible(ALNUM, 20), ctx);
    assert.equal(r.status, 'unchecked');
    assert.equal(r.metadata?.format, 'legacy');
  });
  it('exposes the base36 CRC helper used by the format', () => {
    assert.equal(base36Crc32('bzoxd_Rb5_cHeWe1JH56wr2FCBA.0r'), '1pum4t4');
  });
});

describe('pypi-macaroon', () => {
  const v = VALIDATORS['pypi-macaroon'];
  it('decodes location and an account-wide user caveat', () => {
    const r = v(pypiMacaroon(), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.location, 'pypi.org');
    assert.equal(r.metadata?.scope, 'user');
    assert.match(r.detail, /^macaroon valid · pypi\.org · account-wide$/);
    assert.match(String(r.metadata?.macaroonId), /^[0-9a-f-]{36}$/);
  });
  it('summarises project and expiry caveats', () => {
    const exp = Math.floor(NOW / 1000) + 86400 * 10;
    const r = v(pypiMacaroon({ caveats: ['[1,["acme-widgets","acme-core"]]', `[0,${exp},${exp - 86400 * 30}]`] }), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.projects, 'acme-widgets,acme-core');
    assert.equal(r.metadata?.scope, 'project');
    assert.equal(r.metadata?.expiresAt, new Date(exp * 1000).toISOString());
    assert.match(r.detail, /projects acme-widgets, acme-core · expires 2026-01-25/);
    const expired = v(pypiMacaroon({ caveats: [`[0,${exp - 86400 * 20},${exp - 86400 * 40}]`] }), ctx);
    assert.match(expired.detail, /expired/);
  });
  it('understands the legacy JSON-object caveats', () => {
    const r = v(pypiMacaroon({ caveats: ['{"version": 1, "permissions": {"projects": ["sampleproject"]}}'] }), ctx);
    assert.equal(r.metadata?.projects, 'sampleproject');
    assert.equal(v(pypiMacaroon({ caveats: ['{"version": 1, "permissions": "user"}'] }), ctx).metadata?.scope, 'user');
  });
  it('accepts test.pypi.org and rejects any other location', () => {
    assert.equal(v(pypiMacaroon({ location: 'test.pypi.org' }), ctx).metadata?.location, 'test.pypi.org');
    assert.equal(v(pypiMacaroon({ location: 'evil.invalid' }), ctx).status, 'invalid');
  });
  it('parses a hand-assembled v2 macaroon byte by byte', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'),
      Buffer.from([0x02, 0x04]), Buffer.from('id-1'), Buffer.from([0x00]),
      Buffer.from([0x02, 0x0b]), Buffer.from('[3,"u-123"]'), Buffer.from([0x00]),
      Buffer.from([0x00]),
      Buffer.from([0x06, 0x20]), Buffer.alloc(32, 7),
    ]);
    const token = 'pypi-' + bytes.toString('base64url');
    assert.ok(token.startsWith('pypi-AgEIcHlwaS5vcmc'), 'the well-known PyPI token prefix');
    const r = v(token, ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.caveats, 1);
  });
  it('rejects truncated, non-macaroon and non-base64 values', () => {
    assert.equal(v(pypiMacaroon({ truncate: true }), ctx).status, 'invalid');
    assert.equal(v('pypi-' + b64url('not a macaroon at all, just text'), ctx).status, 'invalid');
    assert.equal(v('pypi-@@@', ctx).status, 'invalid');
  });
});

describe('jwt', () => {
  const v = VALIDATORS.jwt;
  // RFC 7519 §3.1 example JWT, assembled from its three parts.
  const RFC_HEADER = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9';
  const RFC_PAYLOAD = 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
  const RFC_SIG = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  it('decodes the RFC 7519 §3.1 example (expired in 2011)', () => {
    const r = v([RFC_HEADER, RFC_PAYLOAD, RFC_SIG].join('.'), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.alg, 'HS256');
    assert.equal(r.metadata?.typ, 'JWT');
    assert.equal(r.metadata?.iss, 'joe');
    assert.equal(r.metadata?.exp, 1300819380);
    assert.equal(r.metadata?.expiresAt, '2011-03-22T18:43:00.000Z');
    assert.equal(r.metadata?.expired, true);
    assert.equal(r.confidence, 'medium');
    assert.match(r.detail, /^JWT · issuer joe · expired \d+ days ago$/);
  });
  it('reports issuer host, audience, scope and future expiry', () => {
    const exp = Math.floor(NOW / 1000) + 86400 * 2;
    const token = [b64url({ alg: 'RS256', kid: 'k1' }), b64url({ iss: 'https://login.example-idp.test/tenant', aud: ['api', 'web'], sub: 'u1', scp: 'read write', azp: 'cli', exp, iat: exp - 3600 }), plausible(ALNUM, 43)].join('.');
    const r = v(token, ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.confidence, 'high');
    assert.equal(r.metadata?.aud, 'api web');
    assert.equal(r.metadata?.scope, 'read write');
    assert.equal(r.metadata?.azp, 'cli');
    assert.equal(r.metadata?.expired, false);
    assert.equal(r.detail, 'JWT · issuer login.example-idp.test · expires 2026-01-17');
  });
  it('gives unsigned (alg none) tokens low confidence', () => {
    const r = v([b64url({ alg: 'none' }), b64url({ sub: 'x' }), ''].join('.'), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.confidence, 'low');
  });
  it('rejects non-JSON parts, missing alg and wrong part counts', () => {
    assert.equal(v([b64url('hello'), b64url({ a: 1 }), 'sig'].join('.'), ctx).status, 'invalid');
    assert.equal(v([b64url({ typ: 'JWT' }), b64url({ a: 1 }), 'sig'].join('.'), ctx).status, 'invalid');
    assert.equal(v([b64url({ alg: 'HS256' }), b64url('[1,2]'), 'sig'].join('.'), ctx).status, 'invalid');
    assert.equal(v([RFC_HEADER, RFC_PAYLOAD].join('.'), ctx).status, 'invalid');
  });
});

describe('hostOf (a JWT issuer\'s host)', () => {
  it('gives what new URL(iss).host gives (or the issuer when that throws or is empty), with or without parsing', () => {
    const viaUrl = (iss: string): string => {
      try {
        return new URL(iss).host || iss;
      } catch {
        return iss;
      }
    };
    const fixed = [
      'https://login.example.test', 'https://login.example.test/', 'http://a.b-c.example/x?y#z', 'https://accounts.google.com', 'https://sts.windows.net/tenant/',
      'https://Login.Example.test', 'HTTPS://login.example.test', 'https://login.example.test:443/', 'https://login.example.test:8443', 'https://user@host.example/',
      'https://1.2.3.4/', 'https://a.0x1f', 'https://a.0x', 'https://a.123', 'https://123', 'https://xn--bcher-kva.example/', 'https://a.xn--p1ai',
      'https://ex\tample.com/', ' https://x.example', 'https://x.example./', 'https://a..b/', 'https:///path', 'https://-a-.example/', 'https://a\\b.example',
      'https://host.example\\path', 'https://%61.example/', 'https://a_b.example/', 'urn:example:issuer', 'spiffe://trust.example/ns', 'not a url', '', 'https://', 'http://localhost',
    ];
    const chars = 'abcxz09-.:/?#@%\\ _XA';
    const random1 = Array.from({ length: 3000 }, () => (random() < 0.5 ? 'https://' : 'http://') + Array.from({ length: 1 + Math.floor(random() * 24) }, () => chars[Math.floor(random() * chars.length)]!).join(''));
    for (const iss of [...fixed, ...random1]) assert.equal(hostOf(iss), viaUrl(iss), JSON.stringify(iss));
  });
});

describe('aws-key-id', () => {
  const v = VALIDATORS['aws-key-id'];
  it('decodes the account ids published for sample key ids', () => {
    // Aidan Steele, "AWS Access Key ID formats" (2020): sts:GetAccessKeyInfo returned 609629065308.
    assert.equal(awsAccountFromKeyId('AS' + 'IA' + 'Y34FZKBOKMUTVV7A'), '609629065308');
    // "QAAAAAAA" is account 000000000000 (same post; LocalStack uses it as its offset).
    assert.equal(awsAccountFromKeyId('AS' + 'IA' + 'QAAAAAAAGMKEM7X5'), '000000000000');
    // psanford/aws-account-id-from-key README example.
    assert.equal(awsAccountFromKeyId('AS' + 'IA' + 'VJ2E6QGR2WZILJFM'), '364679954851');
  });
  it('decodes the account as the 64-bit reference does, for random key ids and the edges of the 47-bit check', () => {
    // The scheme on BigInt, as first written: 50 bits of characters 5-14, the first 48 of them, bits 7-46.
    const reference = (keyId: string): string | undefined => {
      let value = 0n;
      for (const ch of keyId.slice(4, 14)) {
        const i = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch);
        if (i < 0) return undefined;
        value = (value << 5n) | BigInt(i);
      }
      const six = value >> 2n;
      if (six >> 47n === 0n) return undefined;
      return ((six & 0x7fffffffff80n) >> 7n).toString().padStart(12, '0');
    };
    const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const pick = (): string => b32[Math.floor(random() * 32)]!;
    const ids = ['QAAAAAAA', 'PZZZZZZZ', '77777777', 'Q7777777', 'AAAAAAAA', 'P7777777'].map((h) => 'AK' + 'IA' + h + 'AAAAAAAA');
    for (let i = 0; i < 2000; i++) ids.push('AS' + 'IA' + Array.from({ length: 16 }, pick).join(''));
    for (const id of ids) assert.equal(awsAccountFromKeyId(id), reference(id), id);
  });
  it('round-trips generated key ids and names the key type', () => {
    for (const [prefix, keyType] of [['AKIA', 'long-term'], ['ASIA', 'temporary (STS)']] as const) {
      const account = String(100000000000 + Math.floor(random() * 899999999999));
      const r = v(awsKeyId(prefix, account), ctx);
      assert.equal(r.status, 'valid');
      assert.equal(r.metadata?.account, account);
      assert.equal(r.metadata?.keyType, keyType);
      assert.equal(r.detail, `account ${account} · ${keyType}`);
    }
  });
  it('leaves legacy key ids (before the account encoding) unchecked', () => {
    const r = v('AK' + 'IAJ' + 'Y34FZKBOKMUTVV7', ctx);
    assert.equal(r.status, 'unchecked');
    assert.equal(v('AK' + 'IAI44QH8DHB' + 'EXAMPLE', ctx).status, 'unchecked');
  });
  it('rejects values that are not key ids', () => {
    assert.equal(v('AKIA' + 'short', ctx).status, 'invalid');
    assert.equal(v('AXIA' + 'Y34FZKBOKMUTVV7A', ctx).status, 'invalid');
  });
});

describe('base64-credential', () => {
  const v = VALIDATORS['base64-credential'];
  it('accepts user:password and reports neither the password nor the user name', () => {
    const password = plausible(ALNUM, 20);
    const r = v(Buffer.from(`deploy-bot:${password}`).toString('base64'), ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.username, undefined);
    assert.ok(!JSON.stringify(r).includes(password), 'the password never appears');
    assert.ok(!JSON.stringify(r).includes('deploy-bot'), 'the user name never appears (it can be the token)');
  });
  it('accepts the already-decoded user:password the decode-and-rescan pass hands over', () => {
    const r = v(`builder:${plausible(ALNUM, 24)}`, ctx);
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.credentialPart, 'password');
    assert.ok(!JSON.stringify(r).includes('builder'));
    assert.equal(v('builder:${NPM_PASS}', ctx).status, 'invalid');
  });
  it('accepts a Basic header value and base64url', () => {
    assert.equal(v('Basic ' + Buffer.from(`ci:${plausible(ALNUM, 16)}`).toString('base64'), ctx).status, 'valid');
    assert.equal(v(Buffer.from(`ci:${plausible(ALNUM, 16)}??>>`).toString('base64url'), ctx).status, 'valid');
  });
  it('rejects placeholders, variables, missing colon and binary data', () => {
    for (const s of ['user:', 'user:password', 'user:${PASS}', 'user:$PASS', 'user:****', 'no colon here']) {
      assert.equal(v(Buffer.from(s).toString('base64'), ctx).status, 'invalid', s);
    }
    assert.equal(v(Buffer.from([0, 1, 2, 0x3a, 200, 201]).toString('base64'), ctx).status, 'invalid');
    assert.equal(v('!!!not base64!!!', ctx).status, 'invalid');
  });
});

describe('url-credential', () => {
  const v = VALIDATORS['url-credential'];
  it('reads scheme and host from a whole URL, never the password or the user name', () => {
    const pw = plausible(ALNUM, 18);
    const r = v(`postgres://app_user:${pw}@db.internal.example:5432/app`, ctx);
    assert.equal(r.status, 'valid');
    assert.deepEqual(r.metadata, { scheme: 'postgres', host: 'db.internal.example:5432', credentialPart: 'password' });
    assert.ok(!JSON.stringify(r).includes('app_user'));
    assert.ok(!JSON.stringify(r).includes(pw));
  });
  it('finds the URL around a password-only match', () => {
    const pw = plausible(ALNUM, 18);
    const text = `DATABASE_URL=mysql://root:${pw}@10.0.0.5/shop\n`;
    const start = text.indexOf(pw);
    const r = v(pw, { text, start, end: start + pw.length, now: NOW });
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.host, '10.0.0.5');
    assert.equal(r.metadata?.username, undefined);
  });
  it('rejects placeholder and variable passwords', () => {
    for (const pw of ['$DB_PASSWORD', '${DB_PASSWORD}', '****', 'password', '<password>', 'xxxxxxxx']) {
      assert.equal(v(`https://admin:${pw}@registry.example.test/`, ctx).status, 'invalid', pw);
    }
    assert.equal(v('https://registry.example.test/path', ctx).status, 'invalid');
  });
});

describe('url-credential: sample user and password pairs (issue 12 item 5)', () => {
  const v = VALIDATORS['url-credential'];
  it('drops the anonymous login and letters-only passwords paired with a stock or matching user name', () => {
    for (const url of [
      'https://anonymous:flabada@developer.mozilla.test/en-US/docs/Web/API/URL/password',
      `ftp://anonymous:${plausible(ALNUM, 12)}@ftp.internal.test/pub`,
      'https://user:he%2F%2Fo@pypi.company.test/simple',
      'http://proxyuser:proxypass@proxyhost:3128',
      'http://bob:bobsecretword@mail.internal.test/',
      'https://username:hunter@registry.internal.test/',
    ]) assert.equal(v(url, ctx).status, 'invalid', url);
  });
  it('keeps a password with a digit, and a word password of a user it does not name', () => {
    const pw = `${plausible(ALNUM, 12)}7${plausible(ALNUM, 3)}`;
    for (const url of [`https://user:${pw}@pypi.company.test/simple`, `http://proxyuser:${pw}@proxy.internal.test:3128`, 'https://deploy:velvetmorningtide@git.internal.test/']) {
      assert.equal(v(url, ctx).status, 'valid', url);
    }
  });
  it('isSampleCredential reads the pair, not the password alone', () => {
    assert.equal(isSampleCredential('bob', 'bobwillknow'), true);
    assert.equal(isSampleCredential('alice', 'bobwillknow'), false);
    assert.equal(isSampleCredential('bob', 'bob7willknow'), false);
    assert.equal(isSampleCredential('proxyuser', 'proxypass'), true);
    assert.equal(isSampleCredential('proxyuser', 'tunnelpass'), false);
    assert.equal(isSampleCredential('Anonymous', plausible(ALNUM, 12)), true);
    // A stock user name goes with sample words, not with random mixed-case letters.
    assert.equal(isSampleCredential('user', 'he//o'), true);
    assert.equal(isSampleCredential('john.doe', 'Password'), true);
    assert.equal(isSampleCredential('user', 'kXqPzRmTbWyLfGhA'), false);
    assert.equal(isSampleCredential('guest', 'qWeRtZuIoPaSdF'), false);
    assert.equal(isSampleCredential('user', 'GFyldIJYtlNzldkm'), false);
  });
});

describe('url-credential: unescaped `?`, `#` and `@` in the password (issue 12 item 3)', () => {
  const v = VALIDATORS['url-credential'];
  it('reads the password up to the last `@` before the host', () => {
    const pw = `${plausible(ALNUM, 8)}?#@${plausible(ALNUM, 6)}`;
    const text = `sftp://deploy:${pw}@files.internal.example:22/\n`;
    const start = text.indexOf(pw);
    const r = v(pw, { text, start, end: start + pw.length, now: NOW });
    assert.equal(r.status, 'valid');
    assert.equal(r.metadata?.host, 'files.internal.example:22');
  });
});

describe('user-password', () => {
  const v = VALIDATORS['user-password'];
  const at = (text: string, secret: string) => {
    const start = text.indexOf(secret);
    return v(secret, { text, start, end: start + secret.length, now: NOW });
  };
  it('points at the password, inside its quotes, and never reports the user name', () => {
    // A digit (a password of letters only reads as a name) and a lower-case start (random letters
    // and digits can fit the camel-case name shape `V1SecretVolumeSource` now and then).
    const pw = 'k' + plausible(ALNUM, 14) + 'Q7';
    const text = `curl --user kevin:'${pw}' https://api.example.test`;
    const r = at(text, `kevin:'${pw}'`);
    assert.equal(r.status, 'unchecked');
    assert.equal(text.slice(r.secretAt!.start, r.secretAt!.end), pw);
    assert.ok(!JSON.stringify(r).includes('kevin'));
  });
  it('tells random letters and digits that fit the camel-case shape from names with digits', () => {
    // Built from parts: random draws that fit `(Capital + lower-case run)+ digit`.
    for (const pw of ['Vudbz' + 'AVUypkdqsi7', 'Ukbb' + 'pfoFKipdzxq7']) {
      assert.equal(at(`curl -u kevin:${pw} https://x.test`, `kevin:${pw}`).status, 'unchecked', pw);
    }
    for (const name of ['V1SecretVolumeSource', 'OAuth2Client', 'AesGcm256Cipher', 'Sha256Digest', 'ScriptStrength1']) {
      assert.equal(at(`curl -u kevin:${name} https://x.test`, `kevin:${name}`).status, 'invalid', name);
    }
  });
  it('points at the user part when the password is empty (`-u TOKEN:`), and at the password when the user is empty', () => {
    // Lower-case start: a random draw can fit the type-name shape (`DABddhsaAXak9`, ~0.6%).
    const tok = 'k' + plausible(ALNUM, 11) + '9';
    let text = `curl -u "${tok}:" https://api.example.test`;
    let r = at(text, `${tok}:`);
    assert.equal(text.slice(r.secretAt!.start, r.secretAt!.end), tok);
    assert.equal(r.metadata?.credentialPart, 'user');
    text = `curl -u ":${tok}" https://api.example.test`;
    r = at(text, `:${tok}`);
    assert.equal(text.slice(r.secretAt!.start, r.secretAt!.end), tok);
  });
  it('rejects placeholders, variables and values that are names, numbers or paths', () => {
    for (const s of ['user:password', 'admin:$TOKEN', '<user:password>', 'neo4j:[PASSWORD]', '"{username}":"{password}"', 'deploy:CLIENT_SECRET', 'deploy:passwordInput', 'deploy:42480', 'deploy:/run/secrets/token', 'deploy:V1SecretVolumeSource', 'nocolon']) {
      assert.equal(at(`curl -u ${s} https://x.test`, s).status, 'invalid', s);
    }
  });
});

describe('connection-string', () => {
  const v = VALIDATORS['connection-string'];
  const at = (text: string, secret: string) => {
    const start = text.indexOf(secret);
    return v(secret, { text, start, end: start + secret.length, now: NOW });
  };
  it('takes the password of an ADO.NET / ODBC string in any key order, without quotes or braces', () => {
    const pw = plausible(ALNUM, 14) + '!;x';
    for (const [text, raw] of [
      [`Server=sql01;Database=app;User ID=app;Password="${pw}";Encrypt=True`, `"${pw}"`],
      [`Password={${pw}};Uid=app;Driver={ODBC Driver 18 for SQL Server}`, `{${pw}}`],
    ] as const) {
      const r = at(text, raw);
      assert.equal(r.status, 'valid', text);
      assert.equal(text.slice(r.secretAt!.start, r.secretAt!.end), pw);
    }
  });
  it('takes a password query parameter of a URL or JDBC string', () => {
    // Lower-case start, a capital and a digit: random letters can be name-shaped (`AbcdEfgh`) and
    // random letters and digits can fit the type-name shape (`V1SecretVolumeSource`) now and then.
    const pw = `k${plausible(ALNUM, 11)}Q7`;
    const text = `jdbc:postgresql://db:5432/app?user=app&password=${pw}&ssl=true`;
    assert.equal(at(text, pw).status, 'valid');
  });
  it('takes a letters-only password of random mixed case, and rejects letters-only names', () => {
    const LETTERS = ALNUM.slice(0, 52);
    for (let i = 0; i < 200; i++) {
      let pw = plausible(LETTERS, 14);
      // a random draw can be name-shaped (`AbcdEfgh…`, about 2%): a one-letter lower-case run
      // between capitals never is
      pw = pw.slice(0, 4) + 'XqX' + pw.slice(7);
      const text = `jdbc:postgresql://db:5432/app?user=app&password=${pw}&ssl=true`;
      assert.equal(at(text, pw).status, 'valid', pw);
    }
    for (const name of ['passwordInput', 'DB_PASS_WORD', 'getHTTPResponse', 'Password_Hash', 'iPhone']) {
      assert.equal(at(`jdbc:postgresql://db/app?user=app&password=${name}`, name).status, 'invalid', name);
    }
  });
  it('reads a `&` as part of an ADO.NET / JDBC `;` password, and as the end of a URL query value (regex and validator)', () => {
    const { scanner } = createScanner();
    /** Each finding of the rule in `text`: `whole` when it is `pw`, else its length (a failure prints no password). */
    const found = (text: string, pw: string): string[] => scanner.scan(text).filter((f) => f.ruleId === 'connection-string-password').map((f) => (text.slice(f.range.start, f.range.end) === pw ? 'whole' : `${f.range.end - f.range.start} characters`));
    for (let i = 0; i < 50; i++) {
      // The seed of a CI failure: digits before the `&` made the cut value look like a number.
      const pw = `${random() < 0.5 ? '3772' : plausible(ALNUM, 4)}&%${plausible(ALNUM, 10)}~8${random() < 0.5 ? '&' : ''}`;
      for (const text of [
        `"Server=tcp:sql.internal,1433;Database=app;User ID=app;Password=${pw};Encrypt=True;"`,
        `Password=${pw};User ID=app;Initial Catalog=orders;Data Source=sql01`,
        `jdbc:sqlserver://db.internal:1433;databaseName=app;user=sa;password=${pw};encrypt=true`,
        `sqlcmd-wrapper Server=sql01;Database=app;User ID=app;Password=${pw} && echo done`,
      ]) assert.deepEqual(found(text, pw), ['whole'], text.replace(pw, `<${pw.length}-character password>`));
    }
    const q = `k${plausible(ALNUM, 11)}Q7`;
    assert.deepEqual(found(`jdbc:postgresql://db:5432/app?user=app&password=${q}&ssl=true`, q), ['whole']);
    assert.deepEqual(found(`https://reports.internal/login?pass=${q}&user=ops`, q), ['whole']);
  });
  it('rejects a password outside a connection string, placeholders and format arguments', () => {
    const pw = plausible(ALNUM, 14);
    assert.equal(at(`f(user=user, password=${pw})`, pw).status, 'invalid');
    assert.equal(at(`Password=${pw}`, pw).status, 'invalid');
    for (const p of ['{0}', '<password>', '********', '%s', 'changeme']) assert.equal(at(`Server=sql01;User ID=app;Password=${p};`, p).status, 'invalid', p);
  });
});
