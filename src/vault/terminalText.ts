// Whether a secret may be typed into a terminal with `Terminal.sendText` (*Insert into terminal*).
// Plain TypeScript: no `vscode` import.
//
// `sendText` types the characters as if the user pressed the keys: a line break runs the line, so a
// multi-line secret (a PEM key, service-account JSON) would be executed line by line, and control
// characters (Ctrl-C, ESC sequences) act on the shell or the terminal. Such values are refused.

/** Why `value` must not be typed into a terminal, or `undefined` when it may be. */
export function terminalInsertRefusal(value: string): string | undefined {
  if (/[\r\n\u2028\u2029\u0085]/.test(value)) {
    return 'it spans several lines, and each line would run as a command. Use Copy value, or a terminal opened with "Open Terminal with Keychain Secrets" and the variable instead.';
  }
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/.test(value)) {
    return 'it contains control characters, which the shell or the terminal would act on. Use Copy value instead.';
  }
  return undefined;
}
