// The browser build (dist/shared.js) in code-server's web worker extension host, as vscode.dev
// and github.dev run it: `node test/host/run.mjs --web` sets `remote.extensionKind` so that the
// extension runs there instead of the remote (Node) host. These tests run in the remote host beside
// the driver and see the extension only through the workbench — commands, diagnostics, hovers and
// the rendered DOM — which is how it has to be proven: the web worker host is another process.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commandIds';
import { githubToken, npmToken } from '../../support/fakes';
import { channelAvailable, notifications, screenshot, testMode, textContent, visibleText, waitFor, workspacePath } from './channel';
import { closeEditorsWithoutSaving, newUntitled } from './editors';

const EXTENSION_ID = 'token-custody.token-custody';
const SOURCE = 'Token Custody';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function code(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function write(name: string, text: string): string {
  const file = path.join(workspacePath(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('browser build in the web worker extension host', function () {
  this.timeout(120_000);
  const gh = githubToken();
  const npm = npmToken();

  before(async function () {
    if (testMode() !== 'web' || !channelAvailable()) this.skip();
    // Activated on startup in the web worker: its commands appear in the workbench.
    await waitFor(async () => (await vscode.commands.getCommands(true)).includes(CommandId.ShowLog) || null, 'the extension’s commands', 60_000, 250);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /**
   * web/.env with the GitHub token, open in an editor, its diagnostic published: each test that needs
   * it calls this, so none depends on an earlier one (a --grep may run any of them alone).
   */
  async function openWebEnv(): Promise<{ doc: vscode.TextDocument; d: vscode.Diagnostic }> {
    const file = write('web/.env', `# web build\nGITHUB_TOKEN=${gh}\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, { preview: false });
    const [d] = await waitFor(() => (ours(doc.uri).length === 1 ? ours(doc.uri) : null), 'a diagnostic from the browser build', 30_000);
    assert.ok(d);
    return { doc, d };
  }

  it('runs in the web worker, not in this (Node) extension host, and registers every command', async () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID), undefined, 'the extension runs in this Node host: remote.extensionKind was not applied');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(CommandId).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'commands not registered by the browser build');
  });

  it('reports a token as a diagnostic, masks it in the editor and explains it in the hover', async () => {
    const { doc, d } = await openWebEnv();
    assert.equal(code(d), 'github-pat-classic');
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [1, 'GITHUB_TOKEN='.length, 'GITHUB_TOKEN='.length + gh.length]);
    assert.ok(!d.message.includes(gh), 'the message holds the token');

    // Masking: the rendered line shows the assignment but not the token's characters.
    const middle = gh.slice(8, 28);
    await waitFor(async () => ((await visibleText('.monaco-editor .view-lines')) ?? '').includes('GITHUB_TOKEN=') || null, 'the line rendered');
    await waitFor(async () => !((await visibleText('.monaco-editor .view-lines')) ?? '').includes(middle) || null, 'the token masked');
    await screenshot('web-build-masked');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /GitHub/);
    assert.match(text, /checksum valid/, 'the CRC-32 validation (no zlib in the browser)');
    assert.match(text, /sha256:[0-9a-f]{32}/, 'the fingerprint (pure-JS SHA-256)');
    assert.ok(!text.includes(gh), 'the hover holds the token');
  });

  it('the hover and the Quick Fixes offer no keychain, revoke or check action, and the hover says why', async () => {
    const { doc: { uri }, d } = await openWebEnv();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, new RegExp(`command:${CommandId.IgnoreToken}`), 'the hover keeps Ignore');
    for (const id of [CommandId.MoveToKeychain, CommandId.RevokeToken, CommandId.CheckToken]) assert.ok(!text.includes(`command:${id}`), `the hover links ${id}`);
    assert.match(text, /need VS Code desktop/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // (commands with arguments come back from another extension host under an internal id: compare titles)
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /^Ignore .* everywhere/.test(t)), `Quick Fixes: ${titles.join(', ')}`);
    assert.deepEqual(titles.filter((t) => /keychain|^Revoke|^Check whether/.test(t)), [], 'Quick Fixes that need the desktop');
  });

  it('the checkText language-model tool answers with redacted forms; the keychain tools say they need the desktop', async function () {
    const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
    if (typeof lm?.invokeTool !== 'function') this.skip();
    const textOf = (r: vscode.LanguageModelToolResult): string => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    const cts = new vscode.CancellationTokenSource();
    const checked = textOf(await waitFor(async () => {
      try {
        return await lm.invokeTool!('tokenCustody_checkText', { input: { text: `export NPM_TOKEN=${npm}\n` }, toolInvocationToken: undefined }, cts.token);
      } catch {
        return null; // registered by the web worker host a moment after activation
      }
    }, 'the checkText tool registered by the browser build', 30_000, 500));
    assert.match(checked, /1 credential\(s\) found/);
    assert.match(checked, /npm_/);
    assert.ok(!checked.includes(npm), 'the tool answer holds the token');
    const listed = textOf(await lm.invokeTool('tokenCustody_listSecrets', { input: {}, toolInvocationToken: undefined }, cts.token));
    assert.match(listed, /Listing the secrets stored in the keychain needs VS Code desktop/);
    const run = textOf(await lm.invokeTool('tokenCustody_runWithSecrets', { input: { command: 'env' }, toolInvocationToken: undefined }, cts.token));
    assert.match(run, /needs VS Code desktop/);
  });

  it('lists the token in the custody view', async () => {
    await openWebEnv();
    await vscode.commands.executeCommand(CommandId.ShowCustody);
    const redactedTail = gh.slice(-4);
    const view = await waitFor(async () => {
      const t = (await textContent('.part.sidebar')) ?? '';
      return t.includes('Exposed') && t.includes(`ghp_••••${redactedTail}`) ? t : null;
    }, 'the custody view listing the token', 30_000);
    assert.ok(!view.includes(gh), 'the view shows the token');
  });

  it('scans workspace files through workspace.fs', async () => {
    write('web/scan/config.npmrc', `//registry.npmjs.org/:_authToken=${npm}\n`);
    const result = await vscode.commands.executeCommand<{ files: number; tokens: number; cancelled: boolean }>(CommandId.ScanWorkspace);
    assert.ok(result && !result.cancelled, 'the scan ran');
    assert.ok(result.tokens >= 1 && result.files >= 2, `scan result ${JSON.stringify(result)}`);
    const uri = vscode.Uri.file(path.join(workspacePath(), 'web/scan/config.npmrc'));
    const [d] = await waitFor(() => (ours(uri).length ? ours(uri) : null), 'the unopened file’s diagnostic', 20_000);
    assert.ok(d && /^npm/.test(code(d)), d && code(d));
  });

  it('a desktop-only command says that it needs VS Code desktop', async () => {
    await vscode.commands.executeCommand(CommandId.RevokeToken);
    const toast = await waitFor(async () => (await notifications()).find((n) => n.includes('needs VS Code desktop')), 'the desktop-only message');
    assert.match(toast, /Revoking a token at its issuer needs VS Code desktop/);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('warns that a token on an untitled editor\'s first line shows in its title, without naming it', async () => {
    const token = githubToken('ghp');
    const doc = await newUntitled(`T0=${token}\n`, 'properties');
    await vscode.window.showTextDocument(doc, { preview: false });
    try {
      await waitFor(() => (ours(doc.uri).length === 1 ? true : null), 'a diagnostic in the untitled document', 30_000);
      // As a toast, or in the notifications center: after the workspace scan's and the desktop-only
      // tests' notifications are cleared, the workbench shows the next notification of any source in
      // the center without a toast (a plain showWarningMessage probe did the same; alone, or after
      // only one of those tests, the warning is a toast within 250 ms), so the center is opened when
      // no toast shows after a few seconds.
      const since = Date.now();
      const toast = await waitFor(async () => {
        if (Date.now() - since > 3_000) await vscode.commands.executeCommand('notifications.showList');
        return (await notifications()).find((n) => n.includes('first line of an untitled editor'));
      }, 'the untitled-title warning', 20_000);
      assert.ok(!toast.includes(token.slice(4, -4)), 'the warning names the token');
    } finally {
      // Reverted first, so closing asks nothing; the warning is left unanswered (no setting written).
      await closeEditorsWithoutSaving();
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
    }
  });
});
