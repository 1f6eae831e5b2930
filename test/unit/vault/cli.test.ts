import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSecret } from '../../../src/cli/secret';
import { parseRunArgs, runWithSecrets } from '../../../src/cli/run';
import { MemoryBackend, fakeToken } from './fake-backend';
import { captureIo } from './cli-support';

/** A node command line that writes the JSON of the named env variables to `file`. */
function dumpEnv(file: string, ...vars: string[]): string[] {
  return [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify(Object.fromEntries(${JSON.stringify(vars)}.map((k) => [k, process.env[k] ?? null]))))`];
}

void describe('token-custody secret', () => {
  void it('set (stdin, trailing newline dropped), get, list, delete', async () => {
    const backend = new MemoryBackend();
    const tok = fakeToken();
    let io = captureIo({ stdin: `${tok}\n`, backend });
    assert.equal(await runSecret(['set', 'GITHUB_TOKEN'], io), 0);
    assert.equal(backend.store.get('GITHUB_TOKEN'), tok);
    assert.ok(!io.err().includes(tok) && !io.out().includes(tok));

    io = captureIo({ backend });
    assert.equal(await runSecret(['get', 'GITHUB_TOKEN'], io), 0);
    assert.equal(io.out(), tok);

    io = captureIo({ backend });
    backend.store.set('A', 'x1');
    assert.equal(await runSecret(['list'], io), 0);
    assert.equal(io.out(), 'A\nGITHUB_TOKEN\n');

    io = captureIo({ backend });
    assert.equal(await runSecret(['delete', 'A'], io), 0);
    assert.equal(await runSecret(['delete', 'A'], captureIo({ backend })), 1);
    assert.ok(!backend.store.has('A'));
  });

  void it('exit 1 when get finds nothing, 2 on usage and backend errors', async () => {
    const backend = new MemoryBackend();
    const io = captureIo({ backend });
    assert.equal(await runSecret(['get', 'NOPE'], io), 1);
    assert.match(io.err(), /no secret named "NOPE"/);
    assert.equal(await runSecret([], captureIo({ backend })), 2);
    assert.equal(await runSecret(['get'], captureIo({ backend })), 2);
    assert.equal(await runSecret(['get', 'a b'], captureIo({ backend })), 2);
    assert.equal(await runSecret(['frobnicate'], captureIo({ backend })), 2);
    assert.equal(await runSecret(['set', 'X'], captureIo({ backend, stdin: '\n' })), 2, 'empty value');
    backend.faults.add('get');
    const locked = captureIo({ backend });
    assert.equal(await runSecret(['get', 'X'], locked), 2);
    assert.match(locked.err(), /locked/);
  });

  void it('set never echoes the value even when the backend error contains it', async () => {
    const backend = new MemoryBackend();
    backend.faults.add('set');
    const tok = fakeToken();
    const io = captureIo({ backend, stdin: tok });
    assert.equal(await runSecret(['set', 'X'], io), 2);
    // MemoryBackend's error message includes the value on purpose: the CLI must scrub it.
    assert.match(io.err(), /write failed/);
    assert.ok(!io.err().includes(tok));
  });

  void it('set refuses a value the backend does not return unchanged', async () => {
    const backend = new MemoryBackend();
    backend.faults.add('set-corrupt');
    const io = captureIo({ backend, stdin: fakeToken() });
    assert.equal(await runSecret(['set', 'X'], io), 2);
    assert.match(io.err(), /different value/);
  });
});

void describe('token-custody run', () => {
  void it('parses its arguments', () => {
    assert.deepEqual(parseRunArgs(['--env-file', 'a.env', '--env-file=b.env', '--', 'cmd', '--flag']), { envFiles: ['a.env', 'b.env'], command: ['cmd', '--flag'] });
    assert.deepEqual(parseRunArgs(['cmd', 'x']), { envFiles: [], command: ['cmd', 'x'] });
    assert.ok('error' in parseRunArgs(['--env-file']));
    assert.ok('error' in parseRunArgs(['--']));
    assert.ok('error' in parseRunArgs(['--bogus', '--', 'x']));
  });

  void it('resolves references from the environment and the env file, then runs CMD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-run-'));
    try {
      const backend = new MemoryBackend();
      const tok = fakeToken();
      backend.store.set('GH', tok);
      backend.store.set('NPM', 'npm-value');
      writeFileSync(join(dir, '.env'), '# deps\nexport NPM_TOKEN="keychain://token-custody/NPM"\nPLAIN=hello\n');
      const out = join(dir, 'out.json');
      const io = captureIo({ backend, cwd: dir, env: { GITHUB_TOKEN: 'keychain://token-custody/GH', KEEP: 'k' } });
      const code = await runWithSecrets(['--env-file', '.env', '--', ...dumpEnv(out, 'GITHUB_TOKEN', 'NPM_TOKEN', 'PLAIN', 'KEEP')], io);
      assert.equal(code, 0, io.err());
      assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { GITHUB_TOKEN: tok, NPM_TOKEN: 'npm-value', PLAIN: 'hello', KEEP: 'k' });
      assert.ok(!io.err().includes(tok));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('forwards the exit code and reports signals as 128+n', async () => {
    const backend = new MemoryBackend();
    assert.equal(await runWithSecrets(['--', process.execPath, '-e', 'process.exit(7)'], captureIo({ backend })), 7);
    assert.equal(await runWithSecrets(['--', process.execPath, '-e', "process.kill(process.pid, 'SIGTERM')"], captureIo({ backend })), 128 + 15);
  });

  void it('unknown references: exit 2, names them, nothing runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-run-'));
    try {
      const backend = new MemoryBackend();
      const marker = join(dir, 'ran');
      const io = captureIo({ backend, env: { A: 'keychain://token-custody/MISSING_ONE', B: 'vscode-secret://token-custody/VS' } });
      const code = await runWithSecrets(['--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`], io);
      assert.equal(code, 2);
      assert.match(io.err(), /MISSING_ONE/);
      assert.match(io.err(), /VS Code SecretStorage/);
      assert.match(io.err(), /Nothing was run/);
      assert.throws(() => readFileSync(marker), /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('errors: unreadable env file, locked keychain, missing command', async () => {
    const backend = new MemoryBackend();
    let io = captureIo({ backend });
    assert.equal(await runWithSecrets(['--env-file', '/nonexistent/.env', '--', 'true'], io), 2);
    assert.match(io.err(), /cannot read env file/);
    backend.faults.add('get');
    io = captureIo({ backend, env: { A: 'keychain://token-custody/X' } });
    assert.equal(await runWithSecrets(['--', 'true'], io), 2);
    assert.match(io.err(), /locked/);
    io = captureIo({ backend: new MemoryBackend() });
    assert.equal(await runWithSecrets(['--', 'token-custody-no-such-command-xyz'], io), 127);
    assert.match(io.err(), /command not found/);
  });
});
