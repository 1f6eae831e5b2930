// The key of the fingerprints of low-entropy secrets (src/engine/fingerprint.ts), shared by the CLI
// and the extension on one machine so that both name a password the same way:
// 1. a team key: the `tokenCustody.fingerprintKey` user/machine setting (extension) or the
//    `TOKEN_CUSTODY_FINGERPRINT_KEY` environment variable (CLI, CI; the extension reads it too);
// 2. else the install key: 32 random bytes (64 hex) in a per-user file, created mode 0600 on first
//    need — $XDG_CONFIG_HOME/token-custody/fingerprint.key (~/.config/…), on macOS
//    ~/Library/Application Support/token-custody/fingerprint.key, on Windows
//    %APPDATA%\token-custody\fingerprint.key;
// 3. else (no home, read-only disk) a key for this process only: fingerprints of passwords then
//    change from run to run, which is safe but matches no ignore entry; a warning says so.
// Plain Node: no `vscode` import (the team key's checks, which the browser build needs too, are in
// teamKey.ts). A workspace can never choose the key (it would make fingerprints
// reversible for whoever chose it): the extension reads the setting from user/machine scope only.

import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FINGERPRINT_KEY_ENV, FingerprintKeyError } from './teamKey';

export { FINGERPRINT_KEY_ENV, FingerprintKeyError, teamKey } from './teamKey';

const INSTALL_KEY_RE = /^[0-9a-f]{64}$/;

/** Where the install key lives for this user. */
export function installKeyPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'token-custody', 'fingerprint.key');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'token-custody', 'fingerprint.key');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'token-custody', 'fingerprint.key');
}

/**
 * The install key at `file`, created (0600, directory 0700) with 32 random bytes if there is none.
 * Two processes creating it at once agree: the key is written to a private temporary file and
 * hard-linked into place, so the file is complete when it appears and the loser reads the winner's.
 * A key file readable by others is tightened to 0600.
 */
export function loadOrCreateInstallKey(file: string): string {
  const existing = readInstallKey(file);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(32).toString('hex') + '\n');
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  const key = readInstallKey(file);
  if (key === undefined) throw new FingerprintKeyError(file, 'bad-file', 'the key file vanished while it was created');
  return key;
}

function readInstallKey(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) chmodSync(file, 0o600);
    const text = readFileSync(fd, 'utf8').trim();
    if (!INSTALL_KEY_RE.test(text)) throw new FingerprintKeyError(file, 'bad-file', 'is not a Token Custody fingerprint key (64 hex digits); move it away to get a new one');
    return text;
  } finally {
    closeSync(fd);
  }
}

export interface ResolvedKey {
  key: string | undefined;
  /** Where the key came from: `team` (setting or environment), `install` (key file), `process` (none could be read or made). */
  source: 'team' | 'install' | 'process';
  /** What went wrong, for the output channel or stderr (never the key). */
  warning?: string;
}

/**
 * The key to use: `team` (already validated by `teamKey`) if set, else the install key file, else
 * undefined (the engine then keys by a random per-process key) with a warning.
 */
export function resolveFingerprintKey(team: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ResolvedKey {
  if (team !== undefined) return { key: team, source: 'team' };
  const file = installKeyPath(env, platform);
  try {
    return { key: loadOrCreateInstallKey(file), source: 'install' };
  } catch (e) {
    const why = e instanceof FingerprintKeyError ? e.message : `${file}: ${(e as NodeJS.ErrnoException).code ?? 'cannot be read or created'}`;
    return { key: undefined, source: 'process', warning: `no fingerprint key (${why}); passwords get fingerprints valid for this run only. Set ${FINGERPRINT_KEY_ENV} to a team key to fix.` };
  }
}
