// Closing the editors a host test opened, without the workbench's "Do you want to save the changes…?"
// dialog: a dirty document is reverted before anything is closed, with or without a tab; the untitled
// ones are gone from the extension host when it returns.
import * as vscode from 'vscode';
import { waitFor } from './channel';

const tabs = (): readonly vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/** The text documents with a tab (the modified side of a diff too). */
function tabbedUris(): Set<string> {
  const out = new Set<string>();
  for (const t of tabs()) {
    if (t.input instanceof vscode.TabInputText) out.add(t.input.uri.toString());
    else if (t.input instanceof vscode.TabInputTextDiff) out.add(t.input.modified.toString());
  }
  return out;
}

/** A dirty document that no tab shows (e.g. `openTextDocument({ content })`, never shown). */
function dirtyWithoutTab(): vscode.TextDocument | undefined {
  const tabbed = tabbedUris();
  return vscode.workspace.textDocuments.find((d) => d.isDirty && !d.isClosed && !tabbed.has(d.uri.toString()));
}

function named(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? 'an untitled document' : uri.path;
}

/** Shows `doc` (in `column` when given), reverts and closes that editor, and waits until `done` (20 s at most). */
async function revertAndClose(doc: vscode.TextDocument, column: vscode.ViewColumn | undefined, done: () => boolean, what: string): Promise<void> {
  await vscode.window.showTextDocument(doc, { ...(column === undefined ? {} : { viewColumn: column }), preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await waitFor(() => (done() ? true : null), what, 20_000);
}

/**
 * Reverts every dirty text editor and every dirty document without a tab, then closes all editors.
 * It works from the tab model, not from `activeTextEditor`: the extension host learns the new active
 * editor a moment after a close, so a loop on `activeTextEditor` could stop while a split editor's
 * empty group held the focus, leave the other group's editor of the same untitled document dirty, and
 * closeAllEditors then waited on the modal save dialog until the suite's timeout. A dirty document
 * without a tab raises no dialog now (Close All confirms only editors in groups), but the workbench
 * shows it in a tab of its own about a second later, and the next Close All would ask: it is shown
 * and reverted too.
 */
export async function closeEditorsWithoutSaving(): Promise<void> {
  // The untitled documents this closes (shown, or dirty without a tab): see the end.
  const untitled = [...tabbedUris(), ...vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isClosed).map((d) => d.uri.toString())].filter((u) => u.startsWith('untitled:'));
  await vscode.commands.executeCommand('workbench.action.joinAllGroups');
  for (let round = 0; round < 50; round++) {
    const dirty = tabs().find((t) => t.isDirty && t.input instanceof vscode.TabInputText);
    if (dirty) {
      const uri = (dirty.input as vscode.TabInputText).uri;
      const column = dirty.group.viewColumn;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
      await revertAndClose(
        doc,
        column,
        () => !tabs().some((t) => t.isDirty && t.group.viewColumn === column && t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
        `the dirty editor of ${named(uri)} reverted and closed`,
      );
      continue;
    }
    const hidden = dirtyWithoutTab();
    if (!hidden) break;
    // Shown (so it has an editor to revert), then reverted and closed like the others.
    await revertAndClose(hidden, undefined, () => hidden.isClosed || !hidden.isDirty, `the dirty document ${named(hidden.uri)} (no tab) reverted`);
  }
  const left = tabs().filter((t) => t.isDirty);
  if (left.length) throw new Error(`still dirty, not closed (closing would wait on the save dialog): ${left.map((t) => t.label.length).join(', ')}-character labels`);
  const hidden = dirtyWithoutTab();
  if (hidden) throw new Error(`still dirty without a tab (the workbench would show it and a later close would wait on the save dialog): ${named(hidden.uri)}`);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The untitled documents it closed are closed in the extension host too before the next test
  // opens one: the workbench gives a new untitled document the first free name, and while the
  // extension host still held the old `Untitled-1`, `openTextDocument({ content })` could return that
  // one. (A closed name can also come back with an earlier document's text from its backup:
  // `newUntitled` checks.)
  await waitFor(
    () => (vscode.workspace.textDocuments.some((d) => !d.isClosed && untitled.includes(d.uri.toString())) ? null : true),
    'the closed untitled documents closed in the extension host',
    20_000,
  );
}

/**
 * A new untitled document holding exactly `content`: `openTextDocument({ content })`, checked. The
 * workbench gives it the first free `Untitled-N`, and when a working-copy backup of an earlier
 * document of that name is still there (written around the time that one was reverted and closed),
 * it restores the backup's text instead of `content`. Measured in the large documents suite: the
 * 3,000-token test got the 4 MB test's original text back as `Untitled-1`, version 1 (a CI run, and
 * 2 of 4 runs of the suite alone under a CPU hog). Such a document is reverted and closed, which
 * discards its backup, and a new one asked for.
 */
export async function newUntitled(content: string, language?: string): Promise<vscode.TextDocument> {
  for (let attempt = 1; ; attempt++) {
    const doc = await vscode.workspace.openTextDocument(language === undefined ? { content } : { language, content });
    if (doc.getText() === content) return doc;
    if (attempt === 3) throw new Error(`openTextDocument({ content }) gave ${named(doc.uri)} with other text (${doc.getText().length} characters, not ${content.length}) ${attempt} times`);
    console.log(`      (${named(doc.uri)} came back with ${doc.getText().length} characters of an earlier document's text, not ${content.length}: reverted, closed and asked again)`);
    await revertAndClose(doc, undefined, () => doc.isClosed, `the restored ${named(doc.uri)} closed`);
  }
}
