// Whether a secret may be typed into a terminal with `Terminal.sendText` (*Insert into terminal*).
// Plain TypeScript: no `vscode` import.
//
// `sendText` types the characters as if the user pressed the keys: a line break runs the line, so a
// multi-line secret (a PEM key, service-account JSON) would be executed line by line, and control
// characters (Ctrl-C, ESC sequences) act on the shell or the terminal. Such values are refused.

import { english, type Translate } from '../util/l10n';

/** Why `value` must not be typed into a terminal, or `undefined` when it may be. */
export function terminalInsertRefusal(value: string, t: Translate = english): string | undefined {
  if (/[\r\n\u2028\u2029\u0085]/.test(value)) {
    return t('it spans several lines, and each line would run as a command. Use {0}, or a terminal opened with "{1}" and the variable instead.', t('Copy value'), t('Open Terminal with Keychain Secrets'));
  }
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/.test(value)) {
    return t('it contains control characters, which the shell or the terminal would act on. Use {0} instead.', t('Copy value'));
  }
  return undefined;
}
