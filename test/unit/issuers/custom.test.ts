import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseCustomIssuers } from '../../../src/issuers/custom';
import { customClient, matchCustomIssuer } from '../../../src/issuers/customClient';
import { resolveIssuerClient } from '../../../src/issuers/registry';
import { makeToken, startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { assertNoToken, ctxFor } from './helpers';

const PH = '${token}';

describe('custom issuers: validation', () => {
  it('accepts http and rfc7009 issuers', () => {
    const { issuers, errors } = parseCustomIssuers([
      { name: 'platform', pattern: 'plt_[A-Za-z0-9]{32}', revoke: { type: 'http', method: 'post', url: 'https://auth.corp.example/v1/revoke', headers: { Authorization: `Bearer ${PH}` }, successStatus: [200, 204] }, owner: { team: 'Platform', contact: '#platform' } },
      { name: 'sso', pattern: 'sso\\.[a-z]+', revoke: { type: 'rfc7009', endpoint: 'https://sso.corp.example/oauth2/revoke', clientId: 'cli' }, check: { type: 'rfc7662', endpoint: 'https://sso.corp.example/oauth2/introspect' } },
    ]);
    assert.deepEqual(errors, []);
    assert.equal(issuers.length, 2);
    assert.equal(issuers[0]!.revoke.type === 'http' && issuers[0]!.revoke.method, 'POST');
    assert.deepEqual(issuers[0]!.revoke.type === 'http' && issuers[0]!.revoke.invalidStatus, [401, 403]);
  });

  it('reports clear errors per entry', () => {
    const { issuers, errors } = parseCustomIssuers([
      { name: 'a', pattern: '(', revoke: { type: 'http', method: 'POST', url: `https://x.example/revoke?t=${PH}`, headers: {}, successStatus: [200] } },
      { name: 'b', pattern: 'b_.+', revoke: { type: 'http', method: 'POST', url: 'http://x.example/revoke', headers: { 'X-Token': PH }, successStatus: [] } },
      { name: 'c', pattern: 'c_.+', revoke: { type: 'smtp' }, extra: 1 },
      { name: 'd', pattern: 'd_.+', revoke: { type: 'http', method: 'POST', url: 'https://x.example/r', headers: { 'X-Key': 'static' }, successStatus: [200] } },
      'nope',
    ]);
    assert.equal(issuers.length, 0);
    const all = errors.join('\n');
    assert.match(all, /issuers\[0\] \(a\): pattern does not compile/);
    assert.match(all, /issuers\[0\] \(a\): revoke\.url must not contain \$\{token\}/);
    assert.match(all, /issuers\[1\] \(b\): revoke\.url: .*plain HTTP/);
    assert.match(all, /issuers\[1\] \(b\): revoke\.successStatus must be a non-empty array/);
    assert.match(all, /issuers\[2\] \(c\): unknown property "extra"/);
    assert.match(all, /issuers\[2\] \(c\): revoke\.type must be "rfc7009" or "http"/);
    assert.match(all, /issuers\[3\] \(d\): revoke must use \$\{token\}/);
    assert.match(all, /issuers\[4\] must be an object/);
    assert.deepEqual(parseCustomIssuers({}).errors, ['tokenCustody.issuers must be an array of issuer objects.']);
  });

  it('matches tokens by whole-token pattern', () => {
    const { issuers } = parseCustomIssuers([{ name: 'p', pattern: 'plt_[a-z]{4}', revoke: { type: 'rfc7009', endpoint: 'https://a.example/r' } }]);
    assert.equal(matchCustomIssuer('plt_abcd', issuers)?.name, 'p');
    assert.equal(matchCustomIssuer('xplt_abcd', issuers), undefined);
    assert.equal(matchCustomIssuer('plt_abcde', issuers), undefined);
  });
});

describe('custom issuers: requests', () => {
  let srv: FakeIssuers;
  before(async () => { srv = await startFakeIssuers(); });
  after(async () => { await srv.close(); });
  beforeEach(() => srv.reset());

  it('sends the described HTTP call with ${token} only in headers/body, escaped for JSON', async () => {
    const { issuers, errors } = parseCustomIssuers([{
      name: 'platform', pattern: 'plt_[A-Za-z0-9]{32}',
      revoke: { type: 'http', method: 'POST', url: `${srv.base}/custom/v1/revoke`, headers: { 'Content-Type': 'application/json', 'X-Platform-Token': PH }, body: `{"token":"${PH}","reason":"leaked"}`, successStatus: [200] },
      check: { type: 'http', method: 'GET', url: `${srv.base}/custom/v1/check`, headers: { Authorization: `Bearer ${PH}` }, successStatus: [200] },
      owner: { team: 'Platform', contact: 'platform@corp.example' },
    }]);
    assert.deepEqual(errors, []);
    const token = makeToken('plt_', 32);
    srv.addToken('custom', token);
    const ctx = ctxFor(srv, { customIssuers: issuers });
    const client = resolveIssuerClient({ ruleId: 'custom-platform' }, ctx, token);
    assert.equal(client.id, 'platform');
    const t = await client.endpointFor('revoke', {}, ctx);
    assert.equal(t?.url, `${srv.base}/custom/v1/revoke`);
    const c = await client.check!(token, ctx, {});
    assert.equal(c.state, 'live');
    const r = await client.revoke(token, ctx, {});
    assert.equal(r.state, 'revoked');
    const post = srv.requestsFor('custom').find((q) => q.method === 'POST')!;
    assert.deepEqual(post.body, { token, reason: 'leaked' });
    assert.equal(post.headers['x-platform-token'], token);
    assert.ok(srv.requestsCarrying(token).every((q) => !q.url.includes(token)));
    const again = await client.revoke(token, ctx, {});
    assert.equal(again.state, 'already-revoked');
    srv.override('custom', { status: 500 });
    const failed = await client.revoke(token, ctx, {});
    assert.equal(failed.state, 'failed');
    assert.match(failed.detail, /Owner: Platform, platform@corp\.example/);
    assertNoToken([c, r, again, failed], token);
  });

  it('revokes through a declared RFC 7009 endpoint', async () => {
    const iss = srv.addOAuthIssuer('corp', { discovery: 'rfc8414', revocation: true, introspection: true });
    const { issuers } = parseCustomIssuers([{ name: 'corp-sso', pattern: 'sso_[a-z0-9]+', revoke: { type: 'rfc7009', endpoint: `${iss}/revoke`, clientId: 'vscode' }, check: { type: 'rfc7662', endpoint: `${iss}/introspect` } }]);
    const token = makeToken('sso_', 30, 'abcdefghijklmnopqrstuvwxyz0123456789');
    srv.addToken('oauth', token);
    const ctx = ctxFor(srv, { customIssuers: issuers });
    const client = customClient(issuers[0]!);
    assert.equal((await client.check!(token, ctx, {})).state, 'live');
    const r = await client.revoke(token, ctx, {});
    assert.equal(r.state, 'revoked');
    assert.equal((srv.requestsCarrying(token)[1]!.body as Record<string, string>).client_id, 'vscode');
    assert.equal((await client.check!(token, ctx, {})).state, 'invalid');
  });
});
