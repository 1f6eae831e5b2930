// CLI reading and summary: whole files read with one stat into a reused buffer (larger files, files
// that grow after the stat, a size known from the caller), and the summary's digit grouping without
// `toLocaleString` (whose ICU load dominated a small scan's start-up).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createScanner, fingerprintsOf } from '../../../src/engine';
import { grouped, summaryLine } from '../../../src/cli/scan';
import { keptFindings, scanPath, type FileOutcome } from '../../../src/cli/scan/workers';
import { expandFixture, githubToken } from '../../support/fakes';
import { RULE_FIXTURE_FILES } from '../../support/ruleFixtures';

/** A full garbage collection (the flag is set at run time: the unit tests run without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('scan reading and summary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-read-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const { scanner } = createScanner();
  const limits = { inlineIgnore: true };

  it('reads files larger than the shared buffer whole, and a small file after a large one', async () => {
    const token = githubToken();
    const big = path.join(dir, 'big.log');
    writeFileSync(big, 'x'.repeat(3 * 1024 * 1024) + `\nGITHUB_TOKEN=${token}\n`);
    const o = await scanPath(scanner, big, limits);
    assert.equal(o.bytes, 3 * 1024 * 1024 + 15 + token.length);
    assert.deepEqual(o.findings?.map((f) => f.ruleId), ['github-pat-classic']);
    const small = path.join(dir, 'small.txt');
    writeFileSync(small, 'nothing here\n');
    const s = await scanPath(scanner, small, limits);
    assert.deepEqual([s.bytes, s.findings?.length], [13, 0]);
  });

  it('reads to the end when the known size is stale (the file grew)', async () => {
    const token = githubToken();
    const f = path.join(dir, 'grew.env');
    writeFileSync(f, `A=1\nGITHUB_TOKEN=${token}\n`);
    const o = await scanPath(scanner, f, limits, 4);
    assert.deepEqual(o.findings?.map((x) => x.ruleId), ['github-pat-classic']);
  });

  it('reads a pipe (size 0) to its end, past a short read: a token written after a pause is found', { skip: process.platform === 'win32' }, async () => {
    const fifo = path.join(dir, 'fifo.env');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const token = githubToken();
    // The writer sends a first part, waits, then the part with the token: the first read returns the first part only.
    const writer = spawn(process.execPath, ['-e', `const fs = require('fs'); const fd = fs.openSync(${JSON.stringify(fifo)}, 'w'); fs.writeSync(fd, 'A=1\\n'.repeat(100)); setTimeout(() => { fs.writeSync(fd, 'GITHUB_TOKEN=' + process.env.T + '\\n'); fs.closeSync(fd); }, 300);`], { env: { ...process.env, T: token }, stdio: 'ignore' });
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    const o = await scanPath(scanner, fifo, limits, 0);
    await exited;
    assert.equal(o.bytes, 400 + 14 + token.length);
    assert.deepEqual(o.findings?.map((x) => x.ruleId), ['github-pat-classic']);
  });

  it('reports a folder or a missing file as an error, a large file as too large', async () => {
    assert.equal((await scanPath(scanner, dir, limits)).error, 'EISDIR');
    assert.equal((await scanPath(scanner, path.join(dir, 'missing'), limits)).error, 'ENOENT');
    const f = path.join(dir, 'ten.txt');
    writeFileSync(f, '0123456789');
    assert.equal((await scanPath(scanner, f, { inlineIgnore: true, maxFileSize: 9 })).skipped, 'too-large');
  });

  it('keeps findings that hold no reference to the file text and no secret: 40 files of 256 KB with a token each leave well under 4 MB on the heap', async () => {
    const filler = 'const value = compute(1, 2); // a generated line of source text\n'.repeat(4096); // 256 K characters
    const files: string[] = [];
    for (let i = 0; i < 40; i++) {
      const f = path.join(dir, `held-${i}.js`);
      writeFileSync(f, `${filler}// file ${i}\nconst token = "${githubToken()}";\n`);
      files.push(f);
    }
    await scanPath(scanner, files[0]!, limits); // the read buffer grown and the code compiled before the measure
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const kept: FileOutcome[] = [];
    for (const f of files) kept.push(await scanPath(scanner, f, limits));
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;
    // Before: each finding kept its file's text alive (10 MB here).
    assert.ok(grown < 4 * 1024 * 1024, `the findings of 40 files hold ${(grown / 1048576).toFixed(1)} MB`);
    for (const o of kept) {
      assert.deepEqual(o.findings?.map((x) => x.ruleId), ['github-pat-classic']);
      const [f] = o.findings ?? [];
      assert.ok(f);
      assert.equal(f.secret, undefined, 'the CLI does not keep the secret after the scan');
      assert.match(f.fingerprint, /^sha256:/);
    }
  });

  it('keptFindings: the same enumerable fields in the same order and the same fingerprints as the scanner\'s findings, for every rule fixture; no secret', () => {
    let n = 0;
    for (const file of Object.values(RULE_FIXTURE_FILES)) {
      for (const fixtures of Object.values(file)) {
        for (const tpl of fixtures.positive) {
          const found = scanner.scan(`// a file\n${expandFixture(tpl).text}\n`);
          const kept = keptFindings(found);
          assert.equal(kept.length, found.length);
          kept.forEach((k, i) => {
            const f = found[i]!;
            assert.notEqual(k, f);
            assert.deepEqual({ ...k }, { ...f }, `${f.ruleId}: the same fields`);
            assert.equal(Object.keys(k).join(), Object.keys(f).join(), `${f.ruleId}: in the same order`);
            assert.equal(JSON.stringify(k), JSON.stringify(f));
            assert.deepEqual(fingerprintsOf(k), fingerprintsOf(f));
            assert.equal(k.secret, undefined);
            assert.ok(!Object.keys(k).includes('legacyFingerprint'), 'the legacy fingerprint stays hidden');
            n++;
          });
        }
      }
    }
    assert.ok(n > 100, `${n} findings`);
  });

  it('groups digits like en-US', () => {
    assert.deepEqual([0, 7, 999, 1000, 12345, 1234567, 1000000000].map(grouped), ['0', '7', '999', '1,000', '12,345', '1,234,567', '1,000,000,000']);
    assert.equal(summaryLine({ scanned: 12345, bytes: 10, binary: 1001, symlinks: 1, unreadable: 0, tooLarge: 0, submodules: 0, commits: 0 }, 'file'), 'scanned 12,345 files (10 bytes); skipped 1,001 binary, 1 symbolic link');
  });
});
