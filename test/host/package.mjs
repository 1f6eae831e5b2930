// Packaging test: builds the .vsix exactly as `npm run package` does, checks its size budget, installs
// it into a throwaway code-server with `--install-extension`, and runs the "packaged extension" suite
// against it — so what ships is what was tested. Part of `npm run test:host`.
// Budgets (sizes are deterministic for a given source, so they are asserted): the .vsix ≤ 265 KB, the
// minified desktop entry dist/extension.js ≤ 100 KB (61.3 KB) and dist/shared.js ≤ 355 KB: the engine and
// the host code the browser build uses, once — it is the browser build and every other bundle requires it
// (scripts/build.mjs). What is not packaged: the English source bundle l10n/bundle.l10n.json (VS Code never
// loads it), the README screenshots (see .vscodeignore); dist/cli.js takes the keychain backends from
// dist/keychain.js. History of the two that grew:
// - .vsix: 250 KB until the untitled-title warning, the Twilio exact-case keyword tables and this release's
//   CHANGELOG (10.6 → 11.4 KB compressed); 255 KB since, 260 KB since the engine commits of 2026-12-05's
//   evening (255.7 KB measured then), 265 KB since the custody view's pages and the README's note on
//   VS Code's backups of unsaved editors (259.7 KB measured then).
// - dist/shared.js: 320 KB, then 340 with the keystroke path that reads positions through pending shifts
//   (src/findings/liveFindings.ts), the keyword-hit checks (regexHead.ts) and the relaxed-SIMD prefilter
//   build (the issuers' HTTP clients, 14.6 KB, moved to dist/revocation.js: the browser build never runs
//   them); 345 with the trie walk in the WebAssembly module, the stream's deferred small pushes and the
//   shadowed-generic skip (341.1 KB); 350 with the stream's boundary fixes (hits kept open across line
//   breaks, unsettled findings held), the rule regexes without the d flag (matchSpan.ts) and the prefilter's
//   one-load first pass (346.5 KB); 351.2 KB with 2026-12-06's visible-lines-first masking of large documents
//   and engine commits, back to 347.1 KB by embedding the prefilter's plain-SIMD build only (the relaxed one is
//   derived from it: 4.3 KB of base64 less); 355 KB with the custody view's pages of 500 rows ("Show
//   more", 350.9 KB measured then).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './install.mjs';

const BUDGET_KB = { vsix: 265, 'dist/extension.js': 100, 'dist/shared.js': 355 };
const dir = mkdtempSync(join(tmpdir(), 'tc-vsix-'));
const vsix = join(dir, 'token-custody.vsix');
try {
  const t0 = Date.now();
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The arguments of `npm run package`, with our output file.
  const script = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts.package.split(/\s+/);
  const vsceArgs = script.slice(script.indexOf('package')).filter((a, i, all) => a !== '-o' && all[i - 1] !== '-o');
  const r = spawnSync(process.execPath, [vsce, ...vsceArgs, '-o', vsix], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsix)) {
    console.error(r.stdout + r.stderr);
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  }
  if (/WARNING/.test(r.stdout + r.stderr)) console.error(`[package] vsce warned:\n${r.stdout + r.stderr}`);
  const sizes = { vsix: statSync(vsix).size, 'dist/extension.js': statSync(join(PROJECT_ROOT, 'dist', 'extension.js')).size, 'dist/shared.js': statSync(join(PROJECT_ROOT, 'dist', 'shared.js')).size };
  console.log(`[package] built ${vsix} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB (budget ${BUDGET_KB[k]} KB)`).join(', ')}`);
  const over = Object.entries(sizes).filter(([k, v]) => v > BUDGET_KB[k] * 1024);
  if (over.length) {
    console.error(`[package] over budget: ${over.map(([k, v]) => `${k} is ${(v / 1024).toFixed(1)} KB > ${BUDGET_KB[k]} KB`).join('; ')}`);
    console.log('host: 0 passed, 1 failed');
    process.exitCode = 1;
  } else {
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'test', 'host', 'run.mjs'), '--vsix', vsix, '--grep', 'packaged extension', '--timeout', '300'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    process.exitCode = run.status ?? 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  // vsce runs `vscode:prepublish` (a minified production build) into dist/: rebuild the development bundle.
  spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}
