// Denial-of-service measurements for issue 11 item 5 (not part of `npm run bench`):
//   npx esbuild --bundle --platform=node test/bench/dos.ts --outfile=out/dos.js && node out/dos.js
// Prints: AWS pairing time on 4 MB of id/secret pairs, basic-auth-header time per MB, and the longest
// synchronous slice of the editor's background scan on a 20 MB file (one token per line).
import { scanInSlices } from '../../src/editor/backgroundScan';
import { createScanner } from '../../src/engine';
import { githubToken } from '../support/tokens/github';
import { awsKeyId } from '../support/tokens/aws';
import { ALPHABETS, plausible } from '../support/tokens/random';

const { scanner } = createScanner();

function fill(target: number, line: () => string): string {
  const parts: string[] = [];
  let n = 0;
  while (n < target) {
    const l = line();
    parts.push(l);
    n += l.length;
  }
  return parts.join('');
}

function time(label: string, text: string, per = 1): void {
  scanner.scan(text.slice(0, 65536)); // warm up
  const t0 = performance.now();
  const found = scanner.scan(text);
  const ms = performance.now() - t0;
  console.log(`${label}: ${(ms / per).toFixed(0)} ms${per !== 1 ? ' per MB' : ''} (${(text.length / 1048576).toFixed(1)} MB, ${found.length} findings)`);
}

const MB = 1024 * 1024;
time('AWS pairing, 4 MB of pairs', fill(4 * MB, () => `aws_access_key_id = ${awsKeyId('AKIA', '123456789012')}\naws_secret_access_key = ${plausible(ALPHABETS.b62, 40)}\n`));
time('basic-auth-header', fill(2 * MB, () => `Authorization: Basic ${Buffer.from(`svc-${plausible(ALPHABETS.b62, 6)}:${plausible(ALPHABETS.b62, 20)}`).toString('base64')}\n`), 2);

// Background scan slices (editor): before = 512 KB regions per slice with `found.some` dedupe;
// after = scanInSlices (time-budgeted regions, Set dedupe).
async function slices(): Promise<void> {
  const text = fill(20 * MB, () => `GITHUB_TOKEN=${githubToken('ghp')}\n`);
  const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));
  const stats = { sliceMs: [] as number[], sliceChars: [] as number[], calls: 0 };
  const t0 = performance.now();
  const found = await scanInSlices(scanner, text, { yieldNow, stats });
  console.log(`background scan, 20 MB, one token per line (after): longest slice ${Math.max(...stats.sliceMs).toFixed(0)} ms, ${stats.sliceMs.filter((m) => m > 50).length} of ${stats.sliceMs.length} slices over 50 ms, median ${[...stats.sliceMs].sort((a, b) => a - b)[stats.sliceMs.length >> 1]?.toFixed(0)} ms, ${found?.length} findings, ${(performance.now() - t0).toFixed(0)} ms in all`);
  if (process.argv.includes('--before')) {
    let longest = 0;
    const kept: { range: { start: number; end: number } }[] = [];
    for (let at = 0; at < 4 * MB; at += 512 * 1024) {
      await yieldNow();
      const s0 = performance.now();
      const part = scanner.scan(text.slice(0, 4 * MB), { region: { start: at, end: Math.min(4 * MB, at + 512 * 1024) }, positionAt: () => ({ line: 0, col: 0 }) });
      for (const f of part) if (!kept.some((g) => g.range.start === f.range.start && g.range.end === f.range.end)) kept.push(f);
      longest = Math.max(longest, performance.now() - s0);
    }
    console.log(`background scan, 4 MB, one token per line (before): longest slice ${longest.toFixed(0)} ms`);
  }
}
void slices();
