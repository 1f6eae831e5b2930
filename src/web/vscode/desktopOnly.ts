// The browser build (vscode.dev, github.dev: the web worker extension host) has no keychain, no
// integrated terminal of its own, no Node networking for issuer APIs and no CLI. Their commands are
// still registered there, so that the palette, a keybinding or a link never ends in "command not
// found": each says which feature needs VS Code desktop (or a remote window) and does nothing else.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';

/** What each desktop-only command would do, for its message. */
export const DESKTOP_ONLY: ReadonlyMap<CommandId, string> = new Map<CommandId, string>([
  [CommandId.RevokeToken, 'Revoking a token at its issuer'],
  [CommandId.CheckToken, 'Asking an issuer whether a token is live'],
  [CommandId.MoveToKeychain, 'Moving a token to the keychain'],
  [CommandId.OpenTerminalWithSecrets, 'Opening a terminal with keychain secrets'],
  [CommandId.VaultReferenceActions, 'Keychain references'],
  [CommandId.VaultCopyValue, 'Copying a value from the keychain'],
  [CommandId.VaultInsertIntoTerminal, 'Typing a keychain value into a terminal'],
  [CommandId.VaultRevokeStored, 'Revoking a stored token'],
  [CommandId.VaultDeleteStored, 'Deleting a keychain secret'],
  [CommandId.VaultRestoreValue, 'Restoring a value from the keychain'],
]);

/** The message a desktop-only command shows in the browser build. */
export function desktopOnlyMessage(what: string): string {
  return vscode.l10n.t(
    'Token Custody: {0} needs VS Code desktop (or a remote window such as Codespaces or code-server). In the browser, Token Custody finds and masks tokens and keeps the custody view; the keychain, the terminal guard, revocation and the CLI and agent tools are not available here.',
    what,
  );
}

/**
 * Registers every desktop-only command with its message, and the terminal paste key command as the
 * workbench's own paste (the guard needs the desktop; the keys must still paste). `onUsed` is told
 * which command was run (the output channel notes it).
 */
export function registerDesktopOnlyCommands(onUsed: (id: CommandId) => void): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  for (const [id, what] of DESKTOP_ONLY) {
    disposables.push(vscode.commands.registerCommand(id, () => {
      onUsed(id);
      void vscode.window.showInformationMessage(desktopOnlyMessage(what));
    }));
  }
  let toldPaste = false;
  disposables.push(vscode.commands.registerCommand(CommandId.TerminalPaste, async () => {
    if (!toldPaste) {
      toldPaste = true;
      onUsed(CommandId.TerminalPaste);
    }
    await vscode.commands.executeCommand('workbench.action.terminal.paste');
  }));
  return vscode.Disposable.from(...disposables);
}
