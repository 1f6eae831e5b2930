// Pure decisions of the vault UI: which backend a store goes to (setting + keychain availability +
// the user's answer to the fallback offer), and which name to suggest. No `vscode` import.

import type { Availability } from './backend';
import type { BackendId } from './reference';
import { MAX_NAME_LENGTH, isValidName } from './reference';
import { sanitizeName } from './naming';
import { english, type Translate } from '../util/l10n';

export type VaultBackendSetting = 'auto' | 'keychain' | 'secretStorage';
export type StorePurpose = 'move' | 'terminal-paste' | 'editor-paste';

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
  /**
   * The machine whose keychain was probed, from {@link machineOf}: the extension runs where the
   * workspace is (`extensionKind: workspace`), so in a remote window it is the remote host's.
   */
  machine?: Machine;
  t?: Translate;
}

/** Where the extension host runs. */
export interface Machine {
  /** `vscode.env.remoteName` (`ssh-remote`, `wsl`, `dev-container`, `codespaces`…); undefined when local. */
  remote?: string;
  hostname: string;
}

export function machineOf(remoteName: string | undefined, hostname: string): Machine {
  return remoteName ? { remote: remoteName, hostname } : { hostname };
}

/** `this computer ("dev-laptop")`, `the SSH host "build-01"`, `the dev container "3f2a…"`. */
export function describeMachine(m: Machine, t: Translate = english): string {
  switch (m.remote) {
    case undefined: return t('this computer ("{0}")', m.hostname);
    case 'ssh-remote': return t('the SSH host "{0}"', m.hostname);
    case 'wsl': return t('the WSL distribution on "{0}"', m.hostname);
    case 'dev-container':
    case 'attached-container': return t('the container "{0}"', m.hostname);
    case 'codespaces': return t('the codespace "{0}"', m.hostname);
    case 'tunnel': return t('the tunnel\'s remote machine "{0}"', m.hostname);
    default: return t('the remote machine "{0}" ({1})', m.hostname, m.remote);
  }
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
  const t = deps.t ?? english;
  if (setting === 'secretStorage' && purpose !== 'terminal-paste') return { backend: 'secretStorage' };
  const avail = await deps.keychainAvailable();
  if (avail.ok) {
    if (setting === 'secretStorage') {
      return { backend: 'keychain', note: t('Stored in the OS keychain although {0} is "secretStorage": a shell cannot read VS Code SecretStorage.', 'tokenCustody.vault.backend') };
    }
    return { backend: 'keychain' };
  }
  const where = deps.machine ? describeMachine(deps.machine, t) : undefined;
  const why = where ? t('{0} on {1} is not usable: {2}', deps.keychainLabel, where, avail.message) : t('{0} is not usable: {1}', deps.keychainLabel, avail.message);
  if (purpose === 'terminal-paste') {
    deps.refuse(
      `${t('Token Custody: the OS keychain is needed for a reference a shell can resolve, but {0}', why)} ` +
        t('Nothing was pasted or stored. A VS Code SecretStorage reference (vscode-secret://…) resolves only in "Open Terminal with Keychain Secrets".'),
    );
    return undefined;
  }
  const message = setting === 'keychain'
    ? t('Token Custody can\'t use the OS keychain: {0} is "keychain", but {1}', 'tokenCustody.vault.backend', why)
    : t('Token Custody can\'t use the OS keychain: {0}', why);
  const detail = [
    t('Store the token in VS Code SecretStorage instead? Its reference (vscode-secret://token-custody/NAME) resolves only inside VS Code, not with the token-custody CLI. Cancel keeps the token where it is.'),
  ];
  if (deps.machine?.remote) detail.push(t('This window is connected to {0}: the OS keychain tried is that machine\'s, while VS Code SecretStorage is kept by VS Code on the computer you work at.', where ?? ''));
  const answer = await deps.offerFallback(message, detail.join('\n\n'));
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
