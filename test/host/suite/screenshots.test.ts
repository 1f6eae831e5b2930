// The README screenshots, taken in the real workbench by `npm run screenshots` (scripts/screenshots.mjs,
// which sets TC_SCREENSHOTS=1 and TC_SCREENSHOT_DIR=media/screenshots). Skipped in every other run.
//
// A staged demo, driven through the real commands, dialogs and keys: a `.env` and a `config.yaml` of
// fake tokens; the masked editor with the hover, then with the Quick Fix menu; the terminal paste
// dialog; the revoke confirmation naming the issuer's host (a fake GitHub API on 127.0.0.1: nothing
// leaves the machine), then the revocation itself; a token moved to VS Code SecretStorage; one ignored
// everywhere; and the custody view with each of them in its group. Every shot is cropped to the part
// that matters; notifications are cleared before each one and the panel (Problems) stays closed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../../src/engine/types';
import type { TokenCustodyApi } from '../../../src/extension';
import { expandFixture } from '../../support/fakes';
import { startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { activeElement, clickButton, dragSash, mouseToText, dialog, focusTerminal, press, readmeScreenshot, realWorkbench, visibleText, waitFor, waitForSelector, workspacePath } from './channel';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const EDITOR_TOP = '.part.editor .tabs-and-actions-container';

describe('README screenshots (npm run screenshots)', function () {
  this.timeout(120_000);
  let api: TokenCustodyApi;
  let fake: FakeIssuers;
  let env: vscode.TextEditor;
  let gh = '';
  let npm = '';
  let pasted = '';
  const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');

  const rangeOf = (doc: vscode.TextDocument, f: Finding): vscode.Range => new vscode.Range(doc.positionAt(f.range.start), doc.positionAt(f.range.end));
  const findingOf = (doc: vscode.TextDocument, secret: string): Promise<Finding> =>
    waitFor(() => api.core.store.findings(doc.uri).find((f) => f.secret === secret), 'the token to be detected', 20_000);

  async function quiet(): Promise<void> {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideToasts');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await sleep(400); // toasts fade out
  }

  async function open(rel: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(path.join(workspacePath(), rel));
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  before(async function () {
    if (process.env.TC_SCREENSHOTS !== '1' || !realWorkbench()) this.skip();
    const ext = vscode.extensions.getExtension<TokenCustodyApi>('token-custody.token-custody');
    assert.ok(ext);
    api = await ext.activate();
    fake = await startFakeIssuers();
    await cfg().update('endpoints.github', `${fake.base}/github`, vscode.ConfigurationTarget.Global);
    await cfg().update('vault.backend', 'secretStorage', vscode.ConfigurationTarget.Global);
    await waitFor(() => api.core.settings().endpoints.github === `${fake.base}/github`, 'the endpoint setting to be read');

    const dotenv = expandFixture([
      '# billing-api: local development settings',
      'NODE_ENV=development',
      'GITHUB_TOKEN={{github:ghp}}',
      'NPM_TOKEN={{npm}}',
      'AWS_ACCESS_KEY_ID={{aws-key-id}}',
      'AWS_SECRET_ACCESS_KEY={{aws:secret}}',
      'LOG_LEVEL=debug',
      '',
    ].join('\n'));
    [gh = '', npm = ''] = dotenv.values;
    const yaml = expandFixture([
      'service:',
      '  name: billing-api',
      '  port: 8080',
      'gitlab:',
      '  url: https://gitlab.example.com',
      '  token: {{gitlab:glpat:routable}}',
      'maps:',
      '  # browser key, restricted to our referrer',
      '  api_key: {{google:api-key}}',
      '',
    ].join('\n'));
    pasted = expandFixture('export GITHUB_TOKEN={{github:ghp}}').text;
    const dir = workspacePath();
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, '.env'), dotenv.text);
    fs.writeFileSync(path.join(dir, 'config.yaml'), yaml.text);
    fake.addToken('github', gh);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  after(async () => {
    if (!api) return;
    await cfg().update('endpoints.github', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('vault.backend', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fake?.close();
  });

  it('the masked editor with the hover, then with the Quick Fix menu', async () => {
    env = await open('.env');
    const f = await findingOf(env.document, gh);
    await waitFor(async () => ((await visibleText('.part.editor .view-lines')) ?? '').includes('LOG_LEVEL') || null, 'the file rendered');
    await waitFor(async () => !((await visibleText('.part.editor .view-lines')) ?? '').includes(gh.slice(4, -4)) || null, 'the tokens masked');
    await waitFor(async () => /tokens? masked/.test((await visibleText('.statusbar')) ?? '') || null, 'the status bar count');
    await quiet();
    const at = env.document.positionAt(f.range.start + 1); // on the prefix, which stays visible
    await vscode.window.showTextDocument(env.document, { preview: false, preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    env.selection = new vscode.Selection(at, at);
    await sleep(300);
    // The mouse on the redacted form (drawn right after "GITHUB_TOKEN="; one character is about 8 px), as a user would hover it.
    await mouseToText('.part.editor .view-line', 'GITHUB_TOKEN', 22);
    await waitFor(async () => /GitHub personal access token/.test((await visibleText('.monaco-hover')) ?? '') || null, 'the hover', 15_000);
    await sleep(300);
    await readmeScreenshot('editor-hover', [EDITOR_TOP, '.part.editor .monaco-hover'], 0);

    await press('Escape');
    env.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await waitFor(async () => /Move .* to keychain/.test((await visibleText('.action-widget')) ?? '') || null, 'the Quick Fix menu');
    await sleep(300);
    await readmeScreenshot('editor-quick-fix', [EDITOR_TOP, '.action-widget'], 0);
    await press('Escape');
  });

  it('the terminal paste dialog', async () => {
    const terminal = vscode.window.createTerminal({ name: 'deploy' });
    terminal.show(false);
    await waitFor(() => terminal.shellIntegration, 'shell integration in the terminal', 30_000);
    await vscode.env.clipboard.writeText(pasted);
    await quiet();
    terminal.show(false);
    const focused = await waitFor(async () => /xterm-helper-textarea/.test((await activeElement()) ?? '') || null, 'terminal focus', 3000).catch(() => null);
    if (!focused) await focusTerminal();
    await press('Control+Shift+V');
    const d = await waitFor(() => dialog(), 'the paste choice', 15_000);
    assert.ok(d.buttons.includes('Paste Reference Instead'), `buttons: ${d.buttons.join(', ')}`);
    await sleep(300);
    await readmeScreenshot('terminal-paste', ['.monaco-dialog-box'], 12);
    await clickButton('Cancel');
    terminal.dispose();
  });

  it('the revoke confirmation naming the host, then the revocation', async () => {
    env = await open('.env');
    const f = await findingOf(env.document, gh);
    await quiet();
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken', { uri: env.document.uri, range: rangeOf(env.document, f) });
    const d = await waitFor(() => dialog(), 'the revoke confirmation', 15_000);
    assert.ok(`${d.message}\n${d.detail}`.includes(new URL(fake.base).host), `${d.message}\n${d.detail}`);
    await sleep(300);
    await readmeScreenshot('revoke-confirm', ['.monaco-dialog-box'], 12);
    await clickButton('Revoke');
    await done;
    assert.equal(fake.isLive('github', gh), false);
  });

  it('the custody view: exposed, in keychain, revoked and ignored', async () => {
    env = await open('.env');
    const n = await findingOf(env.document, npm);
    const moved = vscode.commands.executeCommand<boolean>('tokenCustody.moveToKeychain', { uri: env.document.uri, range: rangeOf(env.document, n) });
    await waitForSelector('.quick-input-widget input', { state: 'visible' });
    await waitFor(async () => (await activeElement())?.startsWith('input'), 'focus in the name box');
    await press('Enter');
    assert.equal(await moved, true);
    await env.document.save();
    assert.ok(!env.document.getText().includes(npm), 'the file no longer holds the moved token');

    const yaml = await open('config.yaml');
    const google = await waitFor(() => api.core.store.findings(yaml.document.uri).find((f) => f.issuer === 'google'), 'the Google key');
    await vscode.commands.executeCommand('tokenCustody.ignoreTokenEverywhere', { fingerprint: google.fingerprint });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('tokenCustody.showCustody');
    // Wide enough for "GitHub · seen just now" (the side bar starts at about 300 px).
    await dragSash('.part.sidebar', 160);
    await waitFor(async () => {
      const t = (await visibleText('.part.sidebar')) ?? '';
      return ['Exposed', 'In keychain', 'Revoked', 'Ignored'].every((g) => t.includes(g)) || null;
    }, 'the four groups in the custody view', 20_000);
    const text = (await visibleText('.part.sidebar')) ?? '';
    for (const secret of [gh, npm]) assert.ok(!text.includes(secret), 'the view never shows a token');
    await quiet();
    await sleep(300);
    await readmeScreenshot('custody-view', ['.part.sidebar .composite.title', '.part.sidebar .monaco-list-row'], 0);
  });
});
