import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { manualClient, manualIssuer, MANUAL_ISSUERS } from '../../../src/issuers/manual';
import { resolveIssuerClient } from '../../../src/issuers/registry';
import { BUILTIN_RULES } from '../../../src/engine/rules';
import { makeToken, startFakeIssuers, type FakeIssuers, type FakeIssuerKind } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

describe('manual issuers', () => {
  let srv: FakeIssuers;
  before(async () => { srv = await startFakeIssuers(); });
  after(async () => { await srv.close(); });
  beforeEach(() => srv.reset());

  it('names AWS keys by their key id and sends nothing', async () => {
    const keyId = 'AK' + 'IA' + makeToken('', 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    const secret = makeToken('', 40);
    const client = manualClient(manualIssuer('aws')!);
    const r = await client.revoke(secret, ctxFor(srv), { metadata: { accessKeyId: keyId, account: '123456789012' } });
    assert.equal(r.state, 'manual');
    assert.equal(r.manual!.identifier, keyId);
    assert.equal(r.manual!.consoleUrl, 'https://console.aws.amazon.com/iam/home#/users');
    assert.ok(r.manual!.steps.some((s) => s.includes(`update-access-key --access-key-id ${keyId} --status Inactive`)));
    assert.ok(r.manual!.steps.some((s) => s.includes('123456789012')));
    assertNoToken(r, secret);
    assert.equal(srv.requests.length, 0);
    assert.equal(await client.endpointFor('revoke', {}, ctxFor(srv)), undefined);
  });

  it('names other keys by their last 4 characters only', async () => {
    for (const m of MANUAL_ISSUERS.filter((x) => x.id !== 'aws')) {
      const token = makeToken('key_', 40);
      const r = await manualClient(m).revoke(token, ctxFor(srv), {});
      assert.equal(r.state, 'manual');
      assert.match(r.manual!.consoleUrl, /^https:\/\//, m.id);
      assert.equal(r.manual!.identifier, `ends with ${token.slice(-4)}`);
      assert.ok(r.manual!.steps.join(' ').includes(token.slice(-4)), m.id);
      assertNoToken(r, token);
    }
  });

  const checks: [string, FakeIssuerKind, string][] = [
    ['openai', 'openai', 'Authorization'], ['anthropic', 'anthropic', 'x-api-key'], ['huggingface', 'huggingface', 'Authorization'],
    ['stripe', 'stripe', 'Authorization'], ['sendgrid', 'sendgrid', 'Authorization'], ['cloudflare', 'cloudflare', 'Authorization'], ['digitalocean', 'digitalocean', 'Authorization'],
  ];
  for (const [id, kind, header] of checks) {
    it(`checks ${id} with a read-only GET (${header})`, async () => {
      const token = makeToken('k-', 40);
      srv.addToken(kind, token, { login: 'someone@example.com' });
      const client = manualClient(manualIssuer(id)!);
      const t = await client.endpointFor('check', {}, ctxFor(srv));
      assert.equal(t?.method, 'GET');
      const c = await client.check!(token, ctxFor(srv), {});
      assert.equal(c.state, 'live', c.detail);
      const req = srv.requestsCarrying(token);
      assert.equal(req.length, 1);
      assert.equal(req[0]!.method, 'GET');
      assert.ok(!req[0]!.url.includes(token));
      const bad = await client.check!(makeToken('k-', 40), ctxFor(srv), {});
      assert.equal(bad.state, 'invalid');
      assertNoToken(c, token);
    });
  }

  it('maps 429 on a check to unknown with Retry-After', async () => {
    srv.override('openai', { status: 429, headers: { 'retry-after': '3' } });
    const c = await manualClient(manualIssuer('openai')!).check!(makeToken('k-', 40), ctxFor(srv), {});
    assert.equal(c.state, 'unknown');
    assert.equal(c.retryAfterSeconds, 3);
  });
});

describe('registry', () => {
  const ctx = { customIssuers: [] };
  it('maps capabilities and issuer ids to clients', () => {
    assert.equal(resolveIssuerClient({ issuer: 'github', revocation: 'github-credentials-revoke' }, ctx).id, 'github');
    assert.equal(resolveIssuerClient({ revocation: 'gitlab-pat-self' }, ctx).id, 'gitlab');
    assert.equal(resolveIssuerClient({ revocation: 'slack-auth-revoke' }, ctx).id, 'slack');
    assert.equal(resolveIssuerClient({ revocation: 'npm-token-delete' }, ctx).id, 'npm');
    assert.equal(resolveIssuerClient({ revocation: 'vault-revoke-self' }, ctx).id, 'vault');
    assert.equal(resolveIssuerClient({ revocation: 'doppler-auth-revoke' }, ctx).id, 'doppler');
    assert.equal(resolveIssuerClient({ revocation: 'google-oauth-revoke' }, ctx).id, 'google');
    assert.equal(resolveIssuerClient({ revocation: 'oauth-rfc7009', metadata: { iss: 'https://id.example.com' } }, ctx).id, 'oauth');
    assert.equal(resolveIssuerClient({ revocation: 'oauth-rfc7009', metadata: { iss: 'https://accounts.google.com' } }, ctx).id, 'google');
    assert.equal(resolveIssuerClient({ issuer: 'aws', revocation: 'manual' }, ctx).capability, 'manual');
    assert.equal(resolveIssuerClient({ issuer: 'google', revocation: 'manual' }, ctx).capability, 'manual');
    assert.equal(resolveIssuerClient({ issuer: 'hashicorp-vault' }, ctx).id, 'vault');
    assert.equal(resolveIssuerClient({ issuer: 'jwt', metadata: { iss: 'https://login.example.org' } }, ctx).id, 'oauth');
    const unknown = resolveIssuerClient({ issuer: 'pem', revocation: 'none' }, ctx);
    assert.equal(unknown.capability, 'manual');
  });
});

describe('every built-in rule has a way to revoke', () => {
  // Issuer ids that name no issuer: generic assignments and passwords, URL credentials (the host
  // is the issuer), private keys.
  const NO_ISSUER = new Set(['generic', 'url', 'pem', 'ssh']);
  // A refresh or bearer token without an `iss`: its issuer is unknown, so generic steps are honest.
  const UNKNOWN_ISSUER = new Set(['oauth-refresh-token', 'bearer-token']);
  it('resolves to an API client or to console steps of its own, never to the generic fallback', async () => {
    const srv = await startFakeIssuers();
    try {
      const missing: string[] = [];
      for (const rule of BUILTIN_RULES) {
        if (!rule.issuer || NO_ISSUER.has(rule.issuer) || UNKNOWN_ISSUER.has(rule.id)) continue;
        const client = resolveIssuerClient({ ruleId: rule.id, issuer: rule.issuer, revocation: rule.revocation }, {});
        if (client.capability !== 'manual') continue;
        const token = makeToken('key_', 40);
        const r = await client.revoke(token, ctxFor(srv), { ruleId: rule.id, issuer: rule.issuer, revocation: rule.revocation });
        if (!r.manual?.consoleUrl.startsWith('https://')) missing.push(`${rule.id} (${rule.issuer})`);
        else assertNoToken(r, token);
      }
      assert.deepEqual(missing, []);
      assert.equal(srv.requests.length, 0);
    } finally {
      await srv.close();
    }
  });
});
