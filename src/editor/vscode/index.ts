// The editor area: scanning open documents, diagnostics, masking, hover, Quick Fixes, ignore,
// reveal/mask commands.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { FindingTarget } from '../../findings/target';
import type { Core } from '../../core';
import { fileWhere } from '../../custody/log';
import { Service } from '../../util/vscode/disposable';
import { ScreenReaderAnnouncer } from './announcer';
import { FindingCodeActionProvider } from './codeActions';
import { EditorContextKeys } from './contextKeys';
import { DiagnosticsService } from './diagnostics';
import { DocumentScanner } from './documentScanner';
import { FindingHoverProvider, type TokenActions } from './hover';
import type { IgnoreService } from '../../findings/vscode/ignoreService';
import { resolveTarget, targetUri } from '../../findings/vscode/target';
import { errorMessage } from '../../errors';
import type { Finding } from '../../engine';
import { forEachBatchInSlices, LatestJobs, MAX_DETECTED_PER_DOCUMENT } from '../publish';
import { yieldToHost } from '../../util/immediate';

/** Up to this many findings, a document's `detected` entries are recorded at once (no slicing). */
const DETECTED_INLINE = 256;
/** After a keystroke, the custody places of a document's tokens are updated once it is quiet this long. */
const RELOCATE_AFTER_MS = 750;

export interface EditorArea extends vscode.Disposable {
  readonly documents: DocumentScanner;
  readonly contextKeys: EditorContextKeys;
  readonly announcer: ScreenReaderAnnouncer;
}

export function registerEditor(core: Core, ignore: IgnoreService, ownerOf: (f: { ruleId: string; issuer: string }) => string | undefined): EditorArea {
  const area = new (class extends Service {
    readonly documents: DocumentScanner;
    readonly contextKeys: EditorContextKeys;
    readonly announcer: ScreenReaderAnnouncer;
    constructor() {
      super();
      const { store, masking, custody, log } = core;
      this.documents = this.own(new DocumentScanner(store, core.scanners, () => core.settings(), (uri) => ignore.filterFor(uri), log));
      this.own(new DiagnosticsService(store, () => core.settings()));
      this.contextKeys = this.own(new EditorContextKeys(store, masking, core.onDidChangeSettings));
      this.announcer = this.own(new ScreenReaderAnnouncer(store));
      // Move to keychain, Revoke and Check only where the vault and revocation areas are registered (not in the browser build).
      const actions = (): TokenActions => ({ keychain: core.areas.vault !== undefined, issuer: core.areas.revocation !== undefined });
      this.own(vscode.languages.registerHoverProvider({ pattern: '**' }, new FindingHoverProvider(store, masking, ownerOf, actions)));
      this.own(vscode.languages.registerHoverProvider({ scheme: 'untitled' }, new FindingHoverProvider(store, masking, ownerOf, actions)));
      this.own(vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new FindingCodeActionProvider(store, actions), { providedCodeActionKinds: FindingCodeActionProvider.kinds }));
      this.own(vscode.languages.registerCodeActionsProvider({ scheme: 'untitled' }, new FindingCodeActionProvider(store, actions), { providedCodeActionKinds: FindingCodeActionProvider.kinds }));
      this.own(ignore.onDidChange(() => this.documents.rescanAll()));
      // Every finding in a file is a custody event (once per token and place in this window).
      // Recorded in batches that yield between slices; a newer publish of the document cancels the rest.
      // After a keystroke only the findings it added are recorded at once; the places of the others
      // (moved by the edit) are updated once the document has been quiet for RELOCATE_AFTER_MS.
      const detecting = new LatestJobs();
      const relocating = new Map<string, ReturnType<typeof setTimeout>>();
      this.own({ dispose: () => relocating.forEach((t) => clearTimeout(t)) });
      this.own(store.onDidChange((e) => {
        const uri = e.uri.toString();
        const pending = relocating.get(uri);
        if (pending) clearTimeout(pending);
        relocating.delete(uri);
        const job = detecting.start(uri);
        if (!e.count) return job.done();
        const rel = e.uri.scheme === 'file' ? vscode.workspace.asRelativePath(e.uri, false) : undefined;
        const record = (batch: readonly Finding[]): void => void custody.detectedMany(batch.map((f) => ({ finding: f, where: fileWhere(uri, f.range, rel) })));
        const recordAll = (list: readonly Finding[], done: () => void): void => {
          if (list.length <= DETECTED_INLINE) {
            record(list);
            return done();
          }
          void forEachBatchInSlices(list, record, { batch: 64, yieldNow: yieldToHost, cancelled: job.cancelled }).finally(done);
        };
        // Past MAX_DETECTED_PER_DOCUMENT tokens, the first ones one by one and a count of the file
        // (read through `live.prefix`: only those are made exact, not every finding of the file).
        const firstOnes = (): readonly Finding[] => {
          const n = Math.min(e.live.length, MAX_DETECTED_PER_DOCUMENT);
          return e.live.prefix(n).slice(0, n);
        };
        if (e.count > MAX_DETECTED_PER_DOCUMENT) custody.detectedMore(fileWhere(uri, undefined, rel), e.count, MAX_DETECTED_PER_DOCUMENT);
        if (!e.edit) return recordAll(firstOnes(), job.done);
        recordAll(e.edit.added, () => {
          if (job.cancelled()) return;
          relocating.set(uri, setTimeout(() => {
            relocating.delete(uri);
            if (job.cancelled()) return;
            recordAll(firstOnes(), job.done);
          }, RELOCATE_AFTER_MS));
        });
      }));
      this.own(masking.onDidChangeMask((e) => {
        custody.recordMany(e.findings.map((f) => ({ input: { event: e.state, where: fileWhere(e.uri.toString(), f.range) }, finding: f })));
      }));

      const editorUri = (arg?: FindingTarget): vscode.Uri | undefined => (arg && targetUri(arg)) ?? vscode.window.activeTextEditor?.document.uri;
      this.own(vscode.commands.registerCommand(CommandId.RevealTokens, (arg?: FindingTarget) => {
        const uri = editorUri(arg);
        if (!uri) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: open an editor to reveal its tokens.'));
        masking.reveal(uri);
      }));
      this.own(vscode.commands.registerCommand(CommandId.MaskTokens, (arg?: FindingTarget) => {
        const uri = editorUri(arg);
        if (uri) masking.mask(uri);
      }));
      this.own(vscode.commands.registerCommand(CommandId.ToggleMasking, (arg?: FindingTarget) => {
        const uri = editorUri(arg);
        if (!uri) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: open an editor to mask or reveal its tokens.'));
        if (!core.settings().maskingEnabled) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: masking is off ({0}).', 'tokenCustody.masking.enabled'));
        if (masking.isMasked(uri)) masking.reveal(uri);
        else masking.mask(uri);
      }));
      this.own(vscode.commands.registerCommand(CommandId.IgnoreToken, async (arg?: FindingTarget & { how?: 'line' | 'everywhere' | 'path'; reason?: string }) => {
        const t = resolveTarget(store, arg);
        if (!t) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: put the cursor on a token (or use the Quick Fix on its warning) to ignore it.'));
        let how = arg?.how;
        if (!how) {
          const pick = await vscode.window.showQuickPick([
            { label: `$(comment) ${vscode.l10n.t('This occurrence')}`, description: vscode.l10n.t('adds a "token-custody: ignore" comment above it'), how: 'line' as const },
            { label: `$(mute) ${vscode.l10n.t('This token everywhere')}`, description: vscode.l10n.t('adds its fingerprint to .tokencustodyignore'), how: 'everywhere' as const },
            ...(t.uri.scheme === 'file' ? [{ label: `$(file) ${vscode.l10n.t('This file')}`, description: vscode.l10n.t('adds "path: {0}" to .tokencustodyignore', vscode.workspace.asRelativePath(t.uri, false)), how: 'path' as const }] : []),
          ], { title: vscode.l10n.t('Ignore {0} {1}', t.finding.name, t.finding.redacted) });
          if (!pick) return;
          how = pick.how;
        }
        try {
          if (how === 'line') {
            const doc = t.document ?? (await vscode.workspace.openTextDocument(t.uri));
            if (!(await ignore.ignoreLine(doc, t.finding))) {
              const everywhere = vscode.l10n.t('Ignore Everywhere');
              const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} files have no comments. Ignore {1} everywhere instead (.tokencustodyignore)?', doc.languageId, t.finding.redacted), everywhere);
              if (choice !== everywhere) return;
              how = 'everywhere';
            }
          }
          if (how === 'everywhere') await ignore.appendEntry(t.uri, { fingerprint: t.finding.fingerprint, reason: arg?.reason ?? `${t.finding.name} ${t.finding.redacted}` });
          if (how === 'path') await ignore.appendEntry(t.uri, { glob: vscode.workspace.asRelativePath(t.uri, false) });
          const detail = how === 'path' ? { how, glob: vscode.workspace.asRelativePath(t.uri, false) } : { how };
          custody.record({ event: 'ignored', where: fileWhere(t.uri.toString(), t.finding.range), detail }, { finding: t.finding });
        } catch (e) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not ignore the token: {0}', errorMessage(e)));
        }
      }));
    }
  })();
  return area;
}
