// package.json as VS Code reads it: every `%key%` string replaced by its package.nls.json entry.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

function localize(o: unknown, nls: Record<string, string>): unknown {
  if (typeof o === 'string') {
    const m = /^%([^%]+)%$/.exec(o);
    return m && typeof nls[m[1]!] === 'string' ? nls[m[1]!] : o;
  }
  if (Array.isArray(o)) return o.map((x) => localize(x, nls));
  if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, localize(v, nls)]));
  return o;
}

/** The manifest under `root` with its English texts in place of the `%key%` placeholders. */
export function localizedManifest(root: string): unknown {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as unknown;
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return localize(pkg, nls);
}
