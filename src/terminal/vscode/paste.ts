// `tokenCustody.terminalPaste`, bound to the terminal paste keys. A clean clipboard is pasted by VS
// Code's own `workbench.action.terminal.paste` (bracketed paste, multi-line warning, no added newline);
// a clipboard holding a token opens a modal choice first. Running a command through executeCommand does
// not go through keybindings, so delegating cannot loop back into this command.

import * as vscode from 'vscode';
import type { Core, StoredToken } from '../../core';
import { terminalWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { distinctTokens } from '../../findings/distinct';
import { replaceWithShellExpressions, suggestNameAt } from '../../vault/paste';
import { pasteButtons, pasteChoiceText } from '../format';

const NATIVE_PASTE = 'workbench.action.terminal.paste';

export interface PasteHooks {
  /** Whether a fingerprint is ignored (ignore file or this window's Ignore actions). */
  isIgnored(fingerprint: string): boolean;
  /** The user saw this token on paste: the watcher must not warn about it again in that terminal. */
  acknowledged(terminal: vscode.Terminal, fingerprint: string): void;
}

function isTerminal(v: unknown): v is vscode.Terminal {
  return typeof v === 'object' && v !== null && typeof (v as vscode.Terminal).sendText === 'function' && typeof (v as vscode.Terminal).name === 'string';
}

export class TerminalPaste {
  constructor(private readonly core: Core, private readonly hooks: PasteHooks) {}

  /** The command handler. `arg` may be a terminal (e.g. from a menu); otherwise the active terminal. */
  async run(arg?: unknown): Promise<void> {
    const terminal = isTerminal(arg) ? arg : vscode.window.activeTerminal;
    if (!terminal || !this.core.settings().interceptPaste) return this.native(terminal);
    const text = await vscode.env.clipboard.readText();
    if (!text) return this.native(terminal);
    const findings = this.core.scanners.scanner.scan(text, { positionAt: () => ({ line: 0, col: 0 }) }).filter((f) => !this.hooks.isIgnored(f.fingerprint));
    if (!findings.length) return this.native(terminal);
    await this.choose(terminal, text, findings);
  }

  private async native(terminal: vscode.Terminal | undefined): Promise<void> {
    if (terminal && terminal !== vscode.window.activeTerminal) terminal.show(false);
    await vscode.commands.executeCommand(NATIVE_PASTE);
  }

  private async choose(terminal: vscode.Terminal, text: string, findings: Finding[]): Promise<void> {
    const { custody, areas, log } = this.core;
    const where = terminalWhere(terminal.name, 'paste');
    const tokens = distinctTokens(findings);
    for (const f of tokens) {
      custody.detected(f, where);
      this.core.areas.autoRevoke?.consider(f, 'terminal-paste', where);
    }
    const vault = areas.vault;
    const { message, detail } = pasteChoiceText(tokens, terminal.name, Boolean(vault), vscode.l10n.t);
    const { reference: pasteReference, anyway: pasteAnyway } = pasteButtons(vscode.l10n.t);
    const buttons = vault ? [pasteReference, pasteAnyway] : [pasteAnyway];
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
    if (choice === pasteAnyway) {
      for (const f of tokens) {
        custody.record({ event: 'pasted-anyway', where }, { finding: f });
        this.hooks.acknowledged(terminal, f.fingerprint);
      }
      log.info(`terminal paste: pasted ${tokens.map((f) => f.redacted).join(', ')} anyway into "${terminal.name}"`);
      // The clipboard may have changed while the dialog was open: paste what the user approved.
      if ((await vscode.env.clipboard.readText()) === text) await this.native(terminal);
      else this.send(terminal, text);
      return;
    }
    if (choice === pasteReference && vault) {
      const stored = new Map<string, StoredToken>();
      for (const f of tokens) {
        const s = await vault.storeToken(f, { suggestedName: suggestNameAt(text, f.range.start), reason: 'terminal-paste' });
        if (!s) {
          log.info(`terminal paste: storing ${f.redacted} was cancelled or failed; nothing was pasted`);
          return;
        }
        stored.set(f.fingerprint, s);
      }
      const replaced = replaceWithShellExpressions(text, findings.map((f) => ({ start: f.range.start, end: f.range.end, expression: stored.get(f.fingerprint)!.shellExpression })));
      for (const f of tokens) {
        const s = stored.get(f.fingerprint)!;
        custody.record({ event: 'paste-replaced', where, detail: { reference: s.reference, backend: s.backend } }, { finding: f });
      }
      log.info(`terminal paste: pasted keychain reference(s) ${[...stored.values()].map((s) => s.reference).join(', ')} into "${terminal.name}"`);
      await this.pasteText(terminal, replaced);
      return;
    }
    log.info(`terminal paste: cancelled (clipboard held ${tokens.map((f) => f.redacted).join(', ')})`);
  }

  /** Pastes text that is not the clipboard's: one line is sent as typed; several lines go through the native paste (bracketed). */
  private async pasteText(terminal: vscode.Terminal, text: string): Promise<void> {
    if (!/[\r\n]/.test(text)) return this.send(terminal, text);
    const original = await vscode.env.clipboard.readText();
    await vscode.env.clipboard.writeText(text);
    try {
      await this.native(terminal);
    } finally {
      await vscode.env.clipboard.writeText(original);
    }
  }

  private send(terminal: vscode.Terminal, text: string): void {
    terminal.show(false);
    terminal.sendText(text, false);
  }
}
