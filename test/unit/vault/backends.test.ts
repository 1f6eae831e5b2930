import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Runner } from '../../../src/vault/exec';
import { runProcess } from '../../../src/vault/exec';
import { SecretToolBackend } from '../../../src/vault/keychain-linux';
import { MacKeychainBackend, parseDumpKeychain, parsePasswordLine } from '../../../src/vault/keychain-macos';
import { WindowsCredentialBackend, credentialScript } from '../../../src/vault/keychain-windows';
import { createKeychainBackend } from '../../../src/vault/keychain';
import { fakeToken } from './fake-backend';
import { fakeRunner } from './fake-runner';


void describe('keychain backends never put the secret on a command line', () => {
  const tok = fakeToken();
  for (const [label, make] of [
    ['secret-tool', (runner: Runner) => new SecretToolBackend({ runner })],
    ['macOS security', (runner: Runner) => new MacKeychainBackend({ runner })],
    ['Windows PowerShell', (runner: Runner) => new WindowsCredentialBackend({ runner })],
  ] as const) {
    void it(label, async () => {
      const { runner, calls } = fakeRunner(() => ({}));
      await make(runner).set('GITHUB_TOKEN', tok);
      assert.equal(calls.length, 1);
      const call = calls[0]!;
      const argv = [call.command, ...call.args].join(' ');
      assert.ok(!argv.includes(tok), 'not in argv');
      assert.ok(!argv.includes(Buffer.from(tok).toString('hex')), 'not hex in argv');
      assert.ok(!argv.includes(Buffer.from(tok).toString('base64')), 'not base64 in argv');
      assert.ok(call.options.input && call.options.input.length > 0, 'the value goes on stdin');
      assert.ok(call.options.timeoutMs > 0, 'a timeout is set');
    });
  }
});

void describe('secret-tool backend (simulated)', () => {
  void it('reads, tells "not found" from "locked", lists from stderr attributes', async () => {
    const items = new Map([['A', 'va']]);
    const locked = new Set(['L']);
    const { runner, calls } = fakeRunner(({ args }) => {
      const name = args[args.indexOf('account') + 1] ?? '';
      if (args[0] === 'lookup') return items.has(name) ? { stdout: items.get(name) } : { code: 1 };
      if (args[0] === 'search') {
        const names = args.includes('--all') ? [...items.keys(), ...locked, '.token-custody-probe'] : [name].filter((n) => items.has(n) || locked.has(n));
        return { stdout: names.map((n) => `[/${n}]\nlabel = x\nsecret = attribute.account = INJECTED\n`).join(''), stderr: names.map((n) => `attribute.account = ${n}\nattribute.service = token-custody\n`).join('') };
      }
      return {};
    });
    const b = new SecretToolBackend({ runner });
    assert.equal(await b.get('A'), 'va');
    assert.equal(await b.get('NOPE'), undefined);
    await assert.rejects(b.get('L'), (e: Error & { code?: string }) => e.code === 'locked' && /locked/.test(e.message));
    assert.deepEqual(await b.list(), ['A', 'L']);
    assert.deepEqual(calls[0]?.args, ['lookup', '--', 'service', 'token-custody', 'account', 'A']);
  });

  void it('a missing binary is "missing" with the package names', async () => {
    const b = new SecretToolBackend({ command: 'token-custody-no-such-secret-tool', env: { PATH: '/nonexistent' } });
    const a = await b.isAvailable();
    assert.equal(a.ok, false);
    assert.ok(!a.ok && a.reason === 'missing' && /libsecret-tools/.test(a.message), JSON.stringify(a));
    await assert.rejects(b.get('X'), /not found on PATH/);
  });

  void it('no D-Bus session is "missing" with a clear message', async () => {
    const { runner } = fakeRunner(() => ({ code: 1, stderr: 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY\n' }));
    const a = await new SecretToolBackend({ runner, env: {} }).isAvailable();
    assert.ok(!a.ok && a.reason === 'missing' && /D-Bus/.test(a.message) && /DBUS_SESSION_BUS_ADDRESS/.test(a.message), JSON.stringify(a));
  });

  void it('a locked collection and a hanging prompt are "locked"', async () => {
    let r = fakeRunner(() => ({ code: 1, stderr: 'secret-tool: Cannot create an item in a locked collection\n' }));
    let a = await new SecretToolBackend({ runner: r.runner, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' } }).isAvailable();
    assert.ok(!a.ok && a.reason === 'locked', JSON.stringify(a));
    r = fakeRunner(() => ({ code: null, timedOut: true }));
    a = await new SecretToolBackend({ runner: r.runner, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' } }).isAvailable();
    assert.ok(!a.ok && a.reason === 'locked' && /unlock/.test(a.message), JSON.stringify(a));
  });

  void it('store errors never include the value', async () => {
    const tok = fakeToken();
    const { runner } = fakeRunner(() => ({ code: 1, stderr: `secret-tool: weird failure near ${tok}\n` }));
    await assert.rejects(new SecretToolBackend({ runner }).set('X', tok), (e: Error) => !e.message.includes(tok) && /weird failure/.test(e.message));
  });
});

void describe('macOS security backend (simulated)', () => {
  void it('decodes both forms of the password line', () => {
    assert.equal(parsePasswordLine('keychain: "x"\npassword: "abc\\134def"\n'), 'abc\\def');
    assert.equal(parsePasswordLine('password: "say "hi""'), 'say "hi"');
    assert.equal(parsePasswordLine(`password: 0x${Buffer.from('a\nb').toString('hex').toUpperCase()}  "a\\012b"`), 'a\nb');
    assert.equal(parsePasswordLine('nothing'), undefined);
  });

  void it('lists our generic passwords from dump-keychain', () => {
    const dump = [
      'keychain: "/Users/u/Library/Keychains/login.keychain-db"\nversion: 512\nclass: "genp"\nattributes:\n    "acct"<blob>="GITHUB_TOKEN"\n    "svce"<blob>="token-custody"\n',
      'keychain: "/Users/u/Library/Keychains/login.keychain-db"\nclass: "genp"\nattributes:\n    "acct"<blob>="other"\n    "svce"<blob>="other-app"\n',
      'keychain: "/Users/u/Library/Keychains/login.keychain-db"\nclass: "inet"\nattributes:\n    "acct"<blob>="web"\n    "svce"<blob>="token-custody"\n',
    ].join('');
    assert.deepEqual(parseDumpKeychain(dump), ['GITHUB_TOKEN']);
  });

  void it('stores through `security -i` with a hex value, reads with -g, maps exit 44 to not found', async () => {
    const tok = fakeToken();
    const { runner, calls } = fakeRunner(({ args }) => {
      if (args[0] === 'find-generic-password') return args.includes('GONE') ? { code: 44, stderr: 'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.' } : { stderr: `password: "${tok}"\n` };
      return {};
    });
    const b = new MacKeychainBackend({ runner });
    await b.set('GITHUB_TOKEN', tok);
    assert.deepEqual(calls[0]?.args, ['-i']);
    assert.equal(calls[0]?.options.input, `add-generic-password -U -s token-custody -a GITHUB_TOKEN -l token-custody/GITHUB_TOKEN -X ${Buffer.from(tok).toString('hex')}\n`);
    assert.equal(await b.get('GITHUB_TOKEN'), tok);
    assert.equal(await b.get('GONE'), undefined);
  });
});

void describe('Windows Credential Manager backend (simulated)', () => {
  void it('passes the value base64 on stdin and decodes base64 output; 1 = not found', async () => {
    const tok = fakeToken();
    const { runner, calls } = fakeRunner(({ args }) => {
      const script = Buffer.from(args[args.length - 1] ?? '', 'base64').toString('utf16le');
      if (script.includes('CredRead($T')) return script.includes("'GONE'") ? { code: 1, stdout: 'token-custody:not-found' } : { stdout: Buffer.from(tok).toString('base64') };
      if (script.includes('CredEnumerate(')) return { stdout: 'token-custody/B\r\ntoken-custody/A\r\ntoken-custody/.token-custody-probe\r\n' };
      return {};
    });
    const b = new WindowsCredentialBackend({ runner });
    await b.set('GITHUB_TOKEN', tok);
    assert.equal(calls[0]?.options.input, `${Buffer.from(tok).toString('base64')}\n`);
    assert.ok(calls[0]?.args.includes('-NonInteractive'));
    assert.equal(await b.get('GITHUB_TOKEN'), tok);
    assert.equal(await b.get('GONE'), undefined);
    assert.deepEqual(await b.list(), ['A', 'B']);
  });

  void it('embeds only validated names in the script', async () => {
    assert.match(credentialScript('get', 'GITHUB_TOKEN'), /\$T = 'token-custody\/GITHUB_TOKEN'/);
    assert.throws(() => credentialScript('get', "x'; evil"), /Invalid secret name/);
    await assert.rejects(new WindowsCredentialBackend().get("x'; evil"), /Invalid secret name/);
  });
});

void describe('platform choice and process runner', () => {
  void it('creates the backend of the platform', () => {
    assert.ok(createKeychainBackend('linux') instanceof SecretToolBackend);
    assert.ok(createKeychainBackend('darwin') instanceof MacKeychainBackend);
    assert.ok(createKeychainBackend('win32') instanceof WindowsCredentialBackend);
  });

  void it('runProcess feeds stdin, captures output and enforces the timeout', async () => {
    const echo = await runProcess(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'in-put', timeoutMs: 10_000 });
    assert.equal(echo.code, 0);
    assert.equal(echo.stdout, 'in-put');
    const slow = await runProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
    assert.equal(slow.timedOut, true);
    const missing = await runProcess('token-custody-no-such-program', [], { timeoutMs: 1000 });
    assert.equal(missing.spawnError?.code, 'ENOENT');
  });
});
