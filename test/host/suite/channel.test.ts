// Self-test of the harness's browser channel in the normal workbench: the things later suites rely on
// (real modal dialogs, notification toasts, key presses in the terminal, the browser clipboard).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import * as channel from './channel';
import { nextEnd } from './shellEvents';
import { closeEditorsWithoutSaving, newUntitled } from './editors';

const tag = () => randomBytes(4).toString('hex');


describe('browser channel', function () {
  before(function () {
    if (!channel.channelAvailable()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('reads a modal dialog and clicks one of its buttons', async function () {
    if (!channel.realWorkbench()) this.skip(); // extensionTestsPath mode refuses modal dialogs
    const message = `tc-host modal probe ${tag()}`;
    const choice = vscode.window.showWarningMessage(message, { modal: true, detail: 'probe detail' }, 'Paste Anyway', 'Mask');
    const text = await channel.waitFor(() => channel.dialogText(), 'a modal dialog');
    assert.equal(text, `${message}\nprobe detail`);
    const info = await channel.dialog();
    assert.ok(info);
    assert.ok(info.buttons.includes('Paste Anyway') && info.buttons.includes('Mask'), `buttons: ${JSON.stringify(info.buttons)}`);
    await channel.clickButton('Paste Anyway');
    assert.equal(await choice, 'Paste Anyway');
    await channel.waitFor(async () => (await channel.dialogText()) === null, 'the dialog to close');
  });

  it('sees a notification toast and clicks its action', async function () {
    if (!channel.realWorkbench()) this.skip(); // extensionTestsPath mode shows no toasts
    const message = `tc-host toast probe ${tag()}`;
    const choice = vscode.window.showInformationMessage(message, 'Revoke Probe');
    await channel.waitFor(async () => (await channel.notifications()).includes(message), `the toast "${message}"`);
    await channel.clickButton('Revoke Probe');
    assert.equal(await choice, 'Revoke Probe');
  });

  it('types into the focused terminal and presses Enter', async () => {
    const marker = `tc-host-${tag()}`;
    const terminal = vscode.window.createTerminal({ name: `channel probe ${marker}` });
    try {
      terminal.show(false);
      await channel.waitFor(() => terminal.shellIntegration, 'shell integration in the probe terminal', 30_000);
      const focused = await channel.focusTerminal();
      assert.match(focused, /xterm-helper-textarea/);
      const ended = nextEnd(terminal, 20_000);
      await channel.type(`echo ${marker}-$((6*7))`);
      await channel.press('Enter');
      const end = await ended;
      assert.equal(end.execution.commandLine.value, `echo ${marker}-$((6*7))`);
      assert.equal(end.exitCode, 0);
    } finally {
      terminal.dispose();
    }
  });

  it('shares the real browser clipboard with vscode.env.clipboard', async function () {
    if (!channel.realWorkbench()) this.skip(); // extensionTestsPath mode uses an in-memory clipboard
    const fromBrowser = `tc-clip-${tag()}`;
    await channel.clipboardWrite(fromBrowser);
    assert.equal(await vscode.env.clipboard.readText(), fromBrowser);
    const fromHost = `tc-clip-${tag()}`;
    await vscode.env.clipboard.writeText(fromHost);
    assert.equal(await channel.clipboardRead(), fromHost);
  });

  it('counts DOM nodes and saves screenshots', async () => {
    assert.equal(await channel.count('.monaco-workbench'), 1);
    assert.equal(await channel.count('.tc-no-such-node'), 0);
    const file = await channel.screenshot('channel self-test');
    assert.match(file, /channel_self-test\.png$/);
  });

  it('reports a browser-side failure as an error', async () => {
    await assert.rejects(channel.clickButton('No Such Button Anywhere', 500), /no visible button "No Such Button Anywhere"/);
  });

  // Measured before the helper handled documents without a tab: it returned in 26 ms, the document
  // was in a dirty tab of its own 3 s later, and Close All Editors raised "Do you want to save the
  // changes…?" (a modal that waits until the suite's timeout). Now 0.3 s, no tab, no dialog.
  it('closeEditorsWithoutSaving reverts a dirty document without a tab: no tab comes later and Close All asks nothing', async function () {
    if (!channel.realWorkbench()) this.skip(); // a real modal dialog
    this.timeout(60_000);
    const doc = await newUntitled(`draft ${tag()} never shown\n`);
    assert.ok(doc.isDirty, 'an untitled document with content is dirty');
    await closeEditorsWithoutSaving();
    assert.ok(doc.isClosed || !doc.isDirty, 'reverted');
    // The workbench gave such a document a tab about a second after Close All.
    await new Promise((r) => setTimeout(r, 3000));
    const dirtyTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.isDirty).length;
    let closed = false;
    const closing = Promise.resolve(vscode.commands.executeCommand('workbench.action.closeAllEditors')).then(() => void (closed = true));
    const outcome = await channel.waitFor(async () => (closed ? 'closed' : await channel.dialog()), 'Close All to finish or ask', 10_000);
    if (outcome !== 'closed') await channel.clickButton("Don't Save");
    await closing;
    assert.equal(dirtyTabs, 0, 'no dirty tab came later');
    assert.equal(outcome, 'closed', 'Close All closed without a save dialog');
  });
});
