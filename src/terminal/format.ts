// Pure helpers of the terminal area: the texts it shows and the once-per-terminal bookkeeping of
// warnings (what it pastes in place of a token is in src/vault/paste.ts). No `vscode` import
// (unit-tested in plain Node).

import type { Finding } from '../engine';
import { distinctTokens } from '../findings/distinct';

type Described = Pick<Finding, 'fingerprint' | 'name' | 'redacted'>;

/** "GitHub personal access token (classic) ghp_••••3kQz" for each distinct token, joined. */
export function describeTokens(findings: readonly Described[]): string {
  return distinctTokens(findings).map((f) => `${f.name} ${f.redacted}`).join(', ');
}

/** Shortens a (redacted) text for a one-line message. */
export function shorten(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The modal paste choice: names the token type(s) and redacted forms. */
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

/**
 * The terminal warning: names the token type and redacted form, the terminal and the (redacted)
 * command; in a terminal an AI agent drives (`agentLabel`), it says the token reached a model.
 */
export function terminalWarningText(f: Described, terminalName: string, place: TerminalPlaceName, redactedCommand: string | undefined, agentLabel?: string): string {
  const cmd = redactedCommand ? ` "${shorten(redactedCommand)}"` : '';
  const where = place === 'command'
    ? `is in the command line${cmd}`
    : `appeared in the output of${cmd || ' a command'}`;
  if (agentLabel) {
    return `Token Custody: ${f.name} ${f.redacted} ${where} in terminal "${terminalName}", which ${agentLabel} drives: the token reached a model (and most likely its provider). Revoke it.`;
  }
  return `Token Custody: ${f.name} ${f.redacted} ${where} in terminal "${terminalName}".`;
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
