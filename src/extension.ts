// Composition root: builds the small services, passes each its dependencies explicitly, and
// rebuilds only what a changed setting affects.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings, type Settings } from './config/vscode/settings';
import { nodeMachineKey } from './config/vscode/machineKey';
import type { Core } from './core';
import { ownerFor, parseOwners } from './custody/owners';
import { CustodyLog } from './custody/logFile';
import { CustodyService } from './custody/vscode/service';
import { FindingStore } from './findings/vscode/findingStore';
import { registerEditor } from './editor/vscode';
import { IgnoreService } from './findings/vscode/ignoreService';
import { MaskingService } from './editor/vscode/masking';
import { type RuleSources, ScannerService } from './editor/vscode/scannerService';
import { createLogger, type Logger } from './util/vscode/outputChannel';
import { customIssuerRules } from './issuers/custom';
import { registerRevocation } from './revocation/vscode/register';
import { CommandId } from './commandIds';
import { registerCustody } from './custody/vscode/register';
import { localFolderFs } from './custody/vscode/localFolderFs';
import { registerTerminal } from './terminal/vscode';
import { registerVault } from './vault/vscode/register';
import { registerAgents } from './agents/vscode/register';

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
}

export async function activate(context: vscode.ExtensionContext): Promise<TokenCustodyApi> {
  const t0 = performance.now();
  const trusted = (): boolean => vscode.workspace.isTrusted;
  let { settings, problems, notices } = readSettings(trusted());
  const logRef: { log?: Logger } = {};
  // Custom issuers (user settings only) also declare a token pattern: it becomes a detection rule.
  const rulesOf = (s: Settings): RuleSources => ({ trusted: [...s.customRules, ...customIssuerRules(s.issuers)], workspace: s.workspaceCustomRules });
  const scanners = new ScannerService(rulesOf(settings), () => logRef.log, settings.fingerprintKey, nodeMachineKey(() => logRef.log));
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
    (sinks) => new CustodyLog({ path: path.join(context.globalStorageUri.fsPath, 'custody.jsonl'), ...sinks }),
    log,
    ownerOf,
    () => vscode.workspace.name,
    settings.retentionDays,
  );
  context.subscriptions.push(store, masking, custody);

  const core: Core = {
    context,
    log,
    settings: () => settings,
    onDidChangeSettings: settingsEmitter.event,
    scanners,
    store,
    masking,
    custody,
    areas: {},
  };

  const ignore = new IgnoreService(log);
  context.subscriptions.push(ignore);
  // Read in the background; when it lands, documents are rescanned with it (IgnoreService.onDidChange).
  void ignore.loadAll().then(() => ignore.notifyLoaded());
  const editor = registerEditor(core, ignore, ownerOf);
  context.subscriptions.push(editor);
  // Feature areas; each returns one Disposable and may publish an API in core.areas.
  const vault = registerVault(core);
  core.areas.vault = vault.api;
  const revocation = registerRevocation(core);
  core.areas.revocation = revocation.api;
  const custodyArea = registerCustody(core, { ignore, folderFs: localFolderFs });
  core.areas.autoRevoke = custodyArea.autoRevoke;
  const terminal = registerTerminal(core, { ignore });
  const agents = registerAgents(core, { vault: vault.api });
  context.subscriptions.push(vault, revocation, custodyArea, terminal, agents);

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
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => reload(new Set(['customRules', 'enabled', 'exclude', 'masking.enabled', 'terminal.interceptPaste', 'terminal.watchOutput']))));

  const activationMs = performance.now() - t0;
  log.info(`Token Custody ${context.extension.packageJSON.version as string} activated in ${activationMs.toFixed(1)} ms`);
  return { core, activationMs, documents: editor.documents, ignore, contextKeys: editor.contextKeys, announcer: editor.announcer, skipShell: terminal.skipShell };
}

export function deactivate(): void {}

export type { Settings };
