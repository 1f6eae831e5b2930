// Closing the editors a host test opened, without the workbench's "Do you want to save the changes…?"
// dialog: a dirty untitled document is reverted before anything is closed.
import * as vscode from 'vscode';
import { waitFor } from './channel';

const tabs = (): readonly vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/**
 * Reverts every dirty text editor, then closes all editors. It works from the tab model, not from
 * `activeTextEditor`: the extension host learns the new active editor a moment after a close, so a
 * loop on `activeTextEditor` could stop while a split editor's empty group held the focus, leave the
 * other group's editor of the same untitled document dirty, and closeAllEditors then waited on the
 * modal save dialog until the suite's timeout.
 */
export async function closeEditorsWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.joinAllGroups');
  for (let round = 0; round < 50; round++) {
    const dirty = tabs().find((t) => t.isDirty && t.input instanceof vscode.TabInputText);
    if (!dirty) break;
    const uri = (dirty.input as vscode.TabInputText).uri;
    const column = dirty.group.viewColumn;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false, preserveFocus: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(
      () => (tabs().some((t) => t.isDirty && t.group.viewColumn === column && t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()) ? null : true),
      `the dirty editor of ${uri.scheme === 'untitled' ? 'an untitled document' : uri.path} reverted and closed`,
      20_000,
    );
  }
  const left = tabs().filter((t) => t.isDirty);
  if (left.length) throw new Error(`still dirty, not closed (closing would wait on the save dialog): ${left.map((t) => t.label.length).join(', ')}-character labels`);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
