import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../src/engine';
import { findDocumentReferences, referenceAt, relocateReference } from '../../../src/vault/documentRefs';
import { referenceEdit } from '../../../src/vault/rewrite';
import { shimScript } from '../../../src/vault/shim';
import { githubToken } from '../../support/fakes';

describe('findDocumentReferences', () => {
  it('finds URI references of both schemes and the shell form, in order', () => {
    const text = 'A=vscode-secret://token-custody/A\nexport B="$(token-custody secret get B.prod)"\nC=keychain://token-custody/C-1 # note';
    const refs = findDocumentReferences(text);
    assert.deepEqual(refs.map((r) => [r.scheme, r.name, r.form]), [['vscode-secret', 'A', 'uri'], ['keychain', 'B.prod', 'shell'], ['keychain', 'C-1', 'uri']]);
    for (const r of refs) assert.equal(text.slice(r.start, r.end), r.text);
    assert.equal(refs[1]?.text, '$(token-custody secret get B.prod)');
  });

  it('finds nothing in text without references', () => {
    assert.deepEqual(findDocumentReferences('token-custody secret get X (no substitution)\nkeychain://other/NAME'), []);
  });

  it('referenceAt includes the end; relocateReference follows an edit', () => {
    const text = 'X=keychain://token-custody/X';
    assert.equal(referenceAt(text, text.length)?.name, 'X');
    assert.equal(referenceAt(text, 1), undefined);
    const moved = `# added\n${text}`;
    const r = relocateReference(moved, { scheme: 'keychain', name: 'X', start: 2, text: 'keychain://token-custody/X' });
    assert.equal(r?.start, 10);
    assert.equal(relocateReference(moved, { scheme: 'vscode-secret', name: 'X', start: 2, text: '' }), undefined);
  });
});

describe('the engine never flags a reference', () => {
  const { scanner } = createScanner();
  const token = githubToken('ghp');

  it('flags the token, then nothing once it is replaced by any reference form', () => {
    for (const [languageId, before] of [['dotenv', `GITHUB_TOKEN=${token}\n`], ['shellscript', `export GITHUB_TOKEN=${token}\n`], ['yaml', `github:\n  token: "${token}"\n`], ['json', `{"token": "${token}"}`], ['typescript', `const token = '${token}';\n`]] as const) {
      assert.equal(scanner.scan(before).length, 1, `${languageId}: the fake token is detected`);
      const start = before.indexOf(token);
      for (const scheme of ['keychain', 'vscode-secret'] as const) {
        const e = referenceEdit({ languageId, text: before, start, end: start + token.length, name: 'GITHUB_TOKEN', scheme });
        const after = before.slice(0, e.start) + e.newText + before.slice(e.end);
        assert.deepEqual(scanner.scan(after), [], `${languageId}/${scheme}: ${after}`);
        assert.equal(findDocumentReferences(after).length, 1, `${languageId}/${scheme}: the reference is found`);
      }
    }
  });
});

describe('shimScript', () => {
  it('POSIX: exec of the host Node on dist/cli.js, paths quoted', () => {
    const s = shimScript({ nodePath: '/opt/code server/node', cliPath: '/ext/$x/dist/cli.js', platform: 'linux', electron: false });
    assert.equal(s.file, 'token-custody');
    assert.ok(s.content.startsWith('#!/bin/sh\n'));
    assert.match(s.content, /\nexec "\/opt\/code server\/node" -- "\/ext\/\\\$x\/dist\/cli\.js" "\$@"\n$/);
    assert.ok(!s.content.includes('ELECTRON_RUN_AS_NODE'));
  });
  it('Electron hosts run as Node; Windows gets a .cmd', () => {
    assert.match(shimScript({ nodePath: '/usr/share/code/code', cliPath: '/e/dist/cli.js', platform: 'darwin', electron: true }).content, /ELECTRON_RUN_AS_NODE=1\nexport ELECTRON_RUN_AS_NODE\nexec /);
    const w = shimScript({ nodePath: 'C:\\Code\\Code.exe', cliPath: 'C:\\ext\\100%\\dist\\cli.js', platform: 'win32', electron: true });
    assert.equal(w.file, 'token-custody.cmd');
    assert.equal(w.content, '@echo off\r\nsetlocal\r\nset ELECTRON_RUN_AS_NODE=1\r\n"C:\\Code\\Code.exe" -- "C:\\ext\\100%%\\dist\\cli.js" %*\r\n');
  });
});
