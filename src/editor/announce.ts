// Screen-reader announcements of tokens found in an editor. Masking is visual only: a screen reader
// reads the real characters, so when `editor.accessibilitySupport` is `on` each new token in a visible
// editor is announced once, by its type, line and redacted form (never the token). Plain Node.

import { ENGLISH, type Locale } from '../util/l10n';

export interface AnnouncedToken {
  fingerprint: string;
  name: string;
  redacted: string;
  /** 1-based. */
  line: number;
}

/** `editor.accessibilitySupport`: only `on` says a screen reader is in use (extensions are not told what `auto` detected). */
export function screenReaderOn(setting: unknown): boolean {
  return setting === 'on';
}

/** Which tokens of each document were announced, so that each is announced once per document. */
export class Announced {
  private readonly byDoc = new Map<string, Set<string>>();

  /** The tokens of `doc` not announced yet (one per fingerprint), now marked as announced. */
  take<T extends AnnouncedToken>(doc: string, tokens: readonly T[]): T[] {
    let seen = this.byDoc.get(doc);
    if (!seen) this.byDoc.set(doc, (seen = new Set()));
    const out: T[] = [];
    for (const tok of tokens) {
      if (seen.has(tok.fingerprint)) continue;
      seen.add(tok.fingerprint);
      out.push(tok);
    }
    return out;
  }

  forget(doc: string): void {
    this.byDoc.delete(doc);
  }
}

/** The announcement: names the file, the token type, line and redacted form of each new token. */
export function announcementText(file: string, tokens: readonly AnnouncedToken[], loc: Locale = ENGLISH): string {
  const { t } = loc;
  if (tokens.length === 1) {
    const tok = tokens[0]!;
    return t('Token Custody: {0}, line {1}, holds a {2}, masked as {3}. A screen reader reads its real characters.', file, tok.line, tok.name, tok.redacted);
  }
  const list = tokens.map((tok) => t('{0} {1} on line {2}', tok.name, tok.redacted, tok.line)).join('; ');
  return t('Token Custody: {0} holds {1} tokens: {2}. They are masked on screen; a screen reader reads their real characters.', file, tokens.length, list);
}
