// Context keys for `when` clauses: whether the active editor holds tokens, whether its cursor is on
// one, and whether they are masked. Move, Ignore, Reveal and Mask appear in the palette and menus only
// when they can act (package.json `menus`). A key is sent to the workbench only when its value changes.

import * as vscode from 'vscode';
import { ContextKey } from '../../contextKeys';
import { Service } from '../../util/vscode/disposable';
import type { FindingStore } from '../../findings/vscode/findingStore';
import type { MaskingService } from './masking';

export class EditorContextKeys extends Service {
  private readonly values = new Map<ContextKey, boolean>();

  constructor(private readonly store: FindingStore, private readonly masking: MaskingService, onDidChangeSettings: vscode.Event<Set<string>>) {
    super();
    this.own(store.onDidChange((e) => {
      if (e.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
    }));
    this.own(masking.onDidChangeMask(() => this.update()));
    this.own(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.own(vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) this.update();
    }));
    this.own(onDidChangeSettings((changed) => {
      if (changed.has('masking.enabled') || changed.has('enabled')) this.update();
    }));
    this.update();
  }

  /** Current values (for tests and the status bar). */
  get(key: ContextKey): boolean {
    return this.values.get(key) ?? false;
  }

  update(): void {
    const ed = vscode.window.activeTextEditor;
    const uri = ed?.document.uri;
    const live = uri ? this.store.get(uri)?.live : undefined;
    const hasTokens = Boolean(live?.length);
    const onToken = Boolean(ed && live && hasTokens && live.indexAt(ed.document.offsetAt(ed.selection.active)) >= 0);
    this.set(ContextKey.EditorHasTokens, hasTokens);
    this.set(ContextKey.CursorOnToken, onToken);
    this.set(ContextKey.Masked, Boolean(uri && hasTokens && this.masking.isMasked(uri)));
  }

  private set(key: ContextKey, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
