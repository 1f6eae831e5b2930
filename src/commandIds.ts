// Every command id of the extension, in one leaf module (no imports): the areas register and run
// commands only through these names, and nothing else in src/ spells a command id as a string.
// test/unit/manifest.test.ts checks this list against package.json in both directions: every
// contributed command, keybinding, menu entry and `command:` link is here, and every id here that is
// not in INTERNAL_COMMANDS is contributed.

export const CommandId = {
  // ---- Revocation (src/commands/) ----
  /** Revoke a token through its issuer: `{ uri, range }` of a finding, a custody row `{ fingerprint }`, or a quick pick of tokens seen + "Enter a token…". */
  RevokeToken: 'tokenCustody.revokeToken',
  /** Ask the issuer whether a token is live (read-only): same arguments as RevokeToken. */
  CheckToken: 'tokenCustody.checkToken',

  // ---- Editor (src/editor/) ----
  /** Reveal the active editor's tokens for `tokenCustody.masking.revealSeconds`. */
  RevealTokens: 'tokenCustody.revealTokens',
  /** Mask the active editor's tokens again. */
  MaskTokens: 'tokenCustody.maskTokens',
  /** Mask the active editor's tokens when revealed, reveal them when masked. */
  ToggleMasking: 'tokenCustody.toggleMasking',
  /** Ignore a finding: `{ uri, range, how: 'line' | 'everywhere' | 'path' }`. */
  IgnoreToken: 'tokenCustody.ignoreToken',

  // ---- Custody (src/custody/) ----
  /** Scan the workspace's files (include/exclude globs, progress, cancellable). */
  ScanWorkspace: 'tokenCustody.scanWorkspace',
  /** Focus the custody view. */
  ShowCustody: 'tokenCustody.showCustody',
  /** Export the custody log: `{ format: 'jsonl' | 'sarif', path }` skips the save dialog. */
  ExportCustodyLog: 'tokenCustody.exportCustodyLog',
  /** Clear the custody history of this workspace or of every workspace, after a modal confirmation. */
  ClearCustodyHistory: 'tokenCustody.clearCustodyHistory',
  /** Scan Workspace from the custody view's title bar or welcome text: progress shows in the view (hidden from the palette). */
  ScanWorkspaceFromView: 'tokenCustody.scanWorkspaceFromView',
  /** Open the extension's output channel (redacted log). */
  ShowLog: 'tokenCustody.showLog',
  /** Custody view row: copy a token's fingerprint, `{ fingerprint }` (hidden from the palette). */
  CopyFingerprint: 'tokenCustody.copyFingerprint',
  /** Custody view row: add a token's fingerprint to `.tokencustodyignore` (terminal tokens too), `{ fingerprint }` (hidden from the palette). */
  IgnoreTokenEverywhere: 'tokenCustody.ignoreTokenEverywhere',
  /** Custody view row: open the file place, then Move to keychain, `{ uri, range, fingerprint }` (hidden from the palette). */
  MoveToKeychainAt: 'tokenCustody.moveToKeychainAt',
  /** Custody view: a group's "Show more tokens" row lists the next page of its tokens, `state`. Internal. */
  CustodyShowMore: 'tokenCustody.custodyView.showMore',

  // ---- Terminal (src/terminal/) ----
  /** Guarded terminal paste, bound to the terminal paste keys. */
  TerminalPaste: 'tokenCustody.terminalPaste',

  // ---- Vault (src/vault/) ----
  /** Store the token in the keychain and replace it with a reference: `{ uri, range }`, or the finding at the cursor. */
  MoveToKeychain: 'tokenCustody.moveToKeychain',
  /** New terminal whose environment holds the resolved values of the workspace's `.env` references. */
  OpenTerminalWithSecrets: 'tokenCustody.openTerminalWithSecrets',
  /** Reference CodeLens: quick pick of the actions below, `ReferenceArg`. Internal. */
  VaultReferenceActions: 'tokenCustody.vault.referenceActions',
  /** Reference hover/CodeLens: copy the stored value to the clipboard. Internal. */
  VaultCopyValue: 'tokenCustody.vault.copyValue',
  /** Reference hover/CodeLens: type the stored value into the active terminal (asks first). Internal. */
  VaultInsertIntoTerminal: 'tokenCustody.vault.insertIntoTerminal',
  /** Reference hover/CodeLens: revoke the stored token at its issuer (asks first). Internal. */
  VaultRevokeStored: 'tokenCustody.vault.revokeStored',
  /** Reference hover/CodeLens: delete the stored secret (asks first). Internal. */
  VaultDeleteStored: 'tokenCustody.vault.deleteStored',
  /** Reference hover/CodeLens: replace the reference by the value again (undoable). Internal. */
  VaultRestoreValue: 'tokenCustody.vault.restoreValue',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Commands run only from hovers, CodeLenses and view rows: package.json does not contribute them (no palette entries). */
export const INTERNAL_COMMANDS: ReadonlySet<CommandId> = new Set([
  CommandId.CustodyShowMore,
  CommandId.VaultReferenceActions,
  CommandId.VaultCopyValue,
  CommandId.VaultInsertIntoTerminal,
  CommandId.VaultRevokeStored,
  CommandId.VaultDeleteStored,
  CommandId.VaultRestoreValue,
]);
