// Custody area (issue: view, export, workspace scan, policy). Being built; registers nothing yet.
import type * as vscode from 'vscode';
import type { AutoRevokeApi, Core } from '../core';
import type { DocumentScanner } from '../editor/documentScanner';
import type { IgnoreService } from '../editor/ignoreService';

export function registerCustody(_core: Core, _deps: { ignore: IgnoreService; documents: DocumentScanner }): vscode.Disposable & { autoRevoke: AutoRevokeApi | undefined } {
  return { autoRevoke: undefined, dispose: () => undefined };
}
