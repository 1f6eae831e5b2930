// `tokenCustody.scanWorkspace`: walks every workspace folder (src/custody/walk.ts) with
// `workspace.fs`, scans one file at a time with a cancellable progress notification, and puts the
// results into the Problems panel (files not open in an editor; open documents belong to the editor
// area) and into custody.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { AutoRevokeApi, Core } from '../../core';
import type { Finding } from '../../engine';
import { DIAGNOSTIC_SOURCE, diagnosticMessage, findingRange, severityOf } from '../../findings/vscode/diagnostic';
import type { IgnoreService } from '../../findings/vscode/ignoreService';
import { formatNumber } from '../../util/l10n';
import { Service } from '../../util/vscode/disposable';
import { yieldToHost } from '../../util/immediate';
import { fileWhere } from '../log';
import { newWalkStats, walkFiles, type EntryType, type WalkFs, type WalkStats } from '../walk';

export const WORKSPACE_DIAGNOSTICS = 'tokenCustody.workspace';


export interface WorkspaceScanResult {
  files: number;
  tokens: number;
  /** Files with at least one finding. */
  filesWithTokens: number;
  cancelled: boolean;
  ms: number;
  stats: WalkStats;
}

function entryType(t: vscode.FileType): EntryType {
  // Symbolic links to directories are not followed (they can loop); links to files are read.
  if (t & vscode.FileType.SymbolicLink && t & vscode.FileType.Directory) return 'other';
  if (t & vscode.FileType.Directory) return 'directory';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

/** A WalkFs over one workspace folder, with the URI of each path. */
export type FolderFs = WalkFs & { uri(rel: string): vscode.Uri };

/**
 * A WalkFs over one workspace folder through `workspace.fs`: virtual workspaces, and every folder in
 * the browser build. The desktop composition root reads local folders with node:fs instead
 * (localFolderFs.ts).
 */
export function workspaceFolderFs(root: vscode.Uri): FolderFs {
  const uri = (rel: string): vscode.Uri => (rel ? vscode.Uri.joinPath(root, ...rel.split('/')) : root);
  return {
    uri,
    readDirectory: async (rel) => (await vscode.workspace.fs.readDirectory(uri(rel))).map(([n, t]) => [n, entryType(t)] as [string, EntryType]),
    size: async (rel) => (await vscode.workspace.fs.stat(uri(rel))).size,
    readFile: async (rel) => vscode.workspace.fs.readFile(uri(rel)),
  };
}

/** The custody view, as far as a scan's progress is concerned. */
export interface ScanProgressView {
  readonly viewId: string;
  /** A line at the top of the view (undefined clears it). */
  setMessage(message: string | undefined): void;
}

export class WorkspaceScanner extends Service {
  private readonly diagnostics = this.own(vscode.languages.createDiagnosticCollection(WORKSPACE_DIAGNOSTICS));
  private running: Promise<WorkspaceScanResult> | undefined;
  /** Findings of the last scan for files not open, by URI (to republish when they close again). */
  private readonly results = new Map<string, Finding[]>();

  constructor(private readonly core: Core, private readonly ignore: IgnoreService, private readonly autoRevoke: AutoRevokeApi, private readonly folderFs: (root: vscode.Uri) => FolderFs, private readonly view?: ScanProgressView) {
    super();
    // An opened document is the editor area's: drop our copy of its diagnostics (no duplicates).
    this.own(vscode.workspace.onDidOpenTextDocument((d) => this.diagnostics.delete(d.uri)));
    this.own(vscode.workspace.onDidCloseTextDocument((d) => {
      const kept = this.results.get(d.uri.toString());
      if (kept && kept.length) this.publish(d.uri, kept);
    }));
    this.own(ignore.onDidChange(() => this.reapplyIgnore()));
  }

  /**
   * Runs a scan. A scan started from the custody view reports its progress there (the view's progress
   * bar and a message line); otherwise in a cancellable notification. A second call while one runs
   * returns the running one.
   */
  scan(from: 'view' | 'command' = 'command'): Promise<WorkspaceScanResult> {
    if (this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: a workspace scan is already running.'));
      return this.running;
    }
    const view = from === 'view' ? this.view : undefined;
    const run = view
      ? vscode.window.withProgress({ location: { viewId: view.viewId } }, async () => {
        const cancel = new vscode.CancellationTokenSource();
        const progress = { report: (v: { message?: string }): void => view.setMessage(v.message && vscode.l10n.t('Scanning workspace: {0}', v.message)) };
        try {
          return await this.run(progress, cancel.token);
        } finally {
          view.setMessage(undefined);
          cancel.dispose();
        }
      })
      : vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Token Custody: scanning workspace'), cancellable: true },
        (progress, token) => this.run(progress, token),
      );
    this.running = Promise.resolve(run).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<WorkspaceScanResult> {
    const t0 = performance.now();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const stats = newWalkStats();
    const result: WorkspaceScanResult = { files: 0, tokens: 0, filesWithTokens: 0, cancelled: false, ms: 0, stats };
    if (!folders.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: open a folder to scan its files.'));
      return result;
    }
    const settings = this.core.settings();
    if (!settings.enabled) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody is disabled ({0}).', 'tokenCustody.enabled'));
      return result;
    }
    const scanner = this.core.scanners.scanner;
    const severity = { severity: settings.severity, lowConfidence: settings.lowConfidence };
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const seen = new Set<string>();
    let lastReport = 0;
    let lastYield = performance.now();
    progress.report({ message: progressText(0, 0) });
    for (const folder of folders) {
      const fs = this.folderFs(folder.uri);
      const walk = walkFiles(fs, {
        exclude: settings.exclude,
        maxBytes: settings.maxFileSizeMB * 1024 * 1024,
        isIgnoredPath: (rel) => this.ignore.isIgnored(fs.uri(rel), { fingerprint: '' }),
        isCancelled: () => token.isCancellationRequested,
      }, stats);
      for await (const file of walk) {
        const uri = fs.uri(file.rel);
        const key = uri.toString();
        seen.add(key);
        let findings: Finding[];
        try {
          findings = scanner.scan(file.text).filter((f) => !this.ignore.isIgnored(uri, f));
        } catch (e) {
          this.core.log.error(`scan of ${vscode.workspace.asRelativePath(uri)} failed`, e);
          continue;
        }
        if (findings.length) {
          result.filesWithTokens++;
          result.tokens += findings.length;
          this.results.set(key, findings);
          if (!open.has(key)) this.publish(uri, findings, severity);
          const rel = vscode.workspace.asRelativePath(uri, false);
          for (const f of findings) {
            const where = fileWhere(key, f.range, rel);
            this.core.custody.detected(f, where);
            this.autoRevoke.consider(f, 'file', where);
          }
        } else {
          this.results.delete(key);
          this.diagnostics.delete(uri);
        }
        const now = performance.now();
        if (now - lastReport > 100) {
          lastReport = now;
          progress.report({ message: progressText(stats.files, result.tokens) });
        }
        // Let the extension host breathe between files (typing, other events).
        if (now - lastYield > 15) {
          await yieldToHost();
          lastYield = performance.now();
        }
      }
      if (token.isCancellationRequested) break;
    }
    result.files = stats.files;
    result.cancelled = token.isCancellationRequested;
    if (!result.cancelled) {
      // Files that no longer exist (or are now excluded) lose their old diagnostics.
      for (const key of [...this.results.keys()]) {
        if (seen.has(key)) continue;
        this.results.delete(key);
        this.diagnostics.delete(vscode.Uri.parse(key));
      }
    }
    result.ms = performance.now() - t0;
    const summary = vscode.l10n.t('{0} in {1}', progressText(result.files, result.tokens), filesText(result.filesWithTokens));
    this.core.log.info(`workspace scan ${result.cancelled ? 'cancelled after' : 'done:'} ${result.files} files, ${result.tokens} tokens in ${result.filesWithTokens} (${(result.ms / 1000).toFixed(1)} s; skipped ${stats.skipped['too-large']} too large, ${stats.skipped.binary} binary, ${stats.skipped.excluded} excluded, ${stats.skipped.ignored} ignored)`);
    if (result.cancelled) void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: workspace scan cancelled after {0}.', summary));
    else if (result.tokens) {
      const showCustody = vscode.l10n.t('Show Custody');
      const showProblems = vscode.l10n.t('Show Problems');
      void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: found {0}.', summary), showCustody, showProblems).then((c) => {
        if (c === showCustody) void vscode.commands.executeCommand(CommandId.ShowCustody);
        else if (c === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: no tokens found in {0}.', filesText(result.files)));
    return result;
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[], severity = { severity: this.core.settings().severity, lowConfidence: this.core.settings().lowConfidence }): void {
    this.diagnostics.set(uri, findings.map((f) => {
      const d = new vscode.Diagnostic(findingRange(f), diagnosticMessage(f), severityOf(f, severity.severity, severity.lowConfidence));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    }));
  }

  /** The ignore file changed: drop findings it now ignores. */
  private reapplyIgnore(): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const [key, findings] of [...this.results]) {
      const uri = vscode.Uri.parse(key);
      const kept = findings.filter((f) => !this.ignore.isIgnored(uri, f));
      if (kept.length === findings.length) continue;
      if (kept.length) this.results.set(key, kept);
      else this.results.delete(key);
      if (open.has(key)) continue;
      if (kept.length) this.publish(uri, kept);
      else this.diagnostics.delete(uri);
    }
  }

  /** Diagnostics currently published by workspace scans (tests). */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }
}

/** `1,234 files`, `1 file`, in the UI language. */
function filesText(n: number): string {
  return n === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', formatNumber(n, vscode.env.language));
}

/** `1,234 files, 7 tokens`. */
function progressText(files: number, tokens: number): string {
  const t = tokens === 1 ? vscode.l10n.t('1 token') : vscode.l10n.t('{0} tokens', formatNumber(tokens, vscode.env.language));
  return vscode.l10n.t('{0}, {1}', filesText(files), t);
}
