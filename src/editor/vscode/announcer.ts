// Announces tokens found in visible editors to screen-reader users (src/editor/announce.ts): a
// notification, which the workbench reads out through its ARIA alert (extensions have no direct
// `alert` API), only while `editor.accessibilitySupport` is `on`.

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { Service } from '../../util/vscode/disposable';
import { uiLocale } from '../../util/vscode/l10n';
import { Announced, announcementText, screenReaderOn } from '../announce';

export class ScreenReaderAnnouncer extends Service {
  private readonly announced = new Announced();
  /** The texts shown, newest last (tests read them; they hold redacted forms only). */
  readonly history: string[] = [];

  constructor(private readonly store: FindingStore) {
    super();
    this.own(store.onDidChange((e) => {
      if (e.version === -1) this.announced.forget(e.uri.toString());
      // After a keystroke only the findings it added can be new to the listener.
      else this.consider(e.uri, e.edit?.added);
    }));
    this.own(vscode.window.onDidChangeVisibleTextEditors(() => {
      for (const ed of vscode.window.visibleTextEditors) this.consider(ed.document.uri);
    }));
    this.own(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('editor.accessibilitySupport')) for (const ed of vscode.window.visibleTextEditors) this.consider(ed.document.uri);
    }));
  }

  private consider(uri: vscode.Uri, only?: readonly Finding[]): void {
    if (!screenReaderOn(vscode.workspace.getConfiguration('editor', uri).get('accessibilitySupport'))) return;
    const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === uri.toString());
    if (!editor) return;
    const tokens = (only ?? this.store.findings(uri)).map((f) => ({ fingerprint: f.fingerprint, name: f.name, redacted: f.redacted, line: f.range.startLine + 1 }));
    const fresh = this.announced.take(uri.toString(), tokens);
    if (!fresh.length) return;
    const file = uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, false) : (uri.path.split('/').pop() ?? uri.toString());
    const text = announcementText(file, fresh, uiLocale());
    this.history.push(text);
    void vscode.window.showInformationMessage(text);
  }
}
