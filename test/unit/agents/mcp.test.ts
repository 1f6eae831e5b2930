// `token-custody mcp` driven by the official SDK client: over stdio against the bundled CLI
// (initialize, tools/list, tools/call), and in memory with a fake keychain for the secret round trip.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { agentOfClient, createMcpServer } from '../../../src/cli/mcp';
import { githubToken } from '../../support/fakes';
import { MemoryBackend } from '../vault/fake-backend';
import { CLI, tempDir } from '../cli/support';

type ToolResult = { content: { type: string; text?: string }[] };
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
    const [a, b] = InMemoryTransport.createLinkedPair();
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
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'x', version: '1' });
    await client.connect(b);
    assert.deepEqual((await client.listTools()).tools.map((t) => t.name).sort(), ['tokenCustody_checkText', 'tokenCustody_listSecrets']);
    await client.close();
  });

  it('names the agent from the MCP client', () => {
    assert.equal(agentOfClient('claude-code', {}), 'claude-code');
    assert.equal(agentOfClient('Visual Studio Code', {}), 'copilot');
    assert.equal(agentOfClient('codex-mcp-client', {}), 'codex');
    assert.equal(agentOfClient('some-client', { CURSOR_AGENT: '1' }), 'cursor');
    assert.equal(agentOfClient(undefined, {}), 'unknown');
  });
});
