import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveName, sanitizeName } from '../../../src/vault/naming';
import { fakeToken } from './fake-backend';

function nameIn(before: string, after = '', extra: { ruleId?: string; issuer?: string; taken?: string[] } = {}): string {
  const tok = fakeToken();
  const text = `${before}${tok}${after}`;
  return deriveName({ text, start: before.length, end: before.length + tok.length, ...extra });
}

void describe('vault name derivation', () => {
  void it('takes the variable name of assignments', () => {
    assert.equal(nameIn('GITHUB_TOKEN='), 'GITHUB_TOKEN');
    assert.equal(nameIn('# header\nexport X="', '"'), 'X');
    assert.equal(nameIn("  MY_KEY = '", "'"), 'MY_KEY');
    assert.equal(nameIn('const githubToken = "', '";'), 'githubToken');
    assert.equal(nameIn('os.environ["GH_TOKEN"] = "', '"'), 'GH_TOKEN');
    assert.equal(nameIn('$env:GH_TOKEN = "', '"'), 'GH_TOKEN');
  });

  void it('takes the key of YAML and JSON mappings, sanitised', () => {
    assert.equal(nameIn('deploy:\n  api_token: '), 'api_token');
    assert.equal(nameIn('{\n  "npm-token": "', '"\n}'), 'npm-token');
    assert.equal(nameIn('//registry.npmjs.org/:_authToken='), '_authToken');
    assert.equal(sanitizeName('my key/with spaces!'), 'my_key_with_spaces');
  });

  void it('uses specific CLI flags but not vague ones', () => {
    assert.equal(nameIn('deploy --github-token '), 'GITHUB_TOKEN');
    assert.equal(nameIn('deploy --registry-token='), 'REGISTRY_TOKEN');
    assert.equal(nameIn('gh api --token ', '', { ruleId: 'github-pat-classic' }), 'github-pat-classic-1');
  });

  void it('falls back to the rule or issuer, numbered', () => {
    assert.equal(nameIn('my token is ', ' ok', { ruleId: 'github-pat-classic' }), 'github-pat-classic-1');
    assert.equal(nameIn('Authorization: Bearer ', '', { issuer: 'github' }), 'github-1');
    assert.equal(nameIn('', '', {}), 'secret-1');
  });

  void it('is unique against taken names (case-insensitively)', () => {
    assert.equal(nameIn('GITHUB_TOKEN=', '', { taken: ['github_token'] }), 'GITHUB_TOKEN-2');
    assert.equal(nameIn('GITHUB_TOKEN=', '', { taken: ['GITHUB_TOKEN', 'GITHUB_TOKEN-2'] }), 'GITHUB_TOKEN-3');
    assert.equal(nameIn('see ', '', { ruleId: 'npm-access-token', taken: ['npm-access-token-1'] }), 'npm-access-token-2');
  });
});
