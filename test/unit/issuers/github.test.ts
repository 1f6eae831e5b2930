import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { githubClient, parseGithubExpiration, revokeGithubBatch } from '../../../src/issuers/github';
import { makeToken, startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

const GHP = 'gh' + 'p_';
const GHS = 'gh' + 's_';

describe('GitHub client', () => {
  let srv: FakeIssuers;
  before(async () => { srv = await startFakeIssuers(); });
  after(async () => { await srv.close(); });
  beforeEach(() => srv.reset());

  it('revokes through POST /credentials/revoke, unauthenticated, exactly once', async () => {
    const token = makeToken(GHP);
    srv.addToken('github', token);
    const r = await githubClient.revoke(token, ctxFor(srv), { redacted: 'ghp_••••' + token.slice(-4) });
    assert.equal(r.state, 'revoked');
    assert.equal(r.httpStatus, 202);
    assert.equal(r.endpointHost, new URL(srv.base).host);
    assert.match(r.detail, /ghp_••••/);
    assertNoToken(r, token);
    const carrying = srv.requestsCarrying(token);
    assert.equal(carrying.length, 1);
    assert.equal(carrying[0]!.method, 'POST');
    assert.equal(carrying[0]!.path, '/github/credentials/revoke');
    assert.deepEqual(carrying[0]!.body, { credentials: [token] });
    assert.equal(carrying[0]!.headers.authorization, undefined);
    assert.equal(srv.isLive('github', token), false);
  });

  it('names the exact endpoint before sending anything, with a GHES root', async () => {
    const ctx = ctxFor(srv);
    ctx.endpoints = { ...ctx.endpoints, github: `${srv.base}/github/api/v3` };
    const t = await githubClient.endpointFor('revoke', {}, ctx);
    assert.equal(t?.url, `${srv.base}/github/api/v3/credentials/revoke`);
    assert.equal(t?.method, 'POST');
    const c = await githubClient.endpointFor('check', {}, ctx);
    assert.equal(c?.url, `${srv.base}/github/api/v3/user`);
    assert.equal(srv.requests.length, 0);
  });

  it('uses the GHES base URL for the request', async () => {
    const token = makeToken(GHP);
    const ctx = ctxFor(srv);
    ctx.endpoints = { ...ctx.endpoints, github: `${srv.base}/github/api/v3` };
    const r = await githubClient.revoke(token, ctx, {});
    // The fake serves /github/credentials/revoke only, so /github/api/v3/credentials/revoke is a 404: the URL was used as given.
    assert.equal(r.state, 'failed');
    assert.equal(srv.requests[0]!.path, '/github/api/v3/credentials/revoke');
  });

  it('revokes installation tokens with DELETE /installation/token', async () => {
    const token = makeToken(GHS);
    srv.addToken('github', token);
    const target = await githubClient.endpointFor('revoke', {}, ctxFor(srv), token);
    assert.equal(target?.method, 'DELETE');
    const r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked');
    assert.equal(srv.requests[0]!.method, 'DELETE');
    assert.equal(srv.requests[0]!.headers.authorization, `Bearer ${token}`);
    const again = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(again.state, 'already-revoked');
  });

  it('maps 422, 403 rate limit, 429, 5xx and a hang', async () => {
    const token = makeToken(GHP);
    srv.override('github', { status: 422, body: { message: 'Validation Failed' } });
    let r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.httpStatus, 422);
    assert.match(r.detail, /422.*Validation Failed/);

    const reset = Math.floor(Date.now() / 1000) + 90;
    srv.override('github', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded' } });
    r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryable, true);
    assert.ok(r.retryAfterSeconds !== undefined && r.retryAfterSeconds > 0 && r.retryAfterSeconds <= 90);

    srv.override('github', { status: 429, headers: { 'retry-after': '30' } });
    r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.retryAfterSeconds, 30);
    assert.equal(r.retryable, true);

    srv.override('github', { status: 500, body: { message: 'Internal Error' } });
    r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryable, true);
    assert.match(r.detail, /server error \(HTTP 500\)/);

    srv.override('github', { hang: true });
    r = await githubClient.revoke(token, ctxFor(srv, { timeoutMs: 150 }), {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryable, true);
    assert.match(r.detail, /did not answer/);
    assertNoToken(r, token);
  });

  it('does not follow redirects (they could carry the token elsewhere)', async () => {
    const token = makeToken(GHS);
    srv.override('github', { status: 307, headers: { location: 'https://elsewhere.example/installation/token' } });
    const r = await githubClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.match(r.detail, /redirect.*elsewhere\.example.*not followed/);
    assert.equal(srv.requestsCarrying(token).length, 1);
  });

  it('refuses plain http to a non-loopback host without sending anything', async () => {
    const token = makeToken(GHP);
    const ctx = ctxFor(srv);
    ctx.endpoints = { ...ctx.endpoints, github: 'http://github.example.com/api/v3' };
    await assert.rejects(githubClient.endpointFor('revoke', {}, ctx), /plain HTTP/);
    const r = await githubClient.revoke(token, ctx, {});
    assert.equal(r.state, 'failed');
    assert.equal(r.retryable, false);
    assert.match(r.detail, /plain HTTP/);
    assert.equal(srv.requests.length, 0);
  });

  it('refuses when the confirmed endpoint differs from the one about to be used', async () => {
    const token = makeToken(GHP);
    const r = await githubClient.revoke(token, ctxFor(srv), { confirmedEndpoint: 'https://api.github.com/credentials/revoke' });
    assert.equal(r.state, 'failed');
    assert.match(r.detail, /changed since you confirmed/);
    assert.equal(srv.requests.length, 0);
  });

  it('splits more than 1,000 credentials into batches of at most 1,000', async () => {
    const tokens = Array.from({ length: 2345 }, () => makeToken(GHP));
    const { results, sent, notSent } = await revokeGithubBatch(tokens, ctxFor(srv));
    assert.deepEqual(srv.requests.map((r) => (r.body as { credentials: string[] }).credentials.length), [1000, 1000, 345]);
    assert.equal(results.length, 3);
    assert.ok(results.every((r) => r.state === 'revoked'));
    assert.equal(sent, 2345);
    assert.equal(notSent, 0);
    assert.deepEqual(srv.requests.flatMap((r) => (r.body as { credentials: string[] }).credentials), tokens);
  });

  it('stops a batch run at a rate limit and reports what was not sent', async () => {
    const tokens = Array.from({ length: 1500 }, () => makeToken(GHP));
    srv.override('github', { status: 429, headers: { 'retry-after': '60' } });
    const { results, sent, notSent } = await revokeGithubBatch(tokens, ctxFor(srv));
    assert.equal(results.length, 1);
    assert.equal(results[0]!.retryAfterSeconds, 60);
    assert.equal(sent, 1000);
    assert.equal(notSent, 500);
    assertNoToken(results, tokens[0]!);
  });

  it('checks with GET /user: login, X-OAuth-Scopes and expiry header', async () => {
    const token = makeToken(GHP);
    srv.addToken('github', token, { login: 'mona', scopes: ['repo', 'read:org'], expiresAt: '2031-04-01T00:00:00.000Z' });
    const c = await githubClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'mona');
    assert.deepEqual(c.scopes, ['repo', 'read:org']);
    assert.equal(c.expiresAt, '2031-04-01T00:00:00.000Z');
    assert.equal(srv.requests[0]!.headers.authorization, `Bearer ${token}`);
    assertNoToken(c, token);
    await githubClient.revoke(token, ctxFor(srv), {});
    const after = await githubClient.check!(token, ctxFor(srv), {});
    assert.equal(after.state, 'invalid');
    assert.equal(after.httpStatus, 401);
  });

  it('treats 403 on /user as a working installation token', async () => {
    const token = makeToken(GHS);
    srv.addToken('github', token);
    const c = await githubClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.equal(c.httpStatus, 403);
  });

  it('parses the expiration header format', () => {
    assert.equal(parseGithubExpiration('2023-04-01 00:00:00 UTC'), '2023-04-01T00:00:00.000Z');
    assert.equal(parseGithubExpiration('2023-04-01 10:00:00 +02:00'), '2023-04-01T08:00:00.000Z');
    assert.equal(parseGithubExpiration(null), undefined);
    assert.equal(parseGithubExpiration('garbage'), undefined);
  });
});
