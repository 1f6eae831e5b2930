// What the composition root hands to each feature area. Each area gets only these explicit
// dependencies and returns one Disposable that owns everything it created.

import type * as vscode from 'vscode';
import type { Settings } from './config/vscode/settings';
import type { CustodyWhere } from './custody/log';
import type { Finding } from './engine';
import type { CustodyService } from './custody/vscode/service';
import type { FindingStore } from './findings/vscode/findingStore';
import type { MaskingService } from './editor/vscode/masking';
import type { ScannerService } from './editor/vscode/scannerService';
import type { Logger } from './util/vscode/outputChannel';

export interface Core {
  readonly context: vscode.ExtensionContext;
  readonly log: Logger;
  /** Current settings (re-read on change). */
  settings(): Settings;
  /** Fires with the changed keys (without the `tokenCustody.` prefix). */
  readonly onDidChangeSettings: vscode.Event<Set<string>>;
  readonly scanners: ScannerService;
  readonly store: FindingStore;
  readonly masking: MaskingService;
  readonly custody: CustodyService;
  /** APIs other areas offer (vault, revocation, auto-revoke); may be undefined until registered. */
  readonly areas: Areas;
}

/** A token stored by the vault area. */
export interface StoredToken {
  name: string;
  backend: 'keychain' | 'secretStorage';
  /** `keychain://token-custody/NAME` or `vscode-secret://token-custody/NAME`. */
  reference: string;
  /** Shell expression that resolves the value, e.g. `"$(token-custody secret get NAME)"`. */
  shellExpression: string;
}

/** Implemented by the vault area (src/vault/register.ts). */
export interface VaultApi {
  /**
   * Stores a token: asks for the name (suggestion from context), handles conflicts and backend
   * fallback, verifies by reading back. Undefined when cancelled or failed (the user was told why).
   */
  storeToken(finding: Finding, opts: { suggestedName?: string; reason: 'terminal-paste' | 'editor-paste' | 'move' }): Promise<StoredToken | undefined>;
}

/** Implemented by the revocation area (src/revocation/vscode/register.ts). */
export interface RevocationApi {
  /** Confirms (naming the endpoint host) unless `automatic`, revokes, reports and logs the result. */
  revoke(finding: Finding, where?: CustodyWhere, opts?: { automatic?: boolean; policy?: string }): Promise<void>;
  /** Confirms, asks the issuer whether the token is live (read-only), shows and logs the result. */
  check(finding: Finding, where?: CustodyWhere): Promise<void>;
}

export type AutoRevokePlace = 'terminal-output' | 'terminal-command' | 'terminal-paste' | 'file' | 'agent-terminal';

/** Implemented by the custody area: revokes automatically when `tokenCustody.policy.autoRevoke` says so. */
export interface AutoRevokeApi {
  consider(finding: Finding, place: AutoRevokePlace, where?: CustodyWhere): void;
}

/** Late-bound APIs of the areas (set by the composition root after each area is registered). */
export interface Areas {
  vault?: VaultApi;
  revocation?: RevocationApi;
  autoRevoke?: AutoRevokeApi;
}
