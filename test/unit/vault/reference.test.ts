import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  findReferences, formatReference, isValidName, nameFromSecretStorageKey, parseReference, referenceFor, secretStorageKey, shellResolveExpression,
} from '../../../src/vault/reference';

void describe('vault references', () => {
  void it('formats and parses both schemes', () => {
    assert.equal(formatReference({ scheme: 'keychain', name: 'GITHUB_TOKEN' }), 'keychain://token-custody/GITHUB_TOKEN');
    assert.equal(referenceFor('secretStorage', 'npm.token-2'), 'vscode-secret://token-custody/npm.token-2');
    assert.deepEqual(parseReference('keychain://token-custody/GITHUB_TOKEN'), { scheme: 'keychain', name: 'GITHUB_TOKEN' });
    assert.deepEqual(parseReference('  vscode-secret://token-custody/a.b-c_1\n'), { scheme: 'vscode-secret', name: 'a.b-c_1' });
  });

  void it('rejects malformed references and names', () => {
    for (const bad of ['keychain://other/X', 'keychain://token-custody/', 'keychain://token-custody/a b', 'keychain:/token-custody/X', 'op://vault/item', 'keychain://token-custody/X/Y']) {
      assert.equal(parseReference(bad), undefined, bad);
    }
    assert.equal(isValidName(''), false);
    assert.equal(isValidName('a$b'), false);
    assert.equal(isValidName('x'.repeat(129)), false);
    assert.equal(isValidName('x'.repeat(128)), true);
    assert.throws(() => formatReference({ scheme: 'keychain', name: 'bad name' }), /Invalid secret name/);
  });

  void it('finds references in text with their ranges', () => {
    const text = 'A=keychain://token-custody/A_1\nurl: "postgres://u:vscode-secret://token-custody/db.pass@h"\nxkeychain://token-custody/NOPE';
    const refs = findReferences(text);
    assert.deepEqual(refs.map((r) => [r.scheme, r.name]), [['keychain', 'A_1'], ['vscode-secret', 'db.pass']]);
    for (const r of refs) assert.equal(text.slice(r.start, r.end), r.text);
    assert.equal(refs[0]?.start, 2);
    assert.deepEqual(findReferences('nothing here'), []);
  });

  void it('maps SecretStorage keys and shell expressions', () => {
    assert.equal(secretStorageKey('X'), 'token-custody/X');
    assert.equal(nameFromSecretStorageKey('token-custody/X'), 'X');
    assert.equal(nameFromSecretStorageKey('other/X'), undefined);
    assert.equal(shellResolveExpression('GITHUB_TOKEN'), '$(token-custody secret get GITHUB_TOKEN)');
  });
});
