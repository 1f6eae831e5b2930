// Shared library of the real-host test harness: throwaway code-server sessions, the headless Chromium
// that shows the workbench, and the loopback "browser channel" the extension-host tests use to press
// keys, click dialog buttons, read the DOM and take screenshots. See test/host/README.md.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, cleanNpmEnv } from './install.mjs';

export const ARTIFACTS_ROOT = join(PROJECT_ROOT, '.test-artifacts');
export const DRIVER_DIR = join(PROJECT_ROOT, 'test', 'host', 'driver');
export const SUITE_RUNNER = process.env.TC_OUT ? join(process.env.TC_OUT.startsWith('/') ? process.env.TC_OUT : join(PROJECT_ROOT, process.env.TC_OUT), 'test', 'host', 'suite', 'index.js') : join(PROJECT_ROOT, 'out', 'test', 'host', 'suite', 'index.js');

/** Environment variable names shared with the driver extension and test/host/suite/*.ts. */
export const ENV = {
  channel: 'TC_TEST_CHANNEL', // http://127.0.0.1:<port> of the browser channel
  workspace: 'TC_TEST_WORKSPACE', // absolute path of the test workspace folder
  runner: 'TC_TEST_RUNNER', // driver mode: compiled suite runner the driver extension loads
  results: 'TC_TEST_RESULTS', // where suite/index.ts writes its results JSON
  artifacts: 'TC_TEST_ARTIFACTS', // folder for screenshots and other evidence
  grep: 'TC_TEST_GREP', // optional mocha grep
  mode: 'TC_TEST_MODE', // workbench | payload (electron when unset)
  suites: 'TC_TEST_SUITES', // test (*.test.js, default) | bench (*.bench.js)
};

export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  'chat.disableAIFeatures': true,
  'terminal.integrated.defaultProfile.linux': 'bash',
  'terminal.integrated.profiles.linux': { bash: { path: '/bin/bash' } },
  'terminal.integrated.shellIntegration.enabled': true,
};

/**
 * `run.mjs --untrusted`: workspace trust on, no prompt, nothing trusted, so the test folder opens in
 * Restricted Mode (`vscode.workspace.isTrusted === false`), as a freshly cloned repository does.
 */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

export function now() {
  return Date.now();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function projectVersion() {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
}

function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/** Symlinks an extension folder into an --extensions-dir as <publisher>.<name>-<version>. Returns the id. */
export function linkExtension(extensionsDir, folder) {
  const m = readManifest(folder);
  const id = `${m.publisher}.${m.name}`;
  const target = join(extensionsDir, `${id}-${m.version}`);
  rmSync(target, { recursive: true, force: true });
  symlinkSync(folder, target, 'dir');
  return id;
}

/**
 * Creates the throwaway folders for one code-server session under a fresh temp dir.
 * { root, userData, extensions, chromeProfile, xdg, workspace }
 */
export function makeSessionDirs({ workspace, prefix = 'tc-host-', untrusted = false } = {}) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    chromeProfile: join(root, 'chrome-profile'),
    xdg: join(root, 'xdg'),
    workspace: workspace ?? join(root, 'workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  for (const sub of ['config', 'data', 'cache', 'state', 'runtime']) mkdirSync(join(dirs.xdg, sub), { recursive: true, mode: 0o700 });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(untrusted ? { ...USER_SETTINGS, ...UNTRUSTED_SETTINGS } : USER_SETTINGS, null, 2) + '\n');
  writeFileSync(join(root, 'code-server.yaml'), 'auth: none\ncert: false\n');
  return dirs;
}

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz.
 * Returns { port, base, child, logFile, output(), stop() }. stop() kills the whole process group.
 */
export async function startCodeServer({ install, dirs, port, env = {}, extraArgs = [], logFile, log = () => {}, startTimeoutMs = 90_000, untrusted = false }) {
  port ??= await freePort();
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', join(dirs.root, 'code-server.yaml'),
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
  ];
  const childEnv = {
    ...cleanNpmEnv(), // the parent `npm run`'s variables mean nothing to code-server's terminals
    SHELL: '/bin/bash',
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: join(dirs.xdg, 'state'),
    XDG_RUNTIME_DIR: join(dirs.xdg, 'runtime'),
    // terminals inherit this: commands typed by tests (fake tokens) stay out of the real ~/.bash_history
    HISTFILE: join(dirs.root, 'bash_history'),
    ...env,
  };
  const out = logFile ? createWriteStream(logFile) : null;
  let buffer = '';
  const child = spawn(install.node, args, { cwd: dirs.root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const onData = (d) => {
    buffer += d;
    if (buffer.length > 200_000) buffer = buffer.slice(-100_000);
    out?.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const stop = async () => {
    if (child.pid && exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 30 && exited === null; i++) await sleep(100);
    }
    // the group may still hold the extension host / pty children even after the server itself exited
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group empty */
      }
    }
    await new Promise((r) => (out ? out.end(r) : r()));
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = now() + startTimeoutMs;
  log(`starting code-server ${install.version} on ${base}`);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`code-server exited during startup (${exited.code ?? exited.signal}):\n${buffer.slice(-3000)}`);
    }
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz within ${startTimeoutMs / 1000}s:\n${buffer.slice(-3000)}`);
    }
    await sleep(150);
  }
  return { port, base, child, output: () => buffer, exited: () => exited, stop };
}

/** Launches the system Chromium headless with a throwaway profile; grants clipboard access for `origin`. */
export async function launchBrowser({ chromePath, profileDir, origin, xdgDir, viewport = { width: 1400, height: 900 } }) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromePath,
    // keeps Chromium's crash reports and caches out of ~/.config and ~/.cache
    env: xdgDir ? { ...process.env, XDG_CONFIG_HOME: join(xdgDir, 'config'), XDG_CACHE_HOME: join(xdgDir, 'cache') } : undefined,
    headless: true,
    args: BROWSER_ARGS,
    viewport,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Workbench URL for a folder, optionally with the extension-test payload (extensionDevelopmentPath / extensionTestsPath). */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload && payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export function testPayload(base, developmentPath, testsPath) {
  const authority = new URL(base).host;
  return [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${developmentPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
  ];
}

// ---------------------------------------------------------------------------------------------------
// Browser channel: a loopback HTTP server. POST /rpc {action, ...args} -> {ok: true, value} | {ok: false, error}.

const normalizeText = (s) => s.replace(/\u00a0/g, ' ');

function safeName(name) {
  return String(name).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'shot';
}

/**
 * Browser actions the extension-host tests may request. `page` is a Playwright Page.
 * Each returns a JSON-serialisable value.
 */
export function browserActions({ page, screenshotDir }) {
  let shots = 0;
  const visible = (locator) => locator.filter({ visible: true });
  const describeActive = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a ? `${a.tagName.toLowerCase()}${a.className ? '.' + String(a.className).trim().split(/\s+/).join('.') : ''}` : null;
    });
  return {
    async press({ keys }) {
      for (const combo of String(keys).trim().split(/\s+/)) await page.keyboard.press(combo);
      return null;
    },
    async type({ text }) {
      await page.keyboard.type(String(text));
      return null;
    },
    async insertText({ text }) {
      await page.keyboard.insertText(String(text));
      return null;
    },
    async activeElement() {
      return describeActive();
    },
    async focusTerminal({ timeoutMs = 10_000 }) {
      const screen = visible(page.locator('.terminal-wrapper.active .xterm-screen, .xterm .xterm-screen')).last();
      await screen.waitFor({ state: 'visible', timeout: timeoutMs });
      await screen.click();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const active = await describeActive();
        if (active && active.includes('xterm-helper-textarea')) return active;
        if (Date.now() > deadline) throw new Error(`terminal did not take focus (active element: ${active})`);
        await sleep(100);
      }
    },
    /** Moves the mouse to `dx`,`dy` pixels from the right end of `text` inside the first element `selector` matches that holds it (hovers). */
    async mouseToText({ selector, text, dx = 0, dy = 0 }) {
      const point = await page.evaluate(({ selector: sel, text: t }) => {
        for (const el of document.querySelectorAll(sel)) {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const at = n.data.indexOf(t);
            if (at === -1) continue;
            const range = document.createRange();
            range.setStart(n, at);
            range.setEnd(n, at + t.length);
            const r = range.getBoundingClientRect();
            return { x: r.right, y: r.top + r.height / 2 };
          }
        }
        return null;
      }, { selector: String(selector), text: String(text) });
      if (!point) throw new Error(`mouseToText: no "${text}" in ${selector}`);
      await page.mouse.move(point.x + Number(dx), point.y + Number(dy), { steps: 4 });
      return null;
    },
    /** Drags the vertical sash at the right edge of the element `selector` matches by `dx` pixels (resizes that part). */
    async dragSash({ selector, dx }) {
      const box = await visible(page.locator(String(selector))).first().boundingBox();
      if (!box) throw new Error(`dragSash: ${selector} is not visible`);
      const edge = box.x + box.width;
      let best = null;
      for (const sash of await visible(page.locator('.monaco-sash.vertical')).all()) {
        const b = await sash.boundingBox();
        if (b && (!best || Math.abs(b.x + b.width / 2 - edge) < Math.abs(best.x + best.width / 2 - edge))) best = b;
      }
      if (!best || Math.abs(best.x + best.width / 2 - edge) > 8) throw new Error(`dragSash: no sash at the right edge of ${selector}`);
      const x = best.x + best.width / 2;
      const y = best.y + best.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + Number(dx), y, { steps: 8 });
      await page.mouse.up();
      return null;
    },
    /**
     * Serves every browser request under the URL `prefix` from the file at the same relative path under
     * `dir` (404 when there is none): stands in for a web host the offline harness cannot reach.
     */
    async serveUrlPrefix({ prefix, dir }) {
      const base = String(prefix);
      await page.context().route((url) => url.href.startsWith(base), async (route) => {
        const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(base).pathname.length));
        const file = join(String(dir), rel);
        if (rel.includes('..') || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ status: 200, path: file });
      });
      return null;
    },
    /** The images of every frame (webviews included): alt text, src (empty when a sanitizer dropped it) and whether it loaded. */
    async frameImages() {
      const out = [];
      for (const frame of page.frames()) {
        const imgs = await frame.evaluate(() => [...document.images].map((i) => ({ alt: i.alt, src: i.currentSrc || i.src, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth }))).catch(() => []);
        out.push(...imgs);
      }
      return out;
    },
    async clickText({ text, exact = true, timeoutMs = 10_000 }) {
      const target = visible(page.getByText(String(text), { exact })).first();
      await target.click({ timeout: timeoutMs });
      return null;
    },
    async click({ selector, timeoutMs = 10_000 }) {
      await visible(page.locator(String(selector))).first().click({ timeout: timeoutMs });
      return null;
    },
    async clickButton({ label, timeoutMs = 10_000, notification }) {
      // dialog and notification buttons are <a class="monaco-button" role="button">; prefer the modal dialog when one is open
      const inDialog = visible(page.locator('.monaco-dialog-box').getByRole('button', { name: String(label), exact: true }));
      const anywhere = visible(page.getByRole('button', { name: String(label), exact: true }));
      // `notification`: only the button of the toast whose text contains it (not another toast's)
      const inToast = notification === undefined ? undefined
        : visible(page.locator('.notifications-toasts .notification-list-item').filter({ hasText: String(notification) }).getByRole('button', { name: String(label), exact: true }));
      const target = inToast ? inToast.first() : (await inDialog.count()) > 0 ? inDialog.first() : anywhere.first();
      try {
        await target.click({ timeout: timeoutMs });
      } catch (err) {
        const labels = await visible(page.locator('.monaco-dialog-box .monaco-button, .notifications-toasts .monaco-button, .notifications-center .monaco-button')).allInnerTexts();
        throw new Error(`no visible button "${label}" within ${timeoutMs}ms (dialog/notification buttons: ${JSON.stringify(labels.map(normalizeText))}): ${firstLine(err)}`);
      }
      return null;
    },
    /**
     * Arms a probe in the page for the next click on the button `label` of the toast whose text
     * contains `notification`: a capture listener stamps the DOM's own mousedown and click events, and
     * a MutationObserver the moment no visible toast holds that text any more. Times are `Date.now()`
     * (the system clock, which the extension host reads too: `performance.timeOrigin + now()` of the
     * page and of Node differed by 400 ms), and `drift` is the page's `performance.timeOrigin + now()`
     * minus `Date.now()`. Read with clickProbe(). Measures what a user sees, without the driver's own
     * time to find and click.
     */
    async armClickProbe({ label, notification }) {
      await page.evaluate(({ label: want, text }) => {
        const w = /** @type {any} */ (window);
        w.__tcClickProbe?.stop();
        const now = () => Date.now();
        const needle = text.toLowerCase();
        const probe = { downAt: 0, clickAt: 0, goneAt: 0, drift: performance.timeOrigin + performance.now() - Date.now() };
        const toastWith = (el) => {
          const toast = el.closest('.notifications-toasts .notification-list-item');
          return toast && (toast.textContent ?? '').toLowerCase().includes(needle) ? toast : null;
        };
        const shown = () => [...document.querySelectorAll('.notifications-toasts .notification-list-item')]
          .some((t) => (t.textContent ?? '').toLowerCase().includes(needle) && t.getClientRects().length > 0);
        const onEvent = (e) => {
          const button = e.target instanceof Element ? e.target.closest('.monaco-button') : null;
          if (!button || (button.textContent ?? '').trim() !== want || !toastWith(button)) return;
          if (e.type === 'mousedown' && !probe.downAt) probe.downAt = now();
          if (e.type === 'click' && !probe.clickAt) probe.clickAt = now();
        };
        const observer = new MutationObserver(() => {
          if (probe.clickAt && !probe.goneAt && !shown()) probe.goneAt = now();
        });
        window.addEventListener('mousedown', onEvent, true);
        window.addEventListener('click', onEvent, true);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'aria-hidden'] });
        w.__tcClickProbe = {
          probe,
          stop: () => {
            observer.disconnect();
            window.removeEventListener('mousedown', onEvent, true);
            window.removeEventListener('click', onEvent, true);
          },
        };
      }, { label: String(label), text: String(notification) });
      return null;
    },
    /** The armed probe's times: `{ downAt, clickAt, goneAt, drift }` (0 when not seen yet); `stop` disarms it. */
    async clickProbe({ stop = false } = {}) {
      return page.evaluate((end) => {
        const p = /** @type {any} */ (window).__tcClickProbe;
        if (!p) return null;
        if (end) p.stop();
        return { ...p.probe };
      }, Boolean(stop));
    },
    async dialog() {
      const box = visible(page.locator('.monaco-dialog-box')).first();
      if ((await box.count()) === 0) return null;
      const part = async (sel) => {
        const l = box.locator(sel);
        return (await l.count()) ? normalizeText((await l.first().innerText()).trim()) : '';
      };
      return {
        message: await part('.dialog-message-text'),
        detail: await part('.dialog-message-detail'),
        buttons: (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((t) => normalizeText(t.trim())),
      };
    },
    async dialogText() {
      const d = await this.dialog();
      return d ? [d.message, d.detail].filter(Boolean).join('\n') : null;
    },
    async notifications() {
      const items = visible(page.locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message'));
      return (await items.allInnerTexts()).map((t) => normalizeText(t.trim()));
    },
    async count({ selector }) {
      return page.locator(String(selector)).count();
    },
    async textContent({ selector }) {
      const texts = await page.locator(String(selector)).allTextContents();
      return texts.length ? normalizeText(texts.join('\n')) : null;
    },
    async visibleText({ selector }) {
      const texts = await page.locator(String(selector)).allInnerTexts();
      return texts.length ? normalizeText(texts.join('\n')) : null;
    },
    async waitForSelector({ selector, state = 'visible', timeoutMs = 10_000 }) {
      await page.locator(String(selector)).first().waitFor({ state, timeout: timeoutMs });
      return null;
    },
    async clipboardRead() {
      return page.evaluate(() => navigator.clipboard.readText());
    },
    async clipboardWrite({ text }) {
      await page.evaluate((t) => navigator.clipboard.writeText(t), String(text));
      return null;
    },
    /**
     * Saves a screenshot into the artifacts folder, or with `saveAs` into $TC_SCREENSHOT_DIR (the README
     * screenshots, `npm run screenshots`). `region.selectors`: crop to the union of the boxes of every
     * visible element they match, grown by `region.pad` pixels and kept inside the page.
     */
    async screenshot({ name, saveAs, region }) {
      let file;
      if (saveAs) {
        const dir = process.env.TC_SCREENSHOT_DIR;
        if (!dir) throw new Error('screenshot saveAs needs TC_SCREENSHOT_DIR (npm run screenshots sets it)');
        mkdirSync(dir, { recursive: true });
        file = join(dir, `${safeName(saveAs)}.png`);
      } else {
        mkdirSync(screenshotDir, { recursive: true });
        file = join(screenshotDir, `${String(++shots).padStart(2, '0')}-${safeName(name)}.png`);
      }
      let clip;
      if (region) {
        const boxes = [];
        for (const sel of region.selectors ?? []) {
          for (const l of await visible(page.locator(String(sel))).all()) {
            const b = await l.boundingBox();
            if (b && b.width > 0 && b.height > 0) boxes.push(b);
          }
        }
        if (!boxes.length) throw new Error(`screenshot region: nothing visible matches ${JSON.stringify(region.selectors)}`);
        const pad = Number(region.pad ?? 0);
        const size = page.viewportSize() ?? { width: 1e9, height: 1e9 };
        const x = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) - pad));
        const y = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) - pad));
        const right = Math.min(size.width, Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + pad));
        const bottom = Math.min(size.height, Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + pad));
        clip = { x, y, width: right - x, height: bottom - y };
      }
      await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
      return file;
    },
  };
}

/** dispatch() for startChannel over an actions object (see browserActions); unknown actions are errors. */
export function dispatchTo(actions, action, args) {
  if (!Object.prototype.hasOwnProperty.call(actions, action)) throw new Error(`unknown channel action "${action}" (known: ${Object.keys(actions).join(', ')})`);
  return actions[action](args);
}

function firstLine(err) {
  return String(err instanceof Error ? err.message : err).split('\n')[0];
}

/**
 * Starts the loopback channel server. `dispatch(action, args)` returns (a promise of) the value or throws.
 * Requests are served one at a time (browser actions must not interleave). Returns { url, close() }.
 */
export async function startChannel(dispatch, { log = () => {} } = {}) {
  let queue = Promise.resolve();
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/rpc') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      queue = queue.then(async () => {
        let reply;
        try {
          const msg = JSON.parse(body);
          reply = { ok: true, value: (await dispatch(String(msg.action), msg.args ?? {})) ?? null };
        } catch (err) {
          reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
          log(`channel error: ${reply.error}`);
        }
        if (!res.writableEnded) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Copies code-server's logs folder (extension host, output channels, server) into `dest`. */
export function collectVsCodeLogs(dirs, dest) {
  const logs = join(dirs.userData, 'logs');
  if (existsSync(logs)) cpSync(logs, dest, { recursive: true, dereference: true });
}

export function resetDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
