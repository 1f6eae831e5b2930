import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { defaultEndpoints, resolveEndpoints } from '../../../src/issuers/endpoints';
import { EndpointConfigError, errorMessage, settingOf, UnsafeEndpointError } from '../../../src/errors';
import { googleClient } from '../../../src/issuers/google';
import { vaultClient } from '../../../src/issuers/vault';
import { assertSafeEndpoint, echoesToken, parseRetryAfter, redactToken, scrub, send, serverText } from '../../../src/issuers/http';
import { makeToken } from '../../support/issuerServers';

describe('assertSafeEndpoint', () => {
  it('accepts https and loopback http', () => {
    for (const u of ['https://api.github.com', 'https://ghe.example.com/api/v3', 'http://127.0.0.1:8080/x', 'http://127.9.9.9/', 'http://[::1]:99/', 'http://localhost:3000']) {
      assert.doesNotThrow(() => assertSafeEndpoint(u), u);
    }
  });
  it('plain HTTP only to localhost, 127.0.0.0/8 and ::1 (not *.localhost, which is not resolved here)', () => {
    for (const u of ['http://localhost/', 'http://LOCALHOST:8080/x', 'http://127.0.0.1/', 'http://127.255.0.9:1/', 'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/']) {
      assert.doesNotThrow(() => assertSafeEndpoint(u), u);
    }
    for (const u of ['http://evil.localhost/', 'http://a.b.localhost:8080/revoke', 'http://localhost./', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://[::]/']) {
      assert.throws(() => assertSafeEndpoint(u), /plain HTTP/, u);
    }
    assert.doesNotThrow(() => assertSafeEndpoint('https://evil.localhost/'), 'https is fine anywhere');
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

describe('scrubbing server text (issue 11 #10)', () => {
  // Characters that URLSearchParams encodes and encodeURIComponent does not, plus JSON and base64 specials.
  const nasty = (): string => `t~!'()*"\\/+= ${makeToken('', 24)}`;

  it('scrub removes every encoding a request carries the token in: form (~!\'()), percent, JSON, base64/Basic', () => {
    const token = nasty();
    const form = new URLSearchParams({ token }).toString().slice('token='.length);
    const json = JSON.stringify(token).slice(1, -1);
    const basic = Buffer.from(`user:${token}`).toString('base64');
    const basicAfter = Buffer.from(`${token}:x-oauth-basic`).toString('base64');
    const b64url = Buffer.from(`ab${token}`).toString('base64url');
    const echoed = [token, encodeURIComponent(token), form, json, json.replace(/\//g, '\\/'), basic, basicAfter, b64url];
    const text = `echo: ${echoed.join(' | ')}`;
    const out = scrub(text, token);
    assert.ok(!out.includes(form), 'form-encoded token removed');
    for (const e of echoed) assert.ok(!out.includes(e), `left: ${e.slice(0, 6)}…`);
    for (const piece of out.split(/[\s|]+/)) {
      for (const decoded of [safeDecode(piece), Buffer.from(piece, 'base64').toString('latin1'), Buffer.from(piece, 'base64url').toString('latin1')]) {
        assert.ok(!decoded.includes(token.slice(-12)), `decodable remainder: ${piece.slice(0, 6)}…`);
      }
    }
    assert.ok(!echoesToken(out, token));
  });

  it('drops server text that repeats any 8-character run of the token', () => {
    const token = makeToken('tok_', 32);
    assert.equal(serverText(`unknown token ${token.slice(5, 13)} for this client`, token), '(server text withheld: it repeated part of the token)');
    assert.equal(serverText(`bad prefix ${token.slice(0, 7)}`, token), `bad prefix ${token.slice(0, 7)}`, 'fewer than 8 characters stay');
    assert.equal(serverText('invalid_grant', token), 'invalid_grant');
    assert.ok(echoesToken(`x ${Buffer.from(token).toString('base64').slice(4, 12)} y`, token), 'a run of its base64 form too');
  });

  it('an issuer that echoes the form body or part of the token leaves nothing decodable in the result', async () => {
    const token = nasty();
    const body = new URLSearchParams({ token }).toString();
    const replies = [
      { error: 'invalid_request', error_description: `cannot parse ${body}` },
      { error: 'invalid_request', error_description: `no such token: ${token.slice(8, 20)}` },
    ];
    for (const reply of replies) {
      const fake = (async () => new Response(JSON.stringify(reply), { status: 400, headers: { 'content-type': 'application/json' } })) as typeof fetch;
      const r = await googleClient.revoke(token, { endpoints: defaultEndpoints(), fetch: fake }, {});
      assert.equal(r.state, 'already-revoked');
      const shown = JSON.stringify(r);
      assert.ok(!echoesToken(r.detail, token), `detail leaks: ${r.detail}`);
      assert.ok(!shown.includes(body.slice(6, 20)) && !shown.includes(token.slice(8, 20)));
    }
    const fake = (async () => { throw new TypeError('fetch failed', { cause: new Error(`socket closed while sending ${body}`) }); }) as typeof fetch;
    const out = await send({ endpoints: defaultEndpoints(), fetch: fake }, { url: 'https://issuer.example/revoke', method: 'POST', body }, token);
    assert.equal(out.kind, 'error');
    assert.ok(out.kind === 'error' && !echoesToken(out.message, token), 'network error text is checked too');
  });
});

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

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
  it('uses the documented default API roots and accepts GHES / self-managed roots', () => {
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
  it('errors carry the setting to open as a fact (nothing parses the sentence)', async () => {
    assert.throws(() => resolveEndpoints({ npm: 'http://registry.internal' }), (e: unknown) => settingOf(e) === 'tokenCustody.endpoints.npm' && e instanceof EndpointConfigError);
    await assert.rejects(vaultClient.endpointFor('revoke', {}, { endpoints: defaultEndpoints() }), (e: unknown) => settingOf(e) === 'tokenCustody.endpoints.vault');
    assert.throws(() => assertSafeEndpoint('http://example.com/'), (e: unknown) => e instanceof UnsafeEndpointError && e.reason === 'plain-http' && e.host === 'example.com');
    assert.equal(errorMessage(new Error('x')), 'x');
    assert.equal(errorMessage('plain'), 'plain');
    assert.equal(errorMessage({ message: 'object' }), 'object');
  });
});
