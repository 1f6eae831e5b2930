// Resolving references in VS Code terminals:
//  - every integrated terminal gets the extension's `token-custody` launcher on PATH (a shim in
//    globalStorage that runs dist/cli.js with the extension host's Node), so pasted
//    `"$(token-custody secret get NAME)"` expressions resolve;
//  - `tokenCustody.openTerminalWithSecrets` opens a terminal whose environment holds the resolved
//    values of the references in the workspace folders' `.env` files (both backends), in a trusted
//    workspace only, for `KEY=<one reference>` lines only, after a modal confirmation. Any reference
//    that does not resolve → a message naming it (never a value) and no terminal.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Core } from '../../core';
import { errorMessage } from '../backend';
import { describeRefusals, planDotenv } from '../envPolicy';
import { type BackendsByScheme, resolveEnvReferences } from '../resolve';
import { findReferences, formatReference } from '../reference';
import type { VaultService } from './service';
import { shimScript } from '../shim';

/** Writes (or refreshes) the launcher; returns its directory. */
export async function installCliShim(context: vscode.ExtensionContext): Promise<string> {
  const bin = path.join(context.globalStorageUri.fsPath, 'bin');
  const shim = shimScript({
    nodePath: process.execPath,
    cliPath: path.join(context.extensionPath, 'dist', 'cli.js'),
    platform: process.platform,
    electron: typeof process.versions.electron === 'string',
  });
  const file = path.join(bin, shim.file);
  await fs.mkdir(bin, { recursive: true });
  let current: string | undefined;
  try {
    current = await fs.readFile(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== shim.content) await fs.writeFile(file, shim.content, { mode: 0o755 });
  if (process.platform !== 'win32') await fs.chmod(file, 0o755);
  return bin;
}

/** Puts the launcher's directory first on PATH in integrated terminals (new ones; VS Code offers to relaunch old ones). */
export function registerCliOnPath(core: Core): void {
  const bin = path.join(core.context.globalStorageUri.fsPath, 'bin');
  const env = core.context.environmentVariableCollection;
  env.description = 'Token Custody: puts its `token-custody` command on PATH so `$(token-custody secret get NAME)` resolves.';
  env.prepend('PATH', bin + path.delimiter);
  void installCliShim(core.context).catch((err: unknown) => core.log.warn(`could not write the token-custody launcher: ${errorMessage(err)}`));
}

interface EnvSource {
  label: string;
  text: string;
  folder: vscode.WorkspaceFolder;
}

/** The `.env` of each workspace folder (the editor's unsaved text wins over the disk). */
async function envSources(): Promise<EnvSource[]> {
  const out: EnvSource[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, '.env');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string | undefined = open?.getText();
    if (text === undefined) {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        text = undefined;
      }
    }
    if (text !== undefined) out.push({ label: vscode.workspace.asRelativePath(uri, true), text, folder });
  }
  return out;
}

/** Button of the confirmation that opens the terminal. */

/**
 * `tokenCustody.openTerminalWithSecrets`: returns the terminal it opened (or undefined).
 * Requires a trusted workspace; resolves only `KEY=<one reference>` lines of the `.env` files and
 * refuses any file that would set a variable a shell or loader executes (see `envPolicy.ts`); asks
 * with a modal listing variable → secret name before anything is read from the keychain.
 */
export async function openTerminalWithSecrets(core: Core, vault: VaultService): Promise<vscode.Terminal | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: Open Terminal with Keychain Secrets needs a trusted workspace: its .env file comes with the repository and decides which secrets go into the terminal. Trust the workspace first (Workspaces: Manage Workspace Trust). No terminal was opened.'));
    core.log.warn('open terminal with secrets: refused in an untrusted workspace');
    return undefined;
  }
  const sources = await envSources();
  const env: Record<string, string> = {};
  const origin = new Map<string, string>();
  let cwd: vscode.Uri | undefined;
  const files: string[] = [];
  const refusals: string[] = [];
  for (const s of sources) {
    const plan = planDotenv(s.text, { applyPlain: false });
    if (plan.refused.length > 0) refusals.push(describeRefusals(plan.refused, s.label));
    if (plan.secrets.length === 0) continue;
    files.push(s.label);
    cwd ??= s.folder.uri;
    for (const e of plan.secrets) {
      env[e.variable] = formatReference(e.reference);
      origin.set(e.variable, `${s.label}:${e.line}`);
    }
  }
  if (refusals.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: {0} No terminal was opened.', refusals.join(' ')));
    core.log.warn(`open terminal with secrets refused: ${refusals.join(' ')}`);
    return undefined;
  }
  if (Object.keys(env).length === 0) {
    void vscode.window.showInformationMessage(
      sources.length === 0
        ? vscode.l10n.t('Token Custody: no .env file in the workspace folders. Put {0} lines in a .env file at a folder root.', 'NAME=keychain://token-custody/NAME')
        : vscode.l10n.t('Token Custody: no keychain references ({0}, {1}) in {2}.', 'keychain://token-custody/NAME', 'vscode-secret://token-custody/NAME', sources.map((s) => s.label).join(', ')),
    );
    return undefined;
  }
  const listing = Object.entries(env).map(([variable, ref]) => `${variable} ← ${ref}  (${origin.get(variable) ?? ''})`);
  const openTerminal = vscode.l10n.t('Open Terminal');
  const choice = await vscode.window.showWarningMessage(
    listing.length === 1
      ? vscode.l10n.t('Open a terminal with 1 secret from {0} in its environment?', files.join(', '))
      : vscode.l10n.t('Open a terminal with {0} secrets from {1} in its environment?', listing.length, files.join(', ')),
    { modal: true, detail: `${vscode.l10n.t('Every program started in that terminal can read these variables:')}\n${listing.join('\n')}` },
    openTerminal,
  );
  if (choice !== openTerminal) return undefined;
  const usesKeychain = Object.values(env).some((v) => findReferences(v).some((r) => r.scheme === 'keychain'));
  const backends: BackendsByScheme = { 'vscode-secret': vault.secretStorage, ...(usesKeychain ? { keychain: vault.keychain() } : {}) };
  let resolved;
  try {
    resolved = await resolveEnvReferences(env, backends);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not resolve the references in {0}: {1} No terminal was opened.', files.join(', '), errorMessage(err)));
    return undefined;
  }
  if (resolved.unresolved.length > 0) {
    const list = resolved.unresolved.map((u) => `${u.variable} (${u.scheme}://token-custody/${u.name}: ${u.reason === 'not-found' ? vscode.l10n.t('not stored') : vscode.l10n.t('unsupported')})`).join(', ');
    void vscode.window.showErrorMessage(resolved.unresolved.length === 1
      ? vscode.l10n.t('Token Custody: a reference does not resolve: {0}. No terminal was opened.', list)
      : vscode.l10n.t('Token Custody: some references do not resolve: {0}. No terminal was opened.', list));
    return undefined;
  }
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('Token Custody: secrets'),
    cwd,
    env: resolved.env,
    iconPath: new vscode.ThemeIcon('key'),
    // Never revived after a reload: the resolved values must not be persisted with the terminal.
    isTransient: true,
  });
  terminal.show();
  core.log.info(`opened a terminal with ${resolved.resolvedVariables.length} resolved variable(s) from ${files.join(', ')}: ${resolved.resolvedVariables.join(', ')}`);
  return terminal;
}
