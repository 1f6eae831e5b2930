// The vault area's shared service: both backends (OS keychain, created lazily and probed only when
// a token is being stored; VS Code SecretStorage), the backend choice with the fallback offer, the
// name prompt, `storeToken` (VaultApi), and a cache of what each stored value is (issuer, type,
// fingerprint — never the value) for hovers and CodeLenses.

import { hostname } from 'node:os';
import * as vscode from 'vscode';
import type { Core, StoredToken, VaultApi } from '../../core';
import { type Finding, redact, secretOf } from '../../engine';
import { issuerName } from '../../engine/issuerNames';
import { loadBundle } from '../../util/lazy';
import { type SecretBackend, errorMessage } from '../backend';
import { type FallbackAnswer, type StorePurpose, machineOf, pickBackend, suggestName, validateName } from '../choose';
import { moveToVault, type MoveResult } from '../move';
import { sanitizeName } from '../naming';
import { type BackendId, type ReferenceScheme, backendForScheme, referenceFor, schemeForBackend, shellResolveExpression } from '../reference';
import { SecretStorageBackend } from './secretStorageBackend';

/** What a stored value is, for display. Never the value itself. */
export type Inspection =
  | {
      state: 'stored';
      fingerprint: string;
      redacted: string;
      /** The token found in the stored value (holds the secret in memory, for Revoke). */
      finding?: Finding;
    }
  | { state: 'missing' }
  | { state: 'error'; message: string };

/** Cached inspections are re-read after this long (the CLI may change the keychain meanwhile). */
const INSPECTION_TTL_MS = 5 * 60_000;

export function backendLabel(backend: SecretBackend): string {
  return backend.id === 'keychain' ? vscode.l10n.t('the OS keychain ({0})', backend.label) : backend.label;
}

export class VaultService implements vscode.Disposable, VaultApi {
  readonly secretStorage: SecretStorageBackend;
  private keychainBackend: SecretBackend | undefined;
  private keychainUsable = false;
  private readonly cache = new Map<string, { at: number; value: Promise<Inspection> }>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when stored values may have changed (hovers and CodeLenses refresh). */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly core: Core, private readonly keychainFactory: () => SecretBackend = loadKeychainBackend) {
    this.secretStorage = new SecretStorageBackend(core.context.secrets, core.context.globalState);
    const sub = this.secretStorage.onDidChangeName((name) => this.invalidate('vscode-secret', name));
    if (sub) this.disposables.push(sub);
    this.disposables.push(this.emitter);
  }

  /** The OS keychain backend (created on first use; creating it runs nothing). */
  keychain(): SecretBackend {
    this.keychainBackend ??= this.keychainFactory();
    return this.keychainBackend;
  }

  backend(id: BackendId): SecretBackend {
    return id === 'keychain' ? this.keychain() : this.secretStorage;
  }

  backendForScheme(scheme: ReferenceScheme): SecretBackend {
    return this.backend(backendForScheme(scheme));
  }

  /** Where a token goes: the setting, the keychain's availability (probed here only) and the user's answer. */
  async chooseBackend(purpose: StorePurpose): Promise<{ backend: SecretBackend; note?: string } | undefined> {
    const picked = await pickBackend({
      setting: this.core.settings().vaultBackend,
      purpose,
      keychainLabel: this.keychain().label,
      machine: machineOf(vscode.env.remoteName, hostname()),
      t: vscode.l10n.t,
      keychainAvailable: async () => {
        if (this.keychainUsable) return { ok: true };
        const a = await this.keychain().isAvailable();
        this.keychainUsable = a.ok;
        if (!a.ok) this.core.log.warn(`OS keychain not usable (${a.reason}): ${a.message}`);
        return a;
      },
      offerFallback: async (message, detail): Promise<FallbackAnswer> => {
        const use = vscode.l10n.t('Use VS Code SecretStorage instead');
        const always = vscode.l10n.t('Always Use SecretStorage');
        const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, use, always);
        if (choice === use) return 'secretStorage';
        if (choice === always) return 'always';
        return undefined;
      },
      refuse: (message) => void vscode.window.showWarningMessage(message),
    });
    if (!picked) return undefined;
    if (picked.remember) {
      try {
        await vscode.workspace.getConfiguration('tokenCustody').update('vault.backend', 'secretStorage', vscode.ConfigurationTarget.Global);
      } catch (err) {
        this.core.log.warn(`could not set tokenCustody.vault.backend: ${errorMessage(err)}`);
      }
    }
    return { backend: this.backend(picked.backend), ...(picked.note ? { note: picked.note } : {}) };
  }

  /** Asks for the name (prefilled with a unique suggestion, or the name that already holds this secret). */
  async askName(backend: SecretBackend, base: string, secret: string, title: string): Promise<string | undefined> {
    let taken: string[] = [];
    try {
      taken = await backend.list();
    } catch (err) {
      this.core.log.warn(`could not list ${backend.label}: ${errorMessage(err)}`);
    }
    const suggestion = await suggestName({ base, secret, taken, get: (n) => backend.get(n) });
    const scheme = schemeForBackend(backend.id);
    return vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Name of the secret in {0}; the text becomes {1}.', backendLabel(backend), `${scheme}://token-custody/NAME`),
      value: suggestion,
      valueSelection: [0, suggestion.length],
      ignoreFocusOut: true,
      validateInput: validateName,
    });
  }

  /** Modal question when NAME already holds a different secret. */
  async confirmOverwrite(backend: SecretBackend, name: string): Promise<'overwrite' | 'cancel'> {
    const overwrite = vscode.l10n.t('Overwrite');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already holds a different secret named "{1}". Overwrite it?', backendLabel(backend), name),
      { modal: true, detail: vscode.l10n.t('The secret stored under that name now is replaced and cannot be recovered from Token Custody. Cancel keeps both and changes nothing.') },
      overwrite,
    );
    return choice === overwrite ? 'overwrite' : 'cancel';
  }

  /** Shell expression for a stored token: the CLI for the keychain; SecretStorage has none (the reference itself). */
  shellExpression(backend: BackendId, name: string): string {
    return backend === 'keychain' ? `"${shellResolveExpression(name)}"` : referenceFor(backend, name);
  }

  /**
   * VaultApi: stores a token without editing any document (terminal and editor paste, terminal
   * "Move to keychain"). The caller records the custody event (`paste-replaced` /
   * `moved-to-keychain`): it knows where the token was and what it pasted.
   */
  async storeToken(finding: Finding, opts: { suggestedName?: string; reason: StorePurpose }): Promise<StoredToken | undefined> {
    let secret: string;
    try {
      secret = secretOf(finding);
    } catch {
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: the {0} {1} is no longer in memory; nothing was stored.', finding.name, finding.redacted));
      return undefined;
    }
    const chosen = await this.chooseBackend(opts.reason);
    if (!chosen) return undefined;
    const { backend } = chosen;
    const base = opts.suggestedName ?? (sanitizeName(finding.ruleId) || sanitizeName(finding.issuer) || 'secret');
    const name = await this.askName(backend, base, secret, backend.id === 'keychain'
      ? vscode.l10n.t('Store {0} {1} in the keychain', finding.name, finding.redacted)
      : vscode.l10n.t('Store {0} {1} in SecretStorage', finding.name, finding.redacted));
    if (name === undefined) return undefined;
    const result = await moveToVault({
      backend,
      name,
      secret,
      applyEdit: () => true, // nothing to edit: the caller pastes the reference
      onConflict: () => this.confirmOverwrite(backend, name),
    });
    this.invalidate(schemeForBackend(backend.id), name);
    if (result.status !== 'moved') {
      this.report(result, vscode.l10n.t('Nothing was pasted.'));
      return undefined;
    }
    if (chosen.note) void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0}', chosen.note));
    return { name: result.name, backend: result.backend, reference: result.reference, shellExpression: this.shellExpression(result.backend, result.name) };
  }

  /** Shows a failed/cancelled result. `tail` says where the token is instead of move.ts's note about the file (for callers without a file). */
  report(result: Exclude<MoveResult, { status: 'moved' }>, tail?: string): void {
    const message = tail ? `${result.cause} ${tail}` : result.message;
    if (result.status === 'cancelled') void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0}', message));
    else void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: {0}', message));
  }

  /** Backend, type, issuer and fingerprint of a stored value (cached; scans the value, never shows it). */
  inspect(scheme: ReferenceScheme, name: string): Promise<Inspection> {
    const key = `${scheme}:${name}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < INSPECTION_TTL_MS) return hit.value;
    const value = this.readInspection(scheme, name);
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  private async readInspection(scheme: ReferenceScheme, name: string): Promise<Inspection> {
    let secret: string | undefined;
    try {
      secret = await this.backendForScheme(scheme).get(name);
    } catch (err) {
      return { state: 'error', message: errorMessage(err) };
    }
    if (secret === undefined) return { state: 'missing' };
    const finding = this.core.scanners.scanner.scan(secret).find((f) => f.range.start === 0 && f.range.end === secret.length) ?? this.core.scanners.scanner.scan(secret)[0];
    if (finding) return { state: 'stored', fingerprint: finding.fingerprint, redacted: finding.redacted, finding };
    return { state: 'stored', fingerprint: this.core.scanners.scanner.fingerprintOf(secret), redacted: redact(secret) };
  }

  /** Forget cached inspections (all, or one reference) and refresh hovers and CodeLenses. */
  invalidate(scheme?: ReferenceScheme, name?: string): void {
    if (scheme && name) this.cache.delete(`${scheme}:${name}`);
    else this.cache.clear();
    this.emitter.fire();
  }

  describe(i: Inspection): string {
    if (i.state === 'missing') return vscode.l10n.t('not found');
    if (i.state === 'error') return vscode.l10n.t('unreadable');
    return i.finding ? `${i.finding.name} (${issuerName(i.finding.issuer)}) ${i.redacted}` : vscode.l10n.t('secret {0}', i.redacted);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.cache.clear();
  }
}

/**
 * The OS keychain backends (secret-tool, security, PowerShell) are loaded on first use from their
 * own bundle next to dist/extension.js (dist/keychain.js, built from src/vault/keychain.ts).
 */
function loadKeychainBackend(): SecretBackend {
  return loadBundle<typeof import('../keychain')>('keychain.js').createKeychainBackend();
}
