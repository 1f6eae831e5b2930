// The CLI's V8 code cache (src/cli/codeCache.ts): where it lives, that a corrupt, truncated or foreign
// cache file is ignored and replaced (never fatal), that a valid one is used, and that no token scanned
// before the cache was written is in it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CODE_CACHE_KEEP, CODE_CACHE_REWRITE_FACTOR, codeCacheDir, codeCacheFile, loadWithCodeCache, noteCodeCacheWork, readCodeCacheFile, runtimeFlags, saveCodeCaches, writeCodeCache } from '../../../src/cli/codeCache';
import { githubToken, npmToken } from '../../support/fakes';
import { cliProcess, tempDir } from './support';

describe('CLI code cache', () => {
  const dir = tempDir('tc-codecache-');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in the user cache folder, or where TOKEN_CUSTODY_CACHE says, and can be turned off', () => {
    assert.equal(codeCacheDir({ HOME: '/h' }, 'linux'), path.join('/h', '.cache', 'token-custody'));
    assert.equal(codeCacheDir({ HOME: '/h', XDG_CACHE_HOME: '/x' }, 'linux'), path.join('/x', 'token-custody'));
    assert.equal(codeCacheDir({ HOME: '/h' }, 'darwin'), path.join('/h', 'Library', 'Caches', 'token-custody'));
    assert.equal(codeCacheDir({ HOME: '/h', LOCALAPPDATA: 'C:\\L' }, 'win32'), path.join('C:\\L', 'token-custody', 'cache'));
    assert.equal(codeCacheDir({ HOME: '/h', TOKEN_CUSTODY_CACHE: '/c' }, 'linux'), '/c');
    assert.equal(codeCacheDir({ HOME: '/h', TOKEN_CUSTODY_CACHE: 'off' }, 'linux'), undefined);
    assert.equal(codeCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux'), undefined);
  });

  it('names the file after the source and the V8 version, and reads back only an intact file', () => {
    const a = codeCacheFile(dir, 'shared', 'one source');
    assert.notEqual(a, codeCacheFile(dir, 'shared', 'another source'));
    assert.ok(path.basename(a).startsWith('shared-') && path.basename(a).includes(process.versions.v8));
    // Node options: a file of their own (V8 rejects data made under other flags), none without.
    const plain = codeCacheFile(dir, 'shared', 'one source', '');
    const profiled = codeCacheFile(dir, 'shared', 'one source', '--cpu-prof');
    assert.match(path.basename(plain), new RegExp(`-${process.arch}\\.bin$`));
    assert.notEqual(profiled, plain);
    assert.notEqual(profiled, codeCacheFile(dir, 'shared', 'one source', '--max-semi-space-size=32'));
    assert.equal(profiled, codeCacheFile(dir, 'shared', 'one source', '--cpu-prof'));
    assert.equal(runtimeFlags({}, []), '');
    assert.equal(runtimeFlags({ NODE_OPTIONS: ' --max-old-space-size=4096 ' }, ['--cpu-prof']), '--cpu-prof --max-old-space-size=4096');
    const data = Buffer.from('v8 data '.repeat(64));
    writeCodeCache(a, data);
    assert.deepEqual(readCodeCacheFile(a)?.data, data);
    const bytes = readFileSync(a);
    for (const bad of [bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes.subarray(0, 50), Buffer.from([bytes[50]! ^ 1]), bytes.subarray(51)]), Buffer.from('TCV8CC2\n'), Buffer.concat([Buffer.from('TCV8CC1\n'), bytes.subarray(8 + 8)]), Buffer.alloc(0), Buffer.concat([Buffer.from('XXXXXXX\n'), bytes.subarray(8)])]) {
      writeFileSync(a, bad);
      assert.equal(readCodeCacheFile(a)?.data, undefined);
    }
    assert.equal(readCodeCacheFile(path.join(dir, 'missing.bin'))?.data, undefined);
    rmSync(a);
  });

  it('keeps the newest files of a bundle, so that two builds run side by side keep theirs; prunes past CODE_CACHE_KEEP, never the file written', () => {
    const cache = path.join(dir, 'prune');
    const data = Buffer.from('v8 data '.repeat(64));
    const file = (i: number): string => codeCacheFile(cache, 'shared', `build ${i}`);
    const bins = (): string[] => readdirSync(cache).filter((f) => f.endsWith('.bin')).sort();
    // Two builds writing in turn: neither removes the other's file (each was deleted on every write before).
    writeCodeCache(file(0), data);
    writeCodeCache(file(1), data);
    writeCodeCache(file(0), data);
    assert.deepEqual(bins(), [file(0), file(1)].map((f) => path.basename(f)).sort());
    // Another bundle's files and other files in the folder are not counted nor removed.
    const other = codeCacheFile(cache, 'other', 'x');
    writeCodeCache(other, data);
    writeFileSync(path.join(cache, 'shared-notes.txt'), 'kept');
    // Builds 0..6 written in turn, each file older than the next: the newest KEEP - 1 others stay.
    const age = (i: number): void => utimesSync(file(i), new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
    age(0);
    age(1);
    for (let i = 2; i <= 5; i++) {
      writeCodeCache(file(i), data);
      age(i);
    }
    writeCodeCache(file(6), data);
    const kept = [6, ...Array.from({ length: CODE_CACHE_KEEP - 1 }, (_, k) => 5 - k)];
    assert.ok(CODE_CACHE_KEEP >= 2 && kept.length === CODE_CACHE_KEEP);
    for (let i = 0; i <= 6; i++) assert.equal(existsSync(file(i)), kept.includes(i), `build ${i}`);
    assert.equal(existsSync(other), true);
    assert.equal(readFileSync(path.join(cache, 'shared-notes.txt'), 'utf8'), 'kept');
    // The file written is kept even when the clock says every other file is newer.
    for (const i of kept) utimesSync(file(i), new Date(Date.now() + 3_600_000 + i * 1000), new Date(Date.now() + 3_600_000 + i * 1000));
    writeCodeCache(file(7), data);
    assert.equal(existsSync(file(7)), true);
    assert.equal(bins().filter((f) => f.startsWith('shared-')).length, CODE_CACHE_KEEP);
    assert.equal(existsSync(file(kept[kept.length - 1]!)), false);
  });

  it('loads a bundle through the cache: compiled first, cached next, compiled again after corruption', () => {
    const cache = path.join(dir, 'unit');
    const bundle = path.join(dir, 'bundle.js');
    writeFileSync(bundle, "'use strict';\nconst os = require('node:os');\nexports.value = function value(n) { return n * 2 + os.EOL.length; };\nexports.file = __filename;\n");
    const load = (): string => {
      for (const k of Object.keys(require.cache)) if (k.endsWith(`${path.sep}bundle.js`)) delete require.cache[k];
      const how = loadWithCodeCache(bundle, cache, undefined);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(bundle) as { value(n: number): number; file: string };
      assert.equal(mod.value(20), 40 + (process.platform === 'win32' ? 2 : 1));
      assert.equal(mod.file, bundle);
      saveCodeCaches();
      return how;
    };
    assert.equal(load(), 'compiled');
    const [file] = readdirSync(cache);
    assert.ok(file);
    // A file in use is touched when read (the newest again: other builds' files are pruned first).
    utimesSync(path.join(cache, file), new Date(1_000_000), new Date(1_000_000));
    assert.equal(load(), 'cached');
    assert.ok(statSync(path.join(cache, file)).mtimeMs > Date.now() - 3_600_000);
    const bytes = readFileSync(path.join(cache, file));
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(path.join(cache, file), bytes);
    assert.equal(load(), 'compiled');
    assert.equal(load(), 'cached');
    assert.equal(loadWithCodeCache(path.join(dir, 'missing.js'), cache, undefined), 'absent');
  });

  it('writes the cache again after a run that did far more work than the run that wrote it, never after one that did less', () => {
    const cache = path.join(dir, 'work');
    const bundle = path.join(dir, 'worked.js');
    writeFileSync(bundle, "'use strict';\nexports.twice = function twice(n) { return n * 2; };\nexports.thrice = function thrice(n) { return n * 3; };\n");
    /** Loads the bundle through the cache, runs `use` of it, notes `work`, saves; returns how it loaded and the file's inode and work. */
    const run = (work: number, use: (m: { twice(n: number): number; thrice(n: number): number }) => void): { how: string; ino: number; work: number } => {
      for (const k of Object.keys(require.cache)) if (k.endsWith(`${path.sep}worked.js`)) delete require.cache[k];
      const how = loadWithCodeCache(bundle, cache, undefined);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      use(require(bundle) as { twice(n: number): number; thrice(n: number): number });
      noteCodeCacheWork(work);
      saveCodeCaches();
      const file = path.join(cache, readdirSync(cache).find((f) => f.endsWith('.bin'))!);
      return { how, ino: statSync(file).ino, work: readCodeCacheFile(file)!.work };
    };
    const first = run(0, (m) => assert.equal(m.twice(2), 4)); // `--version`: no work
    assert.deepEqual([first.how, first.work], ['compiled', 0]);
    const again = run(0, (m) => assert.equal(m.twice(2), 4));
    assert.deepEqual([again.how, again.ino, again.work], ['cached', first.ino, 0]);
    const scan = run(1000, (m) => assert.equal(m.thrice(2), 6)); // a scan after it: written again
    assert.equal(scan.how, 'cached');
    assert.notEqual(scan.ino, first.ino);
    assert.equal(scan.work, 1000);
    // Less work, or more but under the factor: used as it is.
    for (const work of [0, 10, 1000, CODE_CACHE_REWRITE_FACTOR * 1000 - 1]) {
      const r = run(work, (m) => assert.equal(m.thrice(1), 3));
      assert.deepEqual([r.how, r.ino, r.work], ['cached', scan.ino, 1000], `work ${work}`);
    }
    const larger = run(CODE_CACHE_REWRITE_FACTOR * 1000, (m) => assert.equal(m.twice(1), 2));
    assert.equal(larger.how, 'cached');
    assert.notEqual(larger.ino, scan.ino);
    assert.equal(larger.work, CODE_CACHE_REWRITE_FACTOR * 1000);
    // The work is part of what the file's hash covers: a changed count is a corrupt file.
    const file = path.join(cache, readdirSync(cache).find((f) => f.endsWith('.bin'))!);
    const bytes = readFileSync(file);
    bytes[9]! ^= 0x01;
    writeFileSync(file, bytes);
    assert.equal(readCodeCacheFile(file), undefined);
  });

  it('the bundled CLI writes a cache with no token in it, uses it, and replaces a corrupt one', () => {
    const cache = path.join(dir, 'cli');
    const work = path.join(dir, 'work');
    const gh = githubToken();
    const npm = npmToken();
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
    writeFileSync(path.join(work, '.env'), `GITHUB_TOKEN=${gh}\nNPM_TOKEN=${npm}\n`);
    const env = { ...process.env, TOKEN_CUSTODY_CACHE: cache };
    const run = (): string => {
      const r = cliProcess(['scan', '.', '--format', 'jsonl'], work, { env });
      assert.equal(r.status, 1, r.stderr);
      return r.stdout;
    };
    const first = run();
    if (typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
      // Node ≥ 22.1: Node's own compile cache, in a folder of ours.
      assert.equal(existsSync(path.join(cache, 'node')), true);
      assert.equal(run(), first);
      return;
    }
    const files = readdirSync(cache).filter((f) => f.endsWith('.bin'));
    assert.equal(files.length, 1);
    const file = path.join(cache, files[0]!);
    const bytes = readFileSync(file);
    for (const secret of [gh, npm, gh.slice(4), npm.slice(4)]) {
      assert.equal(bytes.includes(Buffer.from(secret, 'latin1')), false);
      assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false);
    }
    const written = statSync(file).ino;
    assert.equal(run(), first);
    // A rewrite renames a new file into place (another inode); a used file is only touched (its time).
    assert.equal(statSync(file).ino, written, 'a valid cache is used, not rewritten');
    assert.deepEqual(readFileSync(file), bytes);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(64, 0xa5), bytes.subarray(164)]));
    assert.equal(run(), first);
    assert.deepEqual(readFileSync(file).subarray(0, 8), Buffer.from('TCV8CC2\n'));
    assert.notEqual(readCodeCacheFile(file)?.data, undefined, 'the corrupt file is replaced by a valid one');
    writeFileSync(file, 'garbage');
    assert.equal(run(), first);
    assert.notEqual(readCodeCacheFile(file)?.data, undefined);
    // A foreign file (an intact envelope around data this V8 does not take: another version or flags) is replaced too.
    const foreign = Buffer.from('not V8 code cache data at all'.repeat(64));
    writeCodeCache(file, foreign);
    assert.equal(run(), first);
    assert.notDeepEqual(readCodeCacheFile(file)?.data, foreign);
    assert.notEqual(readCodeCacheFile(file)?.data, undefined);
    const off = cliProcess(['scan', '.', '--format', 'jsonl'], work, { env: { ...env, TOKEN_CUSTODY_CACHE: path.join(dir, 'off-dir'), NODE_DISABLE_COMPILE_CACHE: '1' } });
    assert.equal(off.stdout, first);
    assert.equal(existsSync(path.join(dir, 'off-dir')), false);
  });
  it('the bundled CLI writes the cache again on the first scan after --version wrote it, and keeps it after that', () => {
    if (typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function') return; // Node ≥ 22.1: Node's compile cache
    const cache = path.join(dir, 'cli-version');
    const env = { ...process.env, TOKEN_CUSTODY_CACHE: cache };
    const work = path.join(dir, 'version-work');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'a.txt'), 'nothing here\n');
    const state = (): { ino: number; work: number } => {
      const files = readdirSync(cache).filter((f) => f.endsWith('.bin'));
      assert.equal(files.length, 1, files.join(', '));
      const file = path.join(cache, files[0]!);
      return { ino: statSync(file).ino, work: readCodeCacheFile(file)!.work };
    };
    assert.equal(cliProcess(['--version'], work, { env }).status, 0);
    const version = state();
    assert.equal(version.work, 0);
    assert.equal(cliProcess(['--version'], work, { env }).status, 0);
    assert.deepEqual(state(), version);
    const r = cliProcess(['scan', '.'], work, { env });
    assert.equal(r.status, 0, r.stderr);
    const scanned = state();
    assert.notEqual(scanned.ino, version.ino, 'written again by the scan');
    assert.equal(scanned.work, Buffer.byteLength('nothing here\n'));
    assert.equal(cliProcess(['scan', '.'], work, { env }).status, 0);
    assert.equal(cliProcess(['--version'], work, { env }).status, 0);
    assert.deepEqual(state(), scanned);
  });

  it('the CLI processes of the tests keep their cache in a temporary folder, not in the user cache folder', () => {
    const cache = process.env.TOKEN_CUSTODY_CACHE!;
    assert.ok(cache.startsWith(tmpdir()), cache);
    assert.notEqual(cache, codeCacheDir({ HOME: homedir() }));
    const work = path.join(dir, 'plain');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'a.txt'), 'nothing here\n');
    const r = cliProcess(['scan', '.'], work);
    assert.equal(r.status, 0, r.stderr);
    if (typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function') assert.equal(existsSync(path.join(cache, 'node')), true);
    else assert.ok(readdirSync(cache).some((f) => f.startsWith('shared-') && f.endsWith('.bin')), readdirSync(cache).join(', '));
  });
});
