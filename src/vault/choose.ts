// Pure decisions of the vault UI: which backend a store goes to (setting + keychain availability +
// the user's answer to the fallback offer), and which name to suggest. No `vscode` import.

import type { Availability } from './backend';
import type { BackendId } from './reference';
import { MAX_NAME_LENGTH, isValidName } from './reference';
import { sanitizeName } from './naming';

export type VaultBackendSetting = 'auto' | 'keychain' | 'secretStorage';
export type StorePurpose = 'move' | 'terminal-paste' | 'editor-paste';

/** The button that accepts the fallback (a clear message with the fallback offered). */
export const USE_SECRET_STORAGE = 'Use VS Code SecretStorage instead';
/** Accepts the fallback and sets `tokenCustody.vault.backend` to `secretStorage` (user settings). */
export const ALWAYS_SECRET_STORAGE = 'Always Use SecretStorage';

export type FallbackAnswer = 'secretStorage' | 'always' | undefined;

export interface PickBackendDeps {
  setting: VaultBackendSetting;
  purpose: StorePurpose;
  /** Probes the OS keychain (only called when a token is being stored). */
  keychainAvailable: () => Promise<Availability>;
  keychainLabel: string;
  /** Shows the fallback offer (`message`); resolves with the user's choice. */
  offerFallback: (message: string, detail: string) => Promise<FallbackAnswer>;
  /** Tells the user why nothing was stored (terminal paste without a keychain). */
  refuse: (message: string) => void;
}

export interface PickedBackend {
  backend: BackendId;
  /** The user asked for SecretStorage from now on. */
  remember?: boolean;
  /** Why the keychain was used although the setting says SecretStorage (terminal paste). */
  note?: string;
}

/**
 * Where to store a token. `secretStorage` setting → SecretStorage, except for a terminal paste,
 * which needs a reference the shell can resolve: the OS keychain when it is usable, else nothing.
 * `auto`/`keychain` → the OS keychain when usable, else the fallback is offered (never taken silently).
 */
export async function pickBackend(deps: PickBackendDeps): Promise<PickedBackend | undefined> {
  const { setting, purpose } = deps;
  if (setting === 'secretStorage' && purpose !== 'terminal-paste') return { backend: 'secretStorage' };
  const avail = await deps.keychainAvailable();
  if (avail.ok) {
    if (setting === 'secretStorage') {
      return { backend: 'keychain', note: 'Stored in the OS keychain although tokenCustody.vault.backend is "secretStorage": a shell cannot read VS Code SecretStorage.' };
    }
    return { backend: 'keychain' };
  }
  const why = `${deps.keychainLabel} is not usable: ${avail.message}`;
  if (purpose === 'terminal-paste') {
    deps.refuse(
      `Token Custody: the OS keychain is needed for a reference a shell can resolve, but ${why} ` +
        'Nothing was pasted or stored. A VS Code SecretStorage reference (vscode-secret://…) resolves only in "Open Terminal with Keychain Secrets".',
    );
    return undefined;
  }
  const wanted = setting === 'keychain' ? 'tokenCustody.vault.backend is "keychain", but ' : '';
  const answer = await deps.offerFallback(
    `Token Custody can't use the OS keychain: ${wanted}${why}`,
    'Store the token in VS Code SecretStorage instead? Its reference (vscode-secret://token-custody/NAME) resolves only inside VS Code, ' +
      'not with the token-custody CLI. Cancel keeps the token where it is.',
  );
  if (answer === 'secretStorage') return { backend: 'secretStorage' };
  if (answer === 'always') return { backend: 'secretStorage', remember: true };
  return undefined;
}

export interface SuggestNameInput {
  /** Name from the context (`GITHUB_TOKEN=…`), the caller's suggestion, or the rule id. */
  base: string;
  secret: string;
  /** Names already stored in the chosen backend. */
  taken: readonly string[];
  /** Reads a stored value (to reuse a name that already holds this very secret). */
  get: (name: string) => Promise<string | undefined>;
}

/**
 * The name to prefill: `base` when free or when it already holds the same secret (reused, nothing
 * stored twice), otherwise `base-2`, `base-3`… (case-insensitively unique: Windows ignores case).
 */
export async function suggestName(input: SuggestNameInput): Promise<string> {
  const base = isValidName(input.base) ? input.base : sanitizeName(input.base) || 'secret';
  const byLower = new Map(input.taken.map((n) => [n.toLowerCase(), n]));
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base.slice(0, MAX_NAME_LENGTH - String(i).length - 1)}-${i}`;
    const existing = byLower.get(candidate.toLowerCase());
    if (existing === undefined) return candidate;
    let value: string | undefined;
    try {
      value = await input.get(existing);
    } catch {
      value = undefined;
    }
    if (value === input.secret) return existing;
  }
}

/** Message of the input box's validation (`undefined` = valid). */
export function validateName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`;
  if (!isValidName(name)) return 'Use only letters A–Z a–z, digits 0–9, "_", "." and "-", and do not start with "-" or ".".';
  return undefined;
}
