// `tokenCustody.moveToKeychain` ({ uri, range, fingerprint }, or the finding at the cursor):
// backend choice → name → store → read back and compare → one undoable WorkspaceEdit that puts the
// reference (in the file's syntax) where the token was → custody log. Any failure before the edit
// leaves the buffer as it was and says why; nothing stored is ever removed on failure. Refused while
// the document's background scan is pending, and when the text at the finding's range no longer
// has the finding's fingerprint (a stale range would store the wrong text).

import * as vscode from 'vscode';
import type { FindingTarget } from '../../findings/target';
import type { Core } from '../../core';
import { fileWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { resolveTarget } from '../../findings/vscode/target';
import { moveToVault } from '../move';
import { contextName, sanitizeName } from '../naming';
import { isValidName, schemeForBackend } from '../reference';
import { referenceEdit } from '../rewrite';
import { findingStillAt } from '../verifyTarget';
import { backendLabel, type VaultService } from './service';

/** Where the token of `finding` is in `document` now (the document may have changed while asking). */
function locate(core: Core, document: vscode.TextDocument, finding: Finding, secretText: string): { start: number; end: number } | undefined {
  const text = document.getText();
  const { start, end } = finding.range;
  if (text.slice(start, end) === secretText) return { start, end };
  // Edited meanwhile: the current finding with the same fingerprint (nearest to the old place).
  let best: { start: number; end: number } | undefined;
  for (const f of core.store.findings(document.uri)) {
    if (f.fingerprint !== finding.fingerprint || text.slice(f.range.start, f.range.end) !== secretText) continue;
    if (!best || Math.abs(f.range.start - start) < Math.abs(best.start - start)) best = { start: f.range.start, end: f.range.end };
  }
  return best;
}

export async function moveToKeychain(core: Core, vault: VaultService, arg?: FindingTarget): Promise<boolean> {
  const target = resolveTarget(core.store, arg);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: put the cursor on a detected token (or use the Quick Fix on its warning) to move it to the keychain.'));
    return false;
  }
  const { finding, uri } = target;
  const document = target.document ?? (await vscode.workspace.openTextDocument(uri));
  const where0 = vscode.workspace.asRelativePath(uri, false);
  if (core.store.get(uri)?.pending) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: {0} is still being scanned in the background, so the place of {1} {2} may have moved. Try again when the scan has finished; nothing was moved.', where0, finding.name, finding.redacted));
    return false;
  }
  // The exact text the reference replaces is what gets stored, so the reference stands for it
  // (for a base64 container that is the encoded text) and Restore gives back the same text.
  const secretText = document.getText().slice(finding.range.start, finding.range.end);
  // The fingerprint of the text about to be stored must be the finding's (issue 11 #11).
  if (secretText.length === 0 || !findingStillAt(core.scanners.scanner, document.getText(), finding)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: {0} {1} is no longer at that place in {2} (the file changed); nothing was moved. Try again from the current warning.', finding.name, finding.redacted, where0));
    return false;
  }
  const chosen = await vault.chooseBackend('move');
  if (!chosen) return false;
  const { backend } = chosen;
  // The name the context gives (`GITHUB_TOKEN=…` → GITHUB_TOKEN), else the rule id; suggestName makes it unique.
  const fromContext = contextName(document.getText(), finding.range.start);
  const base = fromContext && isValidName(fromContext) ? fromContext : sanitizeName(finding.ruleId) || sanitizeName(finding.issuer) || 'secret';
  const name = await vault.askName(backend, base, secretText, backend.id === 'keychain'
    ? vscode.l10n.t('Move {0} {1} to the keychain', finding.name, finding.redacted)
    : vscode.l10n.t('Move {0} {1} to SecretStorage', finding.name, finding.redacted));
  if (name === undefined) return false;

  const scheme = schemeForBackend(backend.id);
  const where = fileWhere(uri.toString(), finding.range, uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : undefined);
  const result = await moveToVault({
    backend,
    name,
    secret: secretText,
    onConflict: () => vault.confirmOverwrite(backend, name),
    applyEdit: async () => {
      const at = locate(core, document, finding, secretText);
      if (!at || document.isClosed) return false;
      const edit = referenceEdit({ languageId: document.languageId === 'plaintext' ? document.fileName : document.languageId, text: document.getText(), start: at.start, end: at.end, name, scheme });
      const we = new vscode.WorkspaceEdit();
      we.replace(uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
      return vscode.workspace.applyEdit(we);
    },
    log: (e) => core.custody.record({ event: 'moved-to-keychain', where, detail: { reference: e.reference, backend: e.backend } }, { finding }),
  });
  vault.invalidate(scheme, name);
  if (result.status !== 'moved') {
    vault.report(result);
    return false;
  }
  if (result.logError) core.log.warn(result.logError);
  const moved = result.alreadyStored
    ? vscode.l10n.t('Token Custody: moved {0} {1} to {2} as "{3}" (it already held this token); the file now holds {4}.', finding.name, finding.redacted, backendLabel(backend), result.name, result.reference)
    : vscode.l10n.t('Token Custody: moved {0} {1} to {2} as "{3}"; the file now holds {4}.', finding.name, finding.redacted, backendLabel(backend), result.name, result.reference);
  const save = uri.scheme === 'file' ? vscode.l10n.t('Save the file to take the token off the disk.') : undefined;
  void vscode.window.showInformationMessage([moved, save, chosen.note].filter(Boolean).join(' '));
  return true;
}
