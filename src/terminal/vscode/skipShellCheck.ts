// The paste keys reach `tokenCustody.terminalPaste` only while it is listed in
// `terminal.integrated.commandsToSkipShell` (otherwise the terminal sends them to the shell). The
// extension lists it through `configurationDefaults`, but a user or workspace value of that setting
// replaces the default list: then the guard silently stops working. This check notices it at start
// (and when the setting changes) and offers to add the command to the value that hides it.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { Core } from '../../core';
import { Service } from '../../util/vscode/disposable';
import { skipShellFix, type SkipShellInspect } from '../skipShell';

const SECTION = 'terminal.integrated';
const KEY = 'commandsToSkipShell';
/** globalState key: the user chose "Don't Ask Again". */
export const SKIP_SHELL_DISMISSED = 'tokenCustody.skipShellCheck.dismissed';

export class SkipShellCheck extends Service {
  private asking = false;

  constructor(private readonly core: Core) {
    super();
    this.own(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`) || e.affectsConfiguration('tokenCustody.terminal.interceptPaste')) void this.run();
    }));
  }

  /** Checks the setting; asks (once at a time) when the guard is missing. Resolves when the user answered. */
  async run(): Promise<'ok' | 'fixed' | 'declined' | 'dismissed' | 'off'> {
    if (!this.core.settings().interceptPaste) return 'off';
    if (this.core.context.globalState.get<boolean>(SKIP_SHELL_DISMISSED)) return 'dismissed';
    const inspect = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY) as SkipShellInspect | undefined;
    const fix = skipShellFix(inspect, CommandId.TerminalPaste);
    if (!fix) return 'ok';
    if (this.asking) return 'declined';
    this.asking = true;
    try {
      const where = fix.target === 'workspace' ? 'workspace settings' : 'user settings';
      this.core.log.warn(`terminal.integrated.commandsToSkipShell in ${where} does not list ${CommandId.TerminalPaste}: the terminal paste guard cannot see the paste keys`);
      const addToSetting = vscode.l10n.t('Add to Setting');
      const dontAskAgain = vscode.l10n.t('Don\'t Ask Again');
      const message = fix.target === 'workspace'
        ? vscode.l10n.t('Token Custody: your workspace settings set "{0}" without "{1}", so the terminal sends the paste keys to the shell and the paste guard never sees them. Add it to that setting?', `${SECTION}.${KEY}`, CommandId.TerminalPaste)
        : vscode.l10n.t('Token Custody: your user settings set "{0}" without "{1}", so the terminal sends the paste keys to the shell and the paste guard never sees them. Add it to that setting?', `${SECTION}.${KEY}`, CommandId.TerminalPaste);
      const choice = await vscode.window.showWarningMessage(message, addToSetting, dontAskAgain);
      if (choice === addToSetting) {
        const target = fix.target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration(SECTION).update(KEY, fix.value, target);
        this.core.log.info(`added ${CommandId.TerminalPaste} to terminal.integrated.commandsToSkipShell (${where})`);
        return 'fixed';
      }
      if (choice === dontAskAgain) {
        await this.core.context.globalState.update(SKIP_SHELL_DISMISSED, true);
        return 'dismissed';
      }
      return 'declined';
    } finally {
      this.asking = false;
    }
  }
}
