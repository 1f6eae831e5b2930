// `npm run test:host`: runs the compiled host suites (out/test/host/suite/) inside a real VS Code —
// code-server in a throwaway profile, its workbench in headless Chromium — and exits with their status.
//
// Usage: node test/host/run.mjs [--payload] [--grep <pattern>] [--timeout <seconds>] [--keep]
//   default    normal workbench: the extension and a driver extension are installed into the throwaway
//              --extensions-dir; the driver runs the suites (modal dialogs and notification toasts work)
//   --payload  VS Code's extension-test contract instead (extensionDevelopmentPath + extensionTestsPath in
//              the URL payload, as @vscode/test-electron does): modal dialogs are refused, no toasts
//   --grep     only tests whose full title matches (also TC_TEST_GREP)
//   --timeout  whole-run limit in seconds (default 1200, also TC_HOST_TIMEOUT)
//   --keep     keep the temp folders (user data, workspace) for inspection
//   --untrusted  workspace trust on and the test folder not trusted (Restricted Mode); runs only the
//              suites whose title contains "untrusted workspace" unless --grep says otherwise
//   --web      the browser build: user setting `remote.extensionKind` makes the workbench run the extension
//              from dist/shared.js in its web worker extension host (as vscode.dev does); only
//              suite/web.test.ts runs, from the driver in the remote host (TC_TEST_MODE=web)
//   --workspace D  open folder D instead of a throwaway workspace (kept; the bench's generated monorepo)
//   --suites S     `test` (default: *.test.js) or `bench` (*.bench.js: measurements, e.g. the monorepo
//                  workspace scan driven by `npm run bench`; also TC_TEST_SUITES)
//   --vsix F   install the packaged extension F with `code-server --install-extension` instead of linking
//              the project (what ships is what is tested; suites see TC_TEST_VSIX=1)
// Last line of output: `host: N passed, N failed[, N skipped]`.
import { existsSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ensureChromium, ensureCodeServer, HostSetupError, PROJECT_ROOT } from './install.mjs';
import {
  ARTIFACTS_ROOT, DRIVER_DIR, ENV, SUITE_RUNNER, browserActions, collectVsCodeLogs, dispatchTo, launchBrowser, linkExtension,
  makeSessionDirs, resetDir, startChannel, startCodeServer, testPayload, workbenchUrl,
} from './harness.mjs';

const T0 = Date.now();
const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[host ${elapsed()}] ${msg}`);
/** One seed for the suites' random fixtures (test/support/seed.ts), printed, so a failure can be replayed. */
const SEED = process.env.TC_TEST_SEED?.trim() || randomBytes(6).toString('hex');

/** `publisher.name` of the project's extension. */
function projectPublisherName() {
  const m = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  return `${m.publisher}.${m.name}`;
}

function parseArgs(argv) {
  const opts = { payload: false, web: false, suites: process.env[ENV.suites] || 'test', grep: process.env[ENV.grep] || undefined, timeoutSec: Number(process.env.TC_HOST_TIMEOUT || 900), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--payload') opts.payload = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--web') opts.web = true;
    else if (a === '--grep') opts.grep = argv[++i];
    else if (a === '--timeout') opts.timeoutSec = Number(argv[++i]);
    else if (a === '--vsix') opts.vsix = argv[++i];
    else if (a === '--untrusted') opts.untrusted = true;
    else if (a === '--workspace') opts.workspace = argv[++i];
    else if (a === '--suites') opts.suites = argv[++i];
    else throw new HostSetupError(`unknown argument ${a} (see the header of test/host/run.mjs)`);
  }
  if (opts.untrusted) opts.grep ??= 'untrusted workspace';
  if (opts.web && (opts.payload || opts.vsix || opts.untrusted)) throw new HostSetupError('--web runs the linked project with the driver: not with --payload, --vsix or --untrusted');
  if (!['test', 'bench'].includes(opts.suites)) throw new HostSetupError('--suites is `test` or `bench`');
  if (opts.workspace !== undefined && !existsSync(opts.workspace)) throw new HostSetupError(`--workspace ${opts.workspace} does not exist`);
  if (!(opts.timeoutSec > 0)) throw new HostSetupError('--timeout needs a positive number of seconds');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const artifacts = join(ARTIFACTS_ROOT, 'host');
  resetDir(artifacts);
  const resultsFile = join(artifacts, 'results.json');

  for (const [file, hint] of [[SUITE_RUNNER, 'node scripts/build.mjs --tests'], [join(PROJECT_ROOT, 'dist', opts.web ? 'shared.js' : 'extension.js'), 'node scripts/build.mjs']]) {
    if (!existsSync(file)) throw new HostSetupError(`${file} is missing: build first (${hint})`);
  }
  const chromePath = ensureChromium((m) => log(`install: ${m}`));
  const install = await ensureCodeServer({ log: (m) => log(`install: ${m}`) });

  const state = { page: null, actions: null, live: { passed: 0, failed: 0, pending: 0, lines: 0 }, liveAtEnd: null, closing: false, interrupted: null };
  let settle;
  const finished = new Promise((r) => (settle = r));
  const dispatch = (action, args) => {
    if (state.closing) throw new Error(`"${action}": the harness is shutting down`);
    if (action === 'log') {
      state.live.lines++;
      if (args.event === 'pass') state.live.passed++;
      else if (args.event === 'fail') state.live.failed++;
      else if (args.event === 'pending') state.live.pending++;
      console.log(String(args.line));
      return null;
    }
    if (action === 'done') return settle({ kind: 'done', failed: Boolean(args.failed), error: args.error }) ?? null;
    if (!state.actions) throw new Error(`"${action}": the workbench page is not open yet`);
    return dispatchTo(state.actions, action, args);
  };
  const channel = await startChannel(dispatch, { log: (m) => log(m) });

  const dirs = makeSessionDirs({ untrusted: Boolean(opts.untrusted), ...(opts.workspace ? { workspace: resolve(opts.workspace) } : {}) });
  if (!opts.workspace) writeFileSync(join(dirs.workspace, 'README.txt'), 'Throwaway workspace of the Token Custody host tests.\n');
  if (opts.web) {
    // 'web' only: the workbench runs the extension's `browser` entry in its web worker extension host.
    const settingsFile = join(dirs.userData, 'User', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    settings['remote.extensionKind'] = { [`${projectPublisherName()}`]: ['web'] };
    writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n');
  }
  log(`TC_TEST_SEED=${SEED}${process.env.TC_TEST_SEED?.trim() ? ' (from the environment)' : ''}: the seed of the random test fixtures`);
  const env = {
    TC_TEST_SEED: SEED,
    [ENV.channel]: channel.url,
    [ENV.workspace]: dirs.workspace,
    [ENV.results]: resultsFile,
    [ENV.artifacts]: artifacts,
    ...(opts.untrusted ? { TC_TEST_UNTRUSTED: '1' } : {}),
    [ENV.mode]: opts.payload ? 'payload' : opts.web ? 'web' : 'workbench',
    [ENV.suites]: opts.suites,
    ...(opts.grep ? { [ENV.grep]: opts.grep } : {}),
  };
  let extraArgs = [];
  if (opts.payload) {
    extraArgs = ['--vscode-option', 'enable-smoke-test-driver']; // 4.139 ignores the test payload without it
  } else if (opts.vsix) {
    const r = spawnSync(install.node, [install.entry, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', opts.vsix], {
      encoding: 'utf8', cwd: dirs.root, env: { ...process.env, XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_DATA_HOME: join(dirs.xdg, 'data') },
    });
    log(`install-extension ${opts.vsix}: exit ${r.status}; ${(r.stdout + r.stderr).trim().split('\n').slice(-1)[0]}`);
    if (r.status !== 0) throw new HostSetupError(`code-server --install-extension failed: ${r.stdout}${r.stderr}`);
    // The install wrote an extensions.json that lists only the package: without this, code-server
    // would mark the driver (linked next to it) as removed. Removing it makes code-server scan the folder.
    rmSync(join(dirs.extensions, 'extensions.json'), { force: true });
    linkExtension(dirs.extensions, DRIVER_DIR);
    env[ENV.runner] = SUITE_RUNNER;
    env.TC_TEST_VSIX = '1';
  } else {
    linkExtension(dirs.extensions, PROJECT_ROOT);
    linkExtension(dirs.extensions, DRIVER_DIR);
    env[ENV.runner] = SUITE_RUNNER;
  }

  let server = null;
  let serverStarting = null;
  let browser = null;
  let outcome = null;
  const teardown = async () => {
      if (outcome && (outcome.kind !== 'done' || outcome.failed)) {
      await state.page?.screenshot({ path: join(artifacts, 'final.png') }).catch(() => {});
    }
    try {
      collectVsCodeLogs(dirs, join(artifacts, 'vscode-logs'));
    } catch (err) {
      log(`could not copy VS Code logs: ${err}`);
    }
    rmSync(`${resultsFile}.started`, { force: true });
    await browser?.context.close().catch(() => {});
    await server?.stop();
    await channel.close();
    if (opts.keep) log(`kept temp folders in ${dirs.root}`);
    else rmSync(dirs.root, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    if (state.interrupted) process.exit(130); // second Ctrl+C: give up on cleaning up
    state.interrupted = sig;
    log(`${sig}: stopping and cleaning up`);
    settle({ kind: 'error', error: `interrupted by ${sig}` });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const interrupted = finished.then(() => {
      throw new Error(`interrupted by ${state.interrupted ?? 'a signal'} during startup`);
    });
    interrupted.catch(() => {});
    serverStarting = startCodeServer({ install, dirs, env, extraArgs, logFile: join(artifacts, 'code-server.log'), log, untrusted: Boolean(opts.untrusted) });
    server = await Promise.race([serverStarting, interrupted]);
    log(`code-server ready at ${server.base} (${opts.payload ? 'payload mode' : opts.web ? 'browser build in the web worker extension host + driver extension' : 'normal workbench + driver extension'})`);
    browser = await launchBrowser({ chromePath, profileDir: dirs.chromeProfile, xdgDir: dirs.xdg, origin: server.base });
    // playwright-core's process launcher adds its own SIGINT/SIGTERM listeners that exit at once
    // (128+n) without our teardown; ours cleans up (its 'exit' hook still kills the browser).
    for (const sig of ['SIGINT', 'SIGTERM']) for (const l of process.listeners(sig)) if (l !== onSignal) process.off(sig, l);
    const page = browser.page;
    const consoleLog = createWriteStream(join(artifacts, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e}\n`));
    page.on('close', () => settle({ kind: 'error', error: 'the workbench page closed' }));
    if (opts.payload) {
      // VS Code web calls window.codeAutomationExit(code) when the extensionTestsPath runner settles
      await page.exposeFunction('codeAutomationExit', (code) => settle({ kind: 'done', failed: code !== 0, error: code !== 0 ? `extensionTestsPath runner exited with ${code}` : undefined }));
    }
    state.page = page;
    state.actions = browserActions({ page, screenshotDir: join(artifacts, 'screenshots') });
    const payload = opts.payload ? testPayload(server.base, PROJECT_ROOT, SUITE_RUNNER) : undefined;
    await page.goto(workbenchUrl(server.base, dirs.workspace, payload));
    page.locator('.monaco-workbench').first().waitFor({ timeout: 120_000 }).then(
      () => log('workbench loaded; waiting for the suites'),
      () => {},
    );
    const watchServer = setInterval(() => {
      const ex = server?.exited();
      if (ex) settle({ kind: 'error', error: `code-server exited (${ex.code ?? ex.signal}) before the suites finished` });
    }, 500);
    const timer = setTimeout(() => settle({ kind: 'error', error: `timed out after ${opts.timeoutSec}s (screenshot: ${join(artifacts, 'final.png')})` }), opts.timeoutSec * 1000);
    outcome = await finished;
    state.closing = true;
    state.liveAtEnd = { ...state.live };
    clearInterval(watchServer);
    clearTimeout(timer);
  } catch (err) {
    outcome = { kind: 'error', error: err instanceof Error ? err.message : String(err) };
    state.closing = true;
    server ??= await serverStarting?.catch(() => null); // interrupted while it was starting
  } finally {
    await teardown(); // a signal now only marks the run interrupted; a second one exits at once
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const status = report(outcome, resultsFile, state.liveAtEnd ?? state.live, artifacts);
  return state.interrupted ? 130 : status;
}

function report(outcome, resultsFile, live, artifacts) {
  let results = null;
  if (existsSync(resultsFile)) {
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    } catch (err) {
      log(`unreadable ${resultsFile}: ${err}`);
    }
  }
  // the report normally arrived line by line over the channel; print it whole when it did not
  if (results && live.lines < results.report.length) for (const line of results.report) console.log(line);
  const passed = results ? results.passes.length : live.passed;
  let failed = results ? results.failures.length : live.failed;
  const skipped = results ? results.pending.length : live.pending;
  const harnessError = outcome.kind !== 'done' ? outcome.error : !results ? 'the suites finished without writing results' : null;
  if (outcome.kind === 'done' && outcome.error && results && results.failures.length === 0) {
    // run() threw outside any test (e.g. no test files): a failure mocha did not count
    log(`suite runner failed: ${outcome.error}`);
    failed += 1;
  }
  if (harnessError) {
    log(`ERROR: ${harnessError}`);
    failed += 1; // counted so that the summary line never reads as a success
  }
  const status = failed > 0 ? 1 : 0;
  if (status) log(`artifacts: ${artifacts} (screenshots, code-server.log, browser-console.log, vscode-logs/); TC_TEST_SEED=${SEED} replays the random fixtures`);
  log(`done in ${elapsed()}`);
  console.log(`host: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return status;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const setup = err instanceof HostSetupError;
    console.error(`[host ${elapsed()}] ${setup ? 'SETUP ERROR' : 'ERROR'}: ${err instanceof Error ? (setup ? err.message : err.stack) : String(err)}`);
    console.log('host: 0 passed, 1 failed');
    process.exit(setup ? 2 : 1);
  },
);
