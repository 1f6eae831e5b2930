// Pure helpers of the terminal area: the texts it shows, the reference it pastes in place of a token,
// and the once-per-terminal bookkeeping of warnings. No `vscode` import (unit-tested in plain Node).

import type { StoredToken } from '../core';
import type { Finding } from '../engine';
import { schemeForBackend, shellResolveExpression } from '../vault/reference';
import { referenceEdit, referenceSyntax, shellQuoteAt } from '../vault/rewrite';

type Described = Pick<Finding, 'fingerprint' | 'name' | 'redacted'>;

/** Findings with distinct fingerprints, in order of first appearance. */
export function distinctTokens<T extends Pick<Finding, 'fingerprint'>>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && Boolean(seen.add(f.fingerprint)));
}

/** "GitHub personal access token (classic) ghp_••••3kQz" for each distinct token, joined. */
export function describeTokens(findings: readonly Described[]): string {
  return distinctTokens(findings).map((f) => `${f.name} ${f.redacted}`).join(', ');
}

/** Shortens a (redacted) text for a one-line message. */
export function shorten(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The modal paste choice (DESIGN §7): names the token type(s) and redacted forms. */
export function pasteChoiceText(findings: readonly Described[], terminalName: string, referenceOffered: boolean): { message: string; detail: string } {
  const tokens = distinctTokens(findings);
  const message = tokens.length === 1
    ? `The clipboard holds a ${tokens[0]!.name} (${tokens[0]!.redacted}).`
    : `The clipboard holds ${tokens.length} tokens: ${describeTokens(tokens)}.`;
  const detail = [
    `Pasting it into terminal "${terminalName}" leaves it in the scrollback and, once run, in your shell history.`,
    referenceOffered ? 'Paste Reference Instead stores it in your keychain and pastes a command that reads it back when the line runs.' : '',
  ].filter(Boolean).join(' ');
  return { message, detail };
}

export type TerminalPlaceName = 'output' | 'command';

/** The terminal warning: names the token type and redacted form, the terminal and the (redacted) command. */
export function terminalWarningText(f: Described, terminalName: string, place: TerminalPlaceName, redactedCommand: string | undefined): string {
  const cmd = redactedCommand ? ` "${shorten(redactedCommand)}"` : '';
  const where = place === 'command'
    ? `is in the command line${cmd}`
    : `appeared in the output of${cmd || ' a command'}`;
  return `Token Custody: ${f.name} ${f.redacted} ${where} in terminal "${terminalName}".`;
}

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

/**
 * Remembers which (owner, key) pairs were seen, e.g. (terminal, fingerprint), so each is reported once
 * per window. Owners are held weakly; each owner keeps at most `maxPerOwner` keys (the oldest go first).
 */
export class OncePer<O extends object> {
  private readonly seen = new WeakMap<O, Set<string>>();

  constructor(private readonly maxPerOwner = 10_000) {}

  /** True the first time (owner, key) is seen; false afterwards. */
  first(owner: O, key: string): boolean {
    let keys = this.seen.get(owner);
    if (!keys) this.seen.set(owner, (keys = new Set()));
    if (keys.has(key)) return false;
    keys.add(key);
    if (keys.size > this.maxPerOwner) {
      const oldest = keys.values().next().value;
      if (oldest !== undefined) keys.delete(oldest);
    }
    return true;
  }

  /** Marks (owner, key) as seen without reporting. */
  mark(owner: O, key: string): void {
    this.first(owner, key);
  }
}
