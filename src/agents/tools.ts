// The three agent tools, as plain Node shared by the VS Code language-model tools
// (src/agents/vscode/tools.ts) and the MCP server (`token-custody mcp`, src/cli/mcp.ts):
//  - checkText: kinds and redacted forms of the credentials in a text, never the text's secrets;
//  - listSecrets: names and metadata of stored references, never values;
//  - runWithSecrets: a command run with `keychain://` / `vscode-secret://` references resolved into
//    its environment, its output redacted by the engine before anyone sees it.
// The references come from the `.env` file of the command's directory under the same rules as
// `token-custody run --env-file` and the secrets terminal (src/vault/envPolicy.ts): only
// `KEY=<one reference>` lines, and nothing at all from a file that sets a variable a shell or loader
// executes.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scanner } from '../engine';
import { redact } from '../engine';
import { redactRanges } from '../custody/redact';
import { errorMessage, scrubSecret, type SecretBackend } from '../vault/backend';
import { describeRefusals, planDotenv } from '../vault/envPolicy';
import { formatReference, type ReferenceScheme, type SecretReference } from '../vault/reference';

import { TOOL_RUN_WITH_SECRETS } from './checkText';

export { TOOL_CHECK_TEXT, TOOL_LIST_SECRETS, TOOL_RUN_WITH_SECRETS, TOOL_DESCRIPTIONS, checkText, type CheckedCredential, type CheckTextResult } from './checkText';

// ---------------------------------------------------------------------------------------------
// .env references (KEY=<one reference> lines only)

export interface EnvSecret {
  variable: string;
  reference: SecretReference;
  line: number;
}

/** The `.env` file of `dir` (missing → none): its `KEY=<one reference>` lines, or why none is used. */
export async function readEnvSecrets(dir: string): Promise<{ file: string; secrets: EnvSecret[]; refusal?: string }> {
  const file = join(dir, '.env');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { file, secrets: [] };
  }
  const plan = planDotenv(text, { applyPlain: false });
  if (plan.refused.length) return { file, secrets: [], refusal: describeRefusals(plan.refused, '.env') };
  return { file, secrets: plan.secrets.map((s) => ({ variable: s.variable, reference: s.reference, line: s.line })) };
}

// ---------------------------------------------------------------------------------------------
// listSecrets

export interface ListedSecret {
  name: string;
  backend: 'keychain' | 'secretStorage';
  reference: string;
  /** `.env` variables that refer to it. */
  variables: string[];
}

export interface Backends {
  keychain?: SecretBackend;
  secretStorage?: SecretBackend;
}

export async function listSecrets(backends: Backends, env: readonly EnvSecret[]): Promise<{ secrets: ListedSecret[]; problems: string[]; text: string }> {
  const secrets: ListedSecret[] = [];
  const problems: string[] = [];
  for (const [id, scheme] of [['keychain', 'keychain'], ['secretStorage', 'vscode-secret']] as const) {
    const b = backends[id];
    if (!b) continue;
    let names: string[] = [];
    try {
      names = await b.list();
    } catch (e) {
      problems.push(`${b.label}: ${errorMessage(e)}`);
    }
    for (const name of names) {
      const variables = env.filter((s) => s.reference.scheme === scheme && s.reference.name === name).map((s) => s.variable);
      secrets.push({ name, backend: id, reference: formatReference({ scheme, name }), variables });
    }
  }
  const lines = secrets.map((s) => `- ${s.name} (${s.backend === 'keychain' ? 'OS keychain' : 'VS Code secret storage'}) ${s.reference}${s.variables.length ? ` → .env ${s.variables.join(', ')}` : ''}`);
  const unreferenced = env.filter((e) => !secrets.some((s) => s.reference === formatReference(e.reference)));
  const text = [
    secrets.length ? `${secrets.length} stored secret(s) (names only):\n${lines.join('\n')}` : 'No secret is stored with Token Custody.',
    unreferenced.length ? `.env refers to secrets that are not stored: ${unreferenced.map((e) => `${e.variable}=${formatReference(e.reference)}`).join(', ')}` : '',
    problems.length ? `Could not list: ${problems.join('; ')}` : '',
    secrets.some((s) => s.variables.length) ? `Use ${TOOL_RUN_WITH_SECRETS} to run a command that reads these variables.` : '',
  ].filter(Boolean).join('\n');
  return { secrets, problems, text };
}

// ---------------------------------------------------------------------------------------------
// runWithSecrets

export interface ResolvedSecret {
  variable: string;
  name: string;
  reference: string;
  value: string;
}

export interface Unresolved {
  variable: string;
  reference: string;
  reason: 'not-found' | 'unsupported' | 'error';
  message?: string;
}

/** Reads each `.env` reference from its backend. Values stay in the returned objects only. */
export async function resolveEnvSecrets(env: readonly EnvSecret[], backends: Partial<Record<ReferenceScheme, SecretBackend>>): Promise<{ resolved: ResolvedSecret[]; unresolved: Unresolved[] }> {
  const resolved: ResolvedSecret[] = [];
  const unresolved: Unresolved[] = [];
  for (const s of env) {
    const reference = formatReference(s.reference);
    const b = backends[s.reference.scheme];
    if (!b) {
      unresolved.push({ variable: s.variable, reference, reason: 'unsupported' });
      continue;
    }
    try {
      const value = await b.get(s.reference.name);
      if (value === undefined) unresolved.push({ variable: s.variable, reference, reason: 'not-found' });
      else resolved.push({ variable: s.variable, name: s.reference.name, reference, value });
    } catch (e) {
      unresolved.push({ variable: s.variable, reference, reason: 'error', message: errorMessage(e) });
    }
  }
  return { resolved, unresolved };
}

/**
 * `text` with every credential removed: each resolved secret (verbatim, and runs of it or of its hex
 * and base64 forms, as `scrubSecret` does for keychain tools) becomes `[secret NAME]`, then every
 * finding of the engine becomes its redacted form.
 */
export function redactOutput(text: string, secrets: readonly Pick<ResolvedSecret, 'name' | 'value'>[], scanner: Scanner): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    if (s.value.length >= 4) out = out.split(s.value).join(`[secret ${s.name}]`);
    out = scrubSecret(out, s.value);
  }
  return redactRanges(out, scanner.scan(out, { inlineIgnore: false }).map((f) => ({ range: f.range, redacted: f.redacted })));
}

export interface RunOptions {
  command: string;
  cwd: string;
  /** The environment before the secrets are added. */
  baseEnv: NodeJS.ProcessEnv;
  secrets: readonly ResolvedSecret[];
  scanner: Scanner;
  timeoutMs?: number;
  /** Longest output returned (characters, after redaction). */
  maxOutput?: number;
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** stdout and stderr as they interleaved, redacted. */
  output: string;
  truncated: boolean;
  /** The answer for the model. */
  text: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 32_000;
const MAX_COLLECT = 4 * 1024 * 1024;

/** Runs `command` in the platform shell with the secrets in its environment; never throws for the command's failures. */
export function runCommand(o: RunOptions): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...o.baseEnv };
  for (const s of o.secrets) env[s.variable] = s.value;
  const max = o.maxOutput ?? DEFAULT_MAX_OUTPUT;
  return new Promise<RunResult>((resolve) => {
    let raw = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(o.command, { cwd: o.cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: process.platform !== 'win32' });
    const kill = (): void => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onAbort = (): void => kill();
    o.signal?.addEventListener('abort', onAbort);
    const take = (d: Buffer): void => {
      if (raw.length < MAX_COLLECT) raw += d.toString('utf8');
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    const finish = (exitCode: number | null, signal: string | null, error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      const redacted = redactOutput(raw, o.secrets, o.scanner);
      const truncated = redacted.length > max;
      const output = truncated ? `${redacted.slice(0, max)}\n… (${redacted.length - max} more characters)` : redacted;
      const status = error
        ? `The command could not run: ${error}.`
        : timedOut ? `The command was stopped after ${Math.round((o.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.`
          : signal ? `The command was killed by ${signal}.` : `Exit code ${exitCode ?? 'unknown'}.`;
      const names = o.secrets.map((s) => `${s.variable} (${s.name})`).join(', ');
      const text = `${status}${names ? ` Secrets in its environment: ${names}.` : ''} Output (credentials redacted):\n${output || '(no output)'}`;
      resolve({ exitCode, signal, timedOut, output, truncated, text });
    };
    child.on('error', (e: NodeJS.ErrnoException) => finish(null, null, e.code ?? e.message));
    child.on('close', (code, sig) => finish(code, sig));
  });
}

/** The command line as the custody log and confirmations show it: credentials redacted, one line. */
export function redactedCommand(command: string, scanner: Scanner, max = 200): string {
  const one = redactRanges(command, scanner.scan(command, { inlineIgnore: false })).replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** The redacted form and fingerprint of a secret value (what custody records in its place; keyed when it is low-entropy). */
export function secretIdentity(value: string, scanner: Scanner): { fingerprint: string; redacted: string } {
  return { fingerprint: scanner.fingerprintOf(value), redacted: redact(value) };
}
