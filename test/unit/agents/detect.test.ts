import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENT_NAMES, agentFromCommandLine, agentFromEnv, agentLabel } from '../../../src/agents/detect';
import { terminalCustodyPlace, terminalWhere } from '../../../src/custody/log';
import { matchAutoRevoke, parseAutoRevokePolicy } from '../../../src/custody/policy';
import { terminalWarningText } from '../../../src/terminal/format';

describe('agent attribution', () => {
  it('recognises each agent by the variable it sets', () => {
    assert.deepEqual(agentFromEnv({ COPILOT_AGENT: '1' }), { name: 'copilot', evidence: 'env COPILOT_AGENT' });
    assert.equal(agentFromEnv({ CLAUDECODE: '1' })?.name, 'claude-code');
    assert.equal(agentFromEnv({ CURSOR_AGENT: '1' })?.name, 'cursor');
    assert.equal(agentFromEnv({ CODEX_SANDBOX: 'seatbelt' })?.name, 'codex');
    assert.equal(agentFromEnv({ CODEX_SANDBOX_NETWORK_DISABLED: '1' })?.name, 'codex');
    assert.equal(agentFromEnv({ GEMINI_CLI: '1' })?.name, 'gemini-cli');
  });

  it('ignores unset, empty, 0 and false markers and plain environments', () => {
    assert.equal(agentFromEnv(undefined), undefined);
    assert.equal(agentFromEnv({ PATH: '/usr/bin', TERM_PROGRAM: 'vscode' }), undefined);
    assert.equal(agentFromEnv({ COPILOT_AGENT: '' }), undefined);
    assert.equal(agentFromEnv({ COPILOT_AGENT: '0' }), undefined);
    assert.equal(agentFromEnv({ GEMINI_CLI: 'false' }), undefined);
    assert.equal(agentFromEnv({ COPILOT_AGENT: undefined }), undefined);
  });

  it('recognises the agents run as programs in a user terminal', () => {
    assert.deepEqual(agentFromCommandLine('claude'), { name: 'claude-code', evidence: 'program claude' });
    assert.equal(agentFromCommandLine('claude --resume')?.name, 'claude-code');
    assert.equal(agentFromCommandLine('/usr/local/bin/codex exec "fix it"')?.name, 'codex');
    assert.equal(agentFromCommandLine('gemini -p hi')?.name, 'gemini-cli');
    assert.equal(agentFromCommandLine('cursor-agent')?.name, 'cursor');
    assert.equal(agentFromCommandLine('copilot')?.name, 'copilot');
    assert.deepEqual(agentFromCommandLine('npx -y @openai/codex@latest'), { name: 'codex', evidence: 'package @openai/codex' });
    assert.equal(agentFromCommandLine('pnpm dlx @anthropic-ai/claude-code')?.name, 'claude-code');
    assert.equal(agentFromCommandLine('DEBUG=1 gemini')?.name, 'gemini-cli');
    assert.equal(agentFromCommandLine('CLAUDECODE=1 make test')?.name, 'claude-code');
    assert.equal(agentFromCommandLine('C:\\tools\\codex.exe')?.name, 'codex');
  });

  it('does not take other programs, arguments or later commands for an agent', () => {
    assert.equal(agentFromCommandLine('cat claude.md'), undefined);
    assert.equal(agentFromCommandLine('git commit -m codex'), undefined);
    assert.equal(agentFromCommandLine('echo hi; claude'), undefined);
    assert.equal(agentFromCommandLine('geminitool'), undefined);
    assert.equal(agentFromCommandLine(''), undefined);
    assert.equal(agentFromCommandLine('npx prettier .'), undefined);
  });

  it('labels every agent', () => {
    for (const n of AGENT_NAMES) assert.ok(agentLabel(n).length > 0);
    assert.equal(agentLabel('copilot'), 'GitHub Copilot');
    assert.equal(agentLabel('someone-else'), 'someone-else');
  });
});

describe('agent-terminal custody place', () => {
  const finding = { ruleId: 'github-pat-classic', issuer: 'github', confidence: 'high' as const, validation: { status: 'valid' as const, detail: 'checksum' }, revocation: 'github-credentials-revoke' as const };

  it('a terminal occurrence with an agent has the place agent-terminal', () => {
    const w = terminalWhere('bash', 'output', undefined, { name: 'copilot', label: 'GitHub Copilot', evidence: 'env COPILOT_AGENT' });
    assert.deepEqual(w, { kind: 'terminal', terminal: 'bash', place: 'output', agent: { name: 'copilot', label: 'GitHub Copilot', evidence: 'env COPILOT_AGENT' } });
    assert.equal(terminalCustodyPlace(w), 'agent-terminal');
    assert.equal(terminalCustodyPlace(terminalWhere('bash', 'command')), 'terminal-command');
  });

  it('tokenCustody.policy.autoRevoke accepts agent-terminal and matches it only there', () => {
    const { rules, errors } = parseAutoRevokePolicy([{ match: 'github', places: ['agent-terminal'] }]);
    assert.deepEqual(errors, []);
    assert.ok(matchAutoRevoke(rules, finding, 'agent-terminal'));
    assert.equal(matchAutoRevoke(rules, finding, 'terminal-output'), undefined);
  });

  it('the terminal warning names the agent and says the token reached a model', () => {
    const f = { fingerprint: 'sha256:x', name: 'GitHub personal access token (classic)', redacted: 'ghp_••••abcd' };
    const text = terminalWarningText(f, 'Copilot', 'output', 'cat .env', 'GitHub Copilot');
    assert.match(text, /ghp_••••abcd appeared in the output of "cat \.env" in terminal "Copilot", which GitHub Copilot drives: the token reached a model/);
    assert.doesNotMatch(terminalWarningText(f, 'bash', 'output', 'cat .env'), /model/);
  });
});
