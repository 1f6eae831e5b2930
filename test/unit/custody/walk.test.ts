import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { countLabel, createWalkFilter, plainText, progressMessage, walkFiles, type EntryType, type FileStat, type WalkFs, type WalkOptions } from '../../../src/custody/walk';
import { nodeFolderFs } from '../../../src/custody/walkNode';
import { isProbablyBinary } from '../../../src/engine/paths';
import { randomBytes, randomInt } from '../../support/seed';

/** An in-memory tree: paths → contents (string or bytes); directories are implied. */
function memFs(files: Record<string, string | Uint8Array>): WalkFs & { reads: string[] } {
  const reads: string[] = [];
  const entries = (dir: string): [string, EntryType][] => {
    const prefix = dir ? dir + '/' : '';
    const seen = new Map<string, EntryType>();
    for (const p of Object.keys(files)) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      seen.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
    }
    if (!seen.size && dir) throw new Error('ENOENT');
    return [...seen];
  };
  const bytes = (rel: string): Uint8Array => {
    const v = files[rel];
    if (v === undefined) throw new Error('ENOENT');
    return typeof v === 'string' ? new TextEncoder().encode(v) : v;
  };
  return {
    reads,
    readDirectory: (rel) => Promise.resolve(entries(rel)),
    stat: (rel) => Promise.resolve({ size: bytes(rel).length, mtimeMs: 1 }),
    readFile: (rel) => {
      reads.push(rel);
      return Promise.resolve(bytes(rel));
    },
  };
}

async function collect(fs: WalkFs, opts: Partial<WalkOptions> = {}): Promise<{ files: string[]; stats: Awaited<ReturnType<AsyncGenerator['next']>>['value'] }> {
  const files: string[] = [];
  const it = walkFiles(fs, { exclude: [], maxBytes: 1024, ...opts });
  for (;;) {
    const r = await it.next();
    if (r.done) return { files, stats: r.value };
    files.push(r.value.rel);
  }
}

describe('workspace walk', () => {
  it('visits git-ignored dot files, skips node_modules, .git, binaries and large files, files before subfolders, in name order', async () => {
    const fs = memFs({
      '.env': 'TOKEN=x',
      '.gitignore': '.env\n',
      'b/z.txt': 'z',
      'b/a/deep.txt': 'deep',
      'a.txt': 'a',
      'node_modules/pkg/index.js': 'x',
      '.git/config': '[core]',
      'img.png': new Uint8Array([0x89, 0x50, 0, 0, 1, 2]),
      'big.log': 'x'.repeat(2000),
    });
    const { files, stats } = await collect(fs);
    assert.deepEqual(files, ['.env', '.gitignore', 'a.txt', 'b/z.txt', 'b/a/deep.txt']);
    assert.equal(stats.files, 5);
    assert.equal(stats.skipped.binary, 1);
    assert.equal(stats.skipped['too-large'], 1);
    assert.ok(!fs.reads.includes('big.log'), 'a file over the limit is not read');
    assert.ok(!fs.reads.some((p) => p.startsWith('node_modules/') || p.startsWith('.git/')));
  });

  it('honours tokenCustody.exclude globs and ignore-file paths, for files and whole directories', async () => {
    const fs = memFs({ 'src/app.ts': '1', 'src/gen/out.ts': '2', 'logs/a.log': '3', 'x.log': '4', 'fixtures/t.txt': '5', 'keep.md': '6' });
    const { files, stats } = await collect(fs, { exclude: ['*.log', 'src/gen'], isIgnoredPath: (rel) => rel === 'fixtures' || rel.startsWith('fixtures/') });
    assert.deepEqual(files, ['keep.md', 'src/app.ts']);
    assert.ok(!fs.reads.some((p) => p.startsWith('src/gen') || p.startsWith('fixtures')));
    assert.equal(stats.skipped.excluded, 2);
    const filter = createWalkFilter({ exclude: ['secret/**'] });
    assert.equal(filter.takeFile('secret/a.txt'), 'excluded');
    assert.equal(filter.takeFile('public/a.txt'), undefined);
    assert.equal(filter.enterDir('node_modules', 'node_modules'), false);
  });

  it('asks for the next directory\'s listing while visiting this one\'s files, each directory once; an unreadable one is counted', async () => {
    const fs = memFs({ 'a/1.txt': 'x', 'a/b/2.txt': 'x', 'a/b/c/3.txt': 'x', 'd/4.txt': 'x', 'e/5.txt': 'x', '0.txt': 'x' });
    const listEntries = fs.readDirectory.bind(fs);
    const listed: string[] = [];
    const events: string[] = [];
    fs.readDirectory = (rel) => {
      listed.push(rel);
      events.push(`list ${rel}`);
      return rel === 'e' ? Promise.reject(new Error('EACCES')) : listEntries(rel);
    };
    const read = fs.readFile.bind(fs);
    fs.readFile = (rel) => {
      events.push(`read ${rel}`);
      return read(rel);
    };
    const { files, stats } = await collect(fs);
    assert.deepEqual(files, ['0.txt', 'a/1.txt', 'a/b/2.txt', 'a/b/c/3.txt', 'd/4.txt'], 'the same order as without read-ahead');
    assert.deepEqual([...listed].sort(), ['', 'a', 'a/b', 'a/b/c', 'd', 'e'], 'each directory listed once');
    assert.equal(stats.skipped.unreadable, 1, 'the unreadable directory is counted (its read-ahead did not throw)');
    assert.ok(events.indexOf('list a') < events.indexOf('read 0.txt'), 'the first subfolder is listed before the root\'s files are read');
    assert.ok(events.indexOf('list d') < events.indexOf('read a/b/c/3.txt'), 'the next folder on the stack is listed before the last file of a leaf is read');
  });

  it('stops as soon as it is cancelled, and counts unreadable files instead of failing', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${String(i).padStart(2, '0')}.txt`] = String(i);
    const fs = memFs(files);
    const read = (rel: string): Promise<Uint8Array> => memFs(files).readFile(rel);
    fs.readFile = (rel) => (rel === 'f03.txt' ? Promise.reject(new Error('EACCES')) : read(rel));
    let n = 0;
    const seen: string[] = [];
    for await (const f of walkFiles(fs, { exclude: [], maxBytes: 100, isCancelled: () => n >= 10 })) {
      seen.push(f.rel);
      n++;
    }
    assert.equal(seen.length, 10);
    assert.ok(!seen.includes('f03.txt'));
    const { stats } = await collect(fs, { maxBytes: 100 });
    assert.equal(stats.skipped.unreadable, 1);
    assert.equal(stats.files, 49);
  });

  it('walks a real folder with node:fs (Scan Workspace on file: folders): same order and skips as in memory, file links read, directory links not followed, a missing file rejects', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tc-walk-'));
    try {
      const put = (rel: string, body: string | Uint8Array): void => {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), body);
      };
      put('.env', 'TOKEN=x');
      put('a.txt', 'a');
      put('b/z.txt', 'z');
      put('b/a/deep.txt', 'deep');
      put('node_modules/pkg/index.js', 'x');
      put('img.png', new Uint8Array([0x89, 0x50, 0, 0, 1, 2]));
      put('big.log', 'x'.repeat(2000));
      symlinkSync(path.join(root, 'a.txt'), path.join(root, 'link.txt'));
      symlinkSync(path.join(root, 'b'), path.join(root, 'loop'));
      const fs = nodeFolderFs(root);
      const { files, stats } = await collect(fs);
      assert.deepEqual(files, ['.env', 'a.txt', 'link.txt', 'b/z.txt', 'b/a/deep.txt']);
      assert.equal(stats.skipped.binary, 1);
      assert.equal(stats.skipped['too-large'], 1);
      assert.equal(new TextDecoder().decode(await fs.readFile('b/a/deep.txt')), 'deep');
      assert.equal((await fs.stat('big.log')).size, 2000);
      await assert.rejects(fs.readFile('missing.txt'));
      await assert.rejects(fs.stat('missing.txt'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads local files synchronously into one reused buffer (readNow): to their end when they grew or shrank since the stat, at most maxBytes + 1 bytes, growing the buffer for large files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tc-walk-read-'));
    try {
      const body = (n: number, c: string): string => c.repeat(n);
      writeFileSync(path.join(root, 'a.txt'), body(10, 'a'));
      writeFileSync(path.join(root, 'big.txt'), body(200_000, 'b'));
      writeFileSync(path.join(root, 'empty.txt'), '');
      const fs = nodeFolderFs(root);
      const readNow = (rel: string, size: number, maxBytes: number): Uint8Array => fs.readNow!(rel, size, maxBytes);
      const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
      assert.equal(text(readNow('a.txt', 10, 1024)), body(10, 'a'));
      assert.equal(text(readNow('empty.txt', 0, 1024)), '');
      // The stat said 4 bytes (the file grew since) or 50 (it shrank): the bytes are the file's.
      assert.equal(text(readNow('a.txt', 4, 1024)), body(10, 'a'));
      assert.equal(text(readNow('a.txt', 50, 1024)), body(10, 'a'));
      // Past maxBytes: maxBytes + 1 bytes (the walk counts the file as too large), whatever the stat said.
      assert.equal(readNow('big.txt', 10, 1000).length, 1001);
      assert.equal(readNow('big.txt', 200_000, 150_000).length, 150_001);
      // Larger than the buffer so far (64 KB), read whole; a stale stat size smaller than the buffer too.
      assert.equal(text(readNow('big.txt', 200_000, 1 << 20)), body(200_000, 'b'));
      assert.equal(text(readNow('big.txt', 100, 1 << 20)), body(200_000, 'b'));
      // The buffer is reused: a result is valid until the next read.
      const first = readNow('a.txt', 10, 1024);
      readNow('big.txt', 200_000, 1 << 20);
      assert.equal(first[0], 'b'.charCodeAt(0), 'the same buffer was overwritten');
      assert.throws(() => readNow('missing.txt', 1, 1024));
      // The walk takes readNow and counts as readFile did.
      let promised = 0;
      const viaPromises = fs.readFile.bind(fs);
      fs.readFile = (rel) => {
        promised++;
        return viaPromises(rel);
      };
      const { files, stats } = await collect(fs, { maxBytes: 150_000 });
      assert.deepEqual(files, ['a.txt', 'empty.txt']);
      assert.equal(stats.skipped['too-large'], 1);
      assert.equal(stats.bytes, 10);
      assert.equal(promised, 0, 'no promise read');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('plainText (four bytes at a time) is true exactly when the first 8 KiB hold no NUL or control byte, and then isProbablyBinary is false (seeded draws, unaligned views)', () => {
    const control = (b: number): boolean => b < 7 || (b > 13 && b < 32 && b !== 27);
    const reference = (bytes: Uint8Array): boolean => !bytes.subarray(0, 8192).some(control);
    const text = new TextEncoder().encode('const a = 1;\tb\r\n// ünïcödé \u001b[0m\f\v\u0007\b'.repeat(400));
    let plain = 0;
    let notPlain = 0;
    for (let k = 0; k < 400; k++) {
      const len = randomInt(0, 9000);
      const backing = new Uint8Array(len + 8);
      // Text-like bytes, then (in most draws) a few bytes of any value anywhere, also past 8 KiB.
      for (let i = 0; i < backing.length; i++) backing[i] = text[i % text.length]!;
      const flips = k % 4 === 0 ? 0 : randomInt(1, 4);
      for (let f = 0; f < flips; f++) backing[randomInt(0, backing.length)] = randomBytes(1)[0]!;
      const start = randomInt(0, 8);
      const bytes = backing.subarray(start, start + len);
      const got = plainText(bytes);
      assert.equal(got, reference(bytes), `draw ${k}: length ${bytes.length}, offset ${bytes.byteOffset}`);
      if (got) {
        plain++;
        assert.equal(isProbablyBinary(bytes), false);
      } else notPlain++;
    }
    // Every control byte value, at every offset of a word.
    for (let b = 0; b < 256; b++) {
      for (let at = 0; at < 8; at++) {
        const bytes = new Uint8Array(16).fill(0x41);
        bytes[at] = b;
        assert.equal(plainText(bytes.subarray(1)), at === 0 || !control(b), `byte ${b} at ${at}`);
      }
    }
    assert.ok(plain >= 100, `the 100 draws without changed bytes are plain text (plain ${plain}, not plain ${notPlain})`);
  });

  it('unchanged clean files are counted, not handed over; the walk breathes after each file it keeps and waits for its pauses; a synchronous stat is used when there is one', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`d/f${String(i).padStart(2, '0')}.txt`] = `file ${i}`;
    files['d/img.bin'] = 'x\u0000y';
    const fs = memFs(files);
    const events: string[] = [];
    let asyncStats = 0;
    const stat = fs.stat.bind(fs);
    fs.stat = (rel) => {
      asyncStats++;
      return stat(rel);
    };
    fs.statNow = (rel): FileStat => {
      events.push(`stat ${rel}`);
      return { size: new TextEncoder().encode(files[rel]).length, mtimeMs: 1 };
    };
    // f00–f05 clean, f06 held findings (handed over unread), f07 binary, the rest changed (read).
    const isUnchanged = (rel: string): boolean | 'clean' | 'binary' => {
      const i = Number(/f(\d+)/.exec(rel)?.[1] ?? -1);
      return i < 0 ? false : i <= 5 ? 'clean' : i === 6 ? true : i === 7 ? 'binary' : false;
    };
    let breaths = 0;
    const breathe = (): Promise<void> | undefined => {
      breaths++;
      events.push('breathe');
      // Every third breath pauses: the walk must not visit the next file before the pause is over.
      if (breaths % 3) return undefined;
      return new Promise<void>((resolve) => setImmediate(() => {
        events.push('resumed');
        resolve();
      }));
    };
    const handed: { rel: string; read: boolean }[] = [];
    const stats = { files: 0, unchanged: 0, bytes: 0, skipped: { excluded: 0, ignored: 0, 'too-large': 0, binary: 0, unreadable: 0 } };
    for await (const f of walkFiles(fs, { exclude: [], maxBytes: 1024, isUnchanged, breathe }, stats)) handed.push({ rel: f.rel, read: f.text !== undefined });
    assert.equal(asyncStats, 0, 'statNow replaces the promise stat');
    assert.deepEqual(handed.map((h) => h.rel), ['d/f06.txt', 'd/f08.txt', 'd/f09.txt', 'd/f10.txt', 'd/f11.txt']);
    assert.deepEqual(handed.map((h) => h.read), [false, true, true, true, true]);
    assert.equal(stats.unchanged, 7, 'six clean and one held, all covered');
    assert.equal(stats.files, 4);
    assert.equal(stats.skipped.binary, 2, 'the unchanged binary file and the new one');
    assert.ok(!fs.reads.some((r) => /f0[0-7]/.test(r)), 'no unchanged file is read');
    assert.equal(breaths, 8, 'one breath per file not handed over (six clean, two binary)');
    for (let i = 0; i < events.length; i++) {
      if (events[i] !== 'breathe' || events.slice(0, i + 1).filter((e) => e === 'breathe').length % 3) continue;
      const next = events.findIndex((e, j) => j > i && e !== 'breathe');
      if (next >= 0) assert.equal(events[next], 'resumed', `a pausing breath is awaited before the next file (${events.slice(i, next + 1).join(', ')})`);
    }
  });

  it('progress messages', () => {
    assert.equal(progressMessage(1234, 7), '1,234 files, 7 tokens');
    assert.equal(progressMessage(1, 1), '1 file, 1 token');
    assert.equal(countLabel(0, 'file'), '0 files');
  });
});
