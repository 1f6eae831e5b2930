// The product around detection, in a real VS Code: context keys and what the palette, editor title and
// editor menus offer; Toggle Token Masking (command, keybinding, title eye); Show Log; Ctrl+V in the
// browser host (guarded by default there); the commandsToSkipShell check; scan progress in the view.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import { ContextKey } from '../../../src/contextKeys';
import { githubToken } from '../../support/fakes';
import * as channel from './channel';

const EXTENSION_ID = 'token-custody.token-custody';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

async function open(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(channel.workspacePath(), 'ux', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
}

/** The command palette's rows after typing `query` (Escape closes it). */
async function paletteRows(query: string): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  await channel.press('F1');
  await channel.waitForSelector('.quick-input-widget .quick-input-box input');
  await channel.insertText(query);
  await sleep(400);
  const rows = (await channel.visibleText('.quick-input-widget .quick-input-list .monaco-list-rows')) ?? '';
  await channel.press('Escape');
  return rows;
}

describe('ux: context, toggle, log, keyboard (real host)', function () {
  this.timeout(120_000);
  let a: TokenCustodyApi;
  const gh = githubToken();

  before(async () => {
    a = await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('sets tokenCustody.editorHasTokens, cursorOnToken and masked from the active editor and cursor', async () => {
    const clean = await open('clean.txt', 'nothing to see here\n');
    await sleep(300);
    assert.equal(a.contextKeys.get(ContextKey.EditorHasTokens), false);
    const ed = await open('context.env', `# header\nGITHUB_TOKEN=${gh}\n`);
    await channel.waitFor(() => a.contextKeys.get(ContextKey.EditorHasTokens), 'editorHasTokens');
    assert.equal(a.contextKeys.get(ContextKey.Masked), true);
    ed.selection = new vscode.Selection(0, 2, 0, 2);
    await channel.waitFor(() => !a.contextKeys.get(ContextKey.CursorOnToken), 'cursor off the token');
    ed.selection = new vscode.Selection(1, 15, 1, 15);
    await channel.waitFor(() => a.contextKeys.get(ContextKey.CursorOnToken), 'cursorOnToken');
    await vscode.commands.executeCommand('tokenCustody.revealTokens');
    await channel.waitFor(() => !a.contextKeys.get(ContextKey.Masked), 'masked = false after reveal');
    await vscode.commands.executeCommand('tokenCustody.maskTokens');
    await channel.waitFor(() => a.contextKeys.get(ContextKey.Masked), 'masked again');
    await vscode.window.showTextDocument(clean.document);
    await channel.waitFor(() => !a.contextKeys.get(ContextKey.EditorHasTokens) && !a.contextKeys.get(ContextKey.CursorOnToken), 'keys cleared in a clean editor');
  });

  it('the palette lists Move, Ignore and Reveal only when they can act', async function () {
    if (!channel.realWorkbench()) this.skip();
    await open('palette-clean.txt', 'nothing here\n');
    await sleep(300);
    const none = await paletteRows('Token Custody: ');
    assert.match(none, /Scan Workspace for Tokens/, none);
    for (const t of ['Move Token to Keychain', 'Ignore Token', 'Reveal Tokens in Editor', 'Mask Tokens in Editor', 'Toggle Token Masking']) assert.ok(!none.includes(t), `${t} listed without tokens: ${none}`);
    const ed = await open('palette.env', `GITHUB_TOKEN=${gh}\n`);
    await channel.waitFor(() => a.contextKeys.get(ContextKey.EditorHasTokens), 'editorHasTokens');
    ed.selection = new vscode.Selection(0, 2, 0, 2);
    await channel.waitFor(() => !a.contextKeys.get(ContextKey.CursorOnToken), 'cursor off the token');
    const masked = await paletteRows('Token Custody: ');
    for (const t of ['Reveal Tokens in Editor', 'Toggle Token Masking']) assert.ok(masked.includes(t), `${t} missing: ${masked}`);
    for (const t of ['Move Token to Keychain', 'Ignore Token', 'Mask Tokens in Editor']) assert.ok(!masked.includes(t), `${t} listed with the cursor off the token: ${masked}`);
    ed.selection = new vscode.Selection(0, 20, 0, 20);
    await channel.waitFor(() => a.contextKeys.get(ContextKey.CursorOnToken), 'cursorOnToken');
    const onToken = await paletteRows('Token Custody: ');
    for (const t of ['Move Token to Keychain', 'Ignore Token']) assert.ok(onToken.includes(t), `${t} missing with the cursor on the token: ${onToken}`);
  });

  it('Toggle Token Masking reveals and masks again (command and keybinding)', async function () {
    const ed = await open('toggle.env', `GITHUB_TOKEN=${gh}\n`);
    const uri = ed.document.uri;
    await channel.waitFor(() => a.core.store.findings(uri).length === 1 || null, 'a finding');
    assert.equal(a.core.masking.isMasked(uri), true);
    await vscode.commands.executeCommand('tokenCustody.toggleMasking');
    assert.equal(a.core.masking.isMasked(uri), false);
    if (channel.channelAvailable()) await channel.waitFor(async () => ((await channel.visibleText('.monaco-editor .view-lines')) ?? '').includes(gh), 'the token rendered');
    await vscode.commands.executeCommand('tokenCustody.toggleMasking');
    assert.equal(a.core.masking.isMasked(uri), true);
    if (!channel.realWorkbench()) return;
    await channel.waitFor(async () => !((await channel.visibleText('.monaco-editor .view-lines')) ?? '').includes(gh), 'the token masked');
    await vscode.window.showTextDocument(ed.document);
    await channel.press('Control+Alt+Shift+M');
    await channel.waitFor(() => !a.core.masking.isMasked(uri), 'revealed by the keybinding');
    await channel.press('Control+Alt+Shift+M');
    await channel.waitFor(() => a.core.masking.isMasked(uri), 'masked by the keybinding');
  });

  it('the editor-title eye reveals and masks the tokens', async function () {
    if (!channel.realWorkbench()) this.skip();
    const ed = await open('eye.env', `GITHUB_TOKEN=${gh}\n`);
    const uri = ed.document.uri;
    await channel.waitFor(() => a.contextKeys.get(ContextKey.Masked), 'masked');
    const reveal = '.editor-actions .action-label[aria-label^="Reveal Tokens in Editor"]';
    const mask = '.editor-actions .action-label[aria-label^="Mask Tokens in Editor"]';
    await channel.waitFor(async () => (await channel.count(reveal)) === 1, 'the Reveal eye in the editor title');
    assert.equal(await channel.count(mask), 0);
    await channel.click(reveal);
    await channel.waitFor(() => !a.core.masking.isMasked(uri), 'revealed from the title');
    await channel.waitFor(async () => (await channel.count(mask)) === 1, 'the Mask eye in the editor title');
    await channel.click(mask);
    await channel.waitFor(() => a.core.masking.isMasked(uri), 'masked from the title');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await channel.waitFor(async () => (await channel.count(reveal)) + (await channel.count(mask)) === 0, 'no eye without tokens');
  });

  it('Show Log opens the Token Custody output channel', async function () {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const marker = `show-log-marker-${Date.now()}`;
    a.core.log.info(`${marker} GITHUB_TOKEN=${gh}`);
    await vscode.commands.executeCommand('tokenCustody.showLog');
    if (!channel.channelAvailable()) return;
    const text = await channel.waitFor(async () => {
      const t = (await channel.visibleText('.part.panel')) ?? '';
      return t.includes(marker) ? t : null;
    }, 'the marker line in the Output panel', 15_000);
    assert.ok(!text.includes(gh), 'the log never shows a token');
    assert.ok(text.includes(`${gh.slice(0, 4)}`), 'the redacted form is there');
  });

  describe('terminal', () => {
    let terminal: vscode.Terminal;
    const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');

    before(async function () {
      if (!channel.realWorkbench()) this.skip();
      terminal = vscode.window.createTerminal({ name: 'ux ctrl+v', cwd: channel.workspacePath() });
      terminal.show(false);
      await channel.waitFor(() => terminal.shellIntegration, 'shell integration', 30_000);
    });

    after(async () => {
      terminal?.dispose();
      await cfg().update('terminal.interceptCtrlV', undefined, vscode.ConfigurationTarget.Global);
    });

    async function pressCtrlV(): Promise<void> {
      terminal.show(false);
      const ok = await channel.waitFor(async () => /xterm-helper-textarea/.test((await channel.activeElement()) ?? ''), 'terminal focus', 3000).catch(() => false);
      if (!ok) await channel.focusTerminal();
      await channel.press('Control+V');
    }

    it('Ctrl+V is guarded in the browser host by default (interceptCtrlV: auto)', async () => {
      assert.equal(cfg().inspect('terminal.interceptCtrlV')?.defaultValue, 'auto');
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      await vscode.env.clipboard.writeText(`export GITHUB_TOKEN=${gh}`);
      await pressCtrlV();
      const info = await channel.waitFor(() => channel.dialog(), 'the paste choice after Ctrl+V');
      assert.ok(info.buttons.includes('Paste Anyway'), JSON.stringify(info.buttons));
      await channel.clickButton('Cancel');
      await channel.waitFor(async () => (await channel.dialogText()) === null, 'the dialog to close');
    });

    it('interceptCtrlV off leaves Ctrl+V alone even in a browser; on guards it', async () => {
      await vscode.env.clipboard.writeText(`export GITHUB_TOKEN=${gh}`);
      await cfg().update('terminal.interceptCtrlV', 'off', vscode.ConfigurationTarget.Global);
      await sleep(500);
      await pressCtrlV();
      await sleep(1000);
      assert.equal(await channel.dialogText(), null, 'no paste choice with interceptCtrlV off');
      terminal.sendText('\u0003', false); // drop whatever reached the prompt
      await cfg().update('terminal.interceptCtrlV', 'on', vscode.ConfigurationTarget.Global);
      await sleep(500);
      await pressCtrlV();
      await channel.waitFor(() => channel.dialog(), 'the paste choice with interceptCtrlV on');
      await channel.clickButton('Cancel');
      await channel.waitFor(async () => (await channel.dialogText()) === null, 'the dialog to close');
    });

    it('notices a commandsToSkipShell without the paste guard and adds it on request', async () => {
      const term = vscode.workspace.getConfiguration('terminal.integrated');
      assert.ok((term.get<string[]>('commandsToSkipShell') ?? []).includes('tokenCustody.terminalPaste'), 'listed by default');
      try {
        await term.update('commandsToSkipShell', ['workbench.action.quickOpen'], vscode.ConfigurationTarget.Global);
        assert.ok(!(vscode.workspace.getConfiguration('terminal.integrated').get<string[]>('commandsToSkipShell') ?? []).includes('tokenCustody.terminalPaste'), 'a user list hides the default');
        const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('commandsToSkipShell')), 'the notification', 15_000);
        assert.match(msg, /tokenCustody\.terminalPaste/);
        await channel.clickButton('Add to Setting');
        const fixed = await channel.waitFor(() => {
          const v = vscode.workspace.getConfiguration('terminal.integrated').inspect<string[]>('commandsToSkipShell')?.globalValue;
          return v?.includes('tokenCustody.terminalPaste') ? v : null;
        }, 'the fixed user setting');
        assert.deepEqual(fixed, ['workbench.action.quickOpen', 'tokenCustody.terminalPaste']);
        assert.equal(await a.skipShell.run(), 'ok');
      } finally {
        await term.update('commandsToSkipShell', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  it('a scan started from the custody view shows its progress in the view, not in a notification', async function () {
    if (!channel.realWorkbench()) this.skip();
    const root = path.join(channel.workspacePath(), 'ux-scan');
    // Files of ~24 KB: the scan lasts long enough (seconds) to be seen while it runs, even on a loaded machine.
    for (let d = 0; d < 30; d++) {
      fs.mkdirSync(path.join(root, `d${d}`), { recursive: true });
      for (let f = 0; f < 50; f++) fs.writeFileSync(path.join(root, `d${d}`, `f${f}.txt`), `line ${d} ${f} of a plain file with nothing secret in it\n`.repeat(400));
    }
    fs.writeFileSync(path.join(root, 'found.env'), `GITHUB_TOKEN=${gh}\n`);
    try {
      await vscode.commands.executeCommand('tokenCustody.showCustody');
      // The browser waits for the view's message (a DOM wait in the page, asked for before the scan
      // starts; the message stays while the scan runs), not a poll from here that a short scan can slip by.
      const inView = channel.waitForSelector('.part.sidebar :text("Scanning workspace")', { timeoutMs: 60_000 });
      let done = false;
      const running = Promise.resolve(vscode.commands.executeCommand<{ files: number }>('tokenCustody.scanWorkspaceFromView')).finally(() => (done = true));
      await inView;
      // No progress notification, for as long as the scan runs (checked back to back).
      let sawNotification = false;
      do if ((await channel.notifications()).some((n) => /scanning workspace/i.test(n))) sawNotification = true;
      while (!done);
      const result = await running;
      assert.ok(result.files >= 1500, `scanned ${result.files}`);
      assert.equal(sawNotification, false, 'no progress notification');
      // The cleared message reaches the workbench a moment after the command returns.
      await channel.waitFor(async () => !((await channel.visibleText('.part.sidebar')) ?? '').includes('Scanning workspace'), 'the progress message cleared at the end', 20_000);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('screen reader: with editor.accessibilitySupport on, a token in the editor is announced by its redacted form, never the token', async function () {
    const config = vscode.workspace.getConfiguration('editor');
    await config.update('accessibilitySupport', 'off', vscode.ConfigurationTarget.Global);
    try {
      const before = a.announcer.history.length;
      const quiet = await open('a11y-off.env', `# settings\nGITHUB_TOKEN=${gh}\n`);
      await channel.waitFor(() => a.core.store.findings(quiet.document.uri).length === 1, 'the token found');
      await sleep(500);
      assert.equal(a.announcer.history.length, before, 'nothing announced while accessibilitySupport is off');

      await config.update('accessibilitySupport', 'on', vscode.ConfigurationTarget.Global);
      const ed = await open('a11y-on.env', `# settings\nDEBUG=1\nGITHUB_TOKEN=${gh}\n`);
      const finding = await channel.waitFor(() => a.core.store.findings(ed.document.uri)[0], 'the token found');
      const text = await channel.waitFor(() => a.announcer.history.find((h) => h.includes('a11y-on.env')), 'the announcement');
      assert.match(text, /a11y-on\.env, line 3, holds a GitHub personal access token \(classic\), masked as /);
      assert.ok(text.includes(finding.redacted), text);
      assert.ok(!text.includes(gh), 'the announcement never holds the token');
      // The notification the workbench reads out through its ARIA alert.
      if (channel.realWorkbench()) {
        const shown = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('a11y-on.env')), 'the notification');
        assert.ok(shown.includes(finding.redacted) && !shown.includes(gh));
        const live = (await channel.textContent('.monaco-alert, .monaco-status')) ?? '';
        assert.ok(!live.includes(gh), 'no ARIA live region holds the token');
      }
      // Once per token and document: editing elsewhere does not announce it again.
      const count = a.announcer.history.length;
      await ed.edit((e) => e.insert(new vscode.Position(0, 0), '# more\n'));
      await sleep(800);
      assert.equal(a.announcer.history.length, count);
    } finally {
      await config.update('accessibilitySupport', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
