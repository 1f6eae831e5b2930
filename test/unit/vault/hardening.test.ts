// Regression tests for the keychain-backend items of issue 11 (#8, #12, #13, #14). Every test here
// failed on 128c7b8.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from '../../support/seed';
import { runProcess } from '../../../src/vault/exec';
import { scrubSecret } from '../../../src/vault/backend';
import { SecretToolBackend } from '../../../src/vault/keychain-linux';
import { MacKeychainBackend } from '../../../src/vault/keychain-macos';
import { WindowsCredentialBackend, credentialScript } from '../../../src/vault/keychain-windows';
import { findReferences, isValidName, parseReference } from '../../../src/vault/reference';
import { terminalInsertRefusal } from '../../../src/vault/terminalText';
import { fakeToken } from './fake-backend';
import { fakeRunner } from './fake-runner';


/** Every run of 8 characters of `form`, for "nothing of the secret is left" checks. */
function leaksRunOf(text: string, form: string): string | undefined {
  for (let i = 0; i + 8 <= form.length; i++) {
    const run = form.slice(i, i + 8);
    if (text.includes(run)) return run;
  }
  return undefined;
}

void describe('issue 11 #13: runProcess keeps its never-throws contract', () => {
  void it('runProcess resolves with spawnError when spawn throws synchronously', async () => {
    // A NUL byte in the program name makes child_process.spawn throw before any process exists.
    const r = await runProcess('token-custody\0bad', [], { timeoutMs: 1000 });
    assert.equal(r.code, null);
    assert.ok(r.spawnError, 'spawnError is set');
    assert.ok(!(r.spawnError instanceof ReferenceError), `not a ReferenceError: ${String(r.spawnError)}`);
    const env = await runProcess(process.execPath, ['-e', ''], { timeoutMs: 1000, env: { BAD: 'a\0b' } });
    assert.ok(env.spawnError && !(env.spawnError instanceof ReferenceError));
  });
});

void describe('issue 11 #12: secret names never read as options', () => {
  void it('names starting with - or . are invalid and are not references', () => {
    for (const bad of ['-x', '--help', '.hidden', '.token-custody-probe']) {
      assert.equal(isValidName(bad), false, bad);
      assert.equal(parseReference(`keychain://token-custody/${bad}`), undefined, bad);
      assert.deepEqual(findReferences(`A=keychain://token-custody/${bad}`), [], bad);
    }
    for (const good of ['GITHUB_TOKEN', 'a.b-c', '_x', '0'] ) assert.equal(isValidName(good), true, good);
  });

  void it('secret-tool calls put -- before the attributes, and backends refuse a leading dash', async () => {
    const items = new Set<string>();
    const { runner, calls } = fakeRunner(({ args, options }) => {
      const name = args[args.indexOf('account') + 1] ?? '';
      if (args[0] === 'store') items.add(name);
      if (args[0] === 'clear') items.delete(name);
      if (args[0] === 'search') return { stderr: [...items].map((n) => `attribute.account = ${n}\n`).join('') };
      if (args[0] === 'lookup') return items.has(name) ? { stdout: options.input ?? 'probe-x' } : { code: 1 };
      return {};
    });
    const b = new SecretToolBackend({ runner, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' } });
    await b.set('A', 'value-1');
    await b.get('A');
    await b.delete('A');
    await b.list();
    await b.isAvailable();
    assert.ok(calls.length >= 5);
    for (const c of calls) {
      const dd = c.args.indexOf('--');
      assert.ok(dd > 0 && dd < c.args.indexOf('service'), `-- before the attributes: ${c.args.join(' ')}`);
    }
    for (const make of [() => new SecretToolBackend({ runner }), () => new MacKeychainBackend({ runner }), () => new WindowsCredentialBackend({ runner })]) {
      await assert.rejects(make().get('--help'), /Invalid secret name/);
      await assert.rejects(make().set('-x', 'v'), /Invalid secret name/);
    }
  });
});

void describe('issue 11 #8: macOS security -i line limit and stderr scrubbing', () => {
  void it('refuses a value whose `security -i` line would exceed 4,095 characters, without running security', async () => {
    const { runner, calls } = fakeRunner(() => ({}));
    const b = new MacKeychainBackend({ runner });
    const long = `{"type":"service_account","private_key":"${randomBytes(1500).toString('base64')}"}`;
    await assert.rejects(b.set('SA_JSON', long), (e: Error) => /too long/.test(e.message) && /secretStorage/.test(e.message) && !e.message.includes(long));
    assert.equal(calls.length, 0, 'nothing was sent to security');
    // A value that fits still goes through.
    await b.set('SHORT', fakeToken());
    assert.equal(calls.length, 1);
    assert.ok((calls[0]?.options.input ?? '').length <= 4095);
  });

  void it('scrubs hex (both cases), base64 and partial echoes of the secret from stderr', async () => {
    const tok = fakeToken();
    const hex = Buffer.from(tok).toString('hex');
    const stderr = [
      `security: unknown command "${hex.slice(37)}"`,
      `near ${hex.toUpperCase().slice(3, 40)}`,
      `b64 ${Buffer.from(tok).toString('base64')}`,
      `part ${tok.slice(5, 19)}`,
      'add-generic-password: error',
    ].join('\n');
    const { runner } = fakeRunner(() => ({ code: 0, stderr }));
    await assert.rejects(new MacKeychainBackend({ runner }).set('GITHUB_TOKEN', tok), (e: Error) => {
      for (const form of [tok, hex, hex.toUpperCase(), Buffer.from(tok).toString('base64')]) {
        const run = leaksRunOf(e.message, form);
        assert.equal(run, undefined, `message leaks ${run}: ${e.message}`);
      }
      return /macOS Keychain/.test(e.message);
    });
    assert.equal(scrubSecret('a plain message', tok), 'a plain message');
  });
});

void describe('issue 11 #14: Windows backend reads exit 1 as "not found" only for ERROR_NOT_FOUND', () => {
  void it('a PowerShell failure with exit 1 is an error, not "not found"', async () => {
    const { runner } = fakeRunner(() => ({ code: 1, stderr: 'Add-Type : Cannot add type. Compilation errors occurred.' }));
    const b = new WindowsCredentialBackend({ runner });
    await assert.rejects(b.get('GITHUB_TOKEN'), /Windows Credential Manager: Add-Type/);
    await assert.rejects(b.delete('GITHUB_TOKEN'), /Add-Type/);
  });

  void it('the script traps every other error to exit 3 and marks ERROR_NOT_FOUND', async () => {
    const script = credentialScript('get', 'GITHUB_TOKEN');
    assert.match(script, /^trap \{[^\n]*exit 3 \}$/m);
    assert.match(script, /-eq 1168\) \{ \[Console\]::Out\.Write\('token-custody:not-found'\); exit 1 \}/);
    const { runner } = fakeRunner(() => ({ code: 1, stdout: 'token-custody:not-found' }));
    assert.equal(await new WindowsCredentialBackend({ runner }).get('GONE'), undefined);
    assert.equal(await new WindowsCredentialBackend({ runner }).delete('GONE'), false);
  });
});

void describe('issue 11 #15: Insert into terminal refuses what the shell would run', () => {
  void it('multi-line and control-character values are refused; a one-line token is accepted', () => {
    assert.match(terminalInsertRefusal('-----BEGIN KEY-----\nabc\n-----END KEY-----') ?? '', /several lines/);
    assert.match(terminalInsertRefusal('abc\rrm -rf ~') ?? '', /several lines/);
    assert.match(terminalInsertRefusal('abc\u0003def') ?? '', /control characters/);
    assert.match(terminalInsertRefusal('abc\u001b[201~def') ?? '', /control characters/);
    assert.equal(terminalInsertRefusal(fakeToken()), undefined);
  });
});
