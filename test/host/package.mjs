// Packaging test: builds the .vsix exactly as `npm run package` does, installs it into a throwaway
// code-server with `--install-extension`, and runs the "packaged extension" suite against it —
// so what ships is what was tested. Part of `npm run test:host`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './install.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tc-vsix-'));
const vsix = join(dir, 'token-custody.vsix');
try {
  const t0 = Date.now();
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsix)) {
    console.error(r.stdout + r.stderr);
    console.log('host: 0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`[package] built ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'test', 'host', 'run.mjs'), '--vsix', vsix, '--grep', 'packaged extension', '--timeout', '300'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  // vsce runs `vscode:prepublish` (a minified production build) into dist/: rebuild the development bundle.
  spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}
