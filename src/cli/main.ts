// The command table of `token-custody`: dispatch, `help [COMMAND]`, `--version`/`-V`, and the
// `rules` listing. Each command parses its own options strictly (options.ts).

import { prefilterBuild } from '../engine/prefilter';
import { BUILTIN_RULES } from '../engine/rules';
import { closest, oneOf, parseOptions, UsageError } from './options';
import { runScan, SCAN_USAGE, type CliIO } from './scan';
import type { CliIo } from './secret';
import { CLI_VERSION } from './version';

export const USAGE = `token-custody ${CLI_VERSION} — find, vault and revoke leaked credentials

Usage:
  token-custody scan [PATH…|-] [--format text|jsonl|sarif|github|junit] [options]
  token-custody scan --staged | --git [RANGE] [options]
  token-custody install-hook [--force]
  token-custody secret get|set|list|delete [NAME]
  token-custody run [-f FILE]… -- CMD [ARGS…]
  token-custody rules [--format text|json]
  token-custody mcp [--allow-run never|ask|allow]
  token-custody hook <agent> | hook install <agent> [--user] [--yes]
  token-custody help [COMMAND]
  token-custody --version [--verbose]

Run "token-custody help COMMAND" for the options of a command.
`;

export const RULES_USAGE = `Usage: token-custody rules [--format text|json]

Lists the built-in detection rules: id, name and issuer (json: also kind, severity, confidence and
revocation support).
`;

/**
 * Each command's help. The modules of the commands other than `scan` and `rules` (the keychain, git
 * hooks, the agent tools, the MCP server, child processes…) are loaded when their command runs, not
 * at every start: a scan never loads them.
 */
const USAGES: Record<string, () => Promise<string>> = {
  scan: async () => SCAN_USAGE,
  'install-hook': async () => (await import('./installHook.js')).INSTALL_HOOK_USAGE,
  secret: async () => (await import('./secret.js')).SECRET_USAGE,
  run: async () => (await import('./run.js')).RUN_USAGE,
  rules: async () => RULES_USAGE,
  hook: async () => (await import('./hook.js')).HOOK_USAGE,
  mcp: async () => (await import('./mcpUsage.js')).MCP_USAGE,
  help: async () => USAGE,
};
const COMMANDS = Object.keys(USAGES);

/** The keyword search this process runs (`--version --verbose`). */
function prefilterLabel(): string {
  const build = prefilterBuild();
  return build === null ? 'automaton' : build === 'relaxed' ? 'simd (WebAssembly, relaxed SIMD)' : 'simd (WebAssembly)';
}

export function listRules(format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(BUILTIN_RULES.map((r) => ({ id: r.id, issuer: r.issuer, name: r.name, kind: r.kind, severity: r.severity, confidence: r.confidence, revocation: r.revocation })), null, 2) + '\n';
  }
  const w = Math.max(...BUILTIN_RULES.map((r) => r.id.length));
  return BUILTIN_RULES.map((r) => `${r.id.padEnd(w)}  ${r.name} (${r.issuer})`).join('\n') + `\n\n${BUILTIN_RULES.length} rules\n`;
}

function runRules(argv: readonly string[], io: Pick<CliIO, 'stdout' | 'stderr'>): number {
  try {
    const { values, positionals } = parseOptions<{ format?: string; json?: boolean; help?: boolean }>('rules', argv, {
      format: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(RULES_USAGE);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'rules');
    const format = values.json ? 'json' : values.format === undefined ? 'text' : oneOf('--format', values.format, ['text', 'json'] as const);
    io.stdout.write(listRules(format));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`token-custody rules: ${e.message}\nRun "token-custody help rules" for the options.\n`);
    return 2;
  }
}

export interface MainIO extends CliIO {
  stdin: CliIo['stdin'];
  stdout: CliIo['stdout'];
  stderr: CliIo['stderr'];
}

export interface Self {
  /** The Node that runs the CLI, and the CLI bundle (for worker threads and the git hook). */
  nodePath: string;
  cliPath: string;
}

export async function main(argv: readonly string[], io: MainIO, self: Self): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return runScan(rest, io, { workerScript: self.cliPath });
    case 'secret':
      return (await import('./secret.js')).runSecret(rest, io);
    case 'run':
      return (await import('./run.js')).runWithSecrets(rest, { ...io, cwd: io.cwd });
    case 'rules':
      return runRules(rest, io);
    case 'install-hook':
      return (await import('./installHook.js')).runInstallHook(rest, io, self);
    case 'hook':
      return (await import('./hook.js')).runHook(rest, io, self);
    case 'mcp':
      return (await import('./mcp.js')).runMcp(rest, { ...io, stdout: io.stdout });
    case '--version':
    case '-V':
    case '-v':
    case 'version':
      io.stdout.write(CLI_VERSION + '\n');
      // --verbose: what this build runs on (a bundle built without the WebAssembly prefilter says "automaton").
      if (rest.includes('--verbose')) io.stdout.write(`node ${process.version}\nkeyword prefilter: ${prefilterLabel()}\n`);
      return 0;
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) {
        io.stdout.write(USAGE);
        return 0;
      }
      const usage = Object.hasOwn(USAGES, topic) ? USAGES[topic] : undefined;
      if (usage) {
        io.stdout.write(await usage());
        return 0;
      }
      const guess = closest(topic, COMMANDS);
      io.stderr.write(`token-custody: no help for "${topic}"${guess ? ` (did you mean "${guess}"?)` : ''}; the commands are ${COMMANDS.filter((c) => c !== 'help').join(', ')}.\n`);
      return 2;
    }
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return 0;
    case undefined:
      io.stderr.write(USAGE);
      return 2;
    default: {
      const guess = command.startsWith('-') ? undefined : closest(command, COMMANDS);
      const what = command.startsWith('-') ? `unknown option ${command}` : `unknown command "${command}"`;
      io.stderr.write(`token-custody: ${what}${guess ? ` (did you mean "${guess}"?)` : ''}\nRun "token-custody help" for the commands.\n`);
      return 2;
    }
  }
}
