// The VS Code SecretStorage backend (`vscode-secret://token-custody/NAME`, key `token-custody/NAME`).
// SecretStorage cannot enumerate its keys, so the names we store are kept in an index in
// globalState (names only, never values). Only `vscode` types are imported: the unit tests drive
// it with a fake SecretStorage and a fake Memento.

import type * as vscode from 'vscode';
import { type Availability, type SecretBackend, VaultError, errorMessage, scrubSecret } from '../backend';
import { assertValidName, isValidName, nameFromSecretStorageKey, secretStorageKey } from '../reference';

/** globalState key of the sorted list of names stored in SecretStorage. */
export const SECRET_INDEX_KEY = 'tokenCustody.vault.secretStorageNames';

export type SecretStorageLike = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'> & Partial<Pick<vscode.SecretStorage, 'onDidChange'>>;
export type MementoLike = Pick<vscode.Memento, 'get' | 'update'>;

export class SecretStorageBackend implements SecretBackend {
  readonly id = 'secretStorage' as const;
  readonly label = 'VS Code SecretStorage';
  /** Serialises index updates so concurrent stores do not lose names. */
  private indexChain: Promise<void> = Promise.resolve();

  constructor(private readonly secrets: SecretStorageLike, private readonly state: MementoLike) {}

  private names(): string[] {
    const raw = this.state.get<unknown>(SECRET_INDEX_KEY);
    return Array.isArray(raw) ? raw.filter((n): n is string => typeof n === 'string' && isValidName(n)) : [];
  }

  private updateIndex(change: (names: Set<string>) => void): Promise<void> {
    const next = this.indexChain.then(async () => {
      const names = new Set(this.names());
      change(names);
      await this.state.update(SECRET_INDEX_KEY, [...names].sort());
    });
    this.indexChain = next.catch(() => undefined);
    return next;
  }

  async get(name: string): Promise<string | undefined> {
    const key = secretStorageKey(name);
    try {
      return (await this.secrets.get(key)) ?? undefined;
    } catch (err) {
      throw new VaultError('error', `VS Code SecretStorage could not read "${name}": ${errorMessage(err)}`);
    }
  }

  async set(name: string, value: string): Promise<void> {
    const key = secretStorageKey(name);
    if (value.length === 0) throw new VaultError('error', 'Refusing to store an empty secret.');
    try {
      await this.secrets.store(key, value);
    } catch (err) {
      throw new VaultError('error', scrubSecret(`VS Code SecretStorage could not store "${name}": ${errorMessage(err)}`, value));
    }
    try {
      await this.updateIndex((names) => names.add(name));
    } catch (err) {
      // The secret is stored; only the list of names is behind. Say so rather than pretend it failed.
      throw new VaultError('error', `Stored "${name}" in VS Code SecretStorage, but could not record its name for listing: ${errorMessage(err)}`);
    }
  }

  async delete(name: string): Promise<boolean> {
    assertValidName(name);
    const key = secretStorageKey(name);
    let existed: boolean;
    try {
      existed = (await this.secrets.get(key)) !== undefined;
      if (existed) await this.secrets.delete(key);
    } catch (err) {
      throw new VaultError('error', `VS Code SecretStorage could not delete "${name}": ${errorMessage(err)}`);
    }
    await this.updateIndex((names) => names.delete(name));
    return existed;
  }

  async list(): Promise<string[]> {
    await this.indexChain;
    return this.names().sort();
  }

  /** SecretStorage is always there; the OS protects it (or VS Code's own encryption in the browser). */
  isAvailable(): Promise<Availability> {
    return Promise.resolve({ ok: true });
  }

  /** Names whose secret changed (or was deleted) outside this adapter, e.g. in another window. */
  onDidChangeName(listener: (name: string) => void): vscode.Disposable | undefined {
    return this.secrets.onDidChange?.((e) => {
      const name = nameFromSecretStorageKey(e.key);
      if (name) listener(name);
    });
  }
}
