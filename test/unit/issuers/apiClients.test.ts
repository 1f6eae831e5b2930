// GitLab, Slack, Vault, Doppler and Google clients against the fake issuers.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dopplerClient } from '../../../src/issuers/doppler';
import { gitlabClient } from '../../../src/issuers/gitlab';
import { googleClient } from '../../../src/issuers/google';
import { slackClient } from '../../../src/issuers/slack';
import { vaultClient } from '../../../src/issuers/vault';
import { makeToken, startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

let srv: FakeIssuers;
before(async () => { srv = await startFakeIssuers(); });
after(async () => { await srv.close(); });
beforeEach(() => srv.reset());

describe('GitLab client', () => {
  const GL = 'gl' + 'pat-';

  it('checks and revokes with PRIVATE-TOKEN on /api/v4/personal_access_tokens/self', async () => {
    const token = makeToken(GL, 20);
    srv.addToken('gitlab', token, { scopes: ['api', 'read_user'], expiresAt: '2031-01-02T00:00:00.000Z' });
    const c = await gitlabClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.deepEqual(c.scopes, ['api', 'read_user']);
    assert.equal(c.expiresAt, '2031-01-02T00:00:00.000Z');
    const r = await gitlabClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    assert.equal(r.httpStatus, 204);
    const reqs = srv.requestsCarrying(token);
    assert.deepEqual(reqs.map((q) => `${q.method} ${q.path}`), ['GET /gitlab/api/v4/personal_access_tokens/self', 'DELETE /gitlab/api/v4/personal_access_tokens/self']);
    assert.ok(reqs.every((q) => q.headers['private-token'] === token && !q.url.includes(token)));
    assertNoToken([c, r], token);
  });

  it('maps 401 to already-revoked / invalid', async () => {
    const token = makeToken(GL, 20);
    assert.equal((await gitlabClient.revoke(token, ctxFor(srv), {})).state, 'already-revoked');
    assert.equal((await gitlabClient.check!(token, ctxFor(srv), {})).state, 'invalid');
  });

  it('uses a self-managed root and turns 403 into manual steps on that instance', async () => {
    const token = makeToken(GL, 20);
    const ctx = ctxFor(srv);
    ctx.endpoints = { ...ctx.endpoints, gitlab: `${srv.base}/gitlab` };
    srv.override('gitlab', { status: 403, body: { message: '403 Forbidden' } });
    const r = await gitlabClient.revoke(token, ctx, {});
    assert.equal(r.state, 'manual');
    assert.equal(r.manual?.consoleUrl, `${srv.base}/gitlab/-/user_settings/personal_access_tokens`);
    assert.match(r.manual.steps.join(' '), new RegExp(token.slice(-4)));
    assertNoToken(r, token);
  });

  it('maps 404, 429 and 503 with Retry-After', async () => {
    const token = makeToken(GL, 20);
    srv.override('gitlab', { status: 429, headers: { 'retry-after': '12' } }, { status: 503, headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() } });
    const a = await gitlabClient.revoke(token, ctxFor(srv), {});
    assert.equal(a.retryAfterSeconds, 12);
    const b = await gitlabClient.revoke(token, ctxFor(srv), {});
    assert.equal(b.state, 'failed');
    assert.ok(b.retryAfterSeconds! > 0 && b.retryAfterSeconds! <= 60);
  });
});

describe('Slack client', () => {
  const XOXB = 'xo' + 'xb-';

  it('revokes with auth.revoke and the token in the Authorization header', async () => {
    const token = makeToken(XOXB, 40);
    srv.addToken('slack', token, { login: 'bot', scopes: ['chat:write', 'channels:read'] });
    const c = await slackClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'bot');
    assert.deepEqual(c.scopes, ['chat:write', 'channels:read']);
    const r = await slackClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    const reqs = srv.requestsCarrying(token);
    assert.deepEqual(reqs.map((q) => q.path), ['/slack/api/auth.test', '/slack/api/auth.revoke']);
    assert.ok(reqs.every((q) => q.headers.authorization === `Bearer ${token}` && q.method === 'POST'));
    assertNoToken([c, r], token);
  });

  it('reads ok:false errors from HTTP 200 answers', async () => {
    const token = makeToken(XOXB, 40);
    srv.addToken('slack', token, { live: false });
    assert.equal((await slackClient.revoke(token, ctxFor(srv), {})).state, 'already-revoked');
    assert.equal((await slackClient.check!(token, ctxFor(srv), {})).state, 'revoked');
    const unknown = makeToken(XOXB, 40);
    const r = await slackClient.revoke(unknown, ctxFor(srv), {});
    assert.equal(r.state, 'already-revoked');
    assert.match(r.detail, /invalid_auth/);
    assert.equal((await slackClient.check!(unknown, ctxFor(srv), {})).state, 'invalid');
    srv.override('slack', { status: 200, body: { ok: false, error: 'not_authed' } });
    const f = await slackClient.revoke(unknown, ctxFor(srv), {});
    assert.equal(f.state, 'failed');
    assert.match(f.detail, /not_authed/);
  });

  it('maps 429 ratelimited with Retry-After', async () => {
    srv.override('slack', { status: 429, headers: { 'retry-after': '5' }, body: { ok: false, error: 'ratelimited' } });
    const r = await slackClient.revoke(makeToken(XOXB, 40), ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryAfterSeconds, 5);
  });
});

describe('Vault client', () => {
  const HVS = 'hv' + 's.';

  it('needs a configured address and says which setting', async () => {
    const ctx = ctxFor(srv);
    ctx.endpoints = { ...ctx.endpoints, vault: undefined };
    await assert.rejects(vaultClient.endpointFor('revoke', {}, ctx), /tokenCustody\.endpoints\.vault/);
    const r = await vaultClient.revoke(makeToken(HVS, 90), ctx, {});
    assert.equal(r.state, 'failed');
    assert.match(r.detail, /tokenCustody\.endpoints\.vault/);
    assert.equal(srv.requests.length, 0);
  });

  it('looks up and revokes itself with X-Vault-Token (204; 403 afterwards)', async () => {
    const token = makeToken(HVS, 90);
    srv.addToken('vault', token, { login: 'token-ci', scopes: ['default', 'deploy'], expiresAt: '2031-05-06T07:08:09.000Z' });
    const c = await vaultClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.deepEqual(c.scopes, ['default', 'deploy']);
    assert.equal(c.expiresAt, '2031-05-06T07:08:09.000Z');
    const r = await vaultClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    assert.equal(r.httpStatus, 204);
    const again = await vaultClient.revoke(token, ctxFor(srv), {});
    assert.equal(again.state, 'already-revoked');
    assert.match(again.detail, /permission denied/);
    assert.equal((await vaultClient.check!(token, ctxFor(srv), {})).state, 'invalid');
    const reqs = srv.requestsCarrying(token);
    assert.ok(reqs.every((q) => q.headers['x-vault-token'] === token && !q.url.includes(token)));
    assert.deepEqual(reqs.map((q) => `${q.method} ${q.path}`), [
      'GET /vault/v1/auth/token/lookup-self', 'POST /vault/v1/auth/token/revoke-self', 'POST /vault/v1/auth/token/revoke-self', 'GET /vault/v1/auth/token/lookup-self',
    ]);
    assertNoToken([c, r, again], token);
  });
});

describe('Doppler client', () => {
  const DP = 'dp' + '.pt.';

  it('revokes with POST /v3/auth/revoke {"token"} and bearer auth', async () => {
    const token = makeToken(DP, 43);
    srv.addToken('doppler', token, { login: 'laptop' });
    const c = await dopplerClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'laptop');
    const r = await dopplerClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    const post = srv.requestsFor('doppler').find((q) => q.path === '/doppler/v3/auth/revoke')!;
    assert.deepEqual(post.body, { token });
    assert.equal(post.headers.authorization, `Bearer ${token}`);
    const again = await dopplerClient.revoke(token, ctxFor(srv), {});
    assert.equal(again.state, 'already-revoked');
    assertNoToken([c, r, again], token);
  });

  it('maps 5xx to a retryable failure', async () => {
    srv.override('doppler', { status: 502 });
    const r = await dopplerClient.revoke(makeToken(DP, 43), ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryable, true);
  });
});

describe('Google client', () => {
  const YA = 'ya' + '29.';

  it('revokes with a form POST to /revoke (token never in the URL)', async () => {
    const token = makeToken(YA, 60);
    srv.addToken('google', token, { login: 'dev@example.com', scopes: ['openid', 'email'] });
    const c = await googleClient.check!(token, ctxFor(srv), { kind: 'oauth-access-token' });
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'dev@example.com');
    assert.deepEqual(c.scopes, ['openid', 'email']);
    const r = await googleClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    const reqs = srv.requestsCarrying(token);
    assert.ok(reqs.every((q) => !q.url.includes(token) && q.method === 'POST'));
    assert.deepEqual((reqs[1]!.body as Record<string, string>).token, token);
    assert.equal(reqs[1]!.headers['content-type'], 'application/x-www-form-urlencoded');
    const again = await googleClient.revoke(token, ctxFor(srv), {});
    assert.equal(again.state, 'already-revoked');
    assert.match(again.detail, /Token expired or revoked/);
    assert.equal((await googleClient.check!(token, ctxFor(srv), {})).state, 'invalid');
    assertNoToken([c, r, again], token);
  });

  it('does not send refresh tokens to tokeninfo', async () => {
    const c = await googleClient.check!(makeToken('1//', 60), ctxFor(srv), { kind: 'oauth-refresh-token' });
    assert.equal(c.state, 'unknown');
    assert.equal(await googleClient.endpointFor('check', { kind: 'oauth-refresh-token' }, ctxFor(srv)), undefined);
    assert.equal(srv.requests.length, 0);
  });
});
