// A V8 code cache for the bundles the CLI loads (dist/shared.js: the engine, ~330 KB), kept in the
// user's cache folder, so that a run after the first skips parsing and compiling them (start-up).
// On Node ≥ 22.1 Node's own compile cache does this (module.enableCompileCache); on Node 20 the
// bundle is compiled through vm.Script with the cached data of an earlier run, and the data of this
// run is written when none was accepted, or when this run did far more work than the run that wrote
// the cache (see saveCodeCaches). Every failure (no cache folder, a corrupt, truncated or
// foreign file, another V8) falls back to the normal load silently; a bad file is replaced.
//
// A cache file holds V8's compiled code of the bundle and nothing of what it read: bytecode and the
// literals of the bundle's own source (test/unit/cli/codeCache.test.ts checks that a token scanned
// before the file was written is not in it). The file name carries a hash of the bundle's source, the
// V8 version and a hash of the Node options, if any; the file itself starts with the number of bytes
// the run that wrote it scanned and a hash of that number and the payload (V8 does not check one).
//
// TOKEN_CUSTODY_CACHE: the folder to keep the cache in, or `off` (also NODE_DISABLE_COMPILE_CACHE=1).
// Default $XDG_CACHE_HOME/token-custody (~/.cache/…), on macOS ~/Library/Caches/token-custody, on
// Windows %LOCALAPPDATA%\token-custody\cache.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** The cache folder, or undefined when caching is off. */
export function codeCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const set = env.TOKEN_CUSTODY_CACHE?.trim();
  if (set === 'off' || set === '0' || env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  if (set) return set;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'token-custody', 'cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'token-custody');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'token-custody');
}

const MAGIC = Buffer.from('TCV8CC2\n');
/** After the magic: the work of the run that wrote the file (bytes scanned, a float64), then the hash of the data. */
const WORK_BYTES = 8;
const HASH_BYTES = 32;
const HEADER = MAGIC.length + WORK_BYTES + HASH_BYTES;

const sha256 = (...parts: (Buffer | string)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** The options Node was started with (command line and NODE_OPTIONS): V8 rejects a cache made under other flags. */
export function runtimeFlags(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string {
  return [...execArgv, env.NODE_OPTIONS?.trim() ?? ''].filter(Boolean).join(' ');
}

/**
 * `name-<source hash>-<v8 version>-<arch>[-<flags hash>].bin`: a bundle that changed, or another V8,
 * never reads this file. Runs with other Node options (`--cpu-prof`, `--max-semi-space-size`…) get a
 * file of their own: V8 rejects cached data made under other flags, so one shared file was rewritten
 * by each kind of run in turn and neither started from a cache.
 */
export function codeCacheFile(dir: string, name: string, source: string, flags: string = runtimeFlags()): string {
  const v8 = process.versions.v8.replace(/[^\w.-]/g, '_');
  const variant = flags ? `-${sha256(flags).toString('hex').slice(0, 8)}` : '';
  return path.join(dir, `${name}-${sha256(source).toString('hex').slice(0, 20)}-${v8}-${process.arch}${variant}.bin`);
}

/**
 * The V8 data of a cache file and the work of the run that wrote it (see saveCodeCaches), or undefined
 * if the file is missing, truncated or corrupt.
 */
export function readCodeCacheFile(file: string): { data: Buffer; work: number } | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined;
  }
  if (b.length <= HEADER || !b.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = b.subarray(HEADER);
  if (!sha256(b.subarray(MAGIC.length, MAGIC.length + WORK_BYTES), data).equals(b.subarray(MAGIC.length + WORK_BYTES, HEADER))) return undefined;
  return { data, work: b.readDoubleLE(MAGIC.length) };
}

/**
 * Cache files kept per bundle name (the newest by modification time; a file in use is touched when it
 * is read, see loadWithCodeCache). More than one: two builds of the CLI run side by side (an installed
 * one and a development build, two checkouts, two Node versions) would otherwise delete each other's
 * file on every run and both start without a cache. A file is about 400 KB.
 */
export const CODE_CACHE_KEEP = 4;

/**
 * Writes a cache file atomically (a reader sees the old file or the new one) and removes the bundle's
 * files past the newest {@link CODE_CACHE_KEEP}. `work`: that of the run writing it (see saveCodeCaches).
 */
export function writeCodeCache(file: string, data: Buffer, work = 0): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const head = Buffer.alloc(WORK_BYTES);
    head.writeDoubleLE(work);
    writeFileSync(tmp, Buffer.concat([MAGIC, head, sha256(head, data), data]), { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  pruneCodeCaches(file);
}

/** Removes the files of `file`'s bundle past the newest {@link CODE_CACHE_KEEP}, never `file` itself. */
function pruneCodeCaches(file: string): void {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const prefix = name.slice(0, name.indexOf('-') + 1);
  const others: { f: string; mtime: number }[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix) || f === name || !f.endsWith('.bin')) continue;
    try {
      others.push({ f, mtime: statSync(path.join(dir, f)).mtimeMs });
    } catch {
      // Removed meanwhile by another run.
    }
  }
  others.sort((a, b) => b.mtime - a.mtime || (a.f < b.f ? -1 : 1));
  for (const { f } of others.slice(CODE_CACHE_KEEP - 1)) rmSync(path.join(dir, f), { force: true });
}

interface ModuleInternals {
  _cache: Record<string, NodeModule>;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: NodeModule): string;
  wrap(source: string): string;
  enableCompileCache?: (dir?: string) => unknown;
}
const M = Module as unknown as ModuleInternals & (new (id: string, parent?: NodeModule) => NodeModule);

interface Loaded {
  script: Script;
  file: string;
  accepted: boolean;
  /** The work of the run that wrote the accepted cache. */
  work: number;
}
const loaded: Loaded[] = [];

/**
 * How much more work (bytes scanned) a run must do than the run that wrote the cache it used for
 * saveCodeCaches to write the cache again.
 */
export const CODE_CACHE_REWRITE_FACTOR = 16;
let runWork = 0;

/**
 * The work this run did: bytes scanned (`scan` calls this). V8's cache holds the code of the functions
 * that had run when it was written, so a cache written by `--version`, `help` or a scan of a few files
 * lacks most of what a large scan runs, and each later scan compiled those functions again (measured,
 * 50 MB bench corpus, callgrind: 1,782 M main-thread instructions with a cache written by `--version`,
 * 1,766–1,771 M with one written by a scan of one small file, 1,707–1,754 M with one written by a scan
 * of the corpus; a scan of one small file 344 M with the `--version` cache, 299 M with its own).
 */
export function noteCodeCacheWork(bytes: number): void {
  if (bytes > runWork) runWork = bytes;
}

/**
 * Loads `bundle` (a CommonJS file) into the module cache through the code cache in `dir`, so that a
 * later `require` of it returns this instance: `cached` when the cache was used, `compiled` when
 * there was none or V8 refused it (saveCodeCaches writes one), `absent` when there is no such file
 * (the one-file npm package has none) or it is loaded already.
 */
export function loadWithCodeCache(bundle: string, dir: string, parent: NodeModule | undefined): 'cached' | 'compiled' | 'absent' {
  let filename: string;
  let source: string;
  try {
    filename = realpathSync(bundle);
    if (M._cache[filename]) return 'absent';
    source = readFileSync(filename, 'utf8');
  } catch {
    return 'absent';
  }
  const file = codeCacheFile(dir, path.basename(filename, '.js'), source);
  const cached = readCodeCacheFile(file);
  const cachedData = cached?.data;
  const script = new Script(M.wrap(source), { filename, cachedData });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const mod = new M(filename, parent);
  mod.filename = filename;
  mod.paths = M._nodeModulePaths(path.dirname(filename));
  const req = Object.assign((id: string) => mod.require(id), {
    resolve: (id: string) => M._resolveFilename(id, mod),
    cache: M._cache,
    main: require.main,
  });
  M._cache[filename] = mod;
  try {
    (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  } catch (e) {
    delete M._cache[filename];
    throw e;
  }
  mod.loaded = true;
  loaded.push({ script, file, accepted, work: cached?.work ?? 0 });
  if (accepted) {
    // Newest again: the files of other builds are pruned first (writeCodeCache).
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // A read-only cache folder: the file may be pruned sooner.
    }
  }
  return accepted ? 'cached' : 'compiled';
}

/**
 * Writes the code cache of each bundle loaded without an accepted one, or with one written by a run
 * that did at most 1/{@link CODE_CACHE_REWRITE_FACTOR} of this run's work (once the command has run:
 * its functions are compiled by then). A cache is so written again a few times at most (each time by a
 * run at least 16 times larger), and never by a run that did less.
 */
export function saveCodeCaches(): void {
  const work = runWork;
  runWork = 0;
  for (const l of loaded.splice(0)) {
    if (l.accepted && !(work > 0 && work >= CODE_CACHE_REWRITE_FACTOR * l.work)) continue;
    try {
      writeCodeCache(l.file, l.script.createCachedData(), work);
    } catch {
      // No cache folder (read-only home, no permission): the next run compiles again.
    }
  }
}

/**
 * Start-up of the CLI bundle (dist/cli.js): Node's compile cache where Node has one, else dist/shared.js
 * loaded through ours. Never throws.
 */
export function startCodeCache(cliFile: string, env: NodeJS.ProcessEnv, parent: NodeModule | undefined): void {
  const dir = codeCacheDir(env);
  if (!dir) return;
  try {
    if (typeof M.enableCompileCache === 'function') {
      M.enableCompileCache(path.join(dir, 'node'));
      return;
    }
    loadWithCodeCache(path.join(path.dirname(cliFile), 'shared.js'), dir, parent);
  } catch {
    // Whatever failed here, the bundle is required the normal way.
  }
}
