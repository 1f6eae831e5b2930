// Editor paste: when pasted text holds a token, the paste widget offers *Paste as keychain reference*
// next to the normal paste (which stays the default: our edit yields to plain text). Nothing is stored
// until the user picks it: the token is stored and the reference computed in resolveDocumentPasteEdit.
// The reference follows the file's syntax (src/vault/rewrite.ts).

import * as vscode from 'vscode';
import type { Core, StoredToken } from '../../core';
import { fileWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { distinctTokens } from '../../findings/distinct';
import { referencePasteText, suggestNameAt } from '../paste';

export const PASTE_AS_REFERENCE_TITLE = 'Paste as keychain reference';
const PLAIN_TEXT = 'text/plain';

class ReferencePasteEdit extends vscode.DocumentPasteEdit {
  constructor(readonly document: vscode.TextDocument, readonly offset: number, readonly pasted: string, readonly findings: Finding[], kind: vscode.DocumentDropOrPasteEditKind) {
    super('', PASTE_AS_REFERENCE_TITLE, kind);
  }
}

export class KeychainReferencePasteProvider implements vscode.DocumentPasteEditProvider<ReferencePasteEdit> {
  static readonly kind = vscode.DocumentDropOrPasteEditKind.Text.append('tokenCustody', 'keychainReference');

  constructor(private readonly core: Core) {}

  async provideDocumentPasteEdits(document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, _context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken): Promise<ReferencePasteEdit[] | undefined> {
    if (!this.core.areas.vault || !this.core.settings().enabled) return undefined;
    const text = await dataTransfer.get(PLAIN_TEXT)?.asString();
    if (!text || token.isCancellationRequested) return undefined;
    const findings = this.core.scanners.scanner.scan(text, { positionAt: () => ({ line: 0, col: 0 }) });
    if (!findings.length) return undefined;
    const first = ranges[0];
    const offset = first ? document.offsetAt(first.start) : 0;
    const edit = new ReferencePasteEdit(document, offset, text, findings, KeychainReferencePasteProvider.kind);
    edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
    return [edit];
  }

  async resolveDocumentPasteEdit(edit: ReferencePasteEdit, token: vscode.CancellationToken): Promise<ReferencePasteEdit> {
    const vault = this.core.areas.vault;
    if (!vault) throw new Error('Token Custody: the keychain is not available.');
    const stored = new Map<string, StoredToken>();
    for (const f of distinctTokens(edit.findings)) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const s = await vault.storeToken(f, { suggestedName: suggestNameAt(edit.pasted, f.range.start), reason: 'editor-paste' });
      if (!s) throw new vscode.CancellationError(); // cancelled or failed (the vault told the user): paste nothing
      stored.set(f.fingerprint, s);
    }
    const doc = edit.document;
    const lineStart = doc.offsetAt(doc.positionAt(edit.offset).with({ character: 0 }));
    const prefix = doc.getText(new vscode.Range(doc.positionAt(lineStart), doc.positionAt(edit.offset)));
    edit.insertText = referencePasteText(doc.languageId === 'plaintext' ? doc.fileName : doc.languageId, prefix, edit.pasted, edit.findings, stored);
    const where = fileWhere(doc.uri.toString(), undefined, doc.uri.scheme === 'file' ? vscode.workspace.asRelativePath(doc.uri, false) : undefined);
    for (const f of distinctTokens(edit.findings)) {
      const s = stored.get(f.fingerprint)!;
      this.core.custody.record({ event: 'paste-replaced', where, detail: { reference: s.reference, backend: s.backend } }, { finding: f });
    }
    return edit;
  }
}

/** Registers the provider for every document (files and untitled buffers). */
export function registerEditorPaste(core: Core): vscode.Disposable {
  return vscode.languages.registerDocumentPasteEditProvider(
    [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-userdata' }],
    new KeychainReferencePasteProvider(core),
    { providedPasteEditKinds: [KeychainReferencePasteProvider.kind], pasteMimeTypes: [PLAIN_TEXT] },
  );
}
