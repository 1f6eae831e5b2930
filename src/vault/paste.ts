// What is pasted in place of a token once the vault has stored it: shell expressions for a terminal,
// references in the document's syntax for the editor, and a name suggested by the text before the
// token. No `vscode` import (unit-tested in plain Node).

import type { StoredToken } from '../core';
import type { Finding } from '../engine';
import { schemeForBackend, shellResolveExpression } from './reference';
import { referenceEdit, referenceSyntax, shellQuoteAt } from './rewrite';

/** A token to replace in pasted text and the shell expression that reads it back (e.g. `"$(token-custody secret get NAME)"`). */
export interface ShellReplacement {
  start: number;
  end: number;
  expression: string;
}

function unquoted(expression: string): string {
  return expression.length >= 2 && expression.startsWith('"') && expression.endsWith('"') ? expression.slice(1, -1) : expression;
}

/**
 * The text with each token replaced by its shell expression, fitted to the quotes around it:
 * bare → `"$(…)"`, inside double quotes → `$(…)`, `'TOKEN'` → `"$(…)"`, inside single quotes → `'"$(…)"'`.
 */
export function replaceWithShellExpressions(text: string, replacements: readonly ShellReplacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue; // overlapping findings: the first one wins
    let start = r.start;
    let end = r.end;
    let insert: string;
    const quoted = r.expression.startsWith('"') ? r.expression : `"${r.expression}"`;
    switch (shellQuoteAt(text, r.start)) {
      case 'double':
        insert = unquoted(r.expression);
        break;
      case 'single':
        if (text[start - 1] === "'" && text[end] === "'" && start - 1 >= at) {
          start--;
          end++;
          insert = quoted;
        } else insert = `'${quoted}'`;
        break;
      default:
        insert = quoted;
    }
    out += text.slice(at, start) + insert;
    at = end;
  }
  return out + text.slice(at);
}

/** A name for the token from what precedes it on its line (`export GITHUB_TOKEN=…`, `token: …`), if any. */
export function suggestNameAt(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const m = /([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]\s*["']?$/.exec(before) ?? /--?([A-Za-z][A-Za-z0-9_-]*)[= ]["']?$/.exec(before);
  const name = m?.[1];
  return name && name.length <= 64 ? name : undefined;
}

/**
 * Editor paste: `pasted` with each token replaced by its reference, written for the document's syntax
 * (`languageId`: a language id or file name). `prefix` is the document's line up to the paste point
 * (it decides the shell quote state). `stored` maps fingerprints to what the vault stored.
 */
export function referencePasteText(languageId: string, prefix: string, pasted: string, findings: readonly Pick<Finding, 'fingerprint' | 'range'>[], stored: ReadonlyMap<string, StoredToken>): string {
  const sorted = [...findings].sort((a, b) => a.range.start - b.range.start);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    if (f.range.start < at) continue;
    const s = stored.get(f.fingerprint);
    if (!s) continue;
    const scheme = schemeForBackend(s.backend);
    const shell = referenceSyntax(languageId) === 'shell';
    // Quote state comes from the document before the paste plus the pasted text so far.
    const context = prefix + pasted;
    const start = prefix.length + f.range.start;
    const end = prefix.length + f.range.end;
    let edit = referenceEdit({ languageId, text: context, start, end, name: s.name, scheme: shell ? 'keychain' : scheme });
    if (edit.start < prefix.length + at) edit = { ...edit, start, end, newText: `'"${shellResolveExpression(s.name)}"'` }; // inside single quotes opened before the paste
    let newText = edit.newText;
    if (shell && scheme !== 'keychain') {
      // SecretStorage: the vault's own shell expression (it still resolves in a terminal).
      const expr = s.shellExpression.startsWith('"') && s.shellExpression.endsWith('"') ? s.shellExpression.slice(1, -1) : s.shellExpression;
      newText = newText.replace(shellResolveExpression(s.name), expr);
    }
    out += pasted.slice(at, edit.start - prefix.length) + newText;
    at = edit.end - prefix.length;
  }
  return out + pasted.slice(at);
}
