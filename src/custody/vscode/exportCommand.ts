// `tokenCustody.exportCustodyLog`: the custody log as JSON Lines (every event) or SARIF 2.1.0 (every
// token with its latest state), to a file the user picks; `{ format, path }` skips the dialogs. The
// export is refused when it would contain a token this window knows.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { exportCustody, ExportGuardError, type CustodyExportFormat } from '../export';
import { errorMessage } from '../../errors';

export interface ExportArgs {
  format?: CustodyExportFormat;
  path?: string;
}

export interface ExportResult {
  path: string;
  format: CustodyExportFormat;
  entries: number;
}

const EXTENSIONS: Record<CustodyExportFormat, string> = { jsonl: 'jsonl', sarif: 'sarif' };

function isFormat(v: unknown): v is CustodyExportFormat {
  return v === 'jsonl' || v === 'sarif';
}

/** The last segment of a path, `/` or `\\` separated (no node:path: the browser build shares this file). */
function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function formatFromPath(p: string): CustodyExportFormat | undefined {
  const name = baseName(p);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  if (ext === '.sarif' || p.toLowerCase().endsWith('.sarif.json')) return 'sarif';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

/** The process's folders where there is one (not in the browser build). */
const nodeProcess = globalThis.process as { cwd(): string; env: Record<string, string | undefined> } | undefined;

/** Resolves an argument path: absolute as is, relative to the first workspace folder (else the current directory). */
function resolvePath(p: string): vscode.Uri {
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')) return vscode.Uri.file(p);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? (nodeProcess ? vscode.Uri.file(nodeProcess.cwd()) : undefined);
  if (!folder) throw new Error(`a relative export path (${p}) needs an open folder`);
  return vscode.Uri.joinPath(folder, ...p.split(/[\\/]/));
}

export async function exportCustodyLog(core: Core, args: ExportArgs | undefined): Promise<ExportResult | undefined> {
  if (args?.format !== undefined && !isFormat(args.format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: unknown export format {0} (use "jsonl" or "sarif").', JSON.stringify(args.format)));
    return undefined;
  }
  let format = args?.format ?? (args?.path ? formatFromPath(args.path) : undefined);
  let target: vscode.Uri | undefined = args?.path ? resolvePath(args.path) : undefined;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('JSON Lines'), description: vscode.l10n.t('every custody event, one JSON object per line'), format: 'jsonl' as const },
        { label: 'SARIF 2.1.0', description: vscode.l10n.t('every token with its latest state (code scanning tools)'), format: 'sarif' as const },
      ],
      { title: vscode.l10n.t('Export Custody Log'), placeHolder: vscode.l10n.t('Format') },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  if (!target) {
    const home = nodeProcess ? (nodeProcess.env.HOME ?? nodeProcess.cwd()) : undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? (home !== undefined ? vscode.Uri.file(home) : core.context.globalStorageUri);
    const stamp = new Date().toISOString().slice(0, 10);
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Custody Log'),
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: vscode.Uri.joinPath(folder, `token-custody-${stamp}.${EXTENSIONS[format]}`),
      filters: format === 'sarif' ? { SARIF: ['sarif', 'json'] } : { [vscode.l10n.t('JSON Lines')]: ['jsonl', 'ndjson'] },
    });
    if (!target) return undefined;
  }
  await core.custody.whenReady();
  await core.custody.log.flush();
  const entries = core.custody.allEntries();
  // A finding whose secret was already dropped (document closed, TTL) has none left to guard against.
  const knownSecrets = core.custody.tokens().map((t) => t.finding?.secret);
  const scanner = core.scanners.scanner;
  let text: string;
  try {
    text = exportCustody(entries, {
      format,
      knownSecrets,
      sarif: {
        toolVersion: String(core.context.extension.packageJSON.version),
        root: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
        ruleInfo: (id) => {
          const spec = scanner.rules.find((r) => r.spec.id === id)?.spec;
          return spec ? { description: spec.description ?? spec.name, tags: ['security', 'secret', spec.issuer] } : undefined;
        },
      },
    });
  } catch (e) {
    if (e instanceof ExportGuardError) {
      core.log.error('custody export refused: the output would contain a token');
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: {0} Nothing was written.', e.message));
      return undefined;
    }
    throw e;
  }
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not write {0}: {1}', target.fsPath, errorMessage(e)));
    return undefined;
  }
  core.log.info(`exported ${format === 'jsonl' ? `${entries.length} custody events` : 'the custody log (SARIF)'} to ${target.fsPath}`);
  if (!args?.path) {
    const what = format === 'sarif' ? vscode.l10n.t('the custody log (SARIF)') : entries.length === 1 ? vscode.l10n.t('1 custody event') : vscode.l10n.t('{0} custody events', entries.length);
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: exported {0} to {1}.', what, baseName(target.path)), open).then((c) => {
      if (c === open && target) void vscode.window.showTextDocument(target);
    });
  }
  return { path: target.fsPath, format, entries: entries.length };
}
