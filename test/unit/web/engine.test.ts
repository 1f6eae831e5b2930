// The engine as the browser build bundles it (out/test/web/engine.js: platform browser, node:crypto
// and node:zlib replaced by src/web/), run in a context that has only what a web worker has — no
// process, Buffer, require or setImmediate — finds the same tokens as the Node engine, with the same
// fingerprints, checksum validations and decoded metadata.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import * as engine from '../../../src/engine';
import { githubToken } from '../../support/tokens/github';
import { gitlabRoutable } from '../../support/tokens/gitlab';
import { jwt } from '../../support/tokens/jwt';
import { npmToken } from '../../support/tokens/npm';
import { pypiMacaroon } from '../../support/tokens/pypi';
import { ALPHABETS, rand } from '../../support/tokens/random';

const TEAM_KEY = 'team-key-for-the-browser-engine-test';
/** A low-entropy password, made at run time. */
const PASSWORD = `Picnic-${rand(ALPHABETS.digits, 4)}-${rand(ALPHABETS.alnum_lower, 5)}`;
const BUNDLE = join(process.env.TC_OUT ?? 'out', 'test', 'web', 'engine.js');

/** Loads the bundle in a fresh context with web-worker globals only. */
function browserEngine(): typeof engine {
  const sandbox: Record<string, unknown> = {
    TextEncoder, TextDecoder, URL, URLSearchParams, console, setTimeout, clearTimeout, queueMicrotask, atob, btoa, performance,
    crypto: globalThis.crypto,
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  for (const name of ['process', 'Buffer', 'require', 'setImmediate']) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined');
  return sandbox.TokenCustodyEngine as typeof engine;
}

/** What must agree between the two engines (the secret itself is non-enumerable and not compared), as plain objects of this realm. */
function summary(findings: readonly engine.Finding[]): unknown[] {
  return [...findings].map((f) => JSON.parse(JSON.stringify({ ruleId: f.ruleId, range: f.range, fingerprint: f.fingerprint, redacted: f.redacted, validation: f.validation, metadata: f.metadata })));
}

describe('browser build: the engine without Node', () => {
  it('finds, fingerprints and validates like the Node engine', () => {
    const text = [
      `GITHUB_TOKEN=${githubToken('ghp')}`,
      `bad=${githubToken('gho', { badChecksum: true })}`,
      `//registry.npmjs.org/:_authToken=${npmToken()}`,
      `GITLAB=${gitlabRoutable('glpat-', { userId: 42 })}`,
      `Authorization: Bearer ${jwt({ aud: 'api' })}`,
      `password = ${pypiMacaroon()}`,
      `DB_PASSWORD="${PASSWORD}"`,
    ].join('\n');
    const web = browserEngine();
    const fromNode = engine.createScanner([], { fingerprintKey: () => TEAM_KEY }).scanner.scan(text);
    const fromWeb = web.createScanner([], { fingerprintKey: () => TEAM_KEY }).scanner.scan(text);
    // five tokens and a password (keyed fingerprint: HMAC on the pure-JS SHA-256); the GitHub token
    // with a broken checksum is dropped by both (the CRC-32 check works without zlib)
    assert.equal(fromNode.length, 6, fromNode.map((f) => f.ruleId).join(' '));
    const password = fromWeb.find((f) => f.kind === 'password');
    assert.ok(password, 'the password is found');
    assert.equal(password.fingerprint, engine.keyedFingerprint(PASSWORD, TEAM_KEY));
    assert.deepEqual(summary(fromWeb), summary(fromNode));
    const validations = fromWeb.map((f) => `${f.ruleId}:${f.validation.status}`);
    assert.ok(validations.some((v) => /^github.*:valid$/.test(v)), validations.join(' '));
    assert.ok(validations.some((v) => /^npm.*:valid$/.test(v)), validations.join(' '));
    assert.ok(validations.some((v) => /^gitlab.*:valid$/.test(v)), validations.join(' '));
    assert.ok(validations.some((v) => /^pypi.*:valid$/.test(v)), validations.join(' '));
  });

  it('fingerprints with the pure-JS SHA-256: the same fingerprint as node:crypto', () => {
    const web = browserEngine();
    for (const secret of [githubToken(), 'pässwörd-😀', '']) assert.equal(web.fingerprint(secret), engine.fingerprint(secret));
  });
});
