// Findings per open document, shared by diagnostics, masking, hover, code actions and the custody view.

import * as vscode from 'vscode';
import { dropSecret, type Finding } from '../../engine';

export interface DocumentFindings {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly findings: readonly Finding[];
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

export class FindingStore implements vscode.Disposable {
  private readonly byUri = new Map<string, DocumentFindings>();
  private readonly emitter = new vscode.EventEmitter<DocumentFindings>();
  /** Fires after a document's findings change (or are cleared: findings empty). */
  readonly onDidChange = this.emitter.event;

  get(uri: vscode.Uri): DocumentFindings | undefined {
    return this.byUri.get(uri.toString());
  }

  findings(uri: vscode.Uri): readonly Finding[] {
    return this.byUri.get(uri.toString())?.findings ?? [];
  }

  /** The finding whose range holds `offset` (end inclusive, so a cursor right after a token counts). */
  findingAt(uri: vscode.Uri, offset: number): Finding | undefined {
    return this.findings(uri).find((f) => f.range.start <= offset && offset <= f.range.end);
  }

  set(entry: DocumentFindings): void {
    this.byUri.set(entry.uri.toString(), entry);
    this.emitter.fire(entry);
  }

  /** The document closed: its findings forget their secrets (nothing acts on them any more) and are removed. */
  delete(uri: vscode.Uri): void {
    for (const f of this.byUri.get(uri.toString())?.findings ?? []) dropSecret(f);
    const had = this.byUri.delete(uri.toString());
    if (had) this.emitter.fire({ uri, version: -1, findings: [] });
  }

  all(): DocumentFindings[] {
    return [...this.byUri.values()];
  }

  dispose(): void {
    this.emitter.dispose();
    this.byUri.clear();
  }
}
