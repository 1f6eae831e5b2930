// `token-custody mcp [--allow-run never|ask|allow]`: an MCP server on stdio (mcpProtocol.ts) with the tools of the VS Code extension: tokenCustody_checkText, tokenCustody_listSecrets,
// tokenCustody_runWithSecrets. Values never cross the protocol: checkText answers with redacted
// forms, listSecrets with names, runWithSecrets with output the engine redacted. The secrets come
// from the OS keychain (`vscode-secret://` references only resolve inside VS Code).
// runWithSecrets: `never` → not offered; `ask` (default) → confirmed by the user through MCP
// elicitation when the client supports it, else left to the client's own tool approval (the tool is
// marked destructive, so clients ask); `allow` → runs. VS Code passes `tokenCustody.agents.allowRun`.

import { McpServer, StdioTransport } from './mcpProtocol';
import * as path from 'node:path';
import { createScanner } from '../engine';
import { lenientFingerprintKey } from './fingerprintKey';
import { agentFromEnv } from '../agents/detect';
import { CliCustody } from '../agents/cliCustody';
import {
  TOOL_CHECK_TEXT, TOOL_DESCRIPTIONS, TOOL_LIST_SECRETS, TOOL_RUN_WITH_SECRETS, checkText, listSecrets, readEnvSecrets,
  redactedCommand, resolveEnvSecrets, runCommand, secretIdentity,
} from '../agents/tools';
import { createKeychainBackend } from '../vault/keychain';
import type { SecretBackend } from '../vault/backend';
import { secretOf } from '../engine';
import { oneOf, parseOptions, UsageError } from './options';
import { CLI_VERSION } from './version';
import { MCP_USAGE } from './mcpUsage';

export { MCP_USAGE };


export interface McpIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The agent behind an MCP client, from the name it gives in `initialize`. */
export function agentOfClient(name: string | undefined, env: NodeJS.ProcessEnv): string {
  const n = (name ?? '').toLowerCase();
  if (n.includes('claude')) return 'claude-code';
  if (n.includes('codex')) return 'codex';
  if (n.includes('gemini')) return 'gemini-cli';
  if (n.includes('cursor')) return 'cursor';
  if (n.includes('visual studio code') || n.includes('copilot') || n.includes('vscode')) return 'copilot';
  return agentFromEnv(env)?.name ?? (name || 'unknown');
}

export interface McpOptions {
  allowRun: 'never' | 'ask' | 'allow';
  cwd: string;
  /** Tests: the keychain backend. */
  keychain?: SecretBackend;
}

export function createMcpServer(io: Pick<McpIO, 'env' | 'stderr'>, options: McpOptions): McpServer {
  const { scanner } = createScanner([], { fingerprintKey: lenientFingerprintKey(io.env, (m) => void io.stderr.write(`token-custody mcp: ${m}\n`)) });
  const keychain = options.keychain ?? createKeychainBackend(process.platform, { env: io.env });
  const server = new McpServer({ name: 'token-custody', version: CLI_VERSION });
  const custody = new CliCustody(io.env, (e) => io.stderr.write(`token-custody mcp: custody log: ${e.message}\n`));
  const agent = (): string => agentOfClient(server.getClientVersion()?.name, io.env);
  const text = (t: string): { content: { type: 'text'; text: string }[] } => ({ content: [{ type: 'text', text: t }] });

  server.registerTool(TOOL_CHECK_TEXT, {
    description: TOOL_DESCRIPTIONS[TOOL_CHECK_TEXT],
    inputSchema: { type: 'object', properties: { text: { type: 'string', description: 'The text to check.' } }, required: ['text'] },
    annotations: { title: 'Check Text for Credentials', readOnlyHint: true, openWorldHint: false },
  }, async ({ text: input }) => {
    const r = checkText(scanner, input ?? '');
    for (const f of r.findings) custody.finding(f, { event: 'agent-flagged', detail: { agent: agent(), via: 'mcp', tool: TOOL_CHECK_TEXT, outcome: 'reported' } });
    await custody.flush();
    return text(r.text);
  });

  server.registerTool(TOOL_LIST_SECRETS, {
    description: TOOL_DESCRIPTIONS[TOOL_LIST_SECRETS],
    inputSchema: { type: 'object', properties: {} },
    annotations: { title: 'List Stored Secrets', readOnlyHint: true, openWorldHint: false },
  }, async () => {
    const env = await readEnvSecrets(options.cwd);
    return text((await listSecrets({ keychain }, env.secrets)).text);
  });

  if (options.allowRun !== 'never') {
    server.registerTool(TOOL_RUN_WITH_SECRETS, {
      description: TOOL_DESCRIPTIONS[TOOL_RUN_WITH_SECRETS],
      inputSchema: {
        type: 'object',
        properties: {
          command: { type: 'string', description: 'The shell command line to run; refer to secrets by the .env variable names ($GITHUB_TOKEN).' },
          cwd: { type: 'string', description: 'Directory to run in, relative to the server\'s directory. Its .env file names the secrets.' },
        },
        required: ['command'],
      },
      annotations: { title: 'Run with Keychain Secrets', readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    }, async ({ command = '', cwd }) => {
      const dir = cwd ? path.resolve(options.cwd, cwd) : options.cwd;
      const rel = path.relative(options.cwd, dir);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return text(`Refused: ${dir} is outside ${options.cwd}.`);
      const shown = redactedCommand(command, scanner);
      const env = await readEnvSecrets(dir);
      if (env.refusal) return text(`Refused: ${env.refusal} Nothing was run.`);
      if (options.allowRun === 'ask' && server.getClientCapabilities()?.elicitation) {
        const names = env.secrets.map((s) => `${s.variable} ← ${s.reference.scheme}://token-custody/${s.reference.name}`).join(', ') || 'none';
        const answer = await server.elicitInput({
          message: `Run "${shown}" in ${dir} with these secrets in its environment: ${names}? The agent only gets the redacted output.`,
          requestedSchema: { type: 'object', properties: { run: { type: 'boolean', title: 'Run the command' } }, required: ['run'] },
        });
        if (answer.action !== 'accept' || answer.content?.run !== true) return text('The user did not allow this command; nothing was run.');
      }
      const { resolved, unresolved } = await resolveEnvSecrets(env.secrets, { keychain });
      if (unresolved.length) {
        return text(`Nothing was run: ${unresolved.map((u) => `${u.variable}=${u.reference} ${u.reason === 'not-found' ? 'is not in the OS keychain' : u.reason === 'unsupported' ? 'lives in VS Code secret storage (use the tool inside VS Code)' : 'could not be read'}`).join('; ')}.`);
      }
      const r = await runCommand({ command, cwd: dir, baseEnv: io.env, secrets: resolved, scanner });
      for (const s of resolved) {
        const f = scanner.scan(s.value, { inlineIgnore: false }).find((x) => secretOf(x) === s.value);
        const detail = { agent: agent(), via: 'mcp' as const, tool: TOOL_RUN_WITH_SECRETS, secret: s.name, reference: s.reference, variable: s.variable, outcome: r.exitCode === null && !r.signal ? 'failed' as const : 'ran' as const, command: shown, ...(r.exitCode !== null ? { exitCode: r.exitCode } : {}) };
        if (f) custody.finding(f, { event: 'agent-used', detail });
        else custody.entry({ event: 'agent-used', detail, ...secretIdentity(s.value, scanner), ruleId: 'stored-secret', issuer: 'token-custody' }, [s.value]);
      }
      await custody.flush();
      return text(r.text);
    });
  }
  return server;
}

export async function runMcp(argv: readonly string[], io: McpIO): Promise<number> {
  let options: McpOptions;
  try {
    const { values, positionals } = parseOptions<{ 'allow-run'?: string; cwd?: string; help?: boolean }>('mcp', argv, {
      'allow-run': { type: 'string' },
      cwd: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(MCP_USAGE);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'mcp');
    const allow = values['allow-run'] ?? io.env.TOKEN_CUSTODY_AGENTS_ALLOW_RUN ?? 'ask';
    options = { allowRun: oneOf('--allow-run', allow, ['never', 'ask', 'allow'] as const), cwd: path.resolve(io.cwd, values.cwd ?? '.') };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`token-custody mcp: ${e.message}\n`);
    return 2;
  }
  const server = createMcpServer(io, options);
  const transport = new StdioTransport(io.stdin, io.stdout);
  await server.connect(transport);
  await new Promise<void>((resolve) => {
    const onclose = transport.onclose;
    transport.onclose = () => { onclose?.(); resolve(); };
  });
  await server.close().catch(() => undefined);
  return 0;
}
