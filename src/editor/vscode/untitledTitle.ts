// Warns once when a token lies on the first line of an untitled editor, which VS Code shows unmasked as
// that editor's title (src/editor/untitledTitle.ts decides when), and offers to title untitled editors
// by name: `workbench.editor.untitled.labelFormat` = `name` in the user settings, written only when
// the user clicks. "Don't Show Again" is kept in globalState; otherwise at most once per window.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { errorMessage } from '../../errors';
import { Service } from '../../util/vscode/disposable';
import { LABEL_FORMAT_KEY, LABEL_FORMAT_SECTION, labelFormatShowsContent, shouldWarnUntitledTitle, UNTITLED_TITLE_DISMISSED } from '../untitledTitle';

/** A warning shown, and the answer once given: `names` (the button), `dismissed` ("Don't Show Again") or `closed`. */
export interface UntitledTitleNotice {
  readonly message: string;
  answer?: 'names' | 'dismissed' | 'closed';
}

export class UntitledTitleWarning extends Service {
  private shown = false;
  /** "Don't Show Again" was read from globalState as set: nothing is looked up any more. */
  private dismissed = false;
  /** The effective label format, read once and forgotten when that setting changes. */
  private labelFormat: { value: unknown } | undefined;
  /** The warnings shown and how each was answered, oldest first (tests read them; no token is in them). */
  readonly history: UntitledTitleNotice[] = [];

  constructor(private readonly core: Core) {
    super();
    this.own(core.store.onDidChange((e) => {
      // Cheap tests first: this runs on every publish, keystrokes included.
      if (this.shown || this.dismissed || e.uri.scheme !== 'untitled' || !e.count || e.live.rangeAt(0).startLine !== 0) return;
      this.consider(e.uri, e.live.rangeAt(0).startCol);
    }));
    this.own(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${LABEL_FORMAT_SECTION}.${LABEL_FORMAT_KEY}`)) this.labelFormat = undefined;
    }));
  }

  /** Lets the warning show again in this window (tests: each starts from a fresh session). */
  resetSession(): void {
    this.shown = false;
    this.dismissed = false;
    this.labelFormat = undefined;
  }

  private consider(uri: vscode.Uri, col: number): void {
    // Both answers are remembered, so a document whose first line holds a token costs no settings
    // lookup per keystroke once the user chose "Don't Show Again" or titles untitled editors by name.
    this.labelFormat ??= { value: vscode.workspace.getConfiguration(LABEL_FORMAT_SECTION, uri).get(LABEL_FORMAT_KEY) };
    if (!labelFormatShowsContent(this.labelFormat.value)) return;
    if (this.core.context.globalState.get<boolean>(UNTITLED_TITLE_DISMISSED) === true) {
      this.dismissed = true;
      return;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc || doc.isClosed || doc.lineCount === 0) return;
    const warn = shouldWarnUntitledTitle({
      uri,
      first: { line: 0, col },
      firstLine: doc.lineAt(0).text,
      labelFormat: this.labelFormat.value,
      dismissed: false,
      shownThisSession: this.shown,
    });
    if (!warn) return;
    this.shown = true;
    void this.warn(uri);
  }

  private async warn(uri: vscode.Uri): Promise<void> {
    const setting = `${LABEL_FORMAT_SECTION}.${LABEL_FORMAT_KEY}`;
    const useNames = vscode.l10n.t('Title Untitled Editors by Name');
    const dontShow = vscode.l10n.t('Don\'t Show Again');
    const message = vscode.l10n.t('Token Custody: a token is on the first line of an untitled editor. VS Code titles untitled editors by their first line, so the token shows unmasked in the tab, the window title, Open Editors and the save prompt. Title untitled editors by name ("Untitled-1") instead? This sets "{0}" to "name" in your user settings.', setting);
    const entry: UntitledTitleNotice = { message };
    this.history.push(entry);
    this.core.log.warn(`a token is on the first line of an untitled editor, which VS Code shows as its title (${setting}: content)`);
    const choice = await vscode.window.showWarningMessage(message, useNames, dontShow);
    if (choice === useNames) {
      entry.answer = 'names';
      try {
        await vscode.workspace.getConfiguration(LABEL_FORMAT_SECTION).update(LABEL_FORMAT_KEY, 'name', vscode.ConfigurationTarget.Global);
        this.core.log.info(`${setting} set to "name" in the user settings`);
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not change "{0}": {1}', setting, errorMessage(e)));
        return;
      }
      // A workspace or folder value still wins over the user settings.
      if (labelFormatShowsContent(vscode.workspace.getConfiguration(LABEL_FORMAT_SECTION, uri).get(LABEL_FORMAT_KEY))) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: your user settings now title untitled editors by name, but this workspace\'s settings set "{0}" to "content", which wins here.', setting));
      }
    } else if (choice === dontShow) {
      entry.answer = 'dismissed';
      this.dismissed = true;
      await this.core.context.globalState.update(UNTITLED_TITLE_DISMISSED, true);
    } else {
      entry.answer = 'closed';
    }
  }
}

