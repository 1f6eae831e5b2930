// Runs only against the packaged .vsix (test/host/package.mjs): the installed extension is the
// package, not the project folder, and it activates and detects.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { githubToken } from '../../support/fakes';
import { waitFor, workspacePath } from './channel';

describe('packaged extension (.vsix installed with --install-extension)', () => {
  before(function () {
    if (process.env.TC_TEST_VSIX !== '1') this.skip();
  });

  it('is installed from the package, with only the files it needs, and activates', async () => {
    const ext = vscode.extensions.getExtension('token-custody.token-custody');
    assert.ok(ext);
    const root = fs.realpathSync(ext.extensionPath);
    assert.ok(!fs.existsSync(path.join(root, 'src')), `the package contains src/ (${root})`);
    assert.ok(!fs.existsSync(path.join(root, 'node_modules')), 'the package contains node_modules/');
    assert.ok(!fs.existsSync(path.join(root, 'test')), 'the package contains test/');
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')));
    assert.ok(fs.existsSync(path.join(root, 'dist', 'cli.js')));
    assert.ok(fs.existsSync(path.join(root, 'media', 'icon.png')));
    await ext.activate();
    assert.ok(ext.isActive);
    // The bundles the extension loads on first use are in the package and load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (f: string): Record<string, unknown> => require(path.join(root, 'dist', f)) as Record<string, unknown>;
    assert.equal(typeof load('revocation.js').createRevocation, 'function');
    assert.equal(typeof load('keychain.js').createKeychainBackend, 'function');
    assert.equal(typeof load('history.js').HistoryCheck, 'function');
  });

  it('detects a token in an opened file', async () => {
    const file = path.join(workspacePath(), 'packaged.env');
    const gh = githubToken();
    fs.writeFileSync(file, `GITHUB_TOKEN=${gh}\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === 'Token Custody') ?? null, 'a diagnostic');
    assert.equal(doc.getText(d.range), gh);
  });
});
