// Owns the engine's Scanner: built-in rules plus custom rules from settings, and the key of the
// fingerprints of low-entropy secrets. Rebuilt only when the custom rules or the key change; invalid
// custom rules are reported once (notification + log) and skipped.

import * as vscode from 'vscode';
import { createScanner, describeLoadError, type Scanner } from '../../engine';
import type { Logger } from '../../util/vscode/outputChannel';

/** Custom rules by source: user/machine settings and custom issuers (`trusted`), workspace settings (`workspace`). */
export interface RuleSources {
  trusted: unknown[];
  workspace: unknown[];
}

export class ScannerService implements vscode.Disposable {
  private current: Scanner | undefined;
  private pendingRules: RuleSources | undefined;
  private lastRulesJson = '[]';
  private teamKey: string | undefined;
  private installKey: string | undefined;
  private readonly reported = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Scanner>();
  readonly onDidChange = this.emitter.event;
  /** Problems of the current custom rules (for tests and the status bar tooltip). */
  problems: string[] = [];

  /** The scanner is compiled on first use (not on the activation path). */
  /**
   * `fingerprintKey`: the team key from the user/machine setting `tokenCustody.fingerprintKey` (never a
   * workspace's). `machineKey`: the key without one, asked once, on the first low-entropy secret — the
   * environment's team key or the install key file the CLI shares on the desktop
   * (config/vscode/machineKey.ts), a key kept in the extension's storage in the browser build; `''`
   * lets the engine key by a random key of this window.
   */
  constructor(customRules: RuleSources, private readonly log: () => Logger | undefined, fingerprintKey?: string, private readonly machineKey: () => string = () => '') {
    this.pendingRules = customRules;
    this.lastRulesJson = safeJson(customRules);
    this.teamKey = fingerprintKey;
  }

  get scanner(): Scanner {
    if (!this.current) {
      this.current = this.build(this.pendingRules ?? { trusted: [], workspace: [] });
      this.pendingRules = undefined;
    }
    return this.current;
  }

  update(customRules: RuleSources, fingerprintKey?: string): void {
    const json = safeJson(customRules);
    if (json === this.lastRulesJson && fingerprintKey === this.teamKey) return;
    this.teamKey = fingerprintKey;
    this.current = this.build(customRules);
    this.pendingRules = undefined;
    this.emitter.fire(this.current);
  }

  private build(customRules: RuleSources): Scanner {
    this.lastRulesJson = safeJson(customRules);
    // Workspace rules go in as untrusted: the engine lets them only detect (issue 11 #3).
    const { scanner, errors } = createScanner(customRules.trusted, { untrustedRules: customRules.workspace, fingerprintKey: () => this.fingerprintKey() });
    this.problems = errors.map(describeLoadError);
    const fresh = this.problems.filter((p) => !this.reported.has(p));
    for (const p of fresh) {
      this.reported.add(p);
      this.log()?.warn(`tokenCustody.customRules: ${p}. The rule is skipped; the other rules keep working.`);
    }
    if (fresh.length) {
      const msg = fresh.length === 1
        ? vscode.l10n.t('Token Custody: {0}. The rule is skipped; the other rules keep working.', fresh[0]!)
        : vscode.l10n.t('Token Custody: {0} custom rules are invalid and skipped (see the "Token Custody" output). The other rules keep working.', fresh.length);
      const openSettings = vscode.l10n.t('Open Settings');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(msg, openSettings, showLog).then((choice) => {
        if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'tokenCustody.customRules');
        else if (choice === showLog) this.log()?.show();
      });
    }
    return scanner;
  }

  /** The team key (setting), else the machine's key (see the constructor). */
  private fingerprintKey(): string {
    if (this.teamKey !== undefined) return this.teamKey;
    this.installKey ??= this.machineKey();
    return this.installKey;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(Math.random());
  }
}
