import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { channelAvailable, textContent, waitFor, workspacePath } from './channel';

const EXTENSION_ID = 'token-custody.token-custody';
const OUTPUT_CHANNEL = 'Token Custody';

describe('activation (real extension host)', () => {
  it(`${EXTENSION_ID} is installed from this project and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among ${vscode.extensions.all.length} installed extensions`);
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'extension.js')), `dist/extension.js missing under ${ext.extensionPath}`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it(`registers the "${OUTPUT_CHANNEL}" output channel with the workbench`, async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    // the workbench registers a "show" command for every output channel: workbench.action.output.show.<channel id>,
    // where a LogOutputChannel's id is <extension id>.<name>.log
    const id = `workbench.action.output.show.${EXTENSION_ID}.${OUTPUT_CHANNEL}`;
    const show = await waitFor(async () => {
      const all = await vscode.commands.getCommands(true);
      return all.find((c) => c === id || c === `${id}.log`);
    }, `an output channel "${OUTPUT_CHANNEL}" of ${EXTENSION_ID}`);
    await vscode.commands.executeCommand(show);
  });

  it('has the harness workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
    assert.equal(fs.realpathSync(folders[0]!.uri.fsPath), fs.realpathSync(workspacePath()));
  });

  it('browser channel: an opened document is rendered in the editor, and gone once closed', async function () {
    if (!channelAvailable()) this.skip();
    const marker = `tc-host-roundtrip-${randomBytes(6).toString('hex')}`;
    const file = path.join(workspacePath(), 'roundtrip.txt');
    fs.writeFileSync(file, `first line\n${marker} end\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const rendered = await waitFor(async () => {
      const text = await textContent('.monaco-editor .view-lines');
      return text?.includes(marker) ? text : null;
    }, `"${marker}" rendered in an editor`);
    assert.match(rendered, new RegExp(`${marker} end`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(async () => !((await textContent('.monaco-editor .view-lines')) ?? '').includes(marker), `"${marker}" no longer rendered`);
  });
});
