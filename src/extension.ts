// Composition root of the desktop build (dist/extension.js, package.json `main`): the services shared
// with the browser build (src/composition.ts), then the desktop areas — keychain, revocation, custody,
// terminal, agents — each given its dependencies explicitly.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from './config/vscode/settings';
import { nodeMachineKey } from './config/vscode/machineKey';
import type { Core } from './core';
import { compose } from './composition';
import { CustodyLog } from './custody/logFile';
import type { IgnoreService } from './findings/vscode/ignoreService';
import { registerRevocation } from './revocation/vscode/register';
import { registerCustody } from './custody/vscode/register';
import { localFolderFs, localIndexStorage } from './custody/vscode/localFolderFs';
import { registerTerminal } from './terminal/vscode';
import { registerVault } from './vault/vscode/register';
import { registerAgents } from './agents/vscode/register';
import { UntitledTitleWarning } from './editor/vscode/untitledTitle';

/** What `activate` returns: used by the integration tests (and by nothing else). */
export interface TokenCustodyApi {
  readonly core: Core;
  readonly activationMs: number;
  readonly documents: import('./editor/vscode/documentScanner').DocumentScanner;
  readonly ignore: IgnoreService;
  readonly contextKeys: import('./editor/vscode/contextKeys').EditorContextKeys;
  /** Screen-reader announcements (`editor.accessibilitySupport`: `on`). */
  readonly announcer: import('./editor/vscode/announcer').ScreenReaderAnnouncer;
  readonly skipShell: import('./terminal/vscode/skipShellCheck').SkipShellCheck;
  /** The warning about a token on an untitled editor's first line (its title). */
  readonly untitledTitle: UntitledTitleWarning;
  /** The custody view (its tree provider and TreeView). */
  readonly custodyView: import('./custody/vscode/view').CustodyView;
}

export async function activate(context: vscode.ExtensionContext): Promise<TokenCustodyApi> {
  const t0 = performance.now();
  const { core, log, ignore, editor } = compose(context, {
    machineKey: nodeMachineKey,
    openCustodyLog: (sinks) => new CustodyLog({ path: path.join(context.globalStorageUri.fsPath, 'custody.jsonl'), ...sinks }),
    trustSettings: ['terminal.interceptPaste', 'terminal.watchOutput'],
  });
  // Feature areas; each returns one Disposable and may publish an API in core.areas.
  const vault = registerVault(core);
  core.areas.vault = vault.api;
  const revocation = registerRevocation(core);
  core.areas.revocation = revocation.api;
  const custodyArea = registerCustody(core, { ignore, folderFs: localFolderFs, indexStorage: localIndexStorage });
  core.areas.autoRevoke = custodyArea.autoRevoke;
  const terminal = registerTerminal(core, { ignore });
  const agents = registerAgents(core, { vault: vault.api });
  const untitledTitle = new UntitledTitleWarning(core);
  context.subscriptions.push(vault, revocation, custodyArea, terminal, agents, untitledTitle);

  const activationMs = performance.now() - t0;
  log.info(`Token Custody ${context.extension.packageJSON.version as string} activated in ${activationMs.toFixed(1)} ms`);
  return { core, activationMs, documents: editor.documents, ignore, contextKeys: editor.contextKeys, announcer: editor.announcer, skipShell: terminal.skipShell, untitledTitle, custodyView: custodyArea.view };
}

export function deactivate(): void {}

export type { Settings };
