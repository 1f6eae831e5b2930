// An untitled editor is titled by its first line (`workbench.editor.untitled.labelFormat`: `content`),
// which the extension cannot mask: a token there gets one warning, whose button titles untitled
// editors by name in the user settings (src/editor/vscode/untitledTitle.ts). Real toasts and tabs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import { UNTITLED_TITLE_DISMISSED } from '../../../src/editor/untitledTitle';
import { githubToken } from '../../support/fakes';
import * as channel from './channel';
import { closeEditorsWithoutSaving, newUntitled } from './editors';

const EXTENSION_ID = 'token-custody.token-custody';
const SECTION = 'workbench.editor';
const KEY = 'untitled.labelFormat';

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

/** Opens an untitled document with `content` in an editor and waits until its `n` findings are published. */
async function openUntitled(a: TokenCustodyApi, content: string, n = 1): Promise<vscode.TextDocument> {
  const doc = await newUntitled(content, 'properties');
  await vscode.window.showTextDocument(doc, { preview: false });
  await channel.waitFor(() => (a.core.store.findings(doc.uri).length === n ? true : null), `${n} finding(s) in ${doc.uri.toString()}`, 30_000);
  return doc;
}

const activeTabLabel = (): string | undefined => vscode.window.tabGroups.activeTabGroup.activeTab?.label;
const userLabelFormat = (): unknown => vscode.workspace.getConfiguration(SECTION).inspect(KEY)?.globalValue;

describe('untitled editor titles: a token on the first line', function () {
  this.timeout(120_000);
  let a: TokenCustodyApi;
  let savedFormat: unknown;

  before(async function () {
    // The warning is a toast: only the normal workbench shows toasts the channel can click.
    if (!channel.realWorkbench()) this.skip();
    a = await api();
    savedFormat = userLabelFormat();
  });

  beforeEach(async () => {
    // Each test starts as a fresh window whose user never dismissed the warning, titles by content.
    a.untitledTitle.resetSession();
    await a.core.context.globalState.update(UNTITLED_TITLE_DISMISSED, undefined);
    await vscode.workspace.getConfiguration(SECTION).update(KEY, undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    // Revert before closing so an edited untitled document never asks to be saved.
    await closeEditorsWithoutSaving();
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    if (!a) return;
    await vscode.workspace.getConfiguration(SECTION).update(KEY, savedFormat, vscode.ConfigurationTarget.Global);
    await a.core.context.globalState.update(UNTITLED_TITLE_DISMISSED, undefined);
    a.untitledTitle.resetSession();
  });

  it('warns once (not for line 2 or a saved file), never naming the token; the button titles untitled editors by name in the user settings', async () => {
    const before = a.untitledTitle.history.length;
    // A token on line 2 and a saved file with one on line 1: their titles do not show it.
    await openUntitled(a, `# notes\nT1=${githubToken('ghp')}\n`);
    const file = path.join(channel.workspacePath(), 'untitled-title', 'first-line.env');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `T2=${githubToken('ghp')}\n`);
    const saved = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
    await channel.waitFor(() => (a.core.store.findings(saved.document.uri).length === 1 ? true : null), 'the saved file scanned');
    assert.equal(a.untitledTitle.history.length, before, 'no warning for line 2 or a saved file');

    const token = githubToken('ghp');
    const doc = await openUntitled(a, `T0=${token}\nmore text\n`);
    // The premise: VS Code titles the tab with the first line, token included.
    assert.ok(activeTabLabel()?.startsWith('T0=ghp_'), `tab titled by content: ${activeTabLabel()?.slice(0, 7)}…`);
    const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('first line of an untitled editor')), 'the untitled-title warning', 20_000);
    assert.ok(!toast.includes(token) && !toast.includes(token.slice(4, -4)), 'the warning never names the token');
    assert.equal(a.untitledTitle.history.length, before + 1);
    assert.equal(userLabelFormat(), undefined, 'nothing is written before the click');

    // A second untitled document with a first-line token in the same window: no second warning.
    await openUntitled(a, `T3=${githubToken('ghp')}\n`);
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(a.untitledTitle.history.length, before + 1, 'warned once per window');

    await channel.clickButton('Title Untitled Editors by Name', 10_000, 'first line of an untitled editor');
    await channel.waitFor(() => (userLabelFormat() === 'name' ? true : null), 'the user setting set to "name"');
    const label = await channel.waitFor(() => {
      const l = activeTabLabel();
      return l && /^Untitled-\d+$/.test(l) ? l : null;
    }, 'the tab titled by name', 10_000);
    assert.ok(!label.includes(token.slice(4, 12)));
    assert.equal(a.untitledTitle.history[before]?.answer, 'names');
  });

  it('"Don\'t Show Again" is kept in globalState: no warning afterwards, the setting untouched', async () => {
    const before = a.untitledTitle.history.length;
    await openUntitled(a, `T0=${githubToken('ghp')}\n`);
    await channel.waitFor(async () => ((await channel.notifications()).some((n) => n.includes('first line of an untitled editor')) ? true : null), 'the untitled-title warning', 20_000);
    await channel.clickButton('Don\'t Show Again', 10_000, 'first line of an untitled editor');
    await channel.waitFor(() => (a.core.context.globalState.get(UNTITLED_TITLE_DISMISSED) === true ? true : null), 'the choice stored');
    assert.equal(userLabelFormat(), undefined, 'the setting is untouched');
    assert.equal(a.untitledTitle.history[before]?.answer, 'dismissed');
    // Even in a new session (the choice is not per window).
    a.untitledTitle.resetSession();
    await openUntitled(a, `T1=${githubToken('ghp')}\n`);
    assert.equal(a.untitledTitle.history.length, before + 1, 'no warning after "Don\'t Show Again"');
  });

  it('follows the setting as it changes: no warning while untitled editors are titled by name, one once they are titled by content again', async () => {
    const before = a.untitledTitle.history.length;
    await vscode.workspace.getConfiguration(SECTION).update(KEY, 'name', vscode.ConfigurationTarget.Global);
    const doc = await openUntitled(a, `T0=${githubToken('ghp')}\n`);
    // Typing keeps publishing the document: still no warning while titles are names.
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'x\n'));
    await channel.waitFor(() => (a.core.store.findings(doc.uri).length === 1 && doc.lineCount === 3 ? true : null), 'the edit published');
    assert.equal(a.untitledTitle.history.length, before, 'no warning while untitled editors are titled by name');

    await vscode.workspace.getConfiguration(SECTION).update(KEY, 'content', vscode.ConfigurationTarget.Global);
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'y\n'));
    await channel.waitFor(async () => ((await channel.notifications()).some((n) => n.includes('first line of an untitled editor')) ? true : null), 'the untitled-title warning once titles are content', 20_000);
    assert.equal(a.untitledTitle.history.length, before + 1);
  });
});
