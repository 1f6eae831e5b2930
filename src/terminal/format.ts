// Pure helpers of the terminal area: the texts it shows and the once-per-terminal bookkeeping of
// warnings (what it pastes in place of a token is in src/vault/paste.ts). No `vscode` import
// (unit-tested in plain Node): the texts take a `Translate` (host code passes vscode.l10n.t).

import type { Finding } from '../engine';
import { distinctTokens } from '../findings/distinct';
import { english, type Translate } from '../util/l10n';

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

/** The buttons of the paste choice, in the user's language. */
export function pasteButtons(t: Translate = english): { reference: string; anyway: string } {
  return { reference: t('Paste Reference Instead'), anyway: t('Paste Anyway') };
}

/** The modal paste choice: names the token type(s) and redacted forms. */
export function pasteChoiceText(findings: readonly Described[], terminalName: string, referenceOffered: boolean, t: Translate = english): { message: string; detail: string } {
  const tokens = distinctTokens(findings);
  const message = tokens.length === 1
    ? t('The clipboard holds a {0} ({1}).', tokens[0]!.name, tokens[0]!.redacted)
    : t('The clipboard holds {0} tokens: {1}.', tokens.length, describeTokens(tokens));
  const detail = [
    t('Pasting it into terminal "{0}" leaves it in the scrollback and, once run, in your shell history.', terminalName),
    referenceOffered ? t('{0} stores it in your keychain and pastes a command that reads it back when the line runs.', pasteButtons(t).reference) : '',
  ].filter(Boolean).join(' ');
  return { message, detail };
}

export type TerminalPlaceName = 'output' | 'command';

/**
 * The terminal warning: names the token type and redacted form, the terminal and the (redacted)
 * command; in a terminal an AI agent drives (`agentLabel`), it says the token reached a model.
 */
export function terminalWarningText(f: Described, terminalName: string, place: TerminalPlaceName, redactedCommand: string | undefined, agentLabel?: string, t: Translate = english): string {
  const cmd = redactedCommand ? shorten(redactedCommand) : undefined;
  const where = place === 'command'
    ? cmd ? t('is in the command line "{0}"', cmd) : t('is in the command line')
    : cmd ? t('appeared in the output of "{0}"', cmd) : t('appeared in the output of a command');
  if (agentLabel) {
    return t('Token Custody: {0} {1} {2} in terminal "{3}", which {4} drives: the token reached a model (and most likely its provider). Revoke it.', f.name, f.redacted, where, terminalName, agentLabel);
  }
  return t('Token Custody: {0} {1} {2} in terminal "{3}".', f.name, f.redacted, where, terminalName);
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
