// Custody area: the custody view, workspace scan, log export and the auto-revoke policy.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { AutoRevokeApi, Core } from '../../core';
import type { IgnoreService } from '../../findings/vscode/ignoreService';
import { Service } from '../../util/vscode/disposable';
import { AutoRevoker } from './autoRevoke';
import { exportCustodyLog, type ExportArgs } from './exportCommand';
import { CustodyView, VIEW_ID } from './view';
import type { IndexStorage } from '../scanIndex';
import type { CustodyState } from '../state';
import { GROUP_ORDER } from '../viewModel';
import { WorkspaceScanner, type FolderFs } from './workspaceScan';
import { errorMessage } from '../../errors';

export const WALKTHROUGH_ID = 'token-custody.token-custody#tokenCustody.welcome';

/**
 * Clear Custody History…: a modal names what is lost (how many entries about how many tokens, of this
 * workspace or of all) and offers both scopes; the log is rewritten without them, the view refreshes,
 * and the tokens still in open editors are recorded again (they are still there). Returns the number
 * of entries removed, undefined when cancelled or failed.
 */
async function clearCustodyHistory(core: Core): Promise<number | undefined> {
  await core.custody.whenReady();
  const here = core.custody.historySize('workspace');
  const all = core.custody.historySize('all');
  const name = vscode.workspace.name;
  const thisWorkspace = vscode.l10n.t('Clear This Workspace');
  const everything = vscode.l10n.t('Clear All Workspaces');
  const detail = [
    name
      ? vscode.l10n.t('This workspace ({0}): {1} entries about {2} tokens. All workspaces: {3} entries about {4} tokens.', name, here.entries, here.tokens, all.entries, all.tokens)
      : vscode.l10n.t('Without a folder open: {0} entries about {1} tokens. All workspaces: {2} entries about {3} tokens.', here.entries, here.tokens, all.entries, all.tokens),
    vscode.l10n.t('The entries are deleted from the custody log for good: when each token was detected, revealed, pasted, moved to the keychain, checked, revoked or ignored, and where. The custody view forgets those tokens. Export the custody log first to keep a record.'),
    vscode.l10n.t('Nothing is revoked and no keychain secret is deleted. Tokens in open editors are recorded again.'),
  ].join('\n\n');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Clear the custody history?'), { modal: true, detail }, thisWorkspace, everything);
  if (choice !== thisWorkspace && choice !== everything) return undefined;
  try {
    const removed = await core.custody.clearHistory(choice === everything ? 'all' : 'workspace');
    // Republish the documents open in a tab: their tokens are recorded again, as detected now (a
    // document whose tab was closed may stay loaded for a while: it is not republished).
    const shown = new Set<string>();
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      if (tab.input instanceof vscode.TabInputText) shown.add(tab.input.uri.toString());
      else if (tab.input instanceof vscode.TabInputTextDiff) shown.add(tab.input.modified.toString());
    }
    for (const e of core.store.all()) {
      if (shown.has(e.uri.toString())) core.store.set({ uri: e.uri, version: e.version, live: e.live, ...(e.pending ? { pending: true } : {}), ...(e.skipped ? { skipped: e.skipped } : {}) });
    }
    core.log.info(`custody history cleared (${choice === everything ? 'all workspaces' : 'this workspace'}): ${removed} entries removed`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Token Custody: {0} custody entries cleared', removed), 5000);
    return removed;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not clear the custody history: {0}', errorMessage(e)));
    return undefined;
  }
}

/** A row of the view (token or place) or a plain FindingTarget. */
interface FingerprintArg {
  fingerprint?: string;
  uri?: string;
  range?: [{ line: number; character: number }, { line: number; character: number }];
}

/**
 * `folderFs` reads a workspace folder for Scan Workspace: node:fs for local folders in the desktop
 * build (localFolderFs), `workspace.fs` in the browser build (workspaceFolderFs). `indexStorage` keeps
 * its incremental index (default: `workspace.fs`; the desktop build: localIndexStorage).
 */
export function registerCustody(core: Core, deps: { ignore: IgnoreService; folderFs: (root: vscode.Uri) => FolderFs; indexStorage?: (dir: vscode.Uri) => IndexStorage }): vscode.Disposable & { autoRevoke: AutoRevokeApi; view: CustodyView } {
  return new (class extends Service {
    readonly autoRevoke: AutoRevoker;
    readonly view: CustodyView;
    readonly workspace: WorkspaceScanner;

    constructor() {
      super();
      this.autoRevoke = this.own(new AutoRevoker(core));
      this.view = this.own(new CustodyView(core));
      const treeView = this.view.treeView;
      this.workspace = this.own(new WorkspaceScanner(core, deps.ignore, this.autoRevoke, deps.folderFs, {
        viewId: VIEW_ID,
        setMessage: (m) => void (treeView.message = m),
      }, deps.indexStorage));
      const command = (id: string, fn: (...args: never[]) => unknown): void => void this.own(vscode.commands.registerCommand(id, fn));

      command(CommandId.ShowCustody, () => vscode.commands.executeCommand(`${VIEW_ID}.focus`));
      command(CommandId.ScanWorkspace, () => this.workspace.scan());
      command(CommandId.ScanWorkspaceFromView, () => this.workspace.scan('view'));
      command(CommandId.CustodyShowMore, (state?: CustodyState) => {
        if (state && GROUP_ORDER.includes(state)) this.view.provider.showMore(state);
      });
      command(CommandId.ExportCustodyLog, (args?: ExportArgs) => exportCustodyLog(core, args));
      command(CommandId.ClearCustodyHistory, () => clearCustodyHistory(core));

      command(CommandId.CopyFingerprint, async (arg?: FingerprintArg) => {
        if (!arg?.fingerprint) return;
        await vscode.env.clipboard.writeText(arg.fingerprint);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Token Custody: fingerprint copied'), 3000);
      });

      command(CommandId.IgnoreTokenEverywhere, async (arg?: FingerprintArg) => {
        const fp = arg?.fingerprint;
        const seen = fp ? core.custody.token(fp) : undefined;
        if (!fp || !seen) return;
        const c = seen.custody;
        const finding = seen.finding;
        const reason = `${finding?.name ?? c.name ?? c.ruleId} ${c.redacted}`;
        const firstFile = c.seen.find((s) => s.where.kind === 'file')?.where;
        const near = firstFile?.kind === 'file' ? vscode.Uri.parse(firstFile.uri) : undefined;
        try {
          const file = await deps.ignore.appendEntry(near, { fingerprint: fp, reason });
          core.custody.record(
            { event: 'ignored', fingerprint: c.fingerprint, redacted: c.redacted, ruleId: c.ruleId, issuer: c.issuer, detail: { how: 'everywhere', reason } },
            finding ? { finding } : {},
          );
          vscode.window.setStatusBarMessage(vscode.l10n.t('Token Custody: {0} is ignored everywhere ({1})', c.redacted, vscode.workspace.asRelativePath(file)), 5000);
        } catch (e) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not ignore the token: {0}', errorMessage(e)));
        }
      });

      command(CommandId.MoveToKeychainAt, async (arg?: FingerprintArg) => {
        if (!arg?.uri || !arg.fingerprint) return;
        const uri = vscode.Uri.parse(arg.uri);
        const range = arg.range ? new vscode.Range(arg.range[0].line, arg.range[0].character, arg.range[1].line, arg.range[1].character) : undefined;
        // The move edits the document: open it (masking stays on) so the finding is live there.
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, range ? { selection: range } : {});
        const target = { uri: uri.toString(), fingerprint: arg.fingerprint, ...(range ? { range: [{ line: range.start.line, character: range.start.character }, { line: range.end.line, character: range.end.character }] } : {}) };
        await vscode.commands.executeCommand(CommandId.MoveToKeychain, target);
      });
    }
  })();
}
