// `tokenCustody.scanWorkspace`: walks every workspace folder (src/custody/walk.ts), scans one file at
// a time with a cancellable progress notification, and puts the results into the Problems panel
// (files not open in an editor; open documents belong to the editor area) and into custody.
// Incremental: after a first scan, only files whose size or mtime changed (or new ones) are read; the
// per-folder index (src/custody/scanIndex.ts) lives in the extension's workspace storage.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { AutoRevokeApi, Core } from '../../core';
import type { Finding } from '../../engine';
import { detachFinding } from '../../findings/detach';
import { DIAGNOSTIC_SOURCE, diagnosticMessage, findingRange, severityOf } from '../../findings/vscode/diagnostic';
import type { IgnoreService } from '../../findings/vscode/ignoreService';
import { formatNumber } from '../../util/l10n';
import { Service } from '../../util/vscode/disposable';
import { yieldToHost } from '../../util/immediate';
import { fileWhere, type CustodyWhere } from '../log';
import { ENGINE_ID, incrementalWalkOptions, indexChunks, indexKey, indexName, parseIndex, ScanIndex, type IndexStorage } from '../scanIndex';
import { ScanPacer } from '../scanPacer';
import { newWalkStats, walkFiles, type EntryType, type WalkFs, type WalkStats } from '../walk';

export const WORKSPACE_DIAGNOSTICS = 'tokenCustody.workspace';

/**
 * The scan's slice of work between two turns of the extension host's event loop (ms, wall clock). A
 * slice ends after the file that crosses it; under load a slice stretches with the time the host is
 * not scheduled, and a garbage collection or the host's own work (its messages to the workbench) can
 * land in the same turn, so it is kept well under the 50 ms a task may take.
 */
export const SCAN_SLICE_MS = 5;
// What the long extension-host tasks of a 1 GB first scan are (bench, perf_hooks 'gc' entries matched
// with the gaps of a 5 ms timer, load 8-14 on 2 shared cores): none of the 16-42 gaps over 50 ms on
// the wall clock is over 50 ms on the thread's CPU clock (the host was not scheduled; 2-6 of them held
// a GC, whose parallel phases wait for helper threads under load: young pauses up to 118 ms, full up
// to 140 ms on the wall clock). On the CPU clock the longest turns are 15-22 ms: slices and hand-overs
// meeting in one timer gap; 1 of 5 runs had a full GC's pause in its longest (36 ms of CPU). Young
// GCs are about 56 per scan, one per ~18 MB of decoded file text: fewer needs the engine to scan bytes.

/**
 * Least time between two hand-overs of the scan's findings to the workbench (diagnostics) and to
 * custody (ms): each is one message and one log write, in a turn of its own (scanPacer.ts).
 */
export const PUBLISH_EVERY_MS = 100;

/** What the scan hands over for one file: its diagnostics (undefined: cleared), its detections. */
interface Outgoing {
  diagnostics?: [vscode.Uri, vscode.Diagnostic[] | undefined];
  detections?: { finding: Finding; where: CustodyWhere }[];
}


export interface WorkspaceScanResult {
  /** Files covered: read now, or unchanged since the last scan. */
  files: number;
  /** Files read and scanned by this run. */
  read: number;
  /** Files not read because they did not change since the last scan. */
  unchanged: number;
  tokens: number;
  /** Files with at least one finding. */
  filesWithTokens: number;
  cancelled: boolean;
  ms: number;
  /** Time from the cancellation request to the end of the run (cancelled runs). */
  cancelMs?: number;
  /**
   * When the cancellation reached the scan and when the run ended (`Date.now()`, the system clock):
   * comparable with the workbench's (the bench stamps the Cancel click there).
   */
  cancelRequestedAt?: number;
  endedAt: number;
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
    stat: async (rel) => {
      const st = await vscode.workspace.fs.stat(uri(rel));
      return { size: st.size, mtimeMs: st.mtime };
    },
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
  /**
   * Findings before ignore filtering of files the index marks `findings`, by workspace folder URI and
   * path in it, with the file's URI: an unchanged file is not read again while this window holds
   * them. Keyed by path so that a rescan asks without making a URI per file (making them was a third
   * of a rescan's time). In memory only (they carry the secrets).
   */
  private readonly raw = new Map<string, Map<string, HeldFindings>>();
  /** Index of each workspace folder (by URI) after the last scan of this window. */
  private readonly indexes = new Map<string, ScanIndex>();
  /** Indexes whose entries are what storage holds (read from it, or saved): a rescan that changed nothing does not write them again. */
  private readonly stored = new WeakSet<ScanIndex>();
  private readonly storage: IndexStorage | undefined;
  /** The index saves, chained (a cancelled scan returns before its save is written). */
  private saving: Promise<void> = Promise.resolve();
  /** The severity settings of the published diagnostics (a change republishes unchanged files too). */
  private publishedSeverity = '';

  constructor(private readonly core: Core, private readonly ignore: IgnoreService, private readonly autoRevoke: AutoRevokeApi, private readonly folderFs: (root: vscode.Uri) => FolderFs, private readonly view?: ScanProgressView, indexStorage: (dir: vscode.Uri) => IndexStorage = workspaceIndexStorage) {
    super();
    // An opened document is the editor area's: drop our copy of its diagnostics (no duplicates).
    this.own(vscode.workspace.onDidOpenTextDocument((d) => this.diagnostics.delete(d.uri)));
    this.own(vscode.workspace.onDidCloseTextDocument((d) => {
      const kept = this.results.get(d.uri.toString());
      if (kept && kept.length) this.publish(d.uri, kept);
    }));
    this.own(ignore.onDidChange(() => this.reapplyIgnore()));
    // New rules: the index key changes; findings held for unchanged files are stale.
    this.own(core.scanners.onDidChange(() => this.raw.clear()));
    const dir = core.context.storageUri;
    this.storage = dir ? indexStorage(dir) : undefined;
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
    let cancelAt: number | undefined;
    const onCancel = token.onCancellationRequested(() => (cancelAt ??= performance.now()));
    try {
      const result = await this.runFolders(progress, token, t0, () => cancelAt);
      result.endedAt ||= Date.now();
      return result;
    } finally {
      onCancel.dispose();
    }
  }

  private async runFolders(progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken, t0: number, cancelledAt: () => number | undefined): Promise<WorkspaceScanResult> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const stats = newWalkStats();
    const result: WorkspaceScanResult = { files: 0, read: 0, unchanged: 0, tokens: 0, filesWithTokens: 0, cancelled: false, ms: 0, endedAt: 0, stats };
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
    const key = indexKey(ENGINE_ID, scanner.rules);
    const severity = { severity: settings.severity, lowConfidence: settings.lowConfidence };
    // Unchanged files keep their published diagnostics unless the severity settings changed.
    const severityKey = `${severity.severity}|${severity.lowConfidence}`;
    const republish = severityKey !== this.publishedSeverity;
    this.publishedSeverity = severityKey;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    // URIs with findings after this run (others in `results` are gone: deleted, renamed, now excluded).
    const seen = new Set<string>();
    // Diagnostics and custody detections of the files taken since the last hand-over, handed over in
    // one batch at most every PUBLISH_EVERY_MS, in a turn of their own (one message to the workbench
    // and one log write per batch, not one per file nor one per slice).
    const publish = (batch: Outgoing[]): void => {
      const diagnostics: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
      const detections: { finding: Finding; where: CustodyWhere }[] = [];
      for (const o of batch) {
        if (o.diagnostics) diagnostics.push(o.diagnostics);
        if (o.detections) for (const d of o.detections) detections.push(d);
      }
      if (diagnostics.length) {
        // A file opened since the scan started is the editor's now.
        const openNow = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        const sent = diagnostics.filter(([uri]) => !openNow.has(uri.toString()));
        if (sent.length) this.diagnostics.set(sent);
      }
      if (detections.length) {
        this.core.custody.detectedMany(detections);
        for (const d of detections) this.autoRevoke.consider(d.finding, 'file', d.where);
      }
    };
    let lastReport = 0;
    const pacer = new ScanPacer<Outgoing>({
      sliceMs: SCAN_SLICE_MS,
      publishEveryMs: PUBLISH_EVERY_MS,
      yieldNow: yieldToHost,
      publish,
      // Backpressure: a scan finds tokens faster than the custody log's locked appends go (29,940
      // lines, 65.6 MB held on a 1 GB workspace); past the log's cap the scan waits for its writes.
      afterPause: () => this.core.custody.log.writable(),
    });
    /**
     * Called after every file (by this loop, and by the walk for files it does not hand over): lets the
     * extension host breathe (typing, other events) once the slice is spent. Nothing to await otherwise.
     */
    const breathe = (): Promise<void> | undefined => {
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        progress.report({ message: progressText(stats.files + stats.unchanged, result.tokens) });
      }
      return pacer.step();
    };
    /** `rel` is the path in its workspace folder (the custody place's path). */
    const take = (uri: vscode.Uri, key: string, rel: string, findings: Finding[]): void => {
      if (findings.length) {
        seen.add(key);
        result.filesWithTokens++;
        result.tokens += findings.length;
        const before = this.results.get(key);
        this.results.set(key, findings);
        // The same findings as published and recorded by an earlier scan of this window (an unchanged
        // file): nothing to send again. Custody records a token and place once per window anyway.
        // The auto-revoke policy may have changed since: it still sees them.
        if (!republish && before && sameFindings(before, findings)) {
          for (const f of findings) this.autoRevoke.consider(f, 'file', fileWhere(key, f.range, rel));
          return;
        }
        pacer.push({
          diagnostics: open.has(key) ? undefined : [uri, this.diagnosticsOf(findings, severity)],
          detections: findings.map((f) => ({ finding: f, where: fileWhere(key, f.range, rel) })),
        });
      } else if (this.results.delete(key)) pacer.push({ diagnostics: [uri, undefined] });
    };
    progress.report({ message: progressText(0, 0) });
    for (const folder of folders) {
      const fs = this.folderFs(folder.uri);
      const index = await this.loadIndex(folder.uri, key);
      // Whether this window holds results or findings for a file of this folder: if not (a first scan),
      // a file without findings needs no URI (making one per file was a cost of its own).
      const prefix = folder.uri.toString() + '/';
      const holds = (m: Map<string, unknown>): boolean => {
        for (const k of m.keys()) if (k.startsWith(prefix)) return true;
        return false;
      };
      let folderRaw = this.raw.get(folder.uri.toString());
      if (!folderRaw) this.raw.set(folder.uri.toString(), (folderRaw = new Map()));
      const heldRaw = folderRaw;
      // Paths of this folder whose held findings this run met (the others are dropped at the end).
      const rawSeen = new Set<string>();
      const held = heldRaw.size > 0 || holds(this.results);
      const walk = walkFiles(fs, {
        exclude: settings.exclude,
        maxBytes: settings.maxFileSizeMB * 1024 * 1024,
        isIgnoredPath: (rel) => this.ignore.isIgnoredPathIn(folder.uri, rel),
        isCancelled: () => token.isCancellationRequested,
        breathe,
        // A file with findings is read again unless this window still holds them.
        ...incrementalWalkOptions(index, (rel) => heldRaw.has(rel)),
      }, stats);
      for await (const file of walk) {
        if (file.text === undefined) {
          // Unchanged since the last scan, with findings (clean and binary ones are not handed over): the held findings.
          const h = heldRaw.get(file.rel)!;
          rawSeen.add(file.rel);
          const ignored = this.ignore.filterFor(h.uri);
          take(h.uri, h.key, file.rel, h.findings.filter((f) => !ignored(f)));
          const paused = breathe();
          if (paused) await paused;
          continue;
        }
        let raw: Finding[];
        try {
          // Kept findings must not keep the file's text alive (detach.ts).
          raw = scanner.scan(file.text).map(detachFinding);
        } catch (e) {
          this.core.log.error(`scan of ${vscode.workspace.asRelativePath(fs.uri(file.rel))} failed`, e);
          continue;
        }
        index.record(file.rel, file, raw.length ? 'findings' : 'clean', file.statAt);
        if (!raw.length && !held) {
          // Nothing found, nothing held for it: no URI, nothing to send.
          const paused = breathe();
          if (paused) await paused;
          continue;
        }
        const uri = fs.uri(file.rel);
        const key = uri.toString();
        if (raw.length) {
          heldRaw.set(file.rel, { uri, key, findings: raw });
          rawSeen.add(file.rel);
        } else heldRaw.delete(file.rel);
        const ignored = this.ignore.filterFor(uri);
        take(uri, key, file.rel, raw.filter((f) => !ignored(f)));
        const paused = breathe();
        if (paused) await paused;
      }
      pacer.flush();
      // The walk stops early once cancelled; a cancellation after the last file changes nothing.
      const complete = !token.isCancellationRequested;
      const next = index.result(complete);
      this.indexes.set(folder.uri.toString(), next);
      if (complete) {
        // Held findings of files this folder no longer has (deleted, renamed, now excluded).
        for (const rel of [...heldRaw.keys()]) if (!rawSeen.has(rel)) heldRaw.delete(rel);
      }
      // Written in slices, one save after the other; a cancelled scan ends now and saves in the
      // background. A complete rescan that changed nothing has nothing to write (100,000 entries,
      // about 5 MB, were written again after every rescan).
      if (complete && !index.changed && this.stored.has(index)) this.stored.add(next);
      else this.saving = this.saving.then(() => this.saveIndex(folder.uri, next));
      if (complete) await this.saving;
      else {
        result.cancelled = true;
        break;
      }
    }
    result.read = stats.files;
    result.unchanged = stats.unchanged;
    result.files = stats.files + stats.unchanged;
    if (!result.cancelled) {
      // Files that no longer exist (or are now excluded) lose their old diagnostics.
      const gone: [vscode.Uri, undefined][] = [];
      for (const key of [...this.results.keys()]) {
        if (seen.has(key)) continue;
        this.results.delete(key);
        gone.push([vscode.Uri.parse(key), undefined]);
      }
      if (gone.length) this.diagnostics.set(gone);
    }
    const end = performance.now();
    result.ms = end - t0;
    result.endedAt = Date.now();
    const cancelAt = cancelledAt();
    if (result.cancelled && cancelAt !== undefined) {
      result.cancelMs = end - cancelAt;
      result.cancelRequestedAt = result.endedAt - result.cancelMs;
    }
    const summary = vscode.l10n.t('{0} in {1}', progressText(result.files, result.tokens), filesText(result.filesWithTokens));
    this.core.log.info(`workspace scan ${result.cancelled ? 'cancelled after' : 'done:'} ${result.files} files, ${result.tokens} tokens in ${result.filesWithTokens} (${(result.ms / 1000).toFixed(1)} s; read ${result.read}, ${result.unchanged} unchanged since the last scan; skipped ${stats.skipped['too-large']} too large, ${stats.skipped.binary} binary, ${stats.skipped.excluded} excluded, ${stats.skipped.ignored} ignored)`);
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

  /** The folder's index from this window, else from storage; an index under another key is dropped. */
  private async loadIndex(folder: vscode.Uri, key: string): Promise<ScanIndex> {
    const held = this.indexes.get(folder.toString());
    if (held?.key === key) return held;
    if (held) this.raw.clear();
    if (!this.storage) return new ScanIndex(key);
    try {
      const index = await parseIndex(await this.storage.read(indexName(folder.toString())), key, yieldToHost);
      this.stored.add(index);
      return index;
    } catch (e) {
      this.core.log.warn(`workspace scan index could not be read (${String(e)}); every file is read again`);
      return new ScanIndex(key);
    }
  }

  private async saveIndex(folder: vscode.Uri, index: ScanIndex): Promise<void> {
    if (!this.storage) return;
    try {
      await this.storage.write(indexName(folder.toString()), indexChunks(index, yieldToHost));
      this.stored.add(index);
    } catch (e) {
      this.core.log.warn(`workspace scan index could not be saved (${String(e)}); the next scan reads every file`);
    }
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[]): void {
    this.diagnostics.set(uri, this.diagnosticsOf(findings));
  }

  private diagnosticsOf(findings: readonly Finding[], severity = { severity: this.core.settings().severity, lowConfidence: this.core.settings().lowConfidence }): vscode.Diagnostic[] {
    return findings.map((f) => {
      const d = new vscode.Diagnostic(findingRange(f), diagnosticMessage(f), severityOf(f, severity.severity, severity.lowConfidence));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    });
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

/** Findings held for an unchanged file, with its URI (made once, when the file was read). */
interface HeldFindings {
  uri: vscode.Uri;
  key: string;
  findings: Finding[];
}

/** Whether two lists hold the same finding objects in the same order. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/**
 * Indexes as files in the extension's workspace storage folder, through `workspace.fs` (the browser
 * build; the desktop one writes local storage with node:fs, in chunks): written whole, then renamed
 * into place.
 */
export function workspaceIndexStorage(dir: vscode.Uri): IndexStorage {
  return {
    read: async (name) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
      } catch {
        return undefined;
      }
    },
    write: async (name, chunks) => {
      const parts: string[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      const text = parts.join('');
      await vscode.workspace.fs.createDirectory(dir);
      const tmp = vscode.Uri.joinPath(dir, `${name}.tmp`);
      await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(tmp, vscode.Uri.joinPath(dir, name), { overwrite: true });
    },
  };
}
