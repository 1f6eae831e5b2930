import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScanner } from '../../../src/engine';
import type { StoredToken } from '../../../src/core';
import { distinctTokens } from '../../../src/findings/distinct';
import { describeTokens, OncePer, pasteChoiceText, shorten, terminalWarningText } from '../../../src/terminal/format';
import { referencePasteText, replaceWithShellExpressions, suggestNameAt } from '../../../src/vault/paste';
import { githubToken } from '../../support/fakes';

const { scanner } = createScanner();
const EXPR = '"$(token-custody secret get GH)"';

function replaced(text: string): string {
  const f = scanner.scan(text);
  assert.equal(f.length, 1, `one finding in ${JSON.stringify(text.replace(/gh[p]_\w+/, 'TOKEN'))}`);
  return replaceWithShellExpressions(text, [{ start: f[0]!.range.start, end: f[0]!.range.end, expression: EXPR }]);
}

describe('paste reference text', () => {
  it('fits the shell expression to the quotes around the token', () => {
    const t = githubToken();
    assert.equal(replaced(`export GH=${t}`), `export GH=${EXPR}`);
    assert.equal(replaced(`curl -H "Authorization: token ${t}" x`), 'curl -H "Authorization: token $(token-custody secret get GH)" x');
    assert.equal(replaced(`gh auth login --with-token '${t}'`), `gh auth login --with-token ${EXPR}`);
    assert.equal(replaced(`curl -H 'Authorization: token ${t}' x`), `curl -H 'Authorization: token '${EXPR}'' x`);
    assert.equal(replaced(t), EXPR);
  });

  it('replaces several tokens and keeps the rest of a multi-line text', () => {
    const a = githubToken();
    const b = githubToken();
    const text = `A=${a}\nB=${b}\n`;
    const fs = scanner.scan(text);
    const out = replaceWithShellExpressions(text, fs.map((f, i) => ({ start: f.range.start, end: f.range.end, expression: i === 0 ? '"$(x A)"' : '"$(x B)"' })));
    assert.equal(out, 'A="$(x A)"\nB="$(x B)"\n');
  });

  it('suggests a name from the assignment before the token', () => {
    assert.equal(suggestNameAt('export GITHUB_TOKEN=ghp_x', 20), 'GITHUB_TOKEN');
    assert.equal(suggestNameAt('token: "abc', 8), 'token');
    assert.equal(suggestNameAt('npm login --token abc', 18), 'token');
    assert.equal(suggestNameAt('echo abc', 5), undefined);
    assert.equal(suggestNameAt('X=1\nabc', 4), undefined);
  });
});

describe('editor paste reference text', () => {
  function pasteAs(languageId: string, prefix: string, pasted: string, backend: StoredToken['backend'] = 'keychain'): string {
    const fs = scanner.scan(pasted);
    const m = new Map<string, StoredToken>();
    for (const f of fs) {
      m.set(f.fingerprint, {
        name: 'GH',
        backend,
        reference: backend === 'keychain' ? 'keychain://token-custody/GH' : 'vscode-secret://token-custody/GH',
        shellExpression: backend === 'keychain' ? '"$(token-custody secret get GH)"' : '"$(token-custody secret get --vscode GH)"',
      });
    }
    return referencePasteText(languageId, prefix, pasted, fs, m);
  }

  it('follows the syntax of the document', () => {
    const t = githubToken();
    assert.equal(pasteAs('dotenv', 'GH=', t), 'keychain://token-custody/GH');
    assert.equal(pasteAs('yaml', 'token: ', `"${t}"`), '"keychain://token-custody/GH"');
    assert.equal(pasteAs('json', '', `{"token": "${t}"}`), '{"token": "keychain://token-custody/GH"}');
    assert.equal(pasteAs('typescript', 'const t = ', `'${t}';`), "'keychain://token-custody/GH';");
    assert.equal(pasteAs('shellscript', 'export GH=', t), '"$(token-custody secret get GH)"');
  });

  it('shell: uses the quote state of the line before the paste point', () => {
    const t = githubToken();
    assert.equal(pasteAs('shellscript', 'curl -H "Authorization: token ', t), '$(token-custody secret get GH)');
    assert.equal(pasteAs('shellscript', "curl -H 'Authorization: token ", t), `'"$(token-custody secret get GH)"'`);
    assert.equal(pasteAs('shellscript', 'x=', `'${t}'`), '"$(token-custody secret get GH)"');
    assert.equal(pasteAs('shellscript', "x='", t), `'"$(token-custody secret get GH)"'`);
  });

  it('shell with a SecretStorage reference: the vault\'s own expression', () => {
    const t = githubToken();
    assert.equal(pasteAs('shellscript', 'X=', t, 'secretStorage'), '"$(token-custody secret get --vscode GH)"');
    assert.equal(pasteAs('markdown', '', `token ${t} here`, 'secretStorage'), 'token vscode-secret://token-custody/GH here');
  });
});

describe('messages', () => {
  const f = { fingerprint: 'sha256:1', name: 'GitHub personal access token (classic)', redacted: 'ghp_••••abcd' };
  const g = { fingerprint: 'sha256:2', name: 'npm access token', redacted: 'npm_••••wxyz' };

  it('paste choice names the token type(s) and redacted forms', () => {
    const one = pasteChoiceText([f, f], 'bash', true);
    assert.equal(one.message, 'The clipboard holds a GitHub personal access token (classic) (ghp_••••abcd).');
    assert.match(one.detail, /terminal "bash"/);
    assert.match(one.detail, /Paste Reference Instead/);
    const two = pasteChoiceText([f, g], 'zsh', false);
    assert.equal(two.message, 'The clipboard holds 2 tokens: GitHub personal access token (classic) ghp_••••abcd, npm access token npm_••••wxyz.');
    assert.doesNotMatch(two.detail, /Reference/);
  });

  it('terminal warning names the token, the terminal and the command', () => {
    assert.equal(terminalWarningText(f, 'bash', 'output', 'cat secrets.txt'), 'Token Custody: GitHub personal access token (classic) ghp_••••abcd appeared in the output of "cat secrets.txt" in terminal "bash".');
    assert.equal(terminalWarningText(f, 'build', 'command', 'export X=ghp_••••abcd'), 'Token Custody: GitHub personal access token (classic) ghp_••••abcd is in the command line "export X=ghp_••••abcd" in terminal "build".');
    assert.match(terminalWarningText(f, 'b', 'output', undefined), /output of a command in terminal "b"/);
  });

  it('shortens and deduplicates', () => {
    assert.equal(shorten('a\n  b', 10), 'a b');
    assert.equal(shorten('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
    assert.equal(distinctTokens([f, g, f]).length, 2);
    assert.equal(describeTokens([f, f]), 'GitHub personal access token (classic) ghp_••••abcd');
  });
});

describe('OncePer', () => {
  it('reports each (owner, key) once, per owner', () => {
    const once = new OncePer<object>();
    const t1 = {};
    const t2 = {};
    assert.equal(once.first(t1, 'a'), true);
    assert.equal(once.first(t1, 'a'), false);
    assert.equal(once.first(t2, 'a'), true);
    once.mark(t2, 'b');
    assert.equal(once.first(t2, 'b'), false);
  });

  it('stays bounded per owner', () => {
    const once = new OncePer<object>(3);
    const t = {};
    for (const k of ['a', 'b', 'c', 'd']) once.first(t, k);
    assert.equal(once.first(t, 'a'), true); // the oldest was dropped
    assert.equal(once.first(t, 'd'), false);
  });
});
