// Inline masking: a finding's characters are hidden by a decoration and its redacted form is shown
// in their place; the document text is never changed. Decorations come from the FindingStore's
// cache, applied synchronously when an editor becomes visible (no flash of the token). Reveal is per
// document, for `tokenCustody.masking.revealSeconds` (0 = until masked again). A caret moving into a
// masked token jumps over it as one unit. A document with more than FULL_MASK_LIMIT findings is
// decorated only in and around its visible ranges (src/editor/maskWindow.ts), redrawn when a scroll
// leaves that window. While a large document's first scan runs, the findings of the lines its
// editors show are masked (FindingStore.maskable), before the rest of the document is scanned.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { Finding, TextRange } from '../../engine';
import type { LiveFindings } from '../../findings/liveFindings';
import type { Settings } from '../../config/vscode/settings';
import { Service } from '../../util/vscode/disposable';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { covers, decorationWindow, FULL_MASK_LIMIT, type LineSpan } from '../maskWindow';

export interface MaskEvent {
  uri: vscode.Uri;
  state: 'masked' | 'revealed';
  findings: readonly Finding[];
}

export class MaskingService extends Service {
  /** Hides the token's characters; the redacted form is injected before them. */
  private readonly hidden = this.own(vscode.window.createTextEditorDecorationType({
    // `display: none` collapses the characters, so the injected redacted text takes their place.
    textDecoration: 'none; display: none;',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    before: {
      color: new vscode.ThemeColor('editorWarning.foreground'),
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorWarning.foreground'),
      margin: '0 1px',
    },
  }));
  /** Marks a revealed token so it is still obvious that it is a credential. */
  private readonly revealedDeco = this.own(vscode.window.createTextEditorDecorationType({
    border: '1px dotted',
    borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  }));
  private readonly revealed = new Map<string, ReturnType<typeof setTimeout> | true>();
  private readonly status = this.own(vscode.window.createStatusBarItem('tokenCustody.status', vscode.StatusBarAlignment.Right, 100));
  private readonly emitter = this.own(new vscode.EventEmitter<MaskEvent>());
  readonly onDidChangeMask = this.emitter.event;
  private lastSelection = new Map<vscode.TextEditor, vscode.Position>();
  private snapping = false;
  /**
   * What each editor was last decorated for: the window of lines, when only a window was decorated,
   * and what was decorated (its ranges as sent; `masked`: hidden, not marked as revealed).
   */
  private readonly drawn = new WeakMap<vscode.TextEditor, { window?: LineSpan[]; decorated: readonly { range: TextRange }[]; masked: boolean }>();
  /** Renders so far, and how many of them were windowed (tests, bench). */
  readonly stats = { renders: 0, windowed: 0 };

  constructor(private readonly store: FindingStore, private readonly settings: () => Settings) {
    super();
    this.status.name = 'Token Custody';
    this.own(store.onDidChange((e) => this.renderUri(e.uri)));
    // The shown lines of a large document, scanned before the rest of it (FindingStore.maskable).
    this.own(store.onDidChangePreview((uri) => this.renderUri(uri)));
    this.own(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((ed) => this.render(ed))));
    this.own(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this.own(vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)));
    // Synchronous, not debounced: the window's margin absorbs ordinary scrolling (no call at all),
    // and a jump past it is redrawn at once.
    this.own(vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const window = this.drawn.get(e.textEditor)?.window;
      if (window && !covers(window, lineSpans(e.visibleRanges), e.textEditor.document.lineCount)) this.render(e.textEditor);
    }));
    this.own({ dispose: () => this.revealed.forEach((t) => t !== true && clearTimeout(t)) });
    this.refresh();
  }

  /** Settings changed (masking on/off): re-render everything. */
  refresh(): void {
    for (const ed of vscode.window.visibleTextEditors) this.render(ed);
    this.updateStatus();
  }

  isMasked(uri: vscode.Uri): boolean {
    return this.settings().maskingEnabled && !this.revealed.has(uri.toString());
  }

  reveal(uri: vscode.Uri): void {
    const key = uri.toString();
    const old = this.revealed.get(key);
    if (old && old !== true) clearTimeout(old);
    const secs = this.settings().revealSeconds;
    this.revealed.set(key, secs > 0 ? setTimeout(() => this.mask(uri), secs * 1000) : true);
    this.renderUri(uri);
    this.emitter.fire({ uri, state: 'revealed', findings: this.store.findings(uri) });
  }

  mask(uri: vscode.Uri): void {
    const key = uri.toString();
    const old = this.revealed.get(key);
    if (old === undefined) return;
    if (old !== true) clearTimeout(old);
    this.revealed.delete(key);
    this.renderUri(uri);
    this.emitter.fire({ uri, state: 'masked', findings: this.store.findings(uri) });
  }

  private renderUri(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const ed of vscode.window.visibleTextEditors) if (ed.document.uri.toString() === key) this.render(ed);
    if (vscode.window.activeTextEditor?.document.uri.toString() === key) this.updateStatus();
  }

  private render(editor: vscode.TextEditor): void {
    const live = this.store.maskable(editor.document.uri);
    const masked = this.isMasked(editor.document.uri);
    const revealedShown = !masked && this.settings().maskingEnabled;
    const { decorate, window } = live && (masked || revealedShown) ? this.selection(live, editor) : { decorate: [], window: undefined };
    const toRange = (d: { range: TextRange }): vscode.Range => new vscode.Range(d.range.startLine, d.range.startCol, d.range.endLine, d.range.endCol);
    editor.setDecorations(this.hidden, masked ? decorate.map((d) => ({
      range: toRange(d),
      hoverMessage: undefined,
      renderOptions: { before: { contentText: d.finding.redacted } },
    })) : []);
    editor.setDecorations(this.revealedDeco, revealedShown ? decorate.map(toRange) : []);
    this.drawn.set(editor, { window, decorated: decorate, masked });
    this.stats.renders++;
    if (window) this.stats.windowed++;
  }

  /**
   * The findings to decorate with their ranges now. A large document's window is found by binary
   * search on the live list (positions read through its pending shifts; no finding is written), so
   * a keystroke's redraw follows the window, not the document.
   */
  private selection(live: LiveFindings, editor: vscode.TextEditor): { decorate: readonly { finding: Finding; range: TextRange }[]; window?: LineSpan[] } {
    const visible = lineSpans(editor.visibleRanges);
    if (live.length <= FULL_MASK_LIMIT) return { decorate: live.all().map((f) => ({ finding: f, range: f.range })) };
    const window = decorationWindow(visible, editor.document.lineCount);
    return { decorate: live.inLines(window), window };
  }

  /** How many findings the editor's last render decorated (tests). */
  decoratedCount(editor: vscode.TextEditor): number {
    return this.drawn.get(editor)?.decorated.length ?? 0;
  }

  /** The ranges the editor's last render hid (tests): what the masking sent, in the document's coordinates then. */
  maskedRanges(editor: vscode.TextEditor): TextRange[] {
    const d = this.drawn.get(editor);
    return d?.masked ? d.decorated.map((x) => ({ ...x.range })) : [];
  }

  private updateStatus(): void {
    const ed = vscode.window.activeTextEditor;
    const n = ed ? (this.store.get(ed.document.uri)?.count ?? 0) : 0;
    if (!ed || n === 0) {
      this.status.hide();
      return;
    }
    const masked = this.isMasked(ed.document.uri);
    const noun = n === 1 ? 'token' : 'tokens';
    if (!this.settings().maskingEnabled) {
      this.status.text = `$(shield) ${n} ${noun}`;
      this.status.tooltip = `Token Custody: ${n} ${noun} in this editor. Masking is off (tokenCustody.masking.enabled).`;
      this.status.command = 'workbench.actions.view.problems';
    } else if (masked) {
      this.status.text = `$(shield) ${n} ${noun} masked`;
      this.status.tooltip = `Token Custody: ${n} ${noun} in this editor, masked. Click to reveal.`;
      this.status.command = CommandId.RevealTokens;
    } else {
      this.status.text = `$(eye) ${n} ${noun} revealed`;
      this.status.tooltip = `Token Custody: ${n} ${noun} in this editor, revealed. Click to mask again.`;
      this.status.command = CommandId.MaskTokens;
    }
    this.status.backgroundColor = masked ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.status.show();
  }

  /** A single caret that lands inside a masked token is moved to the token's edge, in the direction it was going. */
  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    const ed = e.textEditor;
    const prev = this.lastSelection.get(ed);
    const sel = e.selections[0];
    if (sel) this.lastSelection.set(ed, sel.active);
    if (this.snapping || e.selections.length !== 1 || !sel || !sel.isEmpty || !this.isMasked(ed.document.uri)) return;
    if (e.kind === vscode.TextEditorSelectionChangeKind.Command) return;
    const offset = ed.document.offsetAt(sel.active);
    const live = this.store.maskable(ed.document.uri);
    const at = live ? live.indexAt(offset, true) : -1;
    if (at < 0) return;
    const f = { range: live!.rangeAt(at) };
    const prevOffset = prev ? ed.document.offsetAt(prev) : -1;
    let toEnd: boolean;
    if (prevOffset >= 0 && prevOffset <= f.range.start) toEnd = true; // moving right into it
    else if (prevOffset >= f.range.end) toEnd = false; // moving left into it
    else toEnd = offset - f.range.start > f.range.end - offset; // a click: nearest edge
    const target = ed.document.positionAt(toEnd ? f.range.end : f.range.start);
    this.snapping = true;
    ed.selection = new vscode.Selection(target, target);
    this.lastSelection.set(ed, target);
    this.snapping = false;
  }
}

function lineSpans(ranges: readonly vscode.Range[]): LineSpan[] {
  return ranges.map((r) => ({ start: r.start.line, end: r.end.line }));
}
