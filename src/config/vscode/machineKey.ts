// The fingerprint key of an editor without a team key setting (see ScannerService): on the desktop
// (and in remote hosts) `TOKEN_CUSTODY_FINGERPRINT_KEY` in the editor's environment, else the install
// key file the CLI shares. The browser build has neither: browserMachineKey.ts.

import { FINGERPRINT_KEY_ENV, resolveFingerprintKey, teamKey } from '../fingerprintKey';
import type { Logger } from '../../util/vscode/outputChannel';

/** Desktop and remote hosts: the environment's team key, else the install key file (`''` when neither works). */
export function nodeMachineKey(log: () => Logger | undefined): () => string {
  return () => {
    let envKey: string | undefined;
    try {
      envKey = teamKey(process.env[FINGERPRINT_KEY_ENV], FINGERPRINT_KEY_ENV);
    } catch (e) {
      log()?.warn(`${(e as Error).message}; using this machine's own fingerprint key instead.`);
    }
    if (envKey !== undefined) return envKey;
    const r = resolveFingerprintKey(undefined, process.env);
    if (r.warning) log()?.warn(r.warning);
    // Without a key file: a key for this window (the engine's per-process key).
    return r.key ?? '';
  };
}
