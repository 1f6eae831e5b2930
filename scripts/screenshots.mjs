// `npm run screenshots`: regenerates the README screenshots (media/screenshots/*.png) in the real host —
// code-server + Chromium, the same harness as `npm run test:host` — from the staged demo of
// test/host/suite/screenshots.test.ts. Takes the host lock (/tmp/tc-host.lock) so that it never runs
// next to another host run. Each shot is quantized to a 256-colour palette PNG with pngquant (UI
// screenshots lose nothing visible; 168 KB -> 70 KB for the five), so the committed files are the
// small ones and nothing downstream (CI, packaging) needs pngquant. Prints each file with its size.
// The screenshots are not packaged in the .vsix: see .vscodeignore.
// Usage: node scripts/screenshots.mjs [--out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'media', 'screenshots'));
const LOCK = '/tmp/tc-host.lock';

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const pngquant = spawnSync('pngquant', ['--version'], { encoding: 'utf8' });
if (pngquant.error || pngquant.status !== 0) {
  console.error('screenshots: pngquant is missing (it makes the palette PNGs the README links). Install it: sudo apt-get install -y pngquant');
  process.exit(1);
}

if (run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests']) !== 0) process.exit(1);

// A fresh folder, so that a shot the suite no longer takes does not linger.
const staging = join(root, '.test-artifacts', 'screenshots');
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const host = [join(root, 'test', 'host', 'run.mjs'), '--grep', 'README screenshots', '--timeout', '600'];
const env = { TC_SCREENSHOTS: '1', TC_SCREENSHOT_DIR: staging };
// flock(1) waits for any other host run (tests or screenshots) to finish first.
const status = run('flock', [LOCK, process.execPath, ...host], env);
const shots = readdirSync(staging).filter((f) => f.endsWith('.png')).sort();
if (status !== 0 || shots.length === 0) {
  console.error(`screenshots: the host run failed (exit ${status}); ${out} left as it was`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith('.png')) rmSync(join(out, f));
for (const f of shots) {
  const from = join(staging, f);
  const to = join(out, f);
  // 256 colours, slowest/best search, no metadata chunks (no timestamps: the same shot gives the same bytes).
  const q = spawnSync('pngquant', ['256', '--speed', '1', '--strip', '--force', '--output', to, from], { encoding: 'utf8' });
  if (q.status !== 0) {
    console.error(`screenshots: pngquant failed on ${f} (exit ${q.status}): ${q.stderr}`);
    process.exit(1);
  }
  console.log(`${to.slice(root.length + 1)}: ${(statSync(to).size / 1024).toFixed(1)} KB (${(statSync(from).size / 1024).toFixed(1)} KB as taken)`);
}
