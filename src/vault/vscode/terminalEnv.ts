// Resolving references in VS Code terminals:
//  - every integrated terminal gets the extension's `token-custody` launcher on PATH (a shim in
//    globalStorage that runs dist/cli.js with the extension host's Node), so pasted
//    `"$(token-custody secret get NAME)"` expressions resolve;
//  - `tokenCustody.openTerminalWithSecrets` opens a terminal whose environment holds the resolved
//    values of the references in the workspace folders' `.env` files (both backends). Any reference
//    that does not resolve → a message naming it (never a value) and no terminal.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Core } from '../../core';
import { errorMessage } from '../backend';
import { parseDotenv } from '../dotenv';
import { type BackendsByScheme, resolveEnvReferences } from '../resolve';
import { findReferences } from '../reference';
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

/** `tokenCustody.openTerminalWithSecrets`: returns the terminal it opened (or undefined). */
export async function openTerminalWithSecrets(core: Core, vault: VaultService): Promise<vscode.Terminal | undefined> {
  const sources = await envSources();
  const env: Record<string, string> = {};
  let cwd: vscode.Uri | undefined;
  const files: string[] = [];
  for (const s of sources) {
    const entries = parseDotenv(s.text).entries.filter((e) => findReferences(e.value).length > 0);
    if (entries.length === 0) continue;
    files.push(s.label);
    cwd ??= s.folder.uri;
    for (const e of entries) env[e.key] = e.value;
  }
  if (Object.keys(env).length === 0) {
    void vscode.window.showInformationMessage(
      sources.length === 0
        ? 'Token Custody: no .env file in the workspace folders. Put NAME=keychain://token-custody/NAME lines in a .env file at a folder root.'
        : `Token Custody: no keychain references (keychain://token-custody/NAME, vscode-secret://token-custody/NAME) in ${sources.map((s) => s.label).join(', ')}.`,
    );
    return undefined;
  }
  const usesKeychain = Object.values(env).some((v) => findReferences(v).some((r) => r.scheme === 'keychain'));
  const backends: BackendsByScheme = { 'vscode-secret': vault.secretStorage, ...(usesKeychain ? { keychain: vault.keychain() } : {}) };
  let resolved;
  try {
    resolved = await resolveEnvReferences(env, backends);
  } catch (err) {
    void vscode.window.showErrorMessage(`Token Custody: could not resolve the references in ${files.join(', ')}: ${errorMessage(err)} No terminal was opened.`);
    return undefined;
  }
  if (resolved.unresolved.length > 0) {
    const list = resolved.unresolved.map((u) => `${u.variable} (${u.scheme}://token-custody/${u.name}: ${u.reason === 'not-found' ? 'not stored' : 'unsupported'})`).join(', ');
    void vscode.window.showErrorMessage(`Token Custody: ${resolved.unresolved.length === 1 ? 'a reference does' : 'some references do'} not resolve: ${list}. No terminal was opened.`);
    return undefined;
  }
  const terminal = vscode.window.createTerminal({
    name: 'Token Custody: secrets',
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
