// Shared set-up of the suites that store tokens or check that none leaked (vault.test.ts,
// hostile.test.ts): the extension's API, the keychain fallback answered with VS Code SecretStorage,
// Delete from keychain confirmed, and the search of the files the extension may have written.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import * as channel from './channel';

export const EXTENSION_ID = 'token-custody.token-custody';

/** Token Custody's API (activating it if needed). */
export async function activateTokenCustody(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

/** The host run's user-data dir: globalStorage/<extension id> → globalStorage → User → it. */
export function userDataDir(api: TokenCustodyApi): string {
  return path.dirname(path.dirname(path.dirname(api.core.context.globalStorageUri.fsPath)));
}

/** Files under `dir` whose bytes contain `needle` (sockets, symlinks and files over 32 MB skipped). */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          if (fs.statSync(p).size <= 32 * 1024 * 1024 && fs.readFileSync(p).includes(needle)) hits.push(p);
        } catch {
          // vanished meanwhile
        }
      }
    }
  };
  walk(dir);
  return hits;
}

/**
 * Answers a store that found no OS keychain (the harness starts no Secret Service): the fallback
 * modal's "Use VS Code SecretStorage instead", then Enter in the name box (its prefilled name).
 */
export async function acceptSecretStorageFallback(): Promise<void> {
  await channel.waitFor(() => channel.dialog(), 'the keychain fallback dialog', 20_000);
  await channel.clickButton('Use VS Code SecretStorage instead');
  await channel.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await channel.waitFor(async () => (await channel.activeElement())?.startsWith('input'), 'focus in the name box');
  await channel.press('Enter');
}

/** Delete from keychain of the SecretStorage secret `name`, confirmed in its modal. */
export async function deleteStoredSecret(name: string, uri: vscode.Uri): Promise<void> {
  const text = `vscode-secret://token-custody/${name}`;
  const deleted = vscode.commands.executeCommand('tokenCustody.vault.deleteStored', { uri: uri.toString(), scheme: 'vscode-secret', name, start: 0, text });
  await channel.waitFor(() => channel.dialog(), 'the delete confirmation', 20_000);
  await channel.clickButton('Delete');
  await deleted;
}
