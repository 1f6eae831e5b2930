// The incremental index of Scan Workspace (src/custody/scanIndex.ts) with the workspace walk over an
// in-memory file system and the real engine: which files a second scan reads, and that its findings
// stay right when files change, vanish, move, or the rules change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner, type Finding, type Scanner } from '../../../src/engine';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ENGINE_ID, incrementalWalkOptions, indexChunks, indexKey, INDEX_HEADER, IndexTable, parseIndex, racyWithin, ScanIndex, serializeIndex, type IndexEntry, type IndexKind } from '../../../src/custody/scanIndex';
import { nodeIndexStorage } from '../../../src/custody/scanIndexNode';
import { newWalkStats, walkFiles, type EntryType, type WalkFs } from '../../../src/custody/walk';
import { githubToken, npmToken } from '../../support/fakes';
import { randomInt } from '../../support/seed';

/** Files with contents and mtimes; `reads` lists what was read. Directories are implied. */
class MemFs implements WalkFs {
  readonly files = new Map<string, { text: string; mtimeMs: number }>();
  reads: string[] = [];
  /** The clock of the file system (ms); writes stamp it. */
  now = Date.parse('2026-01-01T00:00:00Z') + 0.25;

  write(rel: string, text: string, mtimeMs = (this.now += 1000)): void {
    this.files.set(rel, { text, mtimeMs });
  }

  readDirectory(dir: string): Promise<[string, EntryType][]> {
    const prefix = dir ? dir + '/' : '';
    const seen = new Map<string, EntryType>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      seen.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
    }
    return Promise.resolve([...seen]);
  }

  stat(rel: string): Promise<{ size: number; mtimeMs: number }> {
    const f = this.files.get(rel);
    if (!f) return Promise.reject(new Error('ENOENT'));
    return Promise.resolve({ size: Buffer.byteLength(f.text), mtimeMs: f.mtimeMs });
  }

  readFile(rel: string): Promise<Uint8Array> {
    const f = this.files.get(rel);
    if (!f) return Promise.reject(new Error('ENOENT'));
    this.reads.push(rel);
    return Promise.resolve(new TextEncoder().encode(f.text));
  }
}

/** Scan Workspace's per-folder loop, without the editor: returns the next index and the findings by path. */
async function scanFolder(fs: MemFs, scanner: Scanner, index: ScanIndex, held: Map<string, Finding[]>, cancelAfter = Infinity): Promise<{ index: ScanIndex; changed: boolean; read: string[]; findings: Map<string, Finding[]>; unchanged: number; binary: number }> {
  fs.reads = [];
  const stats = newWalkStats();
  const findings = new Map<string, Finding[]>();
  let n = 0;
  // The scan happens well after the files were written (none is racy) unless a test says otherwise.
  // `n` counts every file visited: the ones handed over, and the ones the walk keeps (breathe).
  const breathe = (): undefined => void n++;
  const walk = walkFiles(fs, { exclude: [], maxBytes: 1 << 20, isCancelled: () => n >= cancelAfter, breathe, ...incrementalWalkOptions(index, (rel) => held.has(rel)) }, stats);
  for await (const file of walk) {
    n++;
    if (file.text === undefined) {
      const kept = held.get(file.rel);
      if (kept) findings.set(file.rel, kept);
      continue;
    }
    const raw = scanner.scan(file.text);
    index.record(file.rel, file, raw.length ? 'findings' : 'clean', fs.now + 10_000);
    if (raw.length) {
      held.set(file.rel, raw);
      findings.set(file.rel, raw);
    } else held.delete(file.rel);
  }
  const complete = n < cancelAfter;
  if (complete) for (const rel of [...held.keys()]) if (!findings.has(rel)) held.delete(rel);
  return { index: index.result(complete), changed: index.changed, read: [...fs.reads].sort(), findings, unchanged: stats.unchanged, binary: stats.skipped.binary };
}

function secrets(findings: Map<string, Finding[]>): string[] {
  return [...findings.values()].flat().map((f) => f.secret ?? '').sort();
}

const plain = (i: number): string => `export const value${i} = compute(${i}); // nothing secret here\n`;

describe('incremental workspace scan (index)', () => {
  const { scanner } = createScanner();
  const key = indexKey(ENGINE_ID, scanner.rules);

  it('reads only new and changed files on a second scan: same size with a new mtime, or a new size with the same mtime', async () => {
    const fs = new MemFs();
    for (let i = 0; i < 20; i++) fs.write(`src/f${i}.ts`, plain(i));
    const first = await scanFolder(fs, scanner, new ScanIndex(key), new Map());
    assert.equal(first.read.length, 20);
    assert.equal(first.index.size, 20);

    const held = new Map<string, Finding[]>();
    const second = await scanFolder(fs, scanner, first.index, held);
    assert.deepEqual(second.read, [], 'nothing changed: nothing is read');
    assert.equal(second.unchanged, 20);

    const tok = githubToken();
    const body = plain(3);
    fs.write('src/f3.ts', `const t = "${tok}";`.padEnd(body.length, ' ')); // same size, new mtime
    const old = fs.files.get('src/f4.ts')!;
    fs.files.set('src/f4.ts', { text: old.text + '// longer\n', mtimeMs: old.mtimeMs }); // new size, same mtime
    fs.write('src/new.ts', plain(99));
    const third = await scanFolder(fs, scanner, second.index, held);
    assert.deepEqual(third.read, ['src/f3.ts', 'src/f4.ts', 'src/new.ts']);
    assert.deepEqual(secrets(third.findings), [tok]);
  });

  it('findings follow changes: a token added, a token removed, a file deleted, a file renamed', async () => {
    const fs = new MemFs();
    const [t1, t2] = [githubToken(), npmToken()];
    fs.write('a.env', `GITHUB_TOKEN=${t1}\n`);
    fs.write('b.env', `NPM_TOKEN=${t2}\n`);
    fs.write('c.txt', plain(1));
    fs.write('d.txt', plain(2));
    const held = new Map<string, Finding[]>();
    let r = await scanFolder(fs, scanner, new ScanIndex(key), held);
    assert.deepEqual(secrets(r.findings), [t1, t2].sort());

    // Unchanged files with findings are not read while their findings are held; the findings still count.
    r = await scanFolder(fs, scanner, r.index, held);
    assert.deepEqual(r.read, []);
    assert.deepEqual(secrets(r.findings), [t1, t2].sort());

    const t3 = githubToken();
    fs.write('c.txt', `${plain(1)}TOKEN=${t3}\n`); // a token added
    fs.write('a.env', 'GITHUB_TOKEN=\n'); // a token removed
    fs.files.delete('d.txt'); // deleted
    fs.files.set('moved/b.env', fs.files.get('b.env')!); // renamed, mtime kept
    fs.files.delete('b.env');
    r = await scanFolder(fs, scanner, r.index, held);
    assert.deepEqual(r.read, ['a.env', 'c.txt', 'moved/b.env']);
    assert.deepEqual(secrets(r.findings), [t2, t3].sort());
    assert.deepEqual([...r.findings.keys()].sort(), ['c.txt', 'moved/b.env']);
    assert.deepEqual([...held.keys()].sort(), ['c.txt', 'moved/b.env'], 'no findings held for gone or cleaned files');
    const saved = await serializeIndex(r.index);
    assert.ok(!saved.includes('\tb.env\n') && !saved.includes('\td.txt\n'), 'deleted and renamed-away paths leave the index');
  });

  it('a file with findings is read again when its findings are not held (a new window); clean files are not', async () => {
    const fs = new MemFs();
    const tok = githubToken();
    fs.write('x.env', `GITHUB_TOKEN=${tok}\n`);
    fs.write('y.ts', plain(1));
    const first = await scanFolder(fs, scanner, new ScanIndex(key), new Map());
    const reloaded = await parseIndex(await serializeIndex(first.index), key);
    const r = await scanFolder(fs, scanner, reloaded, new Map());
    assert.deepEqual(r.read, ['x.env']);
    assert.deepEqual(secrets(r.findings), [tok]);
  });

  it('does not trust a file modified within the file system’s timestamp granularity of its stat (racy), nor an mtime in the future', () => {
    const index = new ScanIndex(key);
    const fine = 1_767_225_600_123.456;
    index.record('fresh', { size: 1, mtimeMs: fine }, 'clean', fine + 50);
    index.record('settled', { size: 1, mtimeMs: fine }, 'clean', fine + 500);
    const coarse = 1_767_225_600_000;
    index.record('coarse-fresh', { size: 1, mtimeMs: coarse }, 'clean', coarse + 1500);
    index.record('coarse-settled', { size: 1, mtimeMs: coarse }, 'clean', coarse + 2500);
    index.record('future', { size: 1, mtimeMs: fine + 60_000 }, 'clean', fine);
    index.record('tab\tname', { size: 1, mtimeMs: fine }, 'clean', fine + 500);
    const next = index.result(true);
    assert.deepEqual([...next.entries()].map(([rel]) => rel).sort(), ['coarse-settled', 'settled']);
    assert.equal(racyWithin(coarse), 2000);
    assert.equal(racyWithin(fine), 100);
  });

  it('starts over when the rules change (another key); a cancelled scan keeps the entries it did not reach, a complete one drops unseen paths', async () => {
    const withRule = createScanner([{ id: 'custom-acme', name: 'Acme key', pattern: 'acme_[a-z0-9]{24}', keywords: ['acme_'] }]);
    assert.equal(withRule.errors.length, 0);
    const key2 = indexKey(ENGINE_ID, withRule.scanner.rules);
    assert.notEqual(key2, key);
    assert.notEqual(indexKey('another-engine', scanner.rules), key);
    assert.equal(indexKey(ENGINE_ID, createScanner().scanner.rules), key, 'the same rules give the same key');

    const fs = new MemFs();
    for (let i = 0; i < 10; i++) fs.write(`f${i}.txt`, plain(i));
    const first = await scanFolder(fs, scanner, new ScanIndex(key), new Map());
    const saved = await serializeIndex(first.index);
    assert.equal((await parseIndex(saved, key)).size, 10);
    const other = await parseIndex(saved, key2);
    assert.equal(other.size, 0, 'an index under another key is not used');
    const acme = 'acme_' + 'k3'.repeat(12);
    fs.files.set('f5.txt', { ...fs.files.get('f5.txt')!, text: plain(5).slice(0, -1 - acme.length) + acme + '\n' }); // same size and mtime
    const r = await scanFolder(fs, withRule.scanner, other, new Map());
    assert.equal(r.read.length, 10, 'every file is read under new rules');
    assert.equal(r.findings.get('f5.txt')?.[0]?.ruleId, 'custom-acme');

    const partial = await scanFolder(fs, scanner, new ScanIndex(key, new Map([...first.index.entries(), ['gone.txt', { size: 1, mtimeMs: 1, kind: 'clean' }]])), new Map(), 3);
    assert.ok(partial.index.match('gone.txt', { size: 1, mtimeMs: 1 }), 'a cancelled scan keeps what it did not reach');
    const full = await scanFolder(fs, scanner, partial.index, new Map());
    assert.equal(full.index.match('gone.txt', { size: 1, mtimeMs: 1 }), undefined, 'a complete scan drops it');
  });

  it('says whether a scan changed the index (a rescan that changed nothing has nothing to save)', async () => {
    const fs = new MemFs();
    for (let i = 0; i < 6; i++) fs.write(`d/f${i}.txt`, plain(i));
    fs.write('d/t.env', `TOKEN=${githubToken()}\n`);
    fs.write('d/b.bin', 'bin\u0000ary');
    const held = new Map<string, Finding[]>();
    const first = await scanFolder(fs, scanner, new ScanIndex(key), held);
    assert.equal(first.changed, true, 'a first scan records every file');
    const again = await scanFolder(fs, scanner, first.index, held);
    assert.equal(again.read.length, 0);
    assert.equal(again.changed, false, 'nothing read, nothing gone: the same index');
    assert.deepEqual([...again.index.entries()], [...first.index.entries()]);
    const reread = await scanFolder(fs, scanner, again.index, new Map());
    assert.deepEqual(reread.read, ['d/t.env'], 'a new window reads the file with findings again');
    assert.equal(reread.changed, true, 'a file read is recorded again (its entry may differ)');
    fs.files.delete('d/f2.txt');
    const gone = await scanFolder(fs, scanner, reread.index, held);
    assert.equal(gone.read.length, 0);
    assert.equal(gone.changed, true, 'a file gone changes the index');
    fs.write('d/f3.txt', plain(33));
    assert.equal((await scanFolder(fs, scanner, gone.index, held)).changed, true, 'a changed file changes it');
  });

  it('saved form: header and key, slices, never a token; truncated or foreign files give an empty or partial index', async () => {
    const fs = new MemFs();
    const toks = [githubToken(), npmToken()];
    fs.write('a/.env', `GITHUB_TOKEN=${toks[0]}\nNPM_TOKEN=${toks[1]}\n`);
    fs.write('a/blob.bin', '\u0000\u0001\u0002binary');
    for (let i = 0; i < 30; i++) fs.write(`b/f${i}.ts`, plain(i));
    const r = await scanFolder(fs, scanner, new ScanIndex(key), new Map());
    let pauses = 0;
    const text = await serializeIndex(r.index, () => Promise.resolve(void pauses++), 7);
    assert.ok(pauses >= 4, 'serialised in slices');
    assert.ok(text.startsWith(`${INDEX_HEADER}\t${key}\n`));
    for (const t of toks) assert.ok(!text.includes(t) && !text.includes(t.slice(-8)), 'no token or part of one in the index');
    assert.match(text, /\tf\ta\/\.env\n/);
    assert.match(text, /\tb\ta\/blob\.bin\n/);
    const back = await parseIndex(text, key);
    assert.equal(back.size, 32);
    assert.deepEqual(back.match('a/.env', (await fs.stat('a/.env'))), { ...(await fs.stat('a/.env')), kind: 'findings' });

    assert.equal((await parseIndex(text.slice(0, text.length - 5), key)).size, 31, 'a truncated last line is dropped');
    assert.equal((await parseIndex('garbage', key)).size, 0);
    assert.equal((await parseIndex(undefined, key)).size, 0);
    assert.equal((await parseIndex(text.replace('\tf\ta/.env', '\tz\ta/.env').replace(/\n\d+(\t[\d.]+\tc\tb\/f0\.ts\n)/, '\nx$1'), key)).size, 30, 'malformed lines are dropped');
    // A binary file that stays unchanged is not read again.
    const again = await scanFolder(fs, scanner, back, new Map());
    assert.deepEqual(again.read, ['a/.env']);
    // … and is counted as the first scan counted it: skipped as binary, not a covered file.
    assert.equal(r.binary, 1);
    assert.equal(again.binary, 1);
    assert.equal(again.unchanged, 30);
  });

  it('written in chunks of entries with a pause between them; local storage writes them as they come and replaces the old index only once all are written', async () => {
    const entries = new Map<string, { size: number; mtimeMs: number; kind: 'clean' | 'findings' | 'binary' }>();
    for (let i = 0; i < 23; i++) entries.set(`dir/f${i}.ts`, { size: 100 + i, mtimeMs: 1_700_000_000_000.5 + i, kind: i % 5 ? 'clean' : 'findings' });
    const index = new ScanIndex(key, entries);
    const events: string[] = [];
    const chunks: string[] = [];
    for await (const c of indexChunks(index, async () => void events.push('pause'), 5)) {
      events.push('chunk');
      chunks.push(c);
    }
    assert.equal(chunks[0], `${INDEX_HEADER}\t${key}\n`, 'the header first, alone');
    assert.deepEqual(chunks.slice(1).map((c) => c.split('\n').length - 1), [5, 5, 5, 5, 3], 'then chunks of five entries');
    assert.deepEqual(events, ['chunk', 'chunk', 'pause', 'chunk', 'pause', 'chunk', 'pause', 'chunk', 'pause', 'chunk'], 'a pause after each full chunk');
    assert.equal(chunks.join(''), await serializeIndex(index, undefined, 5), 'the same text as in one piece');

    const dir = mkdtempSync(path.join(tmpdir(), 'tc-index-'));
    try {
      const storage = nodeIndexStorage(path.join(dir, 'ws', 'storage'));
      assert.equal(await storage.read('idx.txt'), undefined, 'nothing saved yet');
      // The storage gets the chunks one by one: the file grows while they come (no single string).
      const seen: number[] = [];
      const tmp = path.join(dir, 'ws', 'storage', 'idx.txt.tmp');
      async function* watched(): AsyncGenerator<string> {
        for await (const c of indexChunks(index, undefined, 5)) {
          seen.push(readdirSync(path.dirname(tmp)).includes('idx.txt.tmp') ? readFileSync(tmp, 'utf8').length : -1);
          yield c;
        }
      }
      await storage.write('idx.txt', watched());
      assert.deepEqual(seen.slice(0, 3), [0, chunks[0].length, chunks[0].length + chunks[1]!.length], 'each chunk is written before the next one is made');
      const saved = await storage.read('idx.txt');
      assert.equal(saved, chunks.join(''));
      const back = await parseIndex(saved, key);
      assert.equal(back.size, 23);
      assert.deepEqual(back.match('dir/f5.ts', { size: 105, mtimeMs: 1_700_000_000_005.5 }), { size: 105, mtimeMs: 1_700_000_000_005.5, kind: 'findings' });

      // A save that fails halfway leaves the previous index in place.
      async function* failing(): AsyncGenerator<string> {
        yield `${INDEX_HEADER}\t${key}\n`;
        yield '1\t2\tc\tpartial.ts\n';
        throw new Error('scan gone');
      }
      await assert.rejects(storage.write('idx.txt', failing()), /scan gone/);
      assert.equal(await storage.read('idx.txt'), saved);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compact table (IndexTable): the same entries, in the same order, as a Map of entries under random sets and deletes (past its growth)', () => {
    const kinds: IndexKind[] = ['clean', 'findings', 'binary'];
    for (let round = 0; round < 3; round++) {
      const table = new IndexTable(16);
      const ref = new Map<string, IndexEntry>();
      for (let op = 0; op < 3000; op++) {
        const rel = `d${randomInt(8)}/f${randomInt(600)}.ts`;
        if (randomInt(6) === 0) {
          table.delete(rel);
          ref.delete(rel);
          continue;
        }
        const e: IndexEntry = { size: randomInt(1 << 30), mtimeMs: 1_767_225_600_000 + randomInt(1e9) / 7, kind: kinds[randomInt(3)]! };
        table.set(rel, e.size, e.mtimeMs, e.kind);
        ref.set(rel, e);
      }
      assert.deepEqual([...table.entries()], [...ref.entries()]);
      assert.equal(table.size, ref.size);
      for (const [rel, e] of ref) {
        assert.equal(table.kindIfSame(rel, e.size, e.mtimeMs), e.kind);
        assert.equal(table.kindIfSame(rel, e.size + 1, e.mtimeMs), undefined, 'another size');
        assert.equal(table.kindIfSame(rel, e.size, e.mtimeMs + 0.001), undefined, 'another mtime');
      }
      assert.equal(table.kindIfSame('nowhere.ts', 1, 1), undefined);
      const copy = IndexTable.from(table);
      copy.set('extra.ts', 1, 2, 'clean');
      assert.deepEqual([...copy.entries()].slice(0, -1), [...ref.entries()], 'a copy keeps the order');
      assert.equal(table.has('extra.ts'), false, 'a copy is its own');
    }
  });
});
