// `token-custody hook <agent>` (called by the agent with a hook payload on stdin) and
// `token-custody hook install <agent> [--user] [--yes]` (merges the hook into the agent's settings
// file, after showing the diff, with a backup of the old file). See src/agents/hooks.ts.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { createScanner } from '../engine';
import { lenientFingerprintKey } from './fingerprintKey';
import { CliCustody } from '../agents/cliCustody';
import { decideHook, HOOK_AGENTS, isHookAgent, type HookAgent } from '../agents/hooks';
import { HOOK_TARGETS, lineDiff, withHooks } from '../agents/hookInstall';
import { redactOutput } from '../agents/tools';
import { parseOptions, UsageError } from './options';

export const HOOK_USAGE = `Usage: token-custody hook <agent>
       token-custody hook install <agent> [--user] [--yes]

  hook <agent>          Reads one hook call (JSON) on stdin and answers in the agent's hook protocol:
                        a prompt or tool call that holds a credential is blocked, with the reference
                        to use instead; credentials in tool output are redacted where the agent lets
                        a hook replace it. Agents: ${HOOK_AGENTS.join(', ')}.
  hook install <agent>  Adds that hook to the agent's settings file of this project
                        (${Object.entries(HOOK_TARGETS).map(([a, t]) => `${a}: ${t.file}`).join(', ')}),
                        or of your home folder with --user. Shows the change first and keeps a
                        backup (<file>.bak-<time>); --yes writes without asking.
Every decision is written to the custody log ($TOKEN_CUSTODY_LOG, else the per-user log).
Exit status: 0 (the answer is on stdout), 2 usage error.
`;

export interface HookIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return text;
}

function shQuote(s: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command the agent runs: this very CLI, by absolute path (agents do not share VS Code's PATH). */
export function hookCommand(self: { nodePath: string; cliPath: string }, agent: HookAgent, electron = Boolean(process.versions.electron)): string {
  return `${electron ? 'ELECTRON_RUN_AS_NODE=1 ' : ''}${shQuote(self.nodePath)} ${shQuote(self.cliPath)} hook ${agent}`;
}

export async function runHook(argv: readonly string[], io: HookIO, self: { nodePath: string; cliPath: string }): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    (first === undefined ? io.stderr : io.stdout).write(HOOK_USAGE);
    return first === undefined ? 2 : 0;
  }
  if (first === 'install') return install(rest, io, self);
  if (!isHookAgent(first)) {
    io.stderr.write(`token-custody hook: unknown agent "${first}" (agents: ${HOOK_AGENTS.join(', ')})\n`);
    return 2;
  }
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await readAll(io.stdin));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    payload = parsed as Record<string, unknown>;
  } catch {
    // Not blocking on a payload we cannot read would let a credential through: block (exit 2 is
    // "block" for Claude Code, Codex and Gemini CLI; Cursor treats it as a failed hook).
    // V8's parse error quotes the input around the error (a token may be there): not shown.
    io.stderr.write(`token-custody hook ${first}: the hook input is not a JSON object; blocked.\n`);
    return 2;
  }
  const { scanner } = createScanner([], { fingerprintKey: lenientFingerprintKey(io.env, (m) => void io.stderr.write(`token-custody hook: ${m}\n`)) });
  const decision = decideHook(first, payload, scanner);
  if (decision.findings.length && decision.outcome) {
    const custody = new CliCustody(io.env, (e) => io.stderr.write(`token-custody hook: custody log: ${e.message}\n`));
    for (const f of decision.findings) {
      custody.finding(f, { event: 'agent-flagged', detail: { agent: first, via: 'hook', hook: decision.event, ...(decision.tool ? { tool: decision.tool } : {}), outcome: decision.outcome } });
    }
    await custody.flush();
  }
  if (decision.stdout) io.stdout.write(decision.stdout);
  if (decision.stderr) io.stderr.write(decision.stderr);
  return decision.exitCode;
}

async function ask(io: HookIO, question: string): Promise<boolean> {
  if (!io.stdin.isTTY) return false;
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

async function install(argv: readonly string[], io: HookIO, self: { nodePath: string; cliPath: string }): Promise<number> {
  let agent: HookAgent;
  let user: boolean;
  let yes: boolean;
  try {
    const { values, positionals } = parseOptions<{ user?: boolean; yes?: boolean; help?: boolean }>('hook install', argv, {
      user: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(HOOK_USAGE);
      return 0;
    }
    const a = positionals[0];
    if (a === undefined || !isHookAgent(a)) throw new UsageError(`name the agent: ${HOOK_AGENTS.join(', ')}`, 'hook');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, 'hook');
    agent = a;
    user = values.user === true;
    yes = values.yes === true;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`token-custody hook install: ${e.message}\n`);
    return 2;
  }
  const target = HOOK_TARGETS[agent];
  const file = user ? path.join(io.env.HOME || homedir(), target.userFile) : path.resolve(io.cwd, target.file);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let settings: Record<string, unknown> = {};
  try {
    if (before.trim()) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(before);
      } catch {
        // V8's message quotes the file near the error, and agent settings often hold API keys.
        throw new Error('it is not valid JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it is not a JSON object');
      settings = parsed as Record<string, unknown>;
    }
    const after = JSON.stringify(withHooks(agent, settings, hookCommand(self, agent)), null, 2) + '\n';
    if (after === before) {
      io.stdout.write(`${file} already runs the Token Custody hook for ${agent}; nothing to change.\n`);
      return 0;
    }
    // Agent settings often hold API keys (e.g. an `env` block): the diff shows them redacted.
    const diff = redactOutput(lineDiff(before.replace(/\n$/, ''), after.replace(/\n$/, '')), [], createScanner().scanner);
    io.stdout.write(`${before ? 'Changes to' : 'New file'} ${file}:\n${diff}\n`);
    if (!yes && !(await ask(io, `Write ${file}? [y/N] `))) {
      io.stderr.write(io.stdin.isTTY ? 'Nothing written.\n' : 'Nothing written: run again with --yes to write it.\n');
      return 1;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    if (before) {
      const backup = `${file}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      copyFileSync(file, backup);
      io.stdout.write(`Backup: ${backup}\n`);
    }
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, after, { mode: 0o600 });
    renameSync(tmp, file);
    io.stdout.write(`Wrote ${file}: ${agent} now calls "token-custody hook ${agent}".\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`token-custody hook install: cannot update ${file}: ${(e as Error).message}\n`);
    return 2;
  }
}
