// Every command the extension contributes (DESIGN §7). package.json `contributes.commands` must list
// exactly these (checked by test/unit/manifest.test.ts).

export const enum CommandId {
  /** Revoke a token through its issuer: `{ uri, range }` of a finding, or a quick pick of tokens seen + "Enter a token…". */
  RevokeToken = 'tokenCustody.revokeToken',
  /** Ask the issuer whether a token is live (read-only): same arguments as RevokeToken. */
  CheckToken = 'tokenCustody.checkToken',
  /** Store the token in the keychain and replace it with a reference: `{ uri, range }`, or the finding at the cursor. */
  MoveToKeychain = 'tokenCustody.moveToKeychain',
  /** Reveal the active editor's tokens for `tokenCustody.masking.revealSeconds`. */
  RevealTokens = 'tokenCustody.revealTokens',
  /** Mask the active editor's tokens again. */
  MaskTokens = 'tokenCustody.maskTokens',
  /** Scan the workspace's files (include/exclude globs, progress, cancellable). */
  ScanWorkspace = 'tokenCustody.scanWorkspace',
  /** Focus the custody view. */
  ShowCustody = 'tokenCustody.showCustody',
  /** Export the custody log: `{ format: 'jsonl' | 'sarif', path }` skips the save dialog. */
  ExportCustodyLog = 'tokenCustody.exportCustodyLog',
  /** Ignore a finding: `{ uri, range, how: 'line' | 'everywhere' }`. */
  IgnoreToken = 'tokenCustody.ignoreToken',
  /** Guarded terminal paste, bound to the terminal paste keys. */
  TerminalPaste = 'tokenCustody.terminalPaste',
  /** New terminal whose environment holds the resolved values of the workspace's `.env` references. */
  OpenTerminalWithSecrets = 'tokenCustody.openTerminalWithSecrets',
}
