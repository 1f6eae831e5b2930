// The language-model tools any agent in VS Code can call (contributes.languageModelTools):
// tokenCustody_checkText, tokenCustody_listSecrets, tokenCustody_runWithSecrets. Registered only when
// this VS Code has `vscode.lm.registerTool` (finalized in VS Code 1.95; checked at runtime so the
// extension still activates on hosts without it). Results never hold a secret value: checkText
// answers with redacted forms, listSecrets with names, runWithSecrets with output the engine redacted.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Core } from '../../core';
import type { VaultAreaApi } from '../../vault/vscode/register';
import type { ReferenceScheme } from '../../vault/reference';
import type { SecretBackend } from '../../vault/backend';
import { secretOf } from '../../engine';
import {
  TOOL_CHECK_TEXT, TOOL_LIST_SECRETS, TOOL_RUN_WITH_SECRETS, listSecrets, readEnvSecrets, redactedCommand,
  resolveEnvSecrets, runCommand, secretIdentity, type ResolvedSecret,
} from '../tools';
import type { AgentUsedDetail } from '../../custody/log';
import { callerOf, invokeCheckText, toolResult } from './checkTextTool';

export type AllowRun = 'never' | 'ask' | 'allow';

export interface AgentToolsDeps {
  vault: VaultAreaApi;
}

const result = toolResult;

interface RunInput {
  command: string;
  cwd?: string;
}

export class AgentTools implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly core: Core, private readonly deps: AgentToolsDeps) {
    const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
    if (typeof lm?.registerTool !== 'function') {
      core.log.info('language-model tools are not available in this VS Code: tokenCustody_* tools not registered');
      return;
    }
    this.disposables.push(
      lm.registerTool<{ text: string }>(TOOL_CHECK_TEXT, { invoke: (o) => invokeCheckText(core, o) }),
      lm.registerTool<Record<string, never>>(TOOL_LIST_SECRETS, { invoke: () => this.listSecrets() }),
      lm.registerTool<RunInput>(TOOL_RUN_WITH_SECRETS, {
        prepareInvocation: (o) => this.prepareRun(o.input),
        invoke: (o, token) => this.run(o, token),
      }),
    );
  }

  private backends(): Partial<Record<ReferenceScheme, SecretBackend>> {
    return { keychain: this.deps.vault.backendForScheme('keychain'), 'vscode-secret': this.deps.vault.backendForScheme('vscode-secret') };
  }

  private async listSecrets(): Promise<vscode.LanguageModelToolResult> {
    const b = this.backends();
    const env = (await readEnvSecrets(this.defaultCwd() ?? '')).secrets;
    const r = await listSecrets({ keychain: b.keychain, secretStorage: b['vscode-secret'] }, this.defaultCwd() ? env : []);
    this.core.log.info(`${TOOL_LIST_SECRETS}: ${r.secrets.length} name(s)`);
    return result(r.text);
  }

  private allowRun(): AllowRun {
    return this.core.settings().agentsAllowRun;
  }

  private defaultCwd(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** The directory the command runs in: inside a workspace folder, or an error sentence. */
  private cwdOf(input: RunInput): string | { error: string } {
    const root = this.defaultCwd();
    if (!root) return { error: 'open a workspace folder first: commands run in a workspace folder' };
    const cwd = input.cwd ? path.resolve(root, input.cwd) : root;
    const inside = (vscode.workspace.workspaceFolders ?? []).some((f) => {
      const rel = path.relative(f.uri.fsPath, cwd);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    });
    return inside ? cwd : { error: `${cwd} is outside the workspace folders` };
  }

  private async prepareRun(input: RunInput): Promise<vscode.PreparedToolInvocation> {
    const command = typeof input?.command === 'string' ? input.command : '';
    const shown = redactedCommand(command, this.core.scanners.scanner);
    const cwd = this.cwdOf(input);
    if (typeof cwd !== 'string' || this.allowRun() === 'never' || !vscode.workspace.isTrusted) return { invocationMessage: vscode.l10n.t('Token Custody: not running {0}', `\`${shown}\``) };
    const env = await readEnvSecrets(cwd);
    const names = env.secrets.map((s) => `\`${s.variable}\` ← \`${s.reference.scheme}://token-custody/${s.reference.name}\``);
    const prepared: vscode.PreparedToolInvocation = { invocationMessage: vscode.l10n.t('Running {0} with {1} secret(s) from the keychain', `\`${shown}\``, env.secrets.length) };
    if (this.allowRun() === 'ask') {
      prepared.confirmationMessages = {
        title: vscode.l10n.t('Run a command with keychain secrets?'),
        message: new vscode.MarkdownString(
          [
            vscode.l10n.t('An agent asks Token Custody to run:'),
            `\`\`\`sh\n${shown}\n\`\`\``,
            vscode.l10n.t('in {0} with these secrets in its environment: {1}.', `\`${vscode.workspace.asRelativePath(cwd, true) || cwd}\``, names.length ? names.join(', ') : vscode.l10n.t('none (no {0} line in .env)', 'KEY=keychain://…')),
            vscode.l10n.t('The agent gets the output with every credential redacted, never the secrets.'),
          ].join('\n\n'),
        ),
      };
    }
    return prepared;
  }

  private async run(o: vscode.LanguageModelToolInvocationOptions<RunInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const agent = callerOf(o);
    const command = typeof o.input?.command === 'string' ? o.input.command.trim() : '';
    const scanner = this.core.scanners.scanner;
    const shown = redactedCommand(command, scanner);
    if (!command) return result('No command given.');
    if (this.allowRun() === 'never') {
      this.core.log.info(`${TOOL_RUN_WITH_SECRETS} (${agent}) refused by tokenCustody.agents.allowRun: ${shown}`);
      return result('Refused: tokenCustody.agents.allowRun is "never", so Token Custody runs no command for agents. Ask the user to run it.');
    }
    if (!vscode.workspace.isTrusted) return result('Refused: the workspace is not trusted, and its .env file decides which secrets go into the command.');
    const cwd = this.cwdOf(o.input);
    if (typeof cwd !== 'string') return result(`Refused: ${cwd.error}.`);
    const env = await readEnvSecrets(cwd);
    if (env.refusal) return result(`Refused: ${env.refusal} Nothing was run.`);
    const { resolved, unresolved } = await resolveEnvSecrets(env.secrets, this.backends());
    if (unresolved.length) {
      this.core.log.info(`${TOOL_RUN_WITH_SECRETS} (${agent}): nothing run, unresolved ${unresolved.map((u) => `${u.variable}=${u.reference}`).join(', ')}`);
      return result(`Nothing was run: ${unresolved.map((u) => `${u.variable}=${u.reference} ${u.reason === 'not-found' ? 'is not stored' : u.reason === 'unsupported' ? 'has no backend here' : `could not be read (${u.message ?? 'error'})`}`).join('; ')}.`);
    }
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const r = await runCommand({ command, cwd, baseEnv: process.env, secrets: resolved, scanner, signal: abort.signal });
      for (const s of resolved) this.used(agent, s, s.value, token.isCancellationRequested ? 'cancelled' : r.exitCode === null && !r.signal ? 'failed' : 'ran', shown, r.exitCode ?? undefined);
      this.core.log.info(`${TOOL_RUN_WITH_SECRETS} (${agent}): "${shown}" in ${cwd} → ${r.exitCode ?? r.signal ?? 'not run'}; secrets ${resolved.map((s) => s.name).join(', ') || 'none'}`);
      return result(r.text);
    } finally {
      sub.dispose();
    }
  }

  /** One custody event per secret used: the engine's identity of the value when it knows the token. */
  private used(agent: string, s: Pick<ResolvedSecret, 'name' | 'reference' | 'variable'>, value: string, outcome: AgentUsedDetail['outcome'], command: string, exitCode?: number): void {
    const detail: AgentUsedDetail = { agent, via: 'lm-tool', tool: TOOL_RUN_WITH_SECRETS, secret: s.name, reference: s.reference, variable: s.variable, outcome, command, ...(exitCode !== undefined ? { exitCode } : {}) };
    const finding = this.core.scanners.scanner.scan(value, { inlineIgnore: false }).find((f) => secretOf(f) === value);
    if (finding) this.core.custody.record({ event: 'agent-used', detail }, { finding });
    else this.core.custody.record({ event: 'agent-used', detail, ...secretIdentity(value, this.core.scanners.scanner), ruleId: 'stored-secret', issuer: 'token-custody' });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
