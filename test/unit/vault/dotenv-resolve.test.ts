import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../../src/vault/dotenv';
import { resolveEnvReferences } from '../../../src/vault/resolve';
import { MemoryBackend, fakeToken } from './fake-backend';

void describe('dotenv parsing', () => {
  void it('handles comments, export, quotes, escapes and inline comments', () => {
    const text = [
      '# comment',
      '',
      'A=plain value # trailing comment',
      'export B="double \\"q\\" \\n line"',
      "C='single # not a comment'",
      'D=',
      'E="multi',
      'line"',
      'not an assignment',
      'F=`tick`',
      '\tG = spaced ',
    ].join('\r\n');
    const { entries, invalidLines } = parseDotenv(text);
    assert.deepEqual(entries.map((e) => [e.key, e.value]), [
      ['A', 'plain value'], ['B', 'double "q" \n line'], ['C', 'single # not a comment'], ['D', ''], ['E', 'multi\nline'], ['F', 'tick'], ['G', 'spaced'],
    ]);
    assert.deepEqual(invalidLines, [9]);
    assert.equal(entries.find((e) => e.key === 'F')?.line, 10);
  });
});

void describe('reference resolution in environments', () => {
  void it('replaces whole and embedded references, leaves the rest', async () => {
    const backend = new MemoryBackend();
    const tok = fakeToken();
    backend.store.set('GH', tok);
    backend.store.set('DB.pass', 'pw-1');
    const r = await resolveEnvReferences({
      GITHUB_TOKEN: 'keychain://token-custody/GH',
      DATABASE_URL: 'postgres://app:keychain://token-custody/DB.pass@db:5432/app',
      PATH: '/usr/bin',
      UNSET: undefined,
    }, { keychain: backend });
    assert.equal(r.env.GITHUB_TOKEN, tok);
    assert.equal(r.env.DATABASE_URL, 'postgres://app:pw-1@db:5432/app'); // token-custody: ignore (fake test password)
    assert.equal(r.env.PATH, '/usr/bin');
    assert.ok(!('UNSET' in r.env));
    assert.deepEqual(r.resolvedVariables.sort(), ['DATABASE_URL', 'GITHUB_TOKEN']);
    assert.deepEqual(r.unresolved, []);
  });

  void it('reports unknown and unsupported references by name', async () => {
    const r = await resolveEnvReferences({
      A: 'keychain://token-custody/MISSING',
      B: 'vscode-secret://token-custody/IN_VSCODE',
    }, { keychain: new MemoryBackend() });
    assert.deepEqual(r.unresolved, [
      { variable: 'A', name: 'MISSING', scheme: 'keychain', reason: 'not-found' },
      { variable: 'B', name: 'IN_VSCODE', scheme: 'vscode-secret', reason: 'unsupported' },
    ]);
  });

  void it('propagates backend errors', async () => {
    const backend = new MemoryBackend();
    backend.faults.add('get');
    await assert.rejects(resolveEnvReferences({ A: 'keychain://token-custody/X' }, { keychain: backend }), /locked/);
  });
});
