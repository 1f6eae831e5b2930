// The fingerprint key of a CLI run: `TOKEN_CUSTODY_FINGERPRINT_KEY` (a team key, e.g. a CI secret),
// else the install key file shared with the extension (src/config/fingerprintKey.ts). The file is
// read, or created, only when a low-entropy secret is found.

import { randomBytes } from 'node:crypto';
import type { FingerprintKeySource } from '../engine';
import { FINGERPRINT_KEY_ENV, resolveFingerprintKey, teamKey } from '../config/fingerprintKey';

/**
 * The key source for `createScanner`. An unusable `TOKEN_CUSTODY_FINGERPRINT_KEY` throws a
 * FingerprintKeyError (scan: a usage error); warnings (no key file could be made) go to `warn` once.
 */
export function cliFingerprintKey(env: NodeJS.ProcessEnv, warn: (message: string) => void): FingerprintKeySource {
  const team = teamKey(env[FINGERPRINT_KEY_ENV], FINGERPRINT_KEY_ENV);
  if (team !== undefined) return team;
  let key: string | undefined;
  // Resolved once: the same key for this thread and the scan's worker threads.
  return () => {
    if (key === undefined) {
      const r = resolveFingerprintKey(undefined, env);
      if (r.warning) warn(r.warning);
      key = r.key ?? randomBytes(32).toString('hex');
    }
    return key;
  };
}

/** The same, for commands that must not fail on a bad key (hooks, the MCP server): the bad key is named and the install key used. */
export function lenientFingerprintKey(env: NodeJS.ProcessEnv, warn: (message: string) => void): FingerprintKeySource {
  try {
    return cliFingerprintKey(env, warn);
  } catch (e) {
    warn(`${(e as Error).message}; using this machine's own key instead`);
    return cliFingerprintKey({ ...env, [FINGERPRINT_KEY_ENV]: undefined }, warn);
  }
}
