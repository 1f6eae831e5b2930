// `token-custody run [-f|--env-file FILE]… -- CMD [ARGS…]` — like `op run`: resolves
// keychain://token-custody/NAME references found in the environment and in the env files, then
// runs CMD with the values in its environment (stdio inherited, exit code and signals forwarded).
// Unknown references: an error naming them (never a value), exit 2, nothing run. Env files follow
// src/vault/envPolicy.ts: only KEY=<one reference> lines are resolved, and a file that sets a
// variable a shell or loader executes (PROMPT_COMMAND, NODE_OPTIONS, PATH, LD_PRELOAD…) is refused.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { errorMessage } from '../vault/backend';
import { describeRefusals, planDotenv } from '../vault/envPolicy';
import { formatReference } from '../vault/reference';
import { resolveEnvReferences } from '../vault/resolve';
import { closest, ioReason } from './options';
import { type CliIo, keychainFor } from './secret';

export const RUN_USAGE = `Usage: token-custody run [-f FILE]... -- CMD [ARGS...]
  Resolves keychain://token-custody/NAME references in the environment and in the env files
  (dotenv syntax), then runs CMD with the secrets in its environment.

Options:
  -f, --env-file FILE   read variables from FILE (repeatable; later files win)
  -h, --help            this help
Exit codes: the command's own; 2 for usage errors and unresolved references.
`;

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export interface RunArgs {
  envFiles: string[];
  command: string[];
}

export function parseRunArgs(args: readonly string[]): RunArgs | { error: string } | { help: true } {
  const envFiles: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-h' || a === '--help') return { help: true };
    if (a === '--env-file' || a === '-f') {
      const f = args[i + 1];
      if (f === undefined || f === '--') return { error: `${a} needs a FILE` };
      envFiles.push(f);
      i++;
    } else if (a.startsWith('--env-file=')) {
      envFiles.push(a.slice('--env-file='.length));
    } else if (a.startsWith('-')) {
      const guess = a.startsWith('--') ? closest(a.split('=')[0]!, ['--env-file', '--help']) : undefined;
      return { error: `unknown option ${a}${guess ? ` (did you mean ${guess}?)` : ''}` };
    } else {
      break; // CMD without `--`
    }
  }
  const command = args.slice(i);
  if (command.length === 0) return { error: 'no command given (token-custody run [-f FILE] -- CMD …)' };
  return { envFiles, command };
}

export interface RunIo extends CliIo {
  /** Working directory of CMD and base of relative env files. Default `process.cwd()`. */
  cwd?: string;
  /** How CMD's stdio is connected; default `inherit`. */
  stdio?: 'inherit' | 'pipe';
}

/** Runs the command; resolves to the exit code to use (128 + signal number when CMD died of a signal). */
export async function runWithSecrets(args: readonly string[], io: RunIo): Promise<number> {
  const parsed = parseRunArgs(args);
  if ('help' in parsed) {
    io.stdout.write(RUN_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr.write(`token-custody run: ${parsed.error}\nRun "token-custody help run" for the options.\n`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();

  const env: Record<string, string | undefined> = { ...io.env };
  for (const file of parsed.envFiles) {
    let text: string;
    try {
      text = await readFile(resolvePath(cwd, file), 'utf8');
    } catch (err) {
      io.stderr.write(`token-custody run: cannot read env file ${file}: ${ioReason(err)}\nNothing was run.\n`);
      return 2;
    }
    // Same rules as the editor's secrets terminal: only KEY=<one reference> lines are resolved, and a
    // file that sets a variable a shell or loader executes is refused (src/vault/envPolicy.ts).
    const plan = planDotenv(text, { applyPlain: true });
    if (plan.invalidLines.length > 0) io.stderr.write(`token-custody run: ${file}: ignored line(s) ${plan.invalidLines.join(', ')} (not KEY=VALUE)\n`);
    if (plan.refused.length > 0) {
      io.stderr.write(`token-custody run: ${describeRefusals(plan.refused, file)}\nNothing was run.\n`);
      return 2;
    }
    // The env file wins over the inherited environment.
    for (const e of plan.plain) env[e.key] = e.value;
    for (const e of plan.secrets) env[e.variable] = formatReference(e.reference);
  }

  let resolved;
  try {
    resolved = await resolveEnvReferences(env, { keychain: keychainFor(io) });
  } catch (err) {
    io.stderr.write(`token-custody run: ${errorMessage(err)}\nNothing was run.\n`);
    return 2;
  }
  if (resolved.unresolved.length > 0) {
    const lines = resolved.unresolved.map((u) =>
      u.reason === 'unsupported'
        ? `  ${u.variable}: ${u.scheme}://token-custody/${u.name} lives in VS Code SecretStorage; use "Open Terminal with Keychain Secrets" in VS Code`
        : `  ${u.variable}: keychain://token-custody/${u.name} is not in the OS keychain`);
    io.stderr.write(`token-custody run: unresolved reference(s):\n${lines.join('\n')}\nNothing was run.\n`);
    return 2;
  }

  const [cmd, ...cmdArgs] = parsed.command;
  return new Promise<number>((resolve) => {
    const child = spawn(cmd as string, cmdArgs, { env: resolved.env, cwd, stdio: io.stdio ?? 'inherit', shell: false });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const sig of FORWARDED_SIGNALS) process.on(sig, forward);
    const cleanup = (): void => {
      for (const sig of FORWARDED_SIGNALS) process.removeListener(sig, forward);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      io.stderr.write(`token-custody run: cannot run ${cmd}: ${err.code === 'ENOENT' ? 'command not found' : ioReason(err)}\n`);
      resolve(err.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => {
      cleanup();
      if (signal) resolve(128 + (osConstants.signals[signal] ?? 0));
      else resolve(code ?? 1);
    });
  });
}
