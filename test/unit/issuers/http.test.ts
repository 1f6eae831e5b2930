import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { defaultEndpoints, resolveEndpoints } from '../../../src/issuers/endpoints';
import { assertSafeEndpoint, parseRetryAfter, redactToken, scrub, send } from '../../../src/issuers/http';
import { makeToken } from '../../support/issuerServers';

describe('assertSafeEndpoint', () => {
  it('accepts https and loopback http', () => {
    for (const u of ['https://api.github.com', 'https://ghe.example.com/api/v3', 'http://127.0.0.1:8080/x', 'http://127.9.9.9/', 'http://[::1]:99/', 'http://localhost:3000']) {
      assert.doesNotThrow(() => assertSafeEndpoint(u), u);
    }
  });
  it('refuses plain http to other hosts, other schemes, embedded credentials and garbage', () => {
    assert.throws(() => assertSafeEndpoint('http://example.com/revoke'), /plain HTTP to example\.com.*https:\/\//);
    assert.throws(() => assertSafeEndpoint('http://10.0.0.1/'), /plain HTTP/);
    assert.throws(() => assertSafeEndpoint('http://localhost.evil.com/'), /plain HTTP/);
    assert.throws(() => assertSafeEndpoint('http://128.0.0.1/'), /plain HTTP/);
    assert.throws(() => assertSafeEndpoint('ftp://127.0.0.1/'), /only https/);
    assert.throws(() => assertSafeEndpoint('https://user:pw@example.com/'), /user name or password/);
    assert.throws(() => assertSafeEndpoint('not a url'), /not a valid URL/);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120'), 120);
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});

describe('redaction', () => {
  it('redacts with prefix and last 4 and scrubs every encoding of the token', () => {
    const t = makeToken('gh' + 'p_');
    assert.equal(redactToken(t), `ghp_••••${t.slice(-4)}`);
    assert.equal(redactToken('short'), '••••');
    const weird = 'tok+/=' + makeToken('', 20);
    const text = `a ${weird} b ${encodeURIComponent(weird)} c ${JSON.stringify(weird)}`;
    assert.ok(!scrub(text, weird).includes(weird));
    assert.ok(!scrub(text, weird).includes(encodeURIComponent(weird)));
  });
});

describe('send', () => {
  it('never contacts an unsafe endpoint and says why', async () => {
    let called = false;
    const out = await send({ endpoints: defaultEndpoints(), fetch: (async () => { called = true; return new Response(''); }) }, { url: 'http://example.com/x', method: 'GET' }, 'x');
    assert.equal(called, false);
    assert.equal(out.kind, 'error');
    assert.match(out.kind === 'error' ? out.message : '', /plain HTTP/);
  });
  it('maps a refused connection to a retryable network error', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const out = await send({ endpoints: defaultEndpoints(), timeoutMs: 3000 }, { url: `http://127.0.0.1:${port}/`, method: 'GET' }, 'x');
    assert.equal(out.kind, 'error');
    if (out.kind === 'error') {
      assert.equal(out.reason, 'network');
      assert.equal(out.retryable, true);
      assert.match(out.message, /refused/);
    }
  });
});

describe('resolveEndpoints', () => {
  it('uses the DESIGN §7 defaults and accepts GHES / self-managed roots', () => {
    const d = defaultEndpoints();
    assert.equal(d.github, 'https://api.github.com');
    assert.equal(d.gitlab, 'https://gitlab.com');
    assert.equal(d.slack, 'https://slack.com/api');
    assert.equal(d.npm, 'https://registry.npmjs.org');
    assert.equal(d.doppler, 'https://api.doppler.com');
    assert.equal(d.vault, undefined);
    const e = resolveEndpoints({ github: 'https://ghe.example.com/api/v3/', vault: 'https://vault.example.com:8200', npm: '' });
    assert.equal(e.github, 'https://ghe.example.com/api/v3');
    assert.equal(e.vault, 'https://vault.example.com:8200');
    assert.equal(e.npm, 'https://registry.npmjs.org');
  });
  it('names the setting in errors', () => {
    assert.throws(() => resolveEndpoints({ gitlab: 'http://gitlab.internal' }), /tokenCustody\.endpoints\.gitlab: .*plain HTTP/);
    assert.throws(() => resolveEndpoints({ slack: 'https://slack.com/api?x=1' }), /tokenCustody\.endpoints\.slack: .*query/);
  });
});
