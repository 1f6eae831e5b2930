// Vault area (issue: keychain-backed references). Being built; registers nothing yet.
import type * as vscode from 'vscode';
import type { Core, VaultApi } from '../core';

export function registerVault(_core: Core): vscode.Disposable & { api: VaultApi | undefined } {
  return { api: undefined, dispose: () => undefined };
}
