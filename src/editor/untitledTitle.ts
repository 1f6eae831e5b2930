// An untitled editor's title is its first line (`workbench.editor.untitled.labelFormat`: `content`,
// VS Code's default): the tab, the window title, Open Editors, Ctrl+Tab and the "save changes?"
// prompt show that text, and the extension cannot mask it. When a token lies where that title comes
// from, the user is told once and offered titles by name (`Untitled-1`). Plain Node: the decision,
// unit-tested; the notification is src/editor/vscode/untitledTitle.ts.

/** globalState key: the user chose "Don't Show Again". */
export const UNTITLED_TITLE_DISMISSED = 'tokenCustody.untitledTitle.dismissed';

/** The VS Code setting (section and key) that decides what an untitled editor's title shows. */
export const LABEL_FORMAT_SECTION = 'workbench.editor';
export const LABEL_FORMAT_KEY = 'untitled.labelFormat';

/**
 * How VS Code makes the title (UntitledTextEditorModel.updateNameFromFirstLine): the first 400 UTF-16
 * units of line 1, trimmed, runs of white space made one space, U+202E removed, cut to 40 characters.
 */
const CANDIDATE_MAX = 400;
const TITLE_MAX = 40;

/**
 * True when a token starting at `startCol` (0-based, UTF-16) of the first line `firstLine` shows in
 * the title VS Code makes of that line (at least its first character).
 */
export function titleShowsColumn(firstLine: string, startCol: number): boolean {
  if (startCol >= CANDIDATE_MAX || startCol >= firstLine.length) return false;
  const before = firstLine.slice(0, startCol).replace(/\u202E/g, '').trimStart().replace(/\s+/g, ' ');
  return before.length < TITLE_MAX;
}

/** An untitled document without a file path: VS Code titles it by content (`untitled:Untitled-1`). */
export function titledByContent(uri: { scheme: string; path: string }): boolean {
  // An untitled document that will be saved to a known path (`untitled:/home/me/a.env`) is titled by
  // that file's name.
  return uri.scheme === 'untitled' && !uri.path.includes('/');
}

/**
 * `workbench.editor.untitled.labelFormat` as VS Code reads it: only `name` titles untitled editors
 * by name; `content` (the default) and any other value by their first line.
 */
export function labelFormatShowsContent(value: unknown): boolean {
  return value !== 'name';
}

export interface UntitledTitleCase {
  /** The document's URI (scheme and path). */
  uri: { scheme: string; path: string };
  /** Where its first finding (in document order) starts, 0-based; undefined when it has none. */
  first: { line: number; col: number } | undefined;
  /** The document's first line. */
  firstLine: string;
  /** The effective `workbench.editor.untitled.labelFormat`. */
  labelFormat: unknown;
  /** The user chose "Don't Show Again". */
  dismissed: boolean;
  /** The warning was shown in this window already. */
  shownThisSession: boolean;
}

/**
 * Whether to warn that a token shows in an untitled editor's title: once per window session, never
 * after "Don't Show Again", only for an untitled document titled by content whose first line shows a
 * token in that title. Findings are in document order, so the first one decides: a later one on the
 * same line starts further right.
 */
export function shouldWarnUntitledTitle(c: UntitledTitleCase): boolean {
  if (c.dismissed || c.shownThisSession) return false;
  if (!titledByContent(c.uri) || !c.first || c.first.line !== 0) return false;
  if (!labelFormatShowsContent(c.labelFormat)) return false;
  return titleShowsColumn(c.firstLine, c.first.col);
}
