// The fingerprint key of the browser build without a team key setting (see ScannerService): a random
// key made once and kept in the extension's global state — the browser's storage for this extension,
// not synced — so that fingerprints of passwords stay the same from one session to the next.

import type * as vscode from 'vscode';
import { randomKey } from '../../engine/hash';

export const BROWSER_KEY_STATE = 'tokenCustody.fingerprintInstallKey';

export function browserMachineKey(state: vscode.Memento): () => string {
  return () => {
    const stored = state.get<unknown>(BROWSER_KEY_STATE);
    if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return stored;
    const key = randomKey();
    void state.update(BROWSER_KEY_STATE, key);
    return key;
  };
}
