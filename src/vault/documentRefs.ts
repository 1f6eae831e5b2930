// References as they appear in documents: `keychain://token-custody/NAME`,
// `vscode-secret://token-custody/NAME`, and the shell form Move to keychain writes into shell
// scripts, `$(token-custody secret get NAME)` (a keychain reference). Pure: no `vscode` import.

import { type ReferenceScheme, MAX_NAME_LENGTH, findReferences } from './reference';

export interface DocumentReference {
  scheme: ReferenceScheme;
  name: string;
  /** UTF-16 offsets of the text that stands for the secret (`end` exclusive): restoring replaces it. */
  start: number;
  end: number;
  text: string;
  form: 'uri' | 'shell';
}

const SHELL_RE = /\$\(\s*token-custody\s+secret\s+get\s+(?:--\s+)?([A-Za-z0-9_.-]+)\s*\)/g;

/** Every reference in `text`, in order (URI forms and shell expressions). */
export function findDocumentReferences(text: string): DocumentReference[] {
  const out: DocumentReference[] = findReferences(text).map((r) => ({ scheme: r.scheme, name: r.name, start: r.start, end: r.end, text: r.text, form: 'uri' as const }));
  if (text.includes('token-custody')) {
    for (const m of text.matchAll(SHELL_RE)) {
      const name = m[1] ?? '';
      if (name.length === 0 || name.length > MAX_NAME_LENGTH) continue;
      out.push({ scheme: 'keychain', name, start: m.index, end: m.index + m[0].length, text: m[0], form: 'shell' });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** The reference covering `offset` (end inclusive, so a cursor right after it counts). */
export function referenceAt(text: string, offset: number): DocumentReference | undefined {
  return findDocumentReferences(text).find((r) => r.start <= offset && offset <= r.end);
}

/**
 * Finds a reference again after the document may have changed: the one at `start` when it still
 * reads `expected`, else the nearest one with the same scheme and name.
 */
export function relocateReference(text: string, wanted: { scheme: ReferenceScheme; name: string; start: number; text: string }): DocumentReference | undefined {
  const all = findDocumentReferences(text).filter((r) => r.scheme === wanted.scheme && r.name === wanted.name);
  const exact = all.find((r) => r.start === wanted.start && r.text === wanted.text);
  if (exact) return exact;
  let best: DocumentReference | undefined;
  for (const r of all) if (!best || Math.abs(r.start - wanted.start) < Math.abs(best.start - wanted.start)) best = r;
  return best;
}
