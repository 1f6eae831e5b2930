import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { discoveryUrls, oauthClient } from '../../../src/issuers/oauth';
import { makeToken, startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

describe('OAuth (RFC 7009 / 7662 / 8414 / OIDC)', () => {
  let srv: FakeIssuers;
  before(async () => { srv = await startFakeIssuers(); });
  after(async () => { await srv.close(); });
  beforeEach(() => srv.reset());

  it('builds RFC 8414 (path inserted) and OIDC (path appended) discovery URLs', () => {
    assert.deepEqual(discoveryUrls('https://id.example.com/tenant/a'), {
      rfc8414: 'https://id.example.com/.well-known/oauth-authorization-server/tenant/a',
      oidc: 'https://id.example.com/tenant/a/.well-known/openid-configuration',
    });
    assert.equal(discoveryUrls('https://id.example.com/').rfc8414, 'https://id.example.com/.well-known/oauth-authorization-server');
  });

  it('discovers via RFC 8414 and revokes with a form POST (token + token_type_hint)', async () => {
    const iss = srv.addOAuthIssuer('plain', { discovery: 'rfc8414', revocation: true });
    const token = makeToken('at.', 40);
    srv.addToken('oauth', token);
    const info = { metadata: { iss, client_id: 'cli-public' }, kind: 'oauth-access-token' as const };
    const ctx = ctxFor(srv);
    const t = await oauthClient.endpointFor('revoke', info, ctx);
    assert.equal(t?.url, `${iss}/revoke`);
    assert.equal(srv.requestsCarrying(token).length, 0, 'discovery never carries the token');
    const r = await oauthClient.revoke(token, ctx, { ...info, confirmedEndpoint: t.url });
    assert.equal(r.state, 'revoked');
    const sent = srv.requestsCarrying(token);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(sent[0]!.body, { token, token_type_hint: 'access_token', client_id: 'cli-public' });
    assert.equal(srv.isLive('oauth', token), false);
    assertNoToken(r, token);
  });

  it('falls back to OIDC discovery and introspects with RFC 7662', async () => {
    const iss = srv.addOAuthIssuer('oidc', { discovery: 'oidc', revocation: true, introspection: true });
    const token = makeToken('at.', 40);
    srv.addToken('oauth', token, { login: 'svc-deploy', scopes: ['read', 'write'], expiresAt: '2031-02-03T04:05:06.000Z' });
    const info = { metadata: { iss } };
    const c = await oauthClient.check!(token, ctxFor(srv), info);
    assert.equal(c.state, 'live');
    assert.equal(c.login, 'svc-deploy');
    assert.deepEqual(c.scopes, ['read', 'write']);
    assert.equal(c.expiresAt, '2031-02-03T04:05:06.000Z');
    const paths = srv.requestsFor('oauth').map((q) => q.path);
    assert.deepEqual(paths.slice(0, 2), ['/.well-known/oauth-authorization-server/oauth/oidc', '/oauth/oidc/.well-known/openid-configuration']);
    await oauthClient.revoke(token, ctxFor(srv), info);
    const after = await oauthClient.check!(token, ctxFor(srv), info);
    assert.equal(after.state, 'invalid');
  });

  it('reports no introspection endpoint without sending the token', async () => {
    const iss = srv.addOAuthIssuer('nointro', { discovery: 'rfc8414', revocation: true });
    const token = makeToken('at.', 40);
    const c = await oauthClient.check!(token, ctxFor(srv), { metadata: { iss } });
    assert.equal(c.state, 'unknown');
    assert.equal(srv.requestsCarrying(token).length, 0);
  });

  it('refuses a revocation endpoint on another host, and metadata naming another issuer', async () => {
    const iss = srv.addOAuthIssuer('moved', { discovery: 'rfc8414', revocation: true, revocationEndpoint: 'https://collector.example.net/revoke' });
    const token = makeToken('at.', 40);
    const r = await oauthClient.revoke(token, ctxFor(srv), { metadata: { iss } });
    assert.equal(r.state, 'failed');
    assert.match(r.detail, /another host \(collector\.example\.net\)/);
    const iss2 = srv.addOAuthIssuer('liar', { discovery: 'rfc8414', revocation: true, publishedIssuer: 'https://other.example.com' });
    const r2 = await oauthClient.revoke(token, ctxFor(srv), { metadata: { iss: iss2 } });
    assert.equal(r2.state, 'failed');
    assert.match(r2.detail, /different issuer/);
    assert.equal(srv.requestsCarrying(token).length, 0);
  });

  it('allows a cross-host endpoint when a custom issuer declares it', async () => {
    const other = `http://localhost:${new URL(srv.base).port}/oauth/decl/revoke`;
    const iss = srv.addOAuthIssuer('decl', { discovery: 'rfc8414', revocation: true, revocationEndpoint: other });
    const token = makeToken('at.', 40);
    const ctx = ctxFor(srv, {
      customIssuers: [{ name: 'decl', pattern: 'at\\..+', regex: /at\..+/u, revoke: { type: 'rfc7009', endpoint: other } }],
    });
    const r = await oauthClient.revoke(token, ctx, { metadata: { iss } });
    assert.equal(r.state, 'revoked', r.detail);
    assert.equal(r.endpointHost, new URL(other).host);
  });

  it('maps unsupported_token_type, invalid_client, 503 Retry-After and missing iss', async () => {
    const iss = srv.addOAuthIssuer('strict', { discovery: 'rfc8414', revocation: true, unsupportedTypes: ['refresh_token'] });
    const token = makeToken('rt.', 40);
    const r = await oauthClient.revoke(token, ctxFor(srv), { metadata: { iss }, kind: 'oauth-refresh-token' });
    assert.equal(r.state, 'failed');
    assert.match(r.detail, /unsupported_token_type/);

    const iss2 = srv.addOAuthIssuer('confidential', { discovery: 'rfc8414', revocation: true, requireClientId: 'secret-app' });
    const r2 = await oauthClient.revoke(token, ctxFor(srv), { metadata: { iss: iss2 } });
    assert.equal(r2.state, 'failed');
    assert.match(r2.detail, /client authentication/);

    const ctx = ctxFor(srv);
    await oauthClient.endpointFor('revoke', { metadata: { iss } }, ctx);
    srv.override('oauth', { status: 503, headers: { 'retry-after': '7' } });
    const r3 = await oauthClient.revoke(token, ctx, { metadata: { iss } });
    assert.equal(r3.state, 'failed');
    assert.equal(r3.retryAfterSeconds, 7);
    assert.equal(r3.retryable, true);

    const r4 = await oauthClient.revoke(token, ctxFor(srv), {});
    assert.equal(r4.state, 'failed');
    assert.match(r4.detail, /no issuer/);
    assertNoToken([r, r2, r3, r4], token);
  });

  it('refuses a plain-http issuer that is not loopback', async () => {
    await assert.rejects(oauthClient.endpointFor('revoke', { metadata: { iss: 'http://login.example.com' } }, ctxFor(srv)), /plain HTTP/);
    assert.equal(srv.requests.length, 0);
  });
});
