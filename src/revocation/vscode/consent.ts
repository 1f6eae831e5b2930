// Consent before a token leaves the machine: a modal naming the exact host that receives it
// (the revoke confirmation has the button **Revoke**; the modal's own Cancel sends nothing).

import * as vscode from 'vscode';
import type { ConfirmText } from '../messages';

/** Shows the modal; true only when the user pressed the send button. */
export async function askConsent(text: ConfirmText): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, text.button);
  return choice === text.button;
}
