// What the user can do after a revocation or a check: remove the token from the file, move it to the
// keychain, open the issuer's console, see the log, fix a setting. Shared by the revoke and check flows.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import type { CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { CommandId } from '../../commandIds';
import { actionLabel, whereLabel, type ResultAction, type ResultMessage } from '../messages';

/** Shows a result (modal only when asked: manual steps, which the user must read); resolves with the action chosen. */
export async function showResult(msg: ResultMessage, modal = false): Promise<ResultAction | undefined> {
  const show = msg.severity === 'error' ? vscode.window.showErrorMessage : msg.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const items = msg.actions.map((action) => ({ title: actionLabel(action, vscode.l10n.t), action }));
  const text = modal || !msg.detail ? msg.text : `${msg.text} ${msg.detail.replace(/\n/g, ' ')}`;
  const picked = modal ? await show(text, { modal: true, detail: msg.detail }, ...items) : await show(text, ...items);
  return picked?.action;
}

/**
 * The follow-ups both flows offer after a result: open the console, remove the token from its file,
 * move it to the keychain, show the log. False when `choice` is none of them (the flow handles it).
 */
export async function commonFollowUp(core: Core, choice: ResultAction | undefined, finding: Finding, where: CustodyWhere | undefined, consoleUrl?: string): Promise<boolean> {
  switch (choice) {
    case 'Open Console':
      if (consoleUrl) await openConsole(consoleUrl);
      return true;
    case 'Remove from File':
      await removeFromFile(core, finding, where);
      return true;
    case 'Move to Keychain':
      await moveToKeychain(core, finding, where);
      return true;
    case 'Show Log':
      core.log.show();
      return true;
    default:
      return false;
  }
}

/** True when the token still appears in an open file at `where` (so "Remove from File" can act). */
export function isRemovable(core: Core, finding: Finding, where: CustodyWhere | undefined): boolean {
  if (where?.kind !== 'file') return false;
  const uri = vscode.Uri.parse(where.uri);
  return core.store.findings(uri).some((f) => f.fingerprint === finding.fingerprint);
}

/** Deletes every occurrence of the token in the file (one undoable edit; the file is not saved). */
export async function removeFromFile(core: Core, finding: Finding, where: CustodyWhere | undefined): Promise<void> {
  if (where?.kind !== 'file') return;
  const uri = vscode.Uri.parse(where.uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri);
  const occurrences = core.store.findings(uri).filter((f) => f.fingerprint === finding.fingerprint);
  if (occurrences.length === 0) {
    const w = whereLabel(where, vscode.l10n.t);
    void vscode.window.showInformationMessage(w ? vscode.l10n.t('Token Custody: {0} is no longer in {1}.', finding.redacted, w) : vscode.l10n.t('Token Custody: {0} is no longer in that file.', finding.redacted));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const f of occurrences) edit.delete(uri, new vscode.Range(doc.positionAt(f.range.start), doc.positionAt(f.range.end)));
  if (!(await vscode.workspace.applyEdit(edit))) {
    const w = whereLabel(where, vscode.l10n.t);
    void vscode.window.showErrorMessage(w ? vscode.l10n.t('Token Custody: could not edit {0}.', w) : vscode.l10n.t('Token Custody: could not edit the file.'));
    return;
  }
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(doc.positionAt(occurrences[0]!.range.start), doc.positionAt(occurrences[0]!.range.start)) });
  const w = whereLabel(where, vscode.l10n.t);
  void vscode.window.showInformationMessage(w
    ? vscode.l10n.t('Token Custody: removed {0} from {1}. Save the file to keep the change (Undo brings it back).', finding.redacted, w)
    : vscode.l10n.t('Token Custody: removed {0} from the file. Save the file to keep the change (Undo brings it back).', finding.redacted));
}

/** Moves a live token to the keychain: the file's Quick Fix when it is in a file, else the vault directly. */
export async function moveToKeychain(core: Core, finding: Finding, where: CustodyWhere | undefined): Promise<void> {
  if (where?.kind === 'file' && where.range) {
    const r = where.range;
    await vscode.commands.executeCommand(CommandId.MoveToKeychain, {
      uri: where.uri,
      range: [{ line: r.line - 1, character: r.col - 1 }, { line: r.endLine - 1, character: r.endCol - 1 }],
      fingerprint: finding.fingerprint,
    });
    return;
  }
  const vault = core.areas.vault;
  if (!vault) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: the keychain is not available in this window.'));
    return;
  }
  await vault.storeToken(finding, { reason: 'move' });
}

export async function openConsole(url: string): Promise<void> {
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

export function openSetting(setting: string): void {
  void vscode.commands.executeCommand('workbench.action.openSettings', setting);
}

/** An error notification that offers Open Settings when a setting is the way out (nothing was sent). */
export function showErrorOfferingSetting(message: string, setting: string | undefined): void {
  const openSettings = vscode.l10n.t('Open Settings');
  void vscode.window.showErrorMessage(message, ...(setting ? [openSettings] : [])).then((c) => {
    if (c === openSettings && setting) openSetting(setting);
  });
}
