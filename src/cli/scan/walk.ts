// Which files a scan reads: the paths given, folders walked (skipping node_modules and .git, not
// skipping git-ignored files such as .env), each with the ignore file of its root.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_EXCLUDED_DIRS } from '../../engine';
import { IGNORE_FILE_NAME, IgnoreMatcher } from '../../engine/ignore';
import { errorMessage } from '../../errors';

export interface Root {
  dir: string;
  matcher?: IgnoreMatcher;
}

export interface FileJob {
  /** Absolute path, or `-` for standard input. */
  abs: string;
  shown: string;
  root: Root | undefined;
  rel: string | undefined;
  size: number;
}

export interface WalkOptions {
  cwd: string;
  pathFilter: (rel: string) => boolean;
  /** Ignore file of the current folder (undefined when ignore files are off or there is none). */
  cwdIgnore: IgnoreMatcher | undefined;
  ignoreFiles: boolean;
  warn: (message: string) => void;
  readError: (shown: string, e: unknown) => void;
  /** A symbolic link met inside a folder (not followed: it may point outside, or loop). */
  onSymlink: () => void;
}

/**
 * The ignore file of `dir`. Read synchronously, as the scan reads files: a promise-based read starts
 * libuv's thread pool (four threads) for this one small file.
 */
export async function loadIgnore(dir: string, warn: (message: string) => void): Promise<IgnoreMatcher | undefined> {
  try {
    const text = readFileSync(path.join(dir, IGNORE_FILE_NAME), 'utf8');
    const { matcher, warnings } = IgnoreMatcher.fromText(text);
    for (const w of warnings) warn(`${path.join(dir, IGNORE_FILE_NAME)}: ${w.message}`);
    return matcher;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read ${path.join(dir, IGNORE_FILE_NAME)}: ${errorMessage(e)}`);
    return undefined;
  }
}

/** The files to scan, in walk order (synchronous walk: for a CLI it beats a round trip per directory). */
export async function collectFiles(paths: readonly string[], o: WalkOptions): Promise<FileJob[]> {
  const jobs: FileJob[] = [];
  // `abs`, `rel` and `shown` of each entry are its folder's (computed once per folder) plus its name:
  // path.join/relative per file cost more than reading the folder.
  const walk = (dir: string, root: Root, relDir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      o.readError(path.relative(o.cwd, dir) || dir, e);
      return;
    }
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const absDir = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const shownDir = path.relative(o.cwd, dir);
    for (const ent of entries) {
      const abs = absDir + ent.name;
      const rel = relDir + ent.name;
      if (ent.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.includes(ent.name)) continue;
        walk(abs, root, rel + '/');
      } else if (ent.isFile()) {
        if (!o.pathFilter(rel) || ent.name === IGNORE_FILE_NAME) continue;
        jobs.push({ abs, shown: shownDir ? shownDir + path.sep + ent.name : ent.name, root, rel, size: -1 });
      } else if (ent.isSymbolicLink()) {
        o.onSymlink();
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      jobs.push({ abs: '-', shown: '<stdin>', root: undefined, rel: undefined, size: -1 });
      continue;
    }
    const abs = path.resolve(o.cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      o.readError(p, e);
      continue;
    }
    if (st.isDirectory()) {
      const matcher = o.ignoreFiles ? (abs === o.cwd ? o.cwdIgnore : await loadIgnore(abs, o.warn)) : undefined;
      walk(abs, { dir: abs, matcher }, '');
    } else {
      const rel = path.relative(o.cwd, abs).split(path.sep).join('/');
      jobs.push({ abs, shown: p, root: { dir: o.cwd, matcher: o.cwdIgnore }, rel, size: st.size });
    }
  }
  return jobs;
}
