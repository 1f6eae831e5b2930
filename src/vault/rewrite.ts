// Writes a reference in place of a secret, in the syntax of the file it sits in.
//  - .env: the reference as the value, quotes kept (`NAME=keychain://token-custody/NAME`).
//  - shell: `"$(token-custody secret get NAME)"`, fitted to the quotes around the token.
//  - YAML / JSON / source-code string literals: the reference inside the existing quotes.
//  - Markdown / plain text / anything else: the bare reference.
// References only use [A-Za-z0-9_.:/-], so they need no escaping in any string literal.

import { type ReferenceScheme, formatReference, shellResolveExpression } from './reference';

export type ReferenceSyntax = 'dotenv' | 'shell' | 'yaml' | 'json' | 'code' | 'plain';

const LANGUAGE_SYNTAX: Record<string, ReferenceSyntax> = {
  dotenv: 'dotenv', env: 'dotenv', properties: 'dotenv', ini: 'dotenv',
  shellscript: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell', ksh: 'shell', dockerfile: 'plain', makefile: 'plain',
  yaml: 'yaml', 'github-actions-workflow': 'yaml', dockercompose: 'yaml',
  json: 'json', jsonc: 'json', jsonl: 'json', json5: 'json',
  markdown: 'plain', plaintext: 'plain', log: 'plain',
};

const SHELL_FILES = /(^|[\\/])(\.envrc|\.bashrc|\.bash_profile|\.bash_login|\.zshrc|\.zshenv|\.zprofile|\.profile|\.kshrc)$|\.(sh|bash|zsh|ksh|command)$/i;
const DOTENV_FILES = /(^|[\\/])\.env(\.[^\\/]*)?$|\.env$/i;

/** Syntax from a VS Code language id (`shellscript`, `dotenv`…) or a file name/path. */
export function referenceSyntax(languageIdOrFileName: string): ReferenceSyntax {
  const key = languageIdOrFileName.trim();
  const byLanguage = LANGUAGE_SYNTAX[key.toLowerCase()];
  if (byLanguage) return byLanguage;
  if (DOTENV_FILES.test(key)) return 'dotenv';
  if (SHELL_FILES.test(key)) return 'shell';
  if (/\.ya?ml$/i.test(key)) return 'yaml';
  if (/\.(json|jsonc|json5|jsonl)$/i.test(key)) return 'json';
  if (/\.(md|markdown|txt|log|rst|adoc)$/i.test(key)) return 'plain';
  if (/\.[A-Za-z0-9]+$/.test(key) || key.includes('/') || key.includes('\\')) return 'code';
  return 'code'; // any other language id: a string literal (or bare text) of that language
}

export interface ReferenceEditInput {
  /** VS Code language id or file name. */
  languageId: string;
  text: string;
  /** Range of the secret (UTF-16 offsets, `end` exclusive). */
  start: number;
  end: number;
  name: string;
  /** Default `keychain`. */
  scheme?: ReferenceScheme;
}

export interface ReferenceEdit {
  /** Exact range to replace (may be wider than the secret, e.g. to swallow quotes). */
  start: number;
  end: number;
  newText: string;
  /** The reference (`keychain://token-custody/NAME`). */
  reference: string;
  syntax: ReferenceSyntax;
}

type ShellQuote = 'none' | 'single' | 'double' | 'comment';

/** Quote state of a POSIX shell line at `offset` (scanned from the start of its line). */
export function shellQuoteAt(text: string, offset: number): ShellQuote {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let state: ShellQuote = 'none';
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (state === 'none') {
      if (c === '\\') i++;
      else if (c === "'") state = 'single';
      else if (c === '"') state = 'double';
      else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1] ?? ''))) return 'comment';
    } else if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (state === 'double') {
      if (c === '\\') i++;
      else if (c === '"') state = 'none';
    }
  }
  return state;
}

/** The edit that replaces the secret at `start…end` by a reference written for the file's syntax. */
export function referenceEdit(input: ReferenceEditInput): ReferenceEdit {
  const { text, start, end, name } = input;
  if (!(start >= 0 && end > start && end <= text.length)) throw new RangeError('referenceEdit: the secret range is outside the text.');
  const scheme = input.scheme ?? 'keychain';
  const reference = formatReference({ scheme, name });
  const syntax = referenceSyntax(input.languageId);
  const plain: ReferenceEdit = { start, end, newText: reference, reference, syntax };
  if (syntax !== 'shell' || scheme !== 'keychain') return plain;

  const expr = shellResolveExpression(name);
  switch (shellQuoteAt(text, start)) {
    case 'comment':
      return plain;
    case 'double':
      return { start, end, newText: expr, reference, syntax };
    case 'none':
      return { start, end, newText: `"${expr}"`, reference, syntax };
    case 'single':
      // 'TOKEN' → "$(…)"; 'Bearer TOKEN' → 'Bearer '"$(…)"'' (close, substitute, reopen).
      if (text[start - 1] === "'" && text[end] === "'") return { start: start - 1, end: end + 1, newText: `"${expr}"`, reference, syntax };
      return { start, end, newText: `'"${expr}"'`, reference, syntax };
  }
}
