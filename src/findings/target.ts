// What the finding-targeted commands take as argument (code actions, command links, the custody view).

/** Argument shape shared by the finding-targeted commands. Ranges may be vscode.Range or plain JSON (from command links). */
export interface FindingTarget {
  uri?: string | { toString(): string };
  range?: { start: { line: number; character: number }; end: { line: number; character: number } } | [{ line: number; character: number }, { line: number; character: number }];
  fingerprint?: string;
}
