// Context keys the extension sets (DESIGN §8), in one leaf module like the command ids.

/** package.json `when` clauses use them (test/unit/keybindings.test.ts checks what they show). */
export const enum ContextKey {
  /** The active text editor has at least one finding. */
  EditorHasTokens = 'tokenCustody.editorHasTokens',
  /** The active editor's cursor (primary selection) is on a finding. */
  CursorOnToken = 'tokenCustody.cursorOnToken',
  /** The active editor's tokens are masked (false when revealed or when masking is off). */
  Masked = 'tokenCustody.masked',
}
