// Watches the integrated terminal through shell integration: every command line and the output of
// every command is scanned as it streams (one bounded StreamScanner per execution). A token raises one
// warning per token and terminal in this window, with actions; every finding goes to the custody log.
// Terminals without shell integration are reported once per window (paste protection still works).

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { Core } from '../../core';
import { agentFromCommandLine, agentFromEnv, agentLabel, type AgentAttribution } from '../../agents/detect';
import { terminalWhere, type TerminalWhere } from '../../custody/log';
import { StreamScanner, TERMINAL_SECRET_TTL_MS, type Finding } from '../../engine';
import { Service } from '../../util/vscode/disposable';
import { OncePer, shorten, terminalWarningText, type TerminalPlaceName } from '../format';
import { errorMessage } from '../../errors';

const SHELL_INTEGRATION_WAIT_MS = 10_000;
/**
 * Output pushed in small pieces waits in the stream until 4 KB have come (`StreamScanner` defers its
 * scan: a scan per keystroke echo or line costs several times more per KB); what waits is scanned
 * this long after the first piece of it came, if the command has not ended by then (then `end` does).
 */
const TERMINAL_FLUSH_MS = 50;

/** The warning's buttons, in the user's language. */
function actionLabels(): { revoke: string; move: string; clear: string; ignore: string } {
  return { revoke: vscode.l10n.t('Revoke…'), move: vscode.l10n.t('Move to keychain'), clear: vscode.l10n.t('Clear terminal'), ignore: vscode.l10n.t('Ignore') };
}

export interface WatcherHooks {
  isIgnored(fingerprint: string): boolean;
  /** Ignores a fingerprint everywhere (ignore file); resolves with what was done, for the message. */
  ignoreEverywhere(finding: Finding, reason: string): Promise<string>;
}

const NO_POSITION = (): { line: number; col: number } => ({ line: 0, col: 0 });

export class TerminalWatcher extends Service {
  /** (terminal, fingerprint) pairs already warned about (or acknowledged on paste). */
  private readonly warned = new OncePer<vscode.Terminal>();
  /** (terminal, fingerprint|place) pairs already handed to the auto-revoke policy. */
  private readonly considered = new OncePer<vscode.Terminal>();
  private readonly timers = new Map<vscode.Terminal, ReturnType<typeof setTimeout>>();
  private noIntegrationReported = false;
  /** Executions being read; stopped when watching is turned off. */
  private readonly active = new Set<{ stopped: boolean }>();

  constructor(private readonly core: Core, private readonly hooks: WatcherHooks) {
    super();
    this.own(vscode.window.onDidStartTerminalShellExecution((e) => void this.onStart(e)));
    this.own(vscode.window.onDidEndTerminalShellExecution((e) => this.onEnd(e)));
    this.own(vscode.window.onDidOpenTerminal((t) => this.expectIntegration(t)));
    this.own(vscode.window.onDidChangeTerminalShellIntegration((e) => this.clearTimer(e.terminal)));
    this.own(vscode.window.onDidCloseTerminal((t) => this.clearTimer(t)));
    this.own(core.onDidChangeSettings((changed) => {
      if (changed.has('terminal.watchOutput') && !core.settings().watchOutput) for (const a of this.active) a.stopped = true;
    }));
    this.own({ dispose: () => {
      for (const t of this.timers.values()) clearTimeout(t);
      for (const a of this.active) a.stopped = true;
    } });
    for (const t of vscode.window.terminals) this.expectIntegration(t);
  }

  /** The user saw this token when pasting into `terminal`: no warning for it there. */
  acknowledge(terminal: vscode.Terminal, fingerprint: string): void {
    this.warned.mark(terminal, fingerprint);
  }

  private get enabled(): boolean {
    const s = this.core.settings();
    return s.enabled && s.watchOutput;
  }

  private async onStart(e: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    this.clearTimer(e.terminal);
    if (!this.enabled) return;
    const { terminal, execution } = e;
    const state = { stopped: false, command: execution.commandLine.value };
    this.scanCommand(terminal, state.command);
    const stream = new StreamScanner(this.core.scanners.scanner, { inlineIgnore: false, secretTtlMs: TERMINAL_SECRET_TTL_MS });
    const handle = (findings: Finding[]): void => {
      for (const f of findings) this.report(terminal, f, 'output', execution.commandLine.value);
    };
    this.active.add(state);
    let flush: ReturnType<typeof setTimeout> | undefined;
    try {
      for await (const data of execution.read()) {
        if (state.stopped) break;
        handle(stream.push(data));
        if (flush === undefined && stream.pending) {
          flush = setTimeout(() => {
            flush = undefined;
            if (!state.stopped) handle(stream.flush());
          }, TERMINAL_FLUSH_MS);
        }
      }
      clearTimeout(flush);
      if (!state.stopped) handle(stream.end());
    } catch (err) {
      this.core.log.warn(`terminal watcher: reading "${terminal.name}" failed: ${errorMessage(err)}`);
    } finally {
      clearTimeout(flush);
      this.active.delete(state);
    }
  }

  private onEnd(e: vscode.TerminalShellExecutionEndEvent): void {
    if (!this.enabled) return;
    this.scanCommand(e.terminal, e.execution.commandLine.value);
  }

  private scanCommand(terminal: vscode.Terminal, command: string): void {
    if (!command) return;
    for (const f of this.commandFindings(command).findings) this.report(terminal, f, 'command', command);
  }

  private lastCommand: { text: string; findings: Finding[] } | undefined;

  /** The command line and the tokens in it (for `terminalWhere` to redact); the last one is cached. */
  private commandFindings(command: string): { text: string; findings: Finding[] } {
    if (this.lastCommand?.text !== command) this.lastCommand = { text: command, findings: this.core.scanners.scanner.scan(command, { positionAt: NO_POSITION, inlineIgnore: false }) };
    return this.lastCommand;
  }

  /**
   * The AI agent driving this terminal or this command: the terminal's creation environment
   * (`COPILOT_AGENT=1` in VS Code's agent terminals, `CLAUDECODE`, `CURSOR_AGENT`, `CODEX_SANDBOX`,
   * `GEMINI_CLI`) or the program the command line starts (`claude`, `codex`, `gemini`…).
   */
  private agentOf(terminal: vscode.Terminal, command: string): AgentAttribution | undefined {
    const options = terminal.creationOptions;
    const env = 'env' in options ? (options.env as Record<string, unknown> | undefined) : undefined;
    return agentFromEnv(env) ?? (command ? agentFromCommandLine(command) : undefined);
  }

  private report(terminal: vscode.Terminal, f: Finding, place: TerminalPlaceName, command: string): void {
    if (this.hooks.isIgnored(f.fingerprint)) return;
    const { custody, areas } = this.core;
    const agent = this.agentOf(terminal, command);
    const where = terminalWhere(terminal.name, place, command ? this.commandFindings(command) : undefined, agent && { ...agent, label: agentLabel(agent.name) });
    custody.detected(f, where);
    if (this.considered.first(terminal, `${f.fingerprint}|${place}`)) {
      // An agent terminal is its own place (`agent-terminal`); a policy on the plain terminal places
      // still applies there (the auto-revoker acts at most once per token).
      if (agent) areas.autoRevoke?.consider(f, 'agent-terminal', where);
      areas.autoRevoke?.consider(f, place === 'command' ? 'terminal-command' : 'terminal-output', where);
    }
    if (!this.warned.first(terminal, f.fingerprint)) return;
    this.core.log.warn(`terminal "${terminal.name}"${agent ? ` (agent ${agent.name}, ${agent.evidence})` : ''}: ${f.name} ${f.redacted} in the ${place === 'command' ? 'command line' : 'output'}${where.command ? ` of "${shorten(where.command)}"` : ''}`);
    void this.warn(terminal, f, place, where);
  }

  private async warn(terminal: vscode.Terminal, f: Finding, place: TerminalPlaceName, where: TerminalWhere): Promise<void> {
    const { areas, custody } = this.core;
    const a = actionLabels();
    const actions = [a.revoke, ...(areas.vault ? [a.move] : []), a.clear, a.ignore];
    const choice = await vscode.window.showWarningMessage(terminalWarningText(f, terminal.name, place, where.command, where.agent?.label, vscode.l10n.t), ...actions);
    try {
      if (choice === a.revoke) {
        if (areas.revocation) await areas.revocation.revoke(f, where);
        else {
          custody.remember(f);
          await vscode.commands.executeCommand(CommandId.RevokeToken, { fingerprint: f.fingerprint });
        }
      } else if (choice === a.move) {
        const vault = this.core.areas.vault;
        if (!vault) return;
        const stored = await vault.storeToken(f, { reason: 'move' });
        if (!stored) return;
        custody.record({ event: 'moved-to-keychain', where, detail: { reference: stored.reference, backend: stored.backend } }, { finding: f });
        const next = await vscode.window.showInformationMessage(
          vscode.l10n.t('Token Custody: stored {0} as {1}. Use {2} in commands instead of the token. The token is still in terminal "{3}"\'s scrollback (and in your shell history if you typed it): clear the terminal, and revoke the token if others could have seen it.', f.redacted, stored.reference, stored.shellExpression, terminal.name),
          a.clear,
          a.revoke,
        );
        if (next === a.clear) await this.clear(terminal, f, where);
        else if (next === a.revoke) await areas.revocation?.revoke(f, where);
      } else if (choice === a.clear) {
        await this.clear(terminal, f, where);
      } else if (choice === a.ignore) {
        const done = await this.hooks.ignoreEverywhere(f, `${f.name} ${f.redacted} (terminal)`);
        custody.record({ event: 'ignored', where, detail: { how: 'everywhere' } }, { finding: f });
        void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0} is ignored everywhere ({1}).', f.redacted, done));
      }
    } catch (err) {
      void vscode.window.showErrorMessage(choice ? vscode.l10n.t('Token Custody: {0} failed: {1}', choice, errorMessage(err)) : vscode.l10n.t('Token Custody: the action failed: {0}', errorMessage(err)));
    }
  }

  private async clear(terminal: vscode.Terminal, f: Finding, where: TerminalWhere): Promise<void> {
    if (terminal.exitStatus !== undefined && !vscode.window.terminals.includes(terminal)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: terminal "{0}" is already closed.', terminal.name));
      return;
    }
    terminal.show(false);
    await vscode.commands.executeCommand('workbench.action.terminal.clear');
    this.core.custody.record({ event: 'scrubbed', where, detail: { target: 'terminal' } }, { finding: f });
  }

  // -------------------------------------------------------------------------------------------
  // Terminals without shell integration

  private expectIntegration(terminal: vscode.Terminal): void {
    if (terminal.shellIntegration || this.noIntegrationReported || this.timers.has(terminal)) return;
    if ('pty' in terminal.creationOptions) return; // extension terminals never have shell integration
    this.timers.set(terminal, setTimeout(() => {
      this.timers.delete(terminal);
      if (terminal.shellIntegration || terminal.exitStatus !== undefined || !vscode.window.terminals.includes(terminal)) return;
      this.reportNoIntegration(terminal);
    }, SHELL_INTEGRATION_WAIT_MS));
  }

  private clearTimer(terminal: vscode.Terminal): void {
    const t = this.timers.get(terminal);
    if (t) clearTimeout(t);
    this.timers.delete(terminal);
  }

  private reportNoIntegration(terminal: vscode.Terminal): void {
    if (this.noIntegrationReported || !this.enabled) return;
    this.noIntegrationReported = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.core.log.info(`terminal "${terminal.name}" has no shell integration: its commands and output are not checked for tokens`);
    const open = vscode.l10n.t('Open Setting');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Token Custody can\'t check commands and output in terminal "{0}" for tokens: shell integration is not active there. Paste protection still works. Turn on {1} (bash, zsh, fish and PowerShell support it) and open a new terminal.', terminal.name, 'terminal.integrated.shellIntegration.enabled'),
        open,
      )
      .then((c) => {
        if (c === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'terminal.integrated.shellIntegration.enabled');
      });
  }
}
