import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { referenceEdit, referenceSyntax } from '../../../src/vault/rewrite';
import { fakeToken } from './fake-backend';

/** Applies the reference edit for the token placed between `before` and `after`; returns the new text. */
function rewrite(languageId: string, before: string, after: string, name = 'GITHUB_TOKEN', scheme?: 'keychain' | 'vscode-secret'): string {
  const tok = fakeToken();
  const text = `${before}${tok}${after}`;
  const e = referenceEdit({ languageId, text, start: before.length, end: before.length + tok.length, name, scheme });
  const out = text.slice(0, e.start) + e.newText + text.slice(e.end);
  assert.ok(!out.includes(tok), 'the token is gone');
  return out;
}

const REF = 'keychain://token-custody/GITHUB_TOKEN';
const SUB = '$(token-custody secret get GITHUB_TOKEN)';

void describe('reference writing per syntax', () => {
  void it('detects the syntax from language ids and file names', () => {
    assert.equal(referenceSyntax('dotenv'), 'dotenv');
    assert.equal(referenceSyntax('/w/app/.env.local'), 'dotenv');
    assert.equal(referenceSyntax('prod.env'), 'dotenv');
    assert.equal(referenceSyntax('shellscript'), 'shell');
    assert.equal(referenceSyntax('/home/u/.envrc'), 'shell');
    assert.equal(referenceSyntax('deploy.sh'), 'shell');
    assert.equal(referenceSyntax('ci.yml'), 'yaml');
    assert.equal(referenceSyntax('package.json'), 'json');
    assert.equal(referenceSyntax('typescript'), 'code');
    assert.equal(referenceSyntax('notes.md'), 'plain');
  });

  void it('.env keeps the quote style', () => {
    assert.equal(rewrite('dotenv', 'GITHUB_TOKEN=', '\n'), `GITHUB_TOKEN=${REF}\n`);
    assert.equal(rewrite('.env', 'GITHUB_TOKEN="', '"\n'), `GITHUB_TOKEN="${REF}"\n`);
    assert.equal(rewrite('.env', "export GITHUB_TOKEN='", "'"), `export GITHUB_TOKEN='${REF}'`);
  });

  void it('shell substitutes a command, fitted to the quotes', () => {
    assert.equal(rewrite('shellscript', 'export GITHUB_TOKEN=', '\n'), `export GITHUB_TOKEN="${SUB}"\n`);
    assert.equal(rewrite('shellscript', 'export GITHUB_TOKEN="', '"\n'), `export GITHUB_TOKEN="${SUB}"\n`);
    assert.equal(rewrite('shellscript', "export GITHUB_TOKEN='", "'\n"), `export GITHUB_TOKEN="${SUB}"\n`);
    assert.equal(rewrite('bash', 'curl -H "Authorization: token ', '" https://api.github.com/user'), `curl -H "Authorization: token ${SUB}" https://api.github.com/user`);
    assert.equal(rewrite('deploy.sh', "curl -H 'Authorization: token ", "' x"), `curl -H 'Authorization: token '"${SUB}"'' x`);
    assert.equal(rewrite('zsh', 'echo "it\'s" && tool --token ', ' --x'), `echo "it's" && tool --token "${SUB}" --x`);
    assert.equal(rewrite('shellscript', '# old token: ', '\n'), `# old token: ${REF}\n`);
    assert.equal(rewrite('shellscript', 'X=', '', 'GITHUB_TOKEN', 'vscode-secret'), 'X=vscode-secret://token-custody/GITHUB_TOKEN');
  });

  void it('YAML and JSON get a string value', () => {
    assert.equal(rewrite('yaml', 'env:\n  GITHUB_TOKEN: ', '\n'), `env:\n  GITHUB_TOKEN: ${REF}\n`);
    assert.equal(rewrite('yaml', 'token: "', '"'), `token: "${REF}"`);
    assert.equal(rewrite('json', '{"token": "', '"}'), `{"token": "${REF}"}`);
    assert.doesNotThrow(() => JSON.parse(rewrite('settings.json', '{"a": {"token": "', '"}}')));
  });

  void it('TS/JS and Python strings keep their quotes', () => {
    assert.equal(rewrite('typescript', 'const t = "', '";'), `const t = "${REF}";`);
    assert.equal(rewrite('javascript', 'const t = `Bearer ', '`;'), `const t = \`Bearer ${REF}\`;`);
    assert.equal(rewrite('python', "TOKEN = '", "'"), `TOKEN = '${REF}'`);
    assert.equal(rewrite('app.py', 'h = {"Authorization": f"token ', '"}'), `h = {"Authorization": f"token ${REF}"}`);
  });

  void it('Markdown and plain text get the bare reference', () => {
    assert.equal(rewrite('markdown', 'Use `', '` for the API.'), `Use \`${REF}\` for the API.`);
    assert.equal(rewrite('plaintext', 'token ', ''), `token ${REF}`);
  });

  void it('rejects ranges outside the text', () => {
    assert.throws(() => referenceEdit({ languageId: 'plaintext', text: 'abc', start: 2, end: 9, name: 'X' }), RangeError);
  });
});
