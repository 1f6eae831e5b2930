// Findings per open document, shared by diagnostics, masking, hover, code actions and the custody view.

import * as vscode from 'vscode';
import { dropSecret, type Finding } from '../../engine';
import { LiveFindings } from '../liveFindings';

export interface DocumentFindings {
  readonly uri: vscode.Uri;
  readonly version: number;
  /**
   * Every finding, sorted by start, positions exact (pending moves written first: linear in the
   * findings when an edit moved them). On a keystroke's path use `count` and `live` instead.
   */
  readonly findings: readonly Finding[];
  readonly count: number;
  /** The findings kept current through keystrokes (src/editor/liveFindings.ts). */
  readonly live: LiveFindings;
  /** Set while a large document's first scan runs in the background. */
  readonly pending?: boolean;
  /** Why the document is not scanned (too large, excluded, disabled). */
  readonly skipped?: string;
  /**
   * Set when this publish follows an edit of the previous one (a keystroke): the findings not in
   * `added` were in the previous publish (the same objects, those after the edit moved in place), so
   * a listener may act on `added` only. Findings are sorted by start; the first `firstChanged` are
   * exactly as before.
   */
  readonly edit?: FindingsEdit;
}

export interface FindingsEdit {
  /** Findings new in this publish (found again or for the first time near the edit). */
  readonly added: readonly Finding[];
  /** Findings of the previous publish that the edit touched (dropped). */
  readonly removed: readonly Finding[];
  /** Index of the first finding that is new or moved. */
  readonly firstChanged: number;
}

/** What a publish gives: the findings (sorted by start, exact), or the live list an edit updated. */
export type FindingsInput = Omit<DocumentFindings, 'findings' | 'count' | 'live'> & ({ findings: Finding[]; live?: undefined } | { live: LiveFindings; findings?: undefined });

class StoredFindings implements DocumentFindings {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly live: LiveFindings;
  readonly pending?: boolean;
  readonly skipped?: string;
  readonly edit?: FindingsEdit;

  constructor(input: FindingsInput) {
    this.uri = input.uri;
    this.version = input.version;
    this.live = input.live ?? new LiveFindings(input.findings);
    if (input.pending) this.pending = true;
    if (input.skipped !== undefined) this.skipped = input.skipped;
    if (input.edit) this.edit = input.edit;
  }

  get findings(): readonly Finding[] {
    return this.live.all();
  }

  get count(): number {
    return this.live.length;
  }
}

export class FindingStore implements vscode.Disposable {
  private readonly byUri = new Map<string, DocumentFindings>();
  private readonly emitter = new vscode.EventEmitter<DocumentFindings>();
  /** Fires after a document's findings change (or are cleared: findings empty). */
  readonly onDidChange = this.emitter.event;
  /**
   * While a large document's first scan runs in the background (`pending`), the findings of the
   * lines its editors show, scanned first (src/editor/vscode/documentScanner.ts). They are kept apart
   * from the published findings on purpose: every listener of `onDidChange` (Problems panel, custody
   * log, auto-revoke, status bar, context keys, screen-reader announcements, custody view) takes a
   * publish as the document's findings, and a part of the file published as the whole would list,
   * record and count a fraction of its tokens (and a later full publish would then look like new
   * detections). Only the masking reads these, through `maskable` and `onDidChangePreview`. The next
   * publish that is not pending (the full scan's result) or a close drops them.
   */
  private readonly previews = new Map<string, LiveFindings>();
  private readonly previewEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a pending document's preview (the findings of its shown lines) changes. */
  readonly onDidChangePreview = this.previewEmitter.event;

  get(uri: vscode.Uri): DocumentFindings | undefined {
    return this.byUri.get(uri.toString());
  }

  findings(uri: vscode.Uri): readonly Finding[] {
    return this.byUri.get(uri.toString())?.findings ?? [];
  }

  /** The finding whose range holds `offset` (end inclusive, so a cursor right after a token counts). */
  findingAt(uri: vscode.Uri, offset: number): Finding | undefined {
    const live = this.byUri.get(uri.toString())?.live;
    const i = live ? live.indexAt(offset) : -1;
    return i < 0 ? undefined : live!.item(i);
  }

  /** The finding with exactly this range (offsets), if any. */
  findingWithRange(uri: vscode.Uri, start: number, end: number): Finding | undefined {
    const live = this.byUri.get(uri.toString())?.live;
    const i = live ? live.indexOfRange(start, end) : -1;
    return i < 0 ? undefined : live!.item(i);
  }

  set(input: FindingsInput): DocumentFindings {
    const entry = new StoredFindings(input);
    if (!entry.pending) this.dropPreview(entry.uri.toString());
    this.byUri.set(entry.uri.toString(), entry);
    this.emitter.fire(entry);
    return entry;
  }

  /**
   * The partial findings of a pending document (its shown lines, sorted by start, exact positions),
   * for the masking only (see `previews`); ignored unless the document's entry is pending.
   */
  setPreview(uri: vscode.Uri, live: LiveFindings): void {
    if (!this.byUri.get(uri.toString())?.pending) return;
    this.dropPreview(uri.toString(), live);
    this.previews.set(uri.toString(), live);
    this.previewEmitter.fire(uri);
  }

  /**
   * The findings to mask in a document: the published ones, or while its first scan runs and has
   * published none, the preview of its shown lines.
   */
  maskable(uri: vscode.Uri): LiveFindings | undefined {
    const e = this.byUri.get(uri.toString());
    if (e?.pending && e.count === 0) return this.previews.get(uri.toString()) ?? e.live;
    return e?.live;
  }

  /** Forgets a preview's secrets (its findings are not the published ones), except those `keep` holds. */
  private dropPreview(key: string, keep?: LiveFindings): void {
    const old = this.previews.get(key);
    if (!old || old === keep) return;
    this.previews.delete(key);
    const kept = new Set(keep?.all());
    for (const f of old.all()) if (!kept.has(f)) dropSecret(f);
  }

  /** The document closed: its findings forget their secrets (nothing acts on them any more) and are removed. */
  delete(uri: vscode.Uri): void {
    this.dropPreview(uri.toString());
    for (const f of this.byUri.get(uri.toString())?.findings ?? []) dropSecret(f);
    const had = this.byUri.delete(uri.toString());
    if (had) this.emitter.fire(new StoredFindings({ uri, version: -1, findings: [] }));
  }

  all(): DocumentFindings[] {
    return [...this.byUri.values()];
  }

  dispose(): void {
    this.emitter.dispose();
    this.previewEmitter.dispose();
    this.previews.clear();
    this.byUri.clear();
  }
}
