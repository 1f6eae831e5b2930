// `token-custody hook <agent>` on recorded hook payloads of each supported agent (written to files at
// test time, with fake tokens from test/support/tokens), and `hook install`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseEntry } from '../../../src/custody/log';
import { lineDiff, withHooks } from '../../../src/agents/hookInstall';
import { githubToken } from '../../support/fakes';
import { cli, tempDir } from '../cli/support';

function payloadFile(dir: string, name: string, payload: object): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(payload, null, 2));
  return file;
}

async function hook(agent: string, dir: string, file: string): Promise<{ code: number; out: string; err: string; log: string[] }> {
  const logFile = path.join(dir, 'custody.jsonl');
  const r = await cli(['hook', agent], dir, { stdin: readFileSync(file, 'utf8'), env: { TOKEN_CUSTODY_LOG: logFile } });
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  return { ...r, log };
}

describe('token-custody hook', () => {
  const dir = tempDir('tc-hook-');
  const token = githubToken();
  const session = { session_id: 'abc', transcript_path: path.join(dir, 't.jsonl'), cwd: dir };

  for (const agent of ['claude-code', 'codex'] as const) {
    it(`${agent}: PreToolUse with a token in a Bash command is denied, with the reference advice; custody names the agent`, async () => {
      const f = payloadFile(dir, `${agent}-pre`, { ...session, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `curl -H "Authorization: token ${token}" https://api.github.com/user` } });
      const r = await hook(agent, dir, f);
      assert.equal(r.code, 0);
      assert.ok(!r.out.includes(token) && !r.err.includes(token));
      const out = JSON.parse(r.out) as { hookSpecificOutput: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string } };
      assert.equal(out.hookSpecificOutput.hookEventName, 'PreToolUse');
      assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
      assert.match(out.hookSpecificOutput.permissionDecisionReason, /GitHub personal access token \(classic\) ghp_/);
      assert.match(out.hookSpecificOutput.permissionDecisionReason, /keychain:\/\/token-custody\/NAME/);
      const entry = parseEntry(r.log.at(-1)!);
      assert.equal(entry?.event, 'agent-flagged');
      assert.deepEqual(entry?.detail, { agent, via: 'hook', hook: 'PreToolUse', tool: 'Bash', outcome: 'blocked' });
      for (const l of r.log) assert.ok(!l.includes(token), 'no token in the custody log');
    });
  }

  it('claude-code: a clean tool call and a clean prompt get no answer (the normal flow goes on)', async () => {
    const a = await hook('claude-code', dir, payloadFile(dir, 'clean-pre', { ...session, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls -la' } }));
    assert.deepEqual([a.code, a.out], [0, '']);
    const b = await hook('claude-code', dir, payloadFile(dir, 'clean-prompt', { ...session, hook_event_name: 'UserPromptSubmit', prompt: 'fix the tests' }));
    assert.deepEqual([b.code, b.out], [0, '']);
  });

  it('claude-code: UserPromptSubmit with a token is blocked', async () => {
    const r = await hook('claude-code', dir, payloadFile(dir, 'prompt', { ...session, hook_event_name: 'UserPromptSubmit', prompt: `use this token ${token} to push` }));
    const out = JSON.parse(r.out) as { decision: string; reason: string };
    assert.equal(out.decision, 'block');
    assert.ok(!out.reason.includes(token));
    assert.match(out.reason, /blocked this prompt/);
  });

  it('claude-code: PostToolUse tells the model; an MCP tool\'s output is replaced by its redacted form', async () => {
    const builtin = await hook('claude-code', dir, payloadFile(dir, 'post', { ...session, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'cat .env' }, tool_response: { stdout: `GH=${token}\n`, stderr: '' } }));
    const b = JSON.parse(builtin.out) as { decision: string; reason: string; hookSpecificOutput?: unknown };
    assert.equal(b.decision, 'block');
    assert.equal(b.hookSpecificOutput, undefined);
    assert.equal(parseEntry(builtin.log.at(-1)!)?.detail && (parseEntry(builtin.log.at(-1)!)!.detail as { outcome: string }).outcome, 'reported');
    const mcp = await hook('claude-code', dir, payloadFile(dir, 'post-mcp', { ...session, hook_event_name: 'PostToolUse', tool_name: 'mcp__db__query', tool_input: {}, tool_response: `token=${token}` }));
    const m = JSON.parse(mcp.out) as { hookSpecificOutput: { updatedMCPToolOutput: string } };
    assert.ok(!mcp.out.includes(token));
    assert.match(m.hookSpecificOutput.updatedMCPToolOutput, /^token=ghp_/);
  });

  it('gemini-cli: BeforeTool denied, BeforeAgent denied, AfterTool output replaced by the redacted output', async () => {
    const before = await hook('gemini-cli', dir, payloadFile(dir, 'g-before', { ...session, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command: `export GH=${token}` } }));
    assert.equal((JSON.parse(before.out) as { decision: string }).decision, 'deny');
    const prompt = await hook('gemini-cli', dir, payloadFile(dir, 'g-prompt', { ...session, hook_event_name: 'BeforeAgent', prompt: `here: ${token}` }));
    assert.equal((JSON.parse(prompt.out) as { decision: string }).decision, 'deny');
    const after = await hook('gemini-cli', dir, payloadFile(dir, 'g-after', { ...session, hook_event_name: 'AfterTool', tool_name: 'read_file', tool_input: { absolute_path: '/x/.env' }, tool_response: { llmContent: `GH=${token}` } }));
    const a = JSON.parse(after.out) as { decision: string; reason: string };
    assert.equal(a.decision, 'deny');
    assert.match(a.reason, /redacted .* from this output/);
    assert.ok(!after.out.includes(token));
    assert.equal((parseEntry(after.log.at(-1)!)!.detail as { outcome: string }).outcome, 'redacted');
  });

  it('cursor: beforeShellExecution and beforeReadFile denied, beforeSubmitPrompt stopped; clean calls get no allow', async () => {
    const shell = await hook('cursor', dir, payloadFile(dir, 'c-shell', { conversation_id: 'c', generation_id: 'g', hook_event_name: 'beforeShellExecution', command: `gh auth login --with-token <<< ${token}`, cwd: dir }));
    const s = JSON.parse(shell.out) as { permission: string; user_message: string; agent_message: string };
    assert.equal(s.permission, 'deny');
    assert.ok(!shell.out.includes(token));
    const read = await hook('cursor', dir, payloadFile(dir, 'c-read', { hook_event_name: 'beforeReadFile', file_path: path.join(dir, '.env'), content: `GH=${token}\n` }));
    assert.equal((JSON.parse(read.out) as { permission: string }).permission, 'deny');
    const prompt = await hook('cursor', dir, payloadFile(dir, 'c-prompt', { hook_event_name: 'beforeSubmitPrompt', prompt: `token ${token}` }));
    assert.equal((JSON.parse(prompt.out) as { continue: boolean }).continue, false);
    const clean = await hook('cursor', dir, payloadFile(dir, 'c-clean', { hook_event_name: 'beforeShellExecution', command: 'npm test', cwd: dir }));
    assert.equal(clean.out, '');
  });

  it('blocks (exit 2) on input that is not JSON, and refuses an unknown agent', async () => {
    const bad = await cli(['hook', 'claude-code'], dir, { stdin: 'not json', env: { TOKEN_CUSTODY_LOG: path.join(dir, 'x.jsonl') } });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not a JSON object/);
    // V8's JSON.parse message quotes the input near the error: a token there must not be echoed.
    const tok = githubToken();
    const leaky = await cli(['hook', 'claude-code'], dir, { stdin: `{"prompt": ${tok}}`, env: { TOKEN_CUSTODY_LOG: path.join(dir, 'x.jsonl') } });
    assert.equal(leaky.code, 2);
    assert.ok(!leaky.err.includes(tok.slice(0, 8)), leaky.err);
    assert.equal((await cli(['hook', 'someone'], dir, { env: {} })).code, 2);
  });
});

describe('token-custody hook install', () => {
  it('merges the hook into existing settings, keeps other entries, is idempotent', () => {
    const existing = { model: 'x', hooks: { PreToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier' }] }] } };
    const once = withHooks('claude-code', existing, 'token-custody hook claude-code');
    const pre = (once.hooks as Record<string, unknown[]>).PreToolUse!;
    assert.equal(pre.length, 2);
    assert.deepEqual(pre[0], existing.hooks.PreToolUse[0]);
    assert.deepEqual(Object.keys(once.hooks as object).sort(), ['PostToolUse', 'PreToolUse', 'UserPromptSubmit']);
    assert.deepEqual(withHooks('claude-code', once, 'token-custody hook claude-code'), once);
    const cursor = withHooks('cursor', {}, 'tc hook cursor');
    assert.deepEqual(cursor, { version: 1, hooks: { beforeSubmitPrompt: [{ command: 'tc hook cursor' }], beforeShellExecution: [{ command: 'tc hook cursor' }], beforeMCPExecution: [{ command: 'tc hook cursor' }], beforeReadFile: [{ command: 'tc hook cursor' }] } });
    assert.throws(() => withHooks('gemini-cli', { hooks: [] }, 'x'), /not an object/);
    assert.equal(lineDiff('a\nb', 'a\nc\nb'), '  a\n+ c\n  b');
  });

  it('shows the diff and writes nothing without --yes; with --yes writes and keeps a backup', async () => {
    const dir = tempDir('tc-hook-install-');
    mkdirSync(path.join(dir, '.claude'));
    const file = path.join(dir, '.claude', 'settings.json');
    writeFileSync(file, JSON.stringify({ permissions: { allow: ['Bash(ls)'] } }, null, 2) + '\n');
    const dry = await cli(['hook', 'install', 'claude-code'], dir, { env: {} });
    assert.equal(dry.code, 1);
    assert.match(dry.out, /\+ {5}"PreToolUse": \[/);
    assert.match(dry.err, /--yes/);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).hooks, undefined, 'nothing written');
    const yes = await cli(['hook', 'install', 'claude-code', '--yes'], dir, { env: {} });
    assert.equal(yes.code, 0, yes.err);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { permissions: unknown; hooks: Record<string, { hooks: { command: string }[] }[]> };
    assert.deepEqual(written.permissions, { allow: ['Bash(ls)'] });
    assert.match(written.hooks.PreToolUse![0]!.hooks[0]!.command, /cli\.js hook claude-code$/);
    assert.equal(readdirSync(path.join(dir, '.claude')).filter((f) => f.startsWith('settings.json.bak-')).length, 1);
    const again = await cli(['hook', 'install', 'claude-code', '--yes'], dir, { env: {} });
    assert.match(again.out, /nothing to change/);
  });

  it('never prints a key from the settings file it changes (diff, invalid JSON)', async () => {
    const dir = tempDir('tc-hook-install-keys-');
    mkdirSync(path.join(dir, '.claude'));
    const file = path.join(dir, '.claude', 'settings.json');
    const tok = githubToken();
    writeFileSync(file, JSON.stringify({ env: { GITHUB_TOKEN: tok } }, null, 2) + '\n');
    const dry = await cli(['hook', 'install', 'claude-code'], dir, { env: {} });
    assert.equal(dry.code, 1);
    assert.match(dry.out, /PreToolUse/);
    assert.ok(!dry.out.includes(tok) && !dry.err.includes(tok), 'the diff shows the key redacted');
    writeFileSync(file, `{"env": {"GITHUB_TOKEN": ${tok}}}\n`);
    const bad = await cli(['hook', 'install', 'claude-code', '--yes'], dir, { env: {} });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not valid JSON/);
    assert.ok(!bad.err.includes(tok.slice(0, 8)), bad.err);
  });
});
