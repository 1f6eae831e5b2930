// What a workspace may change about protection (issue 11 #17). Plain TypeScript: no `vscode` import.
//
// A repository's `.vscode/settings.json` and `.tokencustodyignore` come with the code. In an
// untrusted workspace they cannot switch protection off: for the protection settings the user's own
// values (user settings, else the default) are used, and `path:` lines of the ignore file are not
// honoured. In any workspace, trusted or not, a workspace that turns protection off is named in the
// output channel, so the user can see it happen.

import { IgnoreMatcher, type IgnoreEntry } from '../engine/ignore';

/** Settings (without the section) that switch protection off when a workspace sets them. */
export const PROTECTION_KEYS = ['enabled', 'masking.enabled', 'terminal.interceptPaste', 'terminal.watchOutput', 'exclude'] as const;
export type ProtectionKey = (typeof PROTECTION_KEYS)[number];

export function isProtectionKey(key: string): key is ProtectionKey {
  return (PROTECTION_KEYS as readonly string[]).includes(key);
}

/** The shape of `WorkspaceConfiguration.inspect()`. */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value to use: any scope when trusted; the user's (or the default) when not. */
export function protectionValue<T>(i: Inspected<T> | undefined, trusted: boolean): T | undefined {
  if (!i) return undefined;
  if (trusted) return i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue ?? i.defaultValue;
  return i.globalValue ?? i.defaultValue;
}

/** A sentence for the output channel when the workspace weakens protection through `key`; undefined otherwise. */
export function protectionNotice(key: ProtectionKey, i: Inspected<unknown> | undefined, trusted: boolean): string | undefined {
  if (!i) return undefined;
  const ws = i.workspaceFolderValue ?? i.workspaceValue;
  if (ws === undefined) return undefined;
  const user = i.globalValue ?? i.defaultValue;
  let weakens: boolean;
  if (key === 'exclude') {
    const mine = new Set(Array.isArray(user) ? user : []);
    weakens = Array.isArray(ws) && ws.some((g) => !mine.has(g));
  } else {
    weakens = ws === false && user !== false;
  }
  if (!weakens) return undefined;
  return trusted
    ? `the workspace settings set tokenCustody.${key} to ${JSON.stringify(ws)}, which weakens protection; honoured because the workspace is trusted.`
    : `the workspace settings set tokenCustody.${key} to ${JSON.stringify(ws)}, which would weaken protection; ignored because the workspace is not trusted (your value ${JSON.stringify(user)} is used).`;
}

/** Paths a glob must not cover all of to be a narrow exclusion. */
const PROBE_PATHS = ['.env', 'config/secrets.yaml', 'src/index.ts', 'a/b/c/d.txt'];

/**
 * The ignore-file entries to honour. Untrusted: fingerprints only (a `path:` line could hide every
 * file). Trusted: all, with a notice for a glob that covers every file (`path: **`).
 */
export function honouredIgnoreEntries(entries: readonly IgnoreEntry[], trusted: boolean, file: string): { entries: IgnoreEntry[]; notices: string[] } {
  const notices: string[] = [];
  const out: IgnoreEntry[] = [];
  for (const e of entries) {
    if (e.kind !== 'path') {
      out.push(e);
      continue;
    }
    const everything = PROBE_PATHS.every((p) => new IgnoreMatcher([e]).matchPath(p) !== undefined);
    if (!trusted) {
      notices.push(`${file} line ${e.line}: "path: ${e.glob}" ignored because the workspace is not trusted.`);
      continue;
    }
    if (everything) notices.push(`${file} line ${e.line}: "path: ${e.glob}" turns detection off for every file of the folder; honoured because the workspace is trusted.`);
    out.push(e);
  }
  return { entries: out, notices };
}
