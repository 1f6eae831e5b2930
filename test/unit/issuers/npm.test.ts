import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { npmClient } from '../../../src/issuers/npm';
import { makeToken, startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

const NPM = 'np' + 'm_';

describe('npm client', () => {
  let srv: FakeIssuers;
  before(async () => { srv = await startFakeIssuers(); });
  after(async () => { await srv.close(); });
  beforeEach(() => srv.reset());

  it('finds the key across pages and deletes by key; the token is never in a URL', async () => {
    srv.npmPageSize = 2;
    const others = Array.from({ length: 5 }, () => makeToken(NPM));
    for (const o of others) srv.addToken('npm', o, { login: 'alice' });
    let token = makeToken(NPM);
    while (others.some((o) => o.slice(0, 6) === token.slice(0, 6))) token = makeToken(NPM);
    const rec = srv.addToken('npm', token, { login: 'alice' });
    const r = await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'revoked', r.detail);
    const lists = srv.requestsFor('npm').filter((q) => q.method === 'GET');
    assert.deepEqual(lists.map((q) => q.url), ['/npm/-/npm/v1/tokens', '/npm/-/npm/v1/tokens?page=1', '/npm/-/npm/v1/tokens?page=2']);
    const del = srv.requestsFor('npm').filter((q) => q.method === 'DELETE');
    assert.equal(del.length, 1);
    assert.equal(del[0]!.path, `/npm/-/npm/v1/tokens/token/${rec.key}`);
    assert.ok(srv.requestsCarrying(token).every((q) => !q.url.includes(token) && q.headers.authorization === `Bearer ${token}`));
    assert.equal(srv.isLive('npm', token), false);
    assert.ok(others.every((o) => srv.isLive('npm', o)));
    assertNoToken(r, token);
  });

  it('gives manual steps when the truncated prefix is ambiguous', async () => {
    const token = makeToken(NPM);
    const twin = token.slice(0, 6) + makeToken('', 34);
    srv.addToken('npm', token, { login: 'bob' });
    srv.addToken('npm', twin, { login: 'bob' });
    const r = await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'manual');
    assert.match(r.detail, /2 tokens/);
    assert.ok(r.manual!.steps.length >= 2);
    assert.equal(srv.requestsFor('npm').filter((q) => q.method === 'DELETE').length, 0);
    assertNoToken(r, token);
  });

  it('maps 401 on the list to already-revoked and checks with /-/whoami', async () => {
    const token = makeToken(NPM);
    assert.equal((await npmClient.revoke(token, ctxFor(srv), {})).state, 'already-revoked');
    srv.addToken('npm', token, { login: 'carol' });
    const c = await npmClient.check!(token, ctxFor(srv), {});
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'carol');
    await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal((await npmClient.check!(token, ctxFor(srv), {})).state, 'invalid');
  });

  it('asks for manual completion when the registry wants a one-time password', async () => {
    const token = makeToken(NPM);
    srv.addToken('npm', token);
    srv.override('npm', { status: 200, body: { objects: [{ key: 'abc123', token: token.slice(0, 6) }], urls: {} } }, { status: 401, headers: { 'www-authenticate': 'OTP' }, body: { error: 'otp required' } });
    const r = await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'manual');
    assert.match(r.detail, /one-time password/);
  });

  it('refuses a next page on another host', async () => {
    const token = makeToken(NPM);
    srv.addToken('npm', token);
    srv.override('npm', { status: 200, body: { objects: [], urls: { next: 'https://evil.example/-/npm/v1/tokens?page=1' } } });
    const r = await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal(r.state, 'failed');
    assert.equal(srv.requests.length, 1);
  });

  it('maps 500 and a timeout on the list', async () => {
    const token = makeToken(NPM);
    srv.override('npm', { status: 500 }, { hang: true });
    const a = await npmClient.revoke(token, ctxFor(srv), {});
    assert.equal(a.state, 'failed');
    assert.equal(a.retryable, true);
    const b = await npmClient.revoke(token, ctxFor(srv, { timeoutMs: 150 }), {});
    assert.equal(b.state, 'failed');
    assert.match(b.detail, /did not answer/);
  });
});
