// `npm run test:electron`: the same host suites (out/test/host/suite/index.js) in desktop VS Code via
// @vscode/test-electron (extensionDevelopmentPath + extensionTestsPath). It downloads VS Code from
// Microsoft's update server into .vscode-test/, so it needs that network access (and a display on
// Linux, e.g. `xvfb-run -a npm run test:electron`). There is no browser channel here: tests that need
// one skip themselves. VS Code version: $VSCODE_VERSION (default "stable").
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './install.mjs';
import { ARTIFACTS_ROOT, ENV, SUITE_RUNNER, resetDir } from './harness.mjs';

const log = (msg) => console.log(`[electron] ${msg}`);

async function main() {
  if (!existsSync(SUITE_RUNNER)) {
    console.error(`[electron] ${SUITE_RUNNER} is missing: build first (node scripts/build.mjs --tests)`);
    return 2;
  }
  const { runTests } = await import('@vscode/test-electron');
  const artifacts = join(ARTIFACTS_ROOT, 'electron');
  resetDir(artifacts);
  const resultsFile = join(artifacts, 'results.json');
  const root = mkdtempSync(join(tmpdir(), 'tc-electron-'));
  const workspace = join(root, 'workspace');
  const userData = join(root, 'user-data');
  for (const d of [workspace, userData]) resetDir(d);
  writeFileSync(join(workspace, 'README.txt'), 'Throwaway workspace of the Token Custody host tests.\n');
  const version = process.env.VSCODE_VERSION || 'stable';
  let code;
  try {
    log(`VS Code ${version}, workspace ${workspace}`);
    code = await runTests({
      version,
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: SUITE_RUNNER,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
      extensionTestsEnv: { [ENV.workspace]: workspace, [ENV.results]: resultsFile, [ENV.artifacts]: artifacts, ...(process.env[ENV.grep] ? { [ENV.grep]: process.env[ENV.grep] } : {}) },
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|download|fetch failed|socket hang up|status code/i.test(msg)) {
      console.error(
        `[electron] could not download VS Code ${version} from Microsoft's update server (${msg.split('\n')[0]}).\n` +
          '[electron] test:electron needs that network access. Offline (npm registry only), use `npm run test:host`,\n' +
          '[electron] which runs the same suites in code-server installed from npm.',
      );
    } else {
      console.error(`[electron] VS Code test run failed: ${msg}`);
    }
    code = code ?? 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  if (existsSync(resultsFile)) {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const skipped = r.pending.length ? `, ${r.pending.length} skipped` : '';
    const failed = r.failures.length + (code !== 0 && r.failures.length === 0 ? 1 : 0); // a runner error counts as a failure
    console.log(`electron: ${r.passes.length} passed, ${failed} failed${skipped}`);
  } else {
    console.log('electron: 0 passed, 1 failed (no results: the suites did not run)');
  }
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[electron] ERROR: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
