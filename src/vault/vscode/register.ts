// Vault area: Move Token to Keychain, the VaultApi used by the terminal and editor paste actions, the
// editor's *Paste as keychain reference* paste edit, hovers and CodeLenses on references, the
// `token-custody` launcher on the integrated terminals' PATH, and Open Terminal with Keychain Secrets.
import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { FindingTarget } from '../../findings/target';
import type { Core, VaultApi } from '../../core';
import { moveToKeychain } from './moveCommand';
import { registerEditorPaste } from './pasteProvider';
import { ReferenceCodeLensProvider, ReferenceHoverProvider, registerReferenceCommands } from './referenceLens';
import type { SecretBackend } from '../backend';
import type { ReferenceScheme } from '../reference';
import { type Inspection, VaultService } from './service';
import { openTerminalWithSecrets, registerCliOnPath } from './terminalEnv';

/** What a reference's stored value is, for other areas and tests: never the value (nor a finding carrying it). */
export type ReferenceInfo =
  | { state: 'stored'; fingerprint: string; redacted: string; ruleId?: string; issuer?: string }
  | { state: 'missing' }
  | { state: 'error'; message: string };

/** The vault's API: VaultApi plus `inspect`. */
export interface VaultAreaApi extends VaultApi {
  inspect(scheme: ReferenceScheme, name: string): Promise<ReferenceInfo>;
  /** The backend of a reference scheme (the agent tools resolve and list through it). */
  backendForScheme(scheme: ReferenceScheme): SecretBackend;
}

function info(i: Inspection): ReferenceInfo {
  if (i.state !== 'stored') return i;
  return { state: 'stored', fingerprint: i.fingerprint, redacted: i.redacted, ...(i.finding ? { ruleId: i.finding.ruleId, issuer: i.finding.issuer } : {}) };
}

export function registerVault(core: Core): vscode.Disposable & { api: VaultAreaApi } {
  const vault = new VaultService(core);
  const disposables: vscode.Disposable[] = [vault];
  const selectors: vscode.DocumentSelector[] = [{ scheme: 'file' }, { scheme: 'untitled' }];
  const hover = new ReferenceHoverProvider(vault);
  const lenses = new ReferenceCodeLensProvider(core, vault);
  for (const selector of selectors) {
    disposables.push(vscode.languages.registerHoverProvider(selector, hover));
    disposables.push(vscode.languages.registerCodeLensProvider(selector, lenses));
  }
  disposables.push(...registerReferenceCommands(core, vault));
  disposables.push(vscode.commands.registerCommand(CommandId.MoveToKeychain, (arg?: FindingTarget) => moveToKeychain(core, vault, arg)));
  disposables.push(vscode.commands.registerCommand(CommandId.OpenTerminalWithSecrets, () => openTerminalWithSecrets(core, vault)));
  disposables.push(registerEditorPaste(core));
  registerCliOnPath(core);
  return {
    api: {
      storeToken: (finding, opts) => vault.storeToken(finding, opts),
      inspect: async (scheme, name) => info(await vault.inspect(scheme, name)),
      backendForScheme: (scheme) => vault.backendForScheme(scheme),
    },
    dispose: () => {
      for (const d of disposables.splice(0).reverse()) d.dispose();
    },
  };
}
