// Revocation area (issue: revoke through the issuer). Being built; registers nothing yet.
import type * as vscode from 'vscode';
import type { Core, RevocationApi } from '../core';

export function registerRevocation(_core: Core): vscode.Disposable & { api: RevocationApi | undefined } {
  return { api: undefined, dispose: () => undefined };
}
