// Scans every open text document on open and on change, and keeps the FindingStore current.
// A keystroke rescans only the affected region (widened to whole lines and to the reach of
// multi-line rules); findings elsewhere are kept, those after the edit moved by one pending shift
// (src/findings/liveFindings.ts: the work follows what changed, not the number of findings). Documents above the background
// threshold get their first scan in slices that yield to the event loop; edits made meanwhile are
// replayed onto the result when it completes. Before the first slice, the lines its editors show (and
// the masking's margin around them) are scanned at once, and again whenever an editor shows lines not
// scanned yet, so they are masked while the rest is scanned: those findings go to the masking only
// (FindingStore.setPreview says why), and the full result replaces them. Documents above
// `tokenCustody.maxFileSizeMB` are skipped.

import * as vscode from 'vscode';
import { createPathFilter, type Finding, type Scanner } from '../../engine';
import type { Settings } from '../../config/vscode/settings';
import { Service } from '../../util/vscode/disposable';
import type { Logger } from '../../util/vscode/outputChannel';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { mapInSlices, scanInSlices } from '../backgroundScan';
import { filterInSlices } from '../publish';
import { isSorted, mapOffset, maxLength, mergeOverlapping, shiftSorted, textChange, type TextChange } from '../incremental';
import { LiveFindings, type ScannedRegion } from '../../findings/liveFindings';
import { runSoon, yieldToHost } from '../../util/immediate';
import { covers, decorationWindow, mergeLineSpans, type LineSpan } from '../maskWindow';
import type { ScannerService } from './scannerService';

/** After a keystroke, the pending moves are written into the findings once the document is quiet this long. */
const SETTLE_AFTER_MS = 500;
/** Findings written per slice then (a tight loop: a few milliseconds). */
const SETTLE_BATCH = 50_000;
/** Documents larger than this are first scanned in the background, in slices. */
export const BACKGROUND_THRESHOLD = 1024 * 1024;
/**
 * A window of shown lines longer than this (minified text: a few lines of megabytes) is scanned only
 * this many characters around what the editor shows, so the scan before the first slice stays short.
 * Measured (CPU, Node 20, medians of 15): a window of 160–420 lines with a token every other line
 * 2.3–3.9 ms; 64 KB of such lines 6 ms, 256 KB 24 ms: this bounds the worst case near 12 ms.
 */
const PREVIEW_MAX_CHARS = 128 * 1024;
/** Characters scanned beyond such a cut window, so that no token near the shown text is cut. */
const PREVIEW_CUT_SLACK = 4096;
/** Schemes that hold no user content (or our own output). */
const SKIPPED_SCHEMES = new Set(['output', 'vscode-scm', 'comment', 'vscode-terminal', 'debug']);

/** The ignore filter of a document: resolved once per document, then asked per finding. */
export type FindingFilter = (uri: vscode.Uri) => (finding: Finding) => boolean;

export interface ScanStats {
  /** Milliseconds spent in the document-change handler, most recent last (bounded). */
  changeHandlerMs: number[];
  /** CPU milliseconds of the same handler runs, when `cpuClock` is set (bench). */
  changeHandlerCpuMs: number[];
  /** A CPU clock in milliseconds (the bench sets `process.cpuUsage`; shared code has no `process`). */
  cpuClock?: () => number;
  fullScans: number;
  incrementalScans: number;
  backgroundScans: number;
  /** Scans of shown lines while a first background scan runs (the masking's preview). */
  previewScans: number;
}

/** The findings of the shown lines of a document whose first scan runs in the background. */
interface Preview {
  /** The document version they were scanned in (an edit scans them again). */
  version: number;
  live: LiveFindings;
  /** Lines scanned, sorted and merged (a window cut at PREVIEW_MAX_CHARS is not counted). */
  lines: LineSpan[];
}

interface BackgroundJob {
  changes: TextChange[][];
  cancelled: boolean;
  preview?: Preview;
}

export class DocumentScanner extends Service {
  readonly stats: ScanStats = { changeHandlerMs: [], changeHandlerCpuMs: [], fullScans: 0, incrementalScans: 0, backgroundScans: 0, previewScans: 0 };
  private readonly background = new Map<string, BackgroundJob>();
  private isExcluded: (rel: string) => boolean = () => false;
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Tests: awaited when a background scan has scanned the whole text, before it replays the edits
   * made meanwhile and publishes, so a test can edit while the scan runs on a machine of any speed.
   */
  holdBackground?: (uri: vscode.Uri) => Promise<void>;

  constructor(
    private readonly store: FindingStore,
    private readonly scanners: ScannerService,
    private readonly settings: () => Settings,
    private readonly filter: FindingFilter,
    private readonly log: Logger,
  ) {
    super();
    this.updateExcludes();
    this.own(vscode.workspace.onDidOpenTextDocument((d) => this.scanFull(d)));
    this.own(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    this.own(vscode.workspace.onDidCloseTextDocument((d) => {
      this.cancelBackground(d.uri);
      this.store.delete(d.uri);
    }));
    this.own(scanners.onDidChange(() => this.rescanAll()));
    // An editor of a document in its first background scan appears or scrolls: its shown lines are
    // scanned now if they were not. Registered after the masking's listeners (the store is built
    // first), so the masking's redraw with what it has comes first and this one's preview right after,
    // in the same task.
    this.own(vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const ed of editors) {
        const job = this.background.get(ed.document.uri.toString());
        if (job) this.preview(ed.document, job);
      }
    }));
    this.own(vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const job = this.background.get(e.textEditor.document.uri.toString());
      if (job) this.preview(e.textEditor.document, job, [e.textEditor]);
    }));
    this.own({ dispose: () => this.settling.forEach((t) => clearTimeout(t)) });
    // The first scan of the already-open documents runs right after activation, not inside it.
    this.own(runSoon(() => this.rescanAll()));
  }

  /** Settings changed: rebuild what depends on them and rescan. */
  refresh(): void {
    this.updateExcludes();
    this.rescanAll();
  }

  rescanAll(): void {
    for (const d of vscode.workspace.textDocuments) this.scanFull(d);
  }

  private updateExcludes(): void {
    const exclude = this.settings().exclude;
    const keep = createPathFilter({ exclude });
    this.isExcluded = exclude.length ? (rel) => !keep(rel) : () => false;
  }

  private skipReason(doc: vscode.TextDocument): string | undefined {
    const s = this.settings();
    if (!s.enabled) return 'Token Custody is disabled (tokenCustody.enabled)';
    if (SKIPPED_SCHEMES.has(doc.uri.scheme)) return 'not a user document';
    if (doc.uri.scheme !== 'untitled' && this.isExcluded(vscode.workspace.asRelativePath(doc.uri, false))) return 'excluded by tokenCustody.exclude';
    return undefined;
  }

  private publish(doc: vscode.TextDocument, findings: Finding[], extra: { pending?: boolean } = {}): void {
    const ignored = this.filter(doc.uri);
    // Sorted by start: a keystroke finds its place by binary search (src/editor/incremental.ts).
    const kept = findings.filter((f) => !ignored(f));
    if (!isSorted(kept)) kept.sort((a, b) => a.range.start - b.range.start);
    this.store.set({ uri: doc.uri, version: doc.version, findings: kept, ...extra });
  }

  scanFull(doc: vscode.TextDocument): void {
    this.cancelBackground(doc.uri);
    const reason = this.skipReason(doc);
    if (reason) {
      if (this.store.get(doc.uri)?.skipped !== reason) this.store.set({ uri: doc.uri, version: doc.version, findings: [], skipped: reason });
      return;
    }
    const text = doc.getText();
    const maxChars = this.settings().maxFileSizeMB * 1024 * 1024;
    if (text.length > maxChars) {
      const msg = `larger than tokenCustody.maxFileSizeMB (${this.settings().maxFileSizeMB} MB): not scanned`;
      this.log.info(`${vscode.workspace.asRelativePath(doc.uri)}: ${msg}`);
      this.store.set({ uri: doc.uri, version: doc.version, findings: [], skipped: msg });
      return;
    }
    const scanner = this.scanners.scanner;
    if (text.length > BACKGROUND_THRESHOLD) {
      void this.scanInBackground(doc, text, scanner);
      return;
    }
    this.stats.fullScans++;
    try {
      this.publish(doc, scanner.scan(text, { positionAt: (o) => pos(doc, o) }));
    } catch (e) {
      this.log.error(`scan of ${vscode.workspace.asRelativePath(doc.uri)} failed`, e);
    }
  }

  private cancelBackground(uri: vscode.Uri): void {
    const job = this.background.get(uri.toString());
    if (job) job.cancelled = true;
    this.background.delete(uri.toString());
  }

  private async scanInBackground(doc: vscode.TextDocument, text: string, scanner: Scanner): Promise<void> {
    const key = doc.uri.toString();
    const job: BackgroundJob = { changes: [], cancelled: false };
    this.background.set(key, job);
    this.stats.backgroundScans++;
    const prev = this.store.get(doc.uri);
    this.store.set({ uri: doc.uri, version: doc.version, ...(prev ? { live: prev.live } : { findings: [] }), pending: true });
    // The shown lines first, before the first slice: masked from the first paint of its editors.
    this.preview(doc, job);
    const t0 = Date.now();
    // Slices that each stay within a time budget; findings deduplicated by range in a Set.
    const sliced = { yieldNow: yieldToHost, cancelled: () => job.cancelled };
    const found = await scanInSlices(scanner, text, sliced);
    if (found && this.holdBackground) await this.holdBackground(doc.uri);
    if (!found || job.cancelled || this.background.get(key) !== job) return;
    this.background.delete(key);
    // Replay the edits made while we scanned, then rescan just the regions they touched.
    let findings = found;
    const dirty: [number, number][] = [];
    for (const changes of job.changes) {
      const r = shiftSorted(findings, changes, maxLength(findings));
      findings = r.kept;
      for (const d of dirty) {
        d[0] = mapOffset(d[0], changes);
        d[1] = mapOffset(d[1], changes);
      }
      dirty.push(...r.dirty);
    }
    const live = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!live) return;
    const version = live.version;
    // The scan's own objects (not published yet): placed in place, keeping their hidden fields.
    const placed = await mapInSlices(findings, (f) => {
      f.range = rangeOf(live, f.range.start, f.range.end);
      return f;
    }, sliced);
    // An edit meanwhile started a new scan of the document (the job is no longer registered).
    if (!placed || job.cancelled || live.version !== version || live.isClosed) return;
    const merged = new LiveFindings(placed);
    merged.replaceRegions(this.scanRegions(live, scanner, dirty, () => false));
    findings = [...merged.all()];
    // The ignore filter in slices too (the rest of the publish runs in the store's listeners).
    const kept = await filterInSlices(findings, this.filter(live.uri), sliced);
    if (!kept || job.cancelled || live.version !== version || live.isClosed) return;
    this.store.set({ uri: live.uri, version, findings: kept });
    this.log.trace(`background scan of ${vscode.workspace.asRelativePath(doc.uri)} (${(text.length / 1048576).toFixed(1)} MB) took ${Date.now() - t0} ms`);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const t0 = performance.now();
    const c0 = this.stats.cpuClock?.();
    const doc = e.document;
    const changes: TextChange[] = e.contentChanges.map(textChange).sort((a, b) => a.start - b.start);
    const job = this.background.get(doc.uri.toString());
    const current = this.store.get(doc.uri);
    // A rescan in the background keeps masking the findings published before it: they follow the
    // edit as after any keystroke, or the masks would stay at the old offsets until the scan ends.
    if (current?.pending && current.count) this.editPending(doc, current.live, changes);
    if (job) {
      // Replayed onto the background scan's result when it completes.
      job.changes.push(changes);
      // The shown lines moved or changed: scanned again (a few hundred lines), unless the published
      // findings are masked meanwhile (`preview` checks): also when the edit dropped the last of them.
      this.preview(doc, job);
      return;
    }
    if (!current || current.skipped || current.pending) {
      this.scanFull(doc);
      return;
    }
    const maxChars = this.settings().maxFileSizeMB * 1024 * 1024;
    const approxLength = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (approxLength > maxChars) {
      this.scanFull(doc);
      return;
    }
    try {
      const newText = changes.reduce((n, c) => n + c.newLength, 0);
      if (newText > BACKGROUND_THRESHOLD) {
        // A paste of megabytes: a background scan of the whole document, in slices.
        this.scanFull(doc);
      } else {
        this.editLive(doc, current.live, changes, false);
      }
    } catch (err) {
      this.log.error(`incremental scan of ${vscode.workspace.asRelativePath(doc.uri)} failed; rescanning`, err);
      this.scanFull(doc);
    }
    const ms = performance.now() - t0;
    this.stats.changeHandlerMs.push(ms);
    if (c0 !== undefined) this.stats.changeHandlerCpuMs.push(this.stats.cpuClock!() - c0);
    if (this.stats.changeHandlerMs.length > 1000) {
      this.stats.changeHandlerMs.splice(0, 500);
      this.stats.changeHandlerCpuMs.splice(0, 500);
    }
  }

  /**
   * A keystroke's work on a document's published findings: binary searches, the findings near the
   * edit rescanned, and one pending shift for those after it (src/findings/liveFindings.ts): no
   * finding after the edit is looked at. Kept findings passed the ignore filter when they were
   * published; only new ones are asked. Published (still `pending` during a background rescan, see
   * `editPending`), and settled once the document is quiet. Throws what the scan throws.
   */
  private editLive(doc: vscode.TextDocument, live: LiveFindings, changes: TextChange[], pending: boolean): void {
    const scanner = this.scanners.scanner;
    const ignored = this.filter(doc.uri);
    const edit = live.edit(changes, (dirty) => this.scanRegions(doc, scanner, dirty, ignored));
    this.stats.incrementalScans++;
    this.store.set({ uri: doc.uri, version: doc.version, live, edit, ...(pending ? { pending } : {}) });
    this.settleLater(doc.uri, live);
  }

  /**
   * An edit of a document whose background rescan runs while it keeps the findings published before
   * (`scanInBackground`): they are shifted and the regions the edit touched rescanned with the
   * current rules and ignore filter (LiveFindings.edit, as a keystroke does), and published still
   * pending, so the masking, diagnostics, hover and code actions follow the text. The background
   * job replays the same edit onto its own result, which replaces these when it completes.
   */
  private editPending(doc: vscode.TextDocument, live: LiveFindings, changes: TextChange[]): void {
    try {
      this.editLive(doc, live, changes, true);
    } catch (err) {
      // The kept findings may be half-edited: none masked until the scan ends (the preview masks the shown lines).
      this.log.error(`incremental scan of ${vscode.workspace.asRelativePath(doc.uri)} during its background scan failed`, err);
      this.store.set({ uri: doc.uri, version: doc.version, findings: [], pending: true });
    }
  }

  /**
   * Scans the lines the editors of a document in its first background scan show, when they were not
   * scanned yet: each editor's visible ranges widened by the masking's margin (decorationWindow, so
   * what the masking decorates is scanned) and then by the reach of multi-line rules, as a
   * keystroke's rescan is. The findings go to the store as the document's preview, for the masking
   * only. Measured in the host (largeDocuments.test, 4.5 MB with 40,000 tokens): without it the
   * first check after the editor showed rendered 20 tokens, masked only when the whole file was
   * scanned (5.0 s after showTextDocument was called); with it none, at top, middle and after a scroll.
   */
  private preview(doc: vscode.TextDocument, job: BackgroundJob, editors: readonly vscode.TextEditor[] = vscode.window.visibleTextEditors): void {
    // A rescan of a document with published findings masks those meanwhile (FindingStore.maskable).
    if (this.store.get(doc.uri)?.count || doc.isClosed) return;
    const key = doc.uri.toString();
    const shown = editors.filter((ed) => ed.document.uri.toString() === key);
    if (!shown.length) return;
    const fresh = job.preview?.version !== doc.version;
    const p: Preview = fresh ? { version: doc.version, live: new LiveFindings([]), lines: [] } : job.preview!;
    const lineCount = doc.lineCount;
    const wanted: [number, number][] = [];
    let cutAny = false;
    for (const ed of shown) {
      const visible = ed.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line }));
      // The masking's test for "redraw now": the shown lines and a screen more on each side.
      if (!fresh && covers(p.lines, visible, lineCount)) continue;
      for (const w of decorationWindow(visible, lineCount)) {
        const start = doc.offsetAt(new vscode.Position(w.start, 0));
        const end = doc.offsetAt(doc.lineAt(w.end).range.end);
        if (end - start <= PREVIEW_MAX_CHARS) {
          wanted.push([start, end]);
          p.lines = mergeLineSpans([...p.lines, w]);
          continue;
        }
        // Megabytes of lines: the characters around the first shown one in this window.
        const first = ed.visibleRanges.find((r) => r.end.line >= w.start && r.start.line <= w.end)?.start ?? new vscode.Position(w.start, 0);
        const from = Math.max(start, doc.offsetAt(first) - PREVIEW_MAX_CHARS / 4);
        wanted.push([from, Math.min(end, from + PREVIEW_MAX_CHARS)]);
        cutAny = true;
      }
    }
    if (!wanted.length) return;
    const t0 = performance.now();
    const regions = this.scanRegions(doc, this.scanners.scanner, wanted, this.filter(doc.uri), cutAny ? PREVIEW_MAX_CHARS + 2 * PREVIEW_CUT_SLACK : Infinity);
    p.live.replaceRegions(regions);
    job.preview = p;
    this.stats.previewScans++;
    this.store.setPreview(doc.uri, p.live);
    this.log.trace(`${vscode.workspace.asRelativePath(doc.uri)}: shown lines scanned before the rest (${regions.reduce((n, r) => n + r.end - r.start, 0)} characters, ${regions.reduce((n, r) => n + r.fresh.length, 0)} findings) in ${(performance.now() - t0).toFixed(1)} ms`);
  }

  /**
   * Rescans dirty regions (new coordinates) of the live document: each widened to whole lines and to
   * what multi-line rules can reach, overlapping ones merged; the fresh findings of each, sorted by
   * start, without those `ignored` selects. A region whose whole lines are longer than `maxChars`
   * (a cut preview window in minified text) is widened by the reach and PREVIEW_CUT_SLACK instead.
   */
  private scanRegions(doc: vscode.TextDocument, scanner: Scanner, dirty: readonly [number, number][], ignored: (f: Finding) => boolean, maxChars = Infinity): ScannedRegion[] {
    if (dirty.length === 0) return [];
    const reach = multiLineReach(scanner);
    const docEnd = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    const merged = mergeOverlapping(
      dirty.map(([s, e]) => {
        const startLine = doc.positionAt(Math.max(0, s - reach.back)).line;
        const endLine = doc.positionAt(Math.min(docEnd, e + reach.forward)).line;
        const lines = [doc.offsetAt(new vscode.Position(Math.max(0, startLine - 1), 0)), doc.offsetAt(doc.lineAt(Math.min(doc.lineCount - 1, endLine + 1)).rangeIncludingLineBreak.end)] as [number, number];
        if (lines[1] - lines[0] <= maxChars) return lines;
        return [Math.max(0, s - reach.back - PREVIEW_CUT_SLACK), Math.min(docEnd, e + reach.forward + PREVIEW_CUT_SLACK)] as [number, number];
      }),
    );
    return merged.map(([rs, re]) => {
      const text = doc.getText(new vscode.Range(doc.positionAt(rs), doc.positionAt(re)));
      const found = scanner.scan(text, { positionAt: (o) => pos(doc, rs + o) });
      // The scanner's own objects: moved to document offsets in place (keeps their hidden fields).
      for (const f of found) f.range = { ...f.range, start: f.range.start + rs, end: f.range.end + rs };
      const fresh = found.filter((f) => !ignored(f));
      fresh.sort((a, b) => a.range.start - b.range.start);
      return { start: rs, end: re, fresh };
    });
  }

  /** Once the document is quiet, the pending moves are written into the findings, in slices. */
  private settleLater(uri: vscode.Uri, live: LiveFindings): void {
    const key = uri.toString();
    const old = this.settling.get(key);
    if (old) clearTimeout(old);
    this.settling.set(key, setTimeout(() => {
      this.settling.delete(key);
      void (async () => {
        while (this.store.get(uri)?.live === live && !this.settling.has(key) && !live.materializeSome(SETTLE_BATCH)) await yieldToHost();
      })();
    }, SETTLE_AFTER_MS));
  }
}

function pos(doc: vscode.TextDocument, offset: number): { line: number; col: number } {
  const p = doc.positionAt(offset);
  return { line: p.line, col: p.character };
}

function rangeOf(doc: vscode.TextDocument, start: number, end: number): Finding['range'] {
  const s = doc.positionAt(start);
  const e = doc.positionAt(end);
  return { start, end, startLine: s.line, startCol: s.character, endLine: e.line, endCol: e.character };
}

const reachCache = new WeakMap<Scanner, { back: number; forward: number }>();

/** How far before/after an edit a multi-line rule's keyword can be and still produce a match over it. */
function multiLineReach(scanner: Scanner): { back: number; forward: number } {
  let r = reachCache.get(scanner);
  if (!r) {
    r = { back: 0, forward: 0 };
    for (const rule of scanner.rules) {
      if (!rule.window) continue;
      r.back = Math.max(r.back, rule.window.after);
      r.forward = Math.max(r.forward, rule.window.before);
    }
    reachCache.set(scanner, r);
  }
  return r;
}
