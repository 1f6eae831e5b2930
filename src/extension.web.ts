// Composition root of the browser build (dist/shared.js, package.json `browser`): vscode.dev,
// github.dev and any workbench that runs the extension in its web worker extension host. It wires
// the services that need no Node — detection, diagnostics, masking, hover and Quick Fixes, ignore,
// the custody view and log, Scan Workspace over `workspace.fs`, the warning about a token in an
// untitled editor's title — and registers the desktop-only commands (keychain, terminal,
// revocation) with a message that says so (src/web/vscode/desktopOnly.ts).
// scripts/build.mjs bundles it for the browser and fails on any Node module or global.

import * as vscode from 'vscode';
import { browserMachineKey } from './config/vscode/browserMachineKey';
import type { Core } from './core';
import { compose } from './composition';
import { WorkspaceFsCustodyLog } from './custody/vscode/workspaceLog';
import { workspaceFolderFs } from './custody/vscode/workspaceScan';
import { registerCustody } from './custody/vscode/register';
import { registerDesktopOnlyCommands } from './web/vscode/desktopOnly';
import { registerWebAgentTools } from './web/vscode/agentTools';
import { UntitledTitleWarning } from './editor/vscode/untitledTitle';

/** What `activate` returns in the browser build (only the same extension host can see it). */
export interface TokenCustodyWebApi {
  readonly core: Core;
  readonly activationMs: number;
  readonly documents: import('./editor/vscode/documentScanner').DocumentScanner;
}

export async function activate(context: vscode.ExtensionContext): Promise<TokenCustodyWebApi> {
  const t0 = performance.now();
  const { core, log, ignore, editor } = compose(context, {
    machineKey: () => browserMachineKey(context.globalState),
    openCustodyLog: (sinks) => new WorkspaceFsCustodyLog(vscode.Uri.joinPath(context.globalStorageUri, 'custody.jsonl'), sinks),
  });
  const custodyArea = registerCustody(core, { ignore, folderFs: workspaceFolderFs });
  core.areas.autoRevoke = custodyArea.autoRevoke;
  const desktopOnly = registerDesktopOnlyCommands((id) => log.info(`${id} needs VS Code desktop; not available in the browser`));
  const agentTools = registerWebAgentTools(core);
  const untitledTitle = new UntitledTitleWarning(core);
  context.subscriptions.push(custodyArea, desktopOnly, agentTools, untitledTitle);

  const activationMs = performance.now() - t0;
  log.info(`Token Custody ${context.extension.packageJSON.version as string} (browser build) activated in ${activationMs.toFixed(1)} ms; the keychain, terminal guard, revocation and the agent tools other than checkText need VS Code desktop`);
  return { core, activationMs, documents: editor.documents };
}

export function deactivate(): void {}
