// The cost of publishing a large document's findings in the editor (issue 11 item 5b), in plain
// Node (not part of `npm run bench`):
//   npx esbuild --bundle --platform=node test/bench/publish.ts --outfile=out/publish-bench.js && node out/publish-bench.js [--before]
// For N findings (BENCH_PUBLISH_N, default 1000,10000,100000) it prints the time of what runs per
// finding once a scan is done: the ignore filter, the capped diagnostics list, and the custody
// `detected` entries (guard over the known secrets, one log write, the state fold), sliced as the
// editor does it (total, longest slice). `--before` also runs the custody recording as it was
// (one record per finding: the guard searched every known secret and the whole log was re-folded
// each time) for the sizes up to 10,000 (100,000 would take hours).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScanner, type Finding } from '../../src/engine';
import { detectedDetail, fileWhere, findingFields, serialiseEntry, type CustodyEntry } from '../../src/custody/log';
import { CustodyLog } from '../../src/custody/logFile';
import { containsSecret, SecretIndex } from '../../src/custody/redact';
import { foldCustody } from '../../src/custody/state';
import { capDiagnostics, filterInSlices, forEachBatchInSlices } from '../../src/editor/publish';
import { githubToken } from '../support/tokens/github';

const { scanner } = createScanner();
const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));
const sizes = (process.env.BENCH_PUBLISH_N ?? '1000,10000,100000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'tc-publish-'));
const uri = 'file:///bench/big.env';

function findingsOf(n: number): Finding[] {
  // In chunks: one scan call reports at most 10,000 findings.
  const out: Finding[] = [];
  for (let done = 0; done < n; done += 5000) {
    const lines: string[] = [];
    for (let i = done; i < Math.min(n, done + 5000); i++) lines.push(`# line ${i}\nGITHUB_TOKEN=${githubToken('ghp')}\n`);
    out.push(...scanner.scan(lines.join('')));
  }
  return out;
}

function entryOf(f: Finding, ts: string): CustodyEntry {
  return { event: 'detected', where: fileWhere(uri, f.range, 'big.env'), detail: detectedDetail(f), ...findingFields(f), ts };
}

async function after(findings: Finding[], n: number): Promise<void> {
  const index = new SecretIndex();
  const log = new CustodyLog({ path: join(dir, `after2-${n}.jsonl`), knownSecretIndex: index });
  const stats = { sliceMs: [] as number[], sliceChars: [], calls: 0 };
  const t0 = performance.now();
  const ignoredFps = new Set<string>([findings[0]!.fingerprint]);
  const kept = (await filterInSlices(findings, (f) => ignoredFps.has(f.fingerprint), { yieldNow, stats }))!;
  const tFilter = performance.now();
  const { listed } = capDiagnostics(kept);
  const diags = listed.map((f) => ({ line: f.range.startLine, message: f.redacted }));
  const entries: CustodyEntry[] = [];
  const writes: Promise<number>[] = [];
  const ts = new Date().toISOString();
  await forEachBatchInSlices(kept, (batch) => {
    const fresh = batch.map((f) => {
      index.add(f);
      return entryOf(f, ts);
    });
    entries.push(...fresh);
    writes.push(log.appendMany(fresh));
  }, { yieldNow, stats, batch: 64 });
  const tSync = performance.now();
  const folded = foldCustody(entries);
  const tFold = performance.now() - tSync;
  const written = (await Promise.all(writes)).reduce((a, b) => a + b, 0);
  const t1 = performance.now();
  console.log(`after,  N=${n}: ${(tSync - t0).toFixed(0)} ms on the event loop (filter ${(tFilter - t0).toFixed(0)} ms), log writes done at ${(t1 - t0).toFixed(0)} ms; one state fold (custody view, on read) ${tFold.toFixed(0)} ms; longest slice ${Math.max(...stats.sliceMs).toFixed(1)} ms over ${stats.sliceMs.length} slices; ${diags.length} diagnostics, ${written} entries, ${folded.size} tokens`);
}

function before(findings: Finding[], n: number): void {
  // One CustodyService.record per finding, as it was: guard over all known secrets, full re-fold.
  const known: Finding[] = [];
  const entries: CustodyEntry[] = [];
  const ts = new Date().toISOString();
  const t0 = performance.now();
  for (const f of findings) {
    known.push(f);
    const entry = entryOf(f, ts);
    if (containsSecret(serialiseEntry(entry), [f.secret, ...known.map((k) => k.secret)])) throw new Error('guard');
    entries.push(entry);
    foldCustody(entries);
  }
  console.log(`before, N=${n}: ${(performance.now() - t0).toFixed(0)} ms in one task (custody recording alone, log writes not counted)`);
}

async function main(): Promise<void> {
  for (const n of sizes) {
    const findings = findingsOf(n);
    if (findings.length !== n) throw new Error(`expected ${n} findings, got ${findings.length}`);
    await after(findings, n);
    if (process.argv.includes('--before') && n <= 10_000) before(findings, n);
  }
  rmSync(dir, { recursive: true, force: true });
}
void main();
