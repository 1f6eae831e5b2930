// What the desktop and the browser composition roots (extension.ts, extension.web.ts) build alike:
// the settings and their reload, the output channel, the scanner, the finding store, masking, the
// custody service, the ignore file and the editor area. Each root passes what differs — where the
// machine's fingerprint key and the custody log live — and registers its own areas on the `Core`.

import * as vscode from 'vscode';
import { onDidChangeSettings, readSettings, type Settings } from './config/vscode/settings';
import type { Core } from './core';
import { ownerFor, parseOwners } from './custody/owners';
import type { CustodyLogStore, LogSinks } from './custody/log';
import { CustodyService } from './custody/vscode/service';
import { FindingStore } from './findings/vscode/findingStore';
import { IgnoreService } from './findings/vscode/ignoreService';
import { type EditorArea, registerEditor } from './editor/vscode';
import { MaskingService } from './editor/vscode/masking';
import { type RuleSources, ScannerService } from './editor/vscode/scannerService';
import { createLogger, type Logger } from './util/vscode/outputChannel';
import { customIssuerRules } from './issuers/custom';
import { CommandId } from './commandIds';

export interface CompositionOptions {
  /** The machine's fingerprint key, read on first use (desktop: a file or the environment; browser: globalState). */
  machineKey(log: () => Logger | undefined): () => string;
  /** Opens the custody log (desktop: a file; browser: `workspace.fs`). */
  openCustodyLog(sinks: Required<LogSinks>): CustodyLogStore;
  /** Settings read again when the workspace becomes trusted (the editor's are always). */
  trustSettings?: readonly string[];
}

export interface Composition {
  readonly core: Core;
  readonly log: Logger;
  readonly ignore: IgnoreService;
  readonly editor: EditorArea;
  readonly ownerOf: (f: { ruleId: string; issuer: string }) => string | undefined;
}

const TRUST_SETTINGS = ['customRules', 'enabled', 'exclude', 'masking.enabled'];

/** Builds the shared services on `context.subscriptions` and rebuilds what a changed setting affects. */
export function compose(context: vscode.ExtensionContext, options: CompositionOptions): Composition {
  const trusted = (): boolean => vscode.workspace.isTrusted;
  let { settings, problems, notices } = readSettings(trusted());
  const logRef: { log?: Logger } = {};
  // Custom issuers (user settings only) also declare a token pattern: it becomes a detection rule.
  const rulesOf = (s: Settings): RuleSources => ({ trusted: [...s.customRules, ...customIssuerRules(s.issuers)], workspace: s.workspaceCustomRules });
  const scanners = new ScannerService(rulesOf(settings), () => logRef.log, settings.fingerprintKey, options.machineKey(() => logRef.log));
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
  const custody = new CustodyService((sinks) => options.openCustodyLog(sinks), log, ownerOf, () => vscode.workspace.name, settings.retentionDays);
  context.subscriptions.push(store, masking, custody);

  const core: Core = { context, log, settings: () => settings, onDidChangeSettings: settingsEmitter.event, scanners, store, masking, custody, areas: {} };

  const ignore = new IgnoreService(log);
  context.subscriptions.push(ignore);
  // Read in the background; when it lands, documents are rescanned with it (IgnoreService.onDidChange).
  void ignore.loadAll().then(() => ignore.notifyLoaded());
  const editor = registerEditor(core, ignore, ownerOf);
  context.subscriptions.push(editor);

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
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => reload(new Set([...TRUST_SETTINGS, ...(options.trustSettings ?? [])]))));

  return { core, log, ignore, editor, ownerOf };
}
