// Vault area (issue: keychain-backed references): Move Token to Keychain, the VaultApi used by the
// terminal and editor paste actions, hovers and CodeLenses on references, the `token-custody`
// launcher on the integrated terminals' PATH, and Open Terminal with Keychain Secrets.
import * as vscode from 'vscode';
import { CommandId, type FindingTarget } from '../commands/ids';
import type { Core, VaultApi } from '../core';
import { moveToKeychain } from './moveCommand';
import { ReferenceCodeLensProvider, ReferenceHoverProvider, registerReferenceCommands } from './referenceLens';
import { VaultService } from './service';
import { openTerminalWithSecrets, registerCliOnPath } from './terminalEnv';

export function registerVault(core: Core): vscode.Disposable & { api: VaultApi } {
  const vault = new VaultService(core);
  const disposables: vscode.Disposable[] = [vault];
  const selectors: vscode.DocumentSelector[] = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
  const hover = new ReferenceHoverProvider(vault);
  const lenses = new ReferenceCodeLensProvider(core, vault);
  for (const selector of selectors) {
    disposables.push(vscode.languages.registerHoverProvider(selector, hover));
    disposables.push(vscode.languages.registerCodeLensProvider(selector, lenses));
  }
  disposables.push(...registerReferenceCommands(core, vault));
  disposables.push(vscode.commands.registerCommand(CommandId.MoveToKeychain, (arg?: FindingTarget) => moveToKeychain(core, vault, arg)));
  disposables.push(vscode.commands.registerCommand(CommandId.OpenTerminalWithSecrets, () => openTerminalWithSecrets(core, vault)));
  registerCliOnPath(core);
  return {
    api: vault,
    dispose: () => {
      for (const d of disposables.splice(0).reverse()) d.dispose();
    },
  };
}
