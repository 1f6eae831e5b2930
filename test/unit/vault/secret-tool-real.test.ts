// The real Linux Secret Service: a private D-Bus session bus and an unlocked gnome-keyring in a
// temporary HOME (no real keyring is touched), driven through SecretToolBackend and the CLI modules.
// Skipped (with the packages to install) when secret-tool, dbus-daemon or gnome-keyring-daemon is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SecretToolBackend } from '../../../src/vault/keychain-linux';
import { runSecret } from '../../../src/cli/secret';
import { runWithSecrets } from '../../../src/cli/run';
import { moveToVault } from '../../../src/vault/move';
import { captureIo } from './cli-support';
import { fakeToken } from './fake-backend';

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program)));
}

const TOOLS = ['secret-tool', 'dbus-daemon', 'gnome-keyring-daemon'];
const missingTools = process.platform === 'linux' ? TOOLS.filter((t) => !onPath(t)) : TOOLS;
const skipReal = process.platform !== 'linux'
  ? 'the Secret Service test runs on Linux only'
  : missingTools.length > 0
    ? `${missingTools.join(', ')} not found: apt-get install -y gnome-keyring libsecret-tools dbus`
    : false;

/** Reads the first line a child prints on stdout. */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing`)), 20_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited (${code})`)); });
  });
}

void describe('Secret Service through secret-tool (private bus and keyring)', { skip: skipReal }, () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  const children: ChildProcess[] = [];
  let backend: SecretToolBackend;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-keyring-'));
    const home = join(dir, 'home');
    const runtime = join(dir, 'run');
    mkdirSync(join(home, '.local', 'share'), { recursive: true });
    mkdirSync(runtime, { mode: 0o700 });
    // A bus with no service activation: nothing but our own keyring daemon can own org.freedesktop.secrets.
    const config = join(dir, 'bus.conf');
    writeFileSync(config, `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(runtime, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`);
    env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_RUNTIME_DIR: runtime,
      LANG: 'C.UTF-8',
    };
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    env.DBUS_SESSION_BUS_ADDRESS = await firstLine(bus, 'dbus-daemon');

    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    keyring.stdin?.end('test-keyring-password'); // a non-empty password creates an unlocked "login" keyring

    backend = new SecretToolBackend({ env, timeoutMs: 15_000 });
    let last = 'not tried';
    for (let i = 0; i < 100; i++) {
      const a = await backend.isAvailable();
      if (a.ok) return;
      last = a.message;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the private keyring never became available: ${last}`);
  });

  after(() => {
    for (const c of children.reverse()) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  void it('stores, reads, lists and deletes', async () => {
    const tok = fakeToken();
    assert.equal(await backend.get('GITHUB_TOKEN'), undefined);
    await backend.set('GITHUB_TOKEN', tok);
    assert.equal(await backend.get('GITHUB_TOKEN'), tok);
    const multi = `-----BEGIN FAKE-----\nline two ü ✓\n-----END FAKE-----\n`;
    await backend.set('pem.key', multi);
    assert.equal(await backend.get('pem.key'), multi, 'newlines and non-ASCII survive');
    await backend.set('GITHUB_TOKEN', `${tok}2`);
    assert.equal(await backend.get('GITHUB_TOKEN'), `${tok}2`, 'set replaces');
    assert.deepEqual(await backend.list(), ['GITHUB_TOKEN', 'pem.key']);
    assert.equal(await backend.delete('pem.key'), true);
    assert.equal(await backend.delete('pem.key'), false);
    assert.equal(await backend.get('pem.key'), undefined);
    assert.deepEqual(await backend.list(), ['GITHUB_TOKEN']);
    assert.equal(await backend.delete('GITHUB_TOKEN'), true);
  });

  void it('moveToVault stores, verifies and replaces', async () => {
    const tok = fakeToken();
    let buffer = `GITHUB_TOKEN=${tok}\n`;
    const r = await moveToVault({ backend, name: 'MOVED', secret: tok, applyEdit: (ref) => { buffer = buffer.replace(tok, ref); } });
    assert.equal(r.status, 'moved');
    assert.equal(buffer, 'GITHUB_TOKEN=keychain://token-custody/MOVED\n');
    assert.equal(await backend.get('MOVED'), tok);
    await backend.delete('MOVED');
  });

  void it('token-custody secret set/get/list/delete against the keyring', async () => {
    const tok = fakeToken();
    assert.equal(await runSecret(['set', 'CLI_TOKEN'], captureIo({ env, stdin: `${tok}\n` })), 0);
    const got = captureIo({ env });
    assert.equal(await runSecret(['get', 'CLI_TOKEN'], got), 0);
    assert.equal(got.out(), tok);
    const listed = captureIo({ env });
    assert.equal(await runSecret(['list'], listed), 0);
    assert.match(listed.out(), /^CLI_TOKEN$/m);
    assert.equal(await runSecret(['get', 'NOT_THERE'], captureIo({ env })), 1);
    assert.equal(await runSecret(['delete', 'CLI_TOKEN'], captureIo({ env })), 0);
  });

  void it('token-custody run resolves references from the keyring', async () => {
    const tok = fakeToken();
    await backend.set('RUN_TOKEN', tok);
    const work = mkdtempSync(join(dir, 'work-'));
    writeFileSync(join(work, '.env'), 'export FROM_FILE="keychain://token-custody/RUN_TOKEN"\n');
    const out = join(work, 'env.json');
    const io = captureIo({ env: { ...env, FROM_ENV: 'keychain://token-custody/RUN_TOKEN' }, cwd: work });
    const code = await runWithSecrets(['--env-file', '.env', '--', process.execPath, '-e',
      `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ a: process.env.FROM_ENV, b: process.env.FROM_FILE }))`], io);
    assert.equal(code, 0, io.err());
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { a: tok, b: tok });

    const missing = captureIo({ env: { ...env, X: 'keychain://token-custody/NOT_IN_KEYRING' }, cwd: work });
    assert.equal(await runWithSecrets(['--', process.execPath, '-e', ''], missing), 2);
    assert.match(missing.err(), /NOT_IN_KEYRING/);
    await backend.delete('RUN_TOKEN');
  });
});

void describe('Secret Service unavailable', { skip: process.platform === 'linux' && onPath('secret-tool') ? false : 'secret-tool not found: apt-get install -y libsecret-tools' }, () => {
  void it('no D-Bus session → "missing" with a clear message, and the CLI exits 2', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tc-nobus-'));
    try {
      const env = { PATH: process.env.PATH, HOME: home }; // no DBUS_SESSION_BUS_ADDRESS, no DISPLAY, no XDG_RUNTIME_DIR
      const a = await new SecretToolBackend({ env, timeoutMs: 15_000 }).isAvailable();
      assert.equal(a.ok, false);
      assert.ok(!a.ok && a.reason === 'missing', JSON.stringify(a));
      assert.ok(!a.ok && /D-Bus/.test(a.message) && /DBUS_SESSION_BUS_ADDRESS/.test(a.message), a.ok ? '' : a.message);
      const io = captureIo({ env });
      assert.equal(await runSecret(['get', 'X'], io), 2);
      assert.match(io.err(), /D-Bus/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  void it('a bus without a Secret Service → not available', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tc-nosvc-'));
    try {
      const env = { PATH: process.env.PATH, HOME: home, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-such-bus')}` };
      const a = await new SecretToolBackend({ env, timeoutMs: 15_000 }).isAvailable();
      assert.ok(!a.ok && (a.reason === 'missing' || a.reason === 'error') && a.message.length > 20, JSON.stringify(a));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
