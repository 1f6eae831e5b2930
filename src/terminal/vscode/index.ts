// Terminal area: guarded paste (`tokenCustody.terminalPaste` on the paste keys), watching command
// lines and output through shell integration, and the once-per-window shell history check.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { Core } from '../../core';
import type { Finding } from '../../engine';
import { Service } from '../../util/vscode/disposable';
import { loadBundle } from '../../util/lazy';
import type { HistoryCheck } from './historyCheck';
import { TerminalPaste } from './paste';
import { SkipShellCheck } from './skipShellCheck';
import { TerminalWatcher } from './watcher';
import { errorMessage } from '../../errors';

/** How long after activation the shell history is checked (off the activation path). */
const HISTORY_CHECK_DELAY_MS = 5_000;

/** The part of the editor's IgnoreService the terminal uses (fingerprints apply everywhere). */
export interface FingerprintIgnore {
  isIgnored(uri: undefined, finding: Pick<Finding, 'fingerprint'>): boolean;
  appendEntry(uri: undefined, entry: { fingerprint: string; reason?: string }): Promise<vscode.Uri>;
}

export interface TerminalDeps {
  /** The editor's IgnoreService: terminal findings honour `.tokencustodyignore` and *Ignore* writes to it. */
  ignore: FingerprintIgnore;
}

/** How long after activation `terminal.integrated.commandsToSkipShell` is checked (off the activation path). */
const SKIP_SHELL_CHECK_DELAY_MS = 2_000;

export function registerTerminal(core: Core, deps: TerminalDeps): vscode.Disposable & { skipShell: SkipShellCheck } {
  return new (class extends Service {
    readonly skipShell: SkipShellCheck;
    /** Fingerprints ignored from the terminal in this window (also written to the ignore file). */
    private readonly ignoredHere = new Set<string>();

    constructor() {
      super();
      const isIgnored = (fp: string): boolean => this.ignoredHere.has(fp) || (deps.ignore?.isIgnored(undefined, { fingerprint: fp }) ?? false);
      const watcher = this.own(new TerminalWatcher(core, { isIgnored, ignoreEverywhere: (f, reason) => this.ignoreEverywhere(f, reason) }));
      const paste = new TerminalPaste(core, { isIgnored, acknowledged: (t, fp) => watcher.acknowledge(t, fp) });
      this.own(vscode.commands.registerCommand(CommandId.TerminalPaste, (arg?: unknown) => paste.run(arg)));
      this.skipShell = this.own(new SkipShellCheck(core));
      const skipShellTimer = setTimeout(() => void this.skipShell.run().catch((e: unknown) => core.log.warn(`commandsToSkipShell check failed: ${(e as Error).message}`)), SKIP_SHELL_CHECK_DELAY_MS);
      this.own({ dispose: () => clearTimeout(skipShellTimer) });
      const timer = setTimeout(() => {
        void new (loadHistoryCheck())(core, { isIgnored }).run().catch((e: unknown) => core.log.warn(`shell history check failed: ${errorMessage(e)}`));
      }, HISTORY_CHECK_DELAY_MS);
      this.own({ dispose: () => clearTimeout(timer) });
    }

    private async ignoreEverywhere(f: Finding, reason: string): Promise<string> {
      this.ignoredHere.add(f.fingerprint);
      if (!vscode.workspace.workspaceFolders?.length) return 'for this window only: open a folder to keep it in .tokencustodyignore';
      const file = await deps.ignore.appendEntry(undefined, { fingerprint: f.fingerprint, reason });
      return `fingerprint added to ${vscode.workspace.asRelativePath(file, false)}`;
    }
  })();
}

/** The history check runs once, seconds after activation: it ships in its own bundle (dist/history.js). */
function loadHistoryCheck(): typeof HistoryCheck {
  return loadBundle<typeof import('./historyCheck')>('history.js').HistoryCheck;
}
