import { randomBytes } from 'node:crypto';
// The common interface of the places a secret can live (OS keychain, VS Code SecretStorage).
// Pure TypeScript: no `vscode` import. The SecretStorage adapter implements this in the extension.

import type { BackendId } from './reference';
import { errorMessage } from '../errors';

export type Availability =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'locked' | 'error'; message: string };

export interface SecretBackend {
  readonly id: BackendId;
  /** Human name for messages, e.g. "GNOME Keyring / Secret Service (secret-tool)". */
  readonly label: string;
  /** The stored value, or `undefined` when no secret has that name. Throws `VaultError` otherwise. */
  get(name: string): Promise<string | undefined>;
  /** Creates or replaces the secret. Throws `VaultError`. */
  set(name: string, value: string): Promise<void>;
  /** `true` when something was deleted, `false` when nothing had that name. */
  delete(name: string): Promise<boolean>;
  /** Names stored by Token Custody, sorted. */
  list(): Promise<string[]>;
  /** Whether the backend can be used now; never throws. Callers offer the fallback, never switch silently. */
  isAvailable(): Promise<Availability>;
}

export type VaultErrorCode = 'missing' | 'locked' | 'timeout' | 'error';

/** An error from a backend. Its message never contains a secret value. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

/** Shortest run of a secret's text (or of its hex/base64 form) that is removed from a message. */
const SCRUB_RUN = 8;

/**
 * `message` with the secret removed: every occurrence of `secret` and of its trimmed form, and every
 * run of 8 or more characters taken from the secret or from its hex (either case), base64 or
 * base64url forms, since a tool may echo a truncated or encoded part of what we wrote to it
 * (`security -i` echoes the rest of a too-long hex line).
 */
export function scrubSecret(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message;
  for (const s of new Set([secret, secret.trim()])) {
    if (s.length >= 4) out = out.split(s).join('[secret]');
  }
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const forms = [secret, hex, hex.toUpperCase(), bytes.toString('base64'), bytes.toString('base64url')].filter((f) => f.length >= SCRUB_RUN);
  for (const form of forms) out = removeRuns(out, form);
  return out;
}

/** Replaces every run of at least SCRUB_RUN characters of `text` that also occurs in `form`. */
function removeRuns(text: string, form: string): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    if (i + SCRUB_RUN <= text.length && form.includes(text.slice(i, i + SCRUB_RUN))) {
      let len = SCRUB_RUN;
      while (i + len < text.length && form.includes(text.slice(i, i + len + 1))) len++;
      result += '[secret]';
      i += len;
    } else {
      result += text[i] ?? '';
      i++;
    }
  }
  return result;
}

/** The one text-of-an-error helper (src/errors.ts), re-exported for the vault's modules. */
export { errorMessage };

/**
 * Availability by round trip: store a random probe value under PROBE_NAME, read it back, delete it.
 * The only reliable way to tell a locked keychain from a usable one with `security` and CredRead.
 */
export async function probeRoundTrip(backend: Pick<SecretBackend, 'get' | 'set' | 'delete'>, probeName: string, label: string): Promise<Availability> {
  const probe = `probe-${randomBytes(12).toString('hex')}`;
  try {
    await backend.set(probeName, probe);
    const back = await backend.get(probeName);
    await backend.delete(probeName);
    if (back !== probe) return { ok: false, reason: 'error', message: `${label} did not return the value just stored (availability probe).` };
    return { ok: true };
  } catch (err) {
    const code = err instanceof VaultError ? err.code : 'error';
    return { ok: false, reason: code === 'timeout' ? 'locked' : code, message: errorMessage(err) };
  }
}
