// `token-custody mcp` (our own protocol code, src/cli/mcpProtocol.ts) driven by the official SDK
// client: over stdio against the bundled CLI (initialize, tools/list, tools/call), and in memory with a
// fake keychain for the secret round trip and the user's confirmation (elicitation).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { agentOfClient, createMcpServer } from '../../../src/cli/mcp';
import type { McpTransport } from '../../../src/cli/mcpProtocol';
import { githubToken } from '../../support/fakes';
import { MemoryBackend } from '../vault/fake-backend';
import { CLI, tempDir } from '../cli/support';

type ToolResult = { content: { type: string; text?: string }[] };
/** The SDK's in-memory transport, typed as what our server takes (the same shape). */
const linked = (): [McpTransport, InMemoryTransport] => {
  const [a, b] = InMemoryTransport.createLinkedPair();
  return [a as unknown as McpTransport, b];
};
const textOf = (r: unknown): string => (r as ToolResult).content.map((c) => c.text ?? '').join('');

describe('token-custody mcp over stdio (SDK client)', () => {
  const dir = tempDir('tc-mcp-');
  const logFile = path.join(dir, 'custody.jsonl');
  const token = githubToken();
  let client: Client;

  before(async () => {
    writeFileSync(path.join(dir, 'leak.txt'), `GH=${token}\n`);
    client = new Client({ name: 'claude-code', version: '1.0.0' });
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: dir, TOKEN_CUSTODY_LOG: logFile };
    await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--', CLI, 'mcp', '--allow-run', 'allow', '--cwd', dir], env, stderr: 'pipe' }));
  });

  after(async () => {
    await client?.close();
  });

  it('initializes as token-custody and lists the three tools', async () => {
    assert.equal(client.getServerVersion()?.name, 'token-custody');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['tokenCustody_checkText', 'tokenCustody_listSecrets', 'tokenCustody_runWithSecrets']);
    const run = tools.find((t) => t.name === 'tokenCustody_runWithSecrets')!;
    assert.deepEqual(run.inputSchema.required, ['command']);
    assert.equal(run.annotations?.destructiveHint, true);
  });

  it('tools/call checkText answers with redacted forms and logs custody with the client as agent', async () => {
    const r = await client.callTool({ name: 'tokenCustody_checkText', arguments: { text: `token: ${token}` } });
    const text = textOf(r);
    assert.ok(!text.includes(token));
    assert.match(text, /1 credential\(s\) found/);
    const log = readFileSync(logFile, 'utf8');
    assert.ok(!log.includes(token));
    assert.match(log, /"event":"agent-flagged".*"agent":"claude-code","via":"mcp","tool":"tokenCustody_checkText"/);
  });

  it('tools/call runWithSecrets: a command that prints a token comes back redacted', async () => {
    const r = await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: 'cat leak.txt; echo done' } });
    const text = textOf(r);
    assert.ok(!text.includes(token), 'no token crosses the protocol');
    assert.match(text, /Exit code 0/);
    assert.match(text, /GH=ghp_/);
    assert.match(text, /done/);
  });

  it('refuses a .env that sets an executed variable, and a cwd outside its directory', async () => {
    const sub = path.join(dir, 'hostile');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, '.env'), 'PROMPT_COMMAND=keychain://token-custody/GH\n');
    const marker = path.join(sub, 'ran');
    const r = textOf(await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: `touch ran`, cwd: 'hostile' } }));
    assert.match(r, /Refused: .*PROMPT_COMMAND/);
    assert.equal(existsSync(marker), false);
    assert.match(textOf(await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: 'true', cwd: '..' } })), /outside/);
  });
});

describe('token-custody mcp with a keychain (in memory)', () => {
  it('resolves .env references into the command; the echoed secret never reaches the client', async () => {
    const dir = tempDir('tc-mcp-mem-');
    const token = githubToken();
    const keychain = new MemoryBackend('keychain');
    keychain.store.set('GH', token);
    writeFileSync(path.join(dir, '.env'), 'GITHUB_TOKEN=keychain://token-custody/GH\n');
    const env = { TOKEN_CUSTODY_LOG: path.join(dir, 'custody.jsonl') };
    const server = createMcpServer({ env, stderr: { write: () => true } }, { allowRun: 'allow', cwd: dir, keychain });
    const [a, b] = linked();
    await server.connect(a);
    const client = new Client({ name: 'gemini-cli-mcp-client', version: '1' });
    await client.connect(b);
    const list = textOf(await client.callTool({ name: 'tokenCustody_listSecrets', arguments: {} }));
    assert.match(list, /GH \(OS keychain\) keychain:\/\/token-custody\/GH → \.env GITHUB_TOKEN/);
    const r = textOf(await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: 'echo "t=$GITHUB_TOKEN"; printf %s "$GITHUB_TOKEN" | base64' } }));
    assert.ok(!r.includes(token) && !r.includes(Buffer.from(token).toString('base64')), r.replace(token, '<TOKEN>'));
    assert.match(r, /t=\[secret GH\]/);
    const log = readFileSync(env.TOKEN_CUSTODY_LOG, 'utf8');
    assert.match(log, /"event":"agent-used".*"agent":"gemini-cli","via":"mcp".*"secret":"GH".*"variable":"GITHUB_TOKEN","outcome":"ran"/);
    assert.ok(!log.includes(token));
    await client.close();
    await server.close();
  });

  it('never: runWithSecrets is not offered', async () => {
    const server = createMcpServer({ env: {}, stderr: { write: () => true } }, { allowRun: 'never', cwd: tempDir('tc-mcp-never-'), keychain: new MemoryBackend('keychain') });
    const [a, b] = linked();
    await server.connect(a);
    const client = new Client({ name: 'x', version: '1' });
    await client.connect(b);
    assert.deepEqual((await client.listTools()).tools.map((t) => t.name).sort(), ['tokenCustody_checkText', 'tokenCustody_listSecrets']);
    await client.close();
  });

  it('ask: the client is asked first (elicitation); a decline runs nothing, an accept runs the command', async () => {
    const dir = tempDir('tc-mcp-ask-');
    const marker = path.join(dir, 'ran');
    const server = createMcpServer({ env: {}, stderr: { write: () => true } }, { allowRun: 'ask', cwd: dir, keychain: new MemoryBackend('keychain') });
    const [a, b] = linked();
    await server.connect(a);
    const client = new Client({ name: 'x', version: '1' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    client.setRequestHandler(ElicitRequestSchema, (req) => {
      asked.push(String(req.params.message));
      return answer === 'accept' ? { action: 'accept', content: { run: true } } : { action: 'decline' };
    });
    await client.connect(b);
    const declined = textOf(await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: 'touch ran' } }));
    assert.match(declined, /did not allow/);
    assert.equal(existsSync(marker), false);
    assert.match(asked[0] ?? '', /Run "touch ran" in .* with these secrets in its environment: none\?/);
    answer = 'accept';
    assert.match(textOf(await client.callTool({ name: 'tokenCustody_runWithSecrets', arguments: { command: 'touch ran' } })), /Exit code 0/);
    assert.equal(existsSync(marker), true);
    await client.close();
  });

  it('protocol: negotiates the version, refuses bad arguments and unknown methods, never quotes an unparsable line', async () => {
    const dir = tempDir('tc-mcp-raw-');
    const token = githubToken();
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } },
      { jsonrpc: '2.0', id: 3, method: 'ping' },
      { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'tokenCustody_checkText', arguments: { text: 42 } } },
      { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'tokenCustody_checkText', arguments: {} } },
      { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'nope', arguments: {} } },
      { jsonrpc: '2.0', id: 7, method: 'resources/list' },
    ].map((m) => JSON.stringify(m)).join('\n') + `\n{"broken": "${token}\n`;
    const r = spawnSync(process.execPath, ['--', CLI, 'mcp', '--allow-run', 'never', '--cwd', dir], { input: lines, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, TOKEN_CUSTODY_LOG: path.join(dir, 'log.jsonl') } });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes(token), 'the unparsable line is not echoed');
    const replies = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number | null; result?: { protocolVersion?: string }; error?: { code: number } });
    const byId = (id: number | null) => replies.find((x) => x.id === id);
    assert.equal(byId(1)?.result?.protocolVersion, '2025-06-18');
    assert.equal(byId(2)?.result?.protocolVersion, '2025-11-25');
    assert.deepEqual(byId(3)?.result, {});
    assert.equal(byId(4)?.error?.code, -32602);
    assert.equal(byId(5)?.error?.code, -32602);
    assert.equal(byId(6)?.error?.code, -32602);
    assert.equal(byId(7)?.error?.code, -32601);
    assert.equal(byId(null)?.error?.code, -32700);
    assert.equal(replies.length, 8, 'one answer per request, none for the notification');
  });

  it('names the agent from the MCP client', () => {
    assert.equal(agentOfClient('claude-code', {}), 'claude-code');
    assert.equal(agentOfClient('Visual Studio Code', {}), 'copilot');
    assert.equal(agentOfClient('codex-mcp-client', {}), 'codex');
    assert.equal(agentOfClient('some-client', { CURSOR_AGENT: '1' }), 'cursor');
    assert.equal(agentOfClient(undefined, {}), 'unknown');
  });
});
