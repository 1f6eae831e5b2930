// The common interface of the places a secret can live (OS keychain, VS Code SecretStorage).
// Pure TypeScript: no `vscode` import. The SecretStorage adapter implements this in the extension.

import type { BackendId } from './reference';

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

/** `message` with every occurrence of `secret` (and of its trimmed form) replaced by a placeholder. */
export function scrubSecret(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message;
  for (const s of new Set([secret, secret.trim()])) {
    if (s.length >= 4) out = out.split(s).join('[secret]');
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
