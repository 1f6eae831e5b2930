// Composition root of the browser build (dist/web/extension.js, package.json `browser`): vscode.dev,
// github.dev and any workbench that runs the extension in its web worker extension host. It wires
// the services that need no Node — detection, diagnostics, masking, hover and Quick Fixes, ignore,
// the custody view and log, Scan Workspace over `workspace.fs` — and registers the desktop-only
// commands (keychain, terminal, revocation) with a message that says so (src/web/vscode/desktopOnly.ts).
// scripts/build.mjs bundles it for the browser and fails on any Node module or global.

import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings, type Settings } from './config/vscode/settings';
import { browserMachineKey } from './config/vscode/browserMachineKey';
import type { Core } from './core';
import { ownerFor, parseOwners } from './custody/owners';
import { CustodyService } from './custody/vscode/service';
import { WorkspaceFsCustodyLog } from './custody/vscode/workspaceLog';
import { workspaceFolderFs } from './custody/vscode/workspaceScan';
import { registerCustody } from './custody/vscode/register';
import { FindingStore } from './findings/vscode/findingStore';
import { IgnoreService } from './findings/vscode/ignoreService';
import { registerEditor } from './editor/vscode';
import { MaskingService } from './editor/vscode/masking';
import { type RuleSources, ScannerService } from './editor/vscode/scannerService';
import { createLogger, type Logger } from './util/vscode/outputChannel';
import { customIssuerRules } from './issuers/custom';
import { CommandId } from './commandIds';
import { registerDesktopOnlyCommands } from './web/vscode/desktopOnly';

/** What `activate` returns in the browser build (only the same extension host can see it). */
export interface TokenCustodyWebApi {
  readonly core: Core;
  readonly activationMs: number;
  readonly documents: import('./editor/vscode/documentScanner').DocumentScanner;
}

export async function activate(context: vscode.ExtensionContext): Promise<TokenCustodyWebApi> {
  const t0 = performance.now();
  const trusted = (): boolean => vscode.workspace.isTrusted;
  let { settings, problems, notices } = readSettings(trusted());
  const logRef: { log?: Logger } = {};
  const rulesOf = (s: Settings): RuleSources => ({ trusted: [...s.customRules, ...customIssuerRules(s.issuers)], workspace: s.workspaceCustomRules });
  const scanners = new ScannerService(rulesOf(settings), () => logRef.log, settings.fingerprintKey, browserMachineKey(context.globalState));
  const log = (logRef.log = createLogger('Token Custody', () => scanners.scanner));
  context.subscriptions.push(log, scanners);
  const reportProblems = (ps: typeof problems): void => {
    for (const p of ps) log.warn(`setting tokenCustody.${p.key}: ${p.message}`);
  };
  const reportedNotices = new Set<string>();
  const reportNotices = (ns: string[]): void => {
    for (const n of ns) {
      if (reportedNotices.has(n)) continue;
      reportedNotices.add(n);
      log.warn(`protection: ${n}`);
    }
  };
  reportProblems(problems);
  reportNotices(notices);
  context.subscriptions.push(vscode.commands.registerCommand(CommandId.ShowLog, () => log.show()));

  const settingsEmitter = new vscode.EventEmitter<Set<string>>();
  context.subscriptions.push(settingsEmitter);
  let owners = parseOwners(settings.owners);
  const ownerOf = (f: { ruleId: string; issuer: string }): string | undefined => {
    const o = ownerFor(owners.owners, f);
    return o ? `${o.team}${o.contact ? ` (${o.contact})` : ''}` : undefined;
  };
  const store = new FindingStore();
  const masking = new MaskingService(store, () => settings);
  const custody = new CustodyService(
    (sinks) => new WorkspaceFsCustodyLog(vscode.Uri.joinPath(context.globalStorageUri, 'custody.jsonl'), sinks),
    log,
    ownerOf,
    () => vscode.workspace.name,
    settings.retentionDays,
  );
  context.subscriptions.push(store, masking, custody);

  const core: Core = { context, log, settings: () => settings, onDidChangeSettings: settingsEmitter.event, scanners, store, masking, custody, areas: {} };

  const ignore = new IgnoreService(log);
  context.subscriptions.push(ignore);
  void ignore.loadAll().then(() => ignore.notifyLoaded());
  const editor = registerEditor(core, ignore, ownerOf);
  const custodyArea = registerCustody(core, { ignore, folderFs: workspaceFolderFs });
  core.areas.autoRevoke = custodyArea.autoRevoke;
  const desktopOnly = registerDesktopOnlyCommands((id) => log.info(`${id} needs VS Code desktop; not available in the browser`));
  context.subscriptions.push(editor, custodyArea, desktopOnly);

  const reload = (changed: Set<string>): void => {
    ({ settings, problems, notices } = readSettings(trusted()));
    reportProblems(problems);
    reportNotices(notices);
    if (changed.has('customRules') || changed.has('issuers') || changed.has('fingerprintKey')) scanners.update(rulesOf(settings), settings.fingerprintKey);
    if (changed.has('owners')) owners = parseOwners(settings.owners);
    if (changed.has('enabled') || changed.has('exclude') || changed.has('maxFileSizeMB')) editor.documents.refresh();
    if (changed.has('masking.enabled') || changed.has('masking.revealSeconds')) masking.refresh();
    settingsEmitter.fire(changed);
  };
  context.subscriptions.push(onDidChangeSettings(reload));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => reload(new Set(['customRules', 'enabled', 'exclude', 'masking.enabled']))));

  const activationMs = performance.now() - t0;
  log.info(`Token Custody ${context.extension.packageJSON.version as string} (browser build) activated in ${activationMs.toFixed(1)} ms; the keychain, terminal guard, revocation and agent tools need VS Code desktop`);
  return { core, activationMs, documents: editor.documents };
}

export function deactivate(): void {}
