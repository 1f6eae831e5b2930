// An in-memory SecretBackend with fault injection, for the vault unit tests.
import { randomBytes } from '../../support/seed';
import { type Availability, type SecretBackend, VaultError } from '../../../src/vault/backend';
import type { BackendId } from '../../../src/vault/reference';

export type FakeFault = 'get' | 'set' | 'set-corrupt' | 'get-after-set' | 'delete' | 'list';

export class MemoryBackend implements SecretBackend {
  readonly label = 'test vault';
  readonly store = new Map<string, string>();
  readonly faults = new Set<FakeFault>();
  calls: string[] = [];
  private wrote = false;
  constructor(readonly id: BackendId = 'keychain') {}

  async get(name: string): Promise<string | undefined> {
    this.calls.push(`get ${name}`);
    if (this.faults.has('get') || (this.wrote && this.faults.has('get-after-set'))) throw new VaultError('locked', 'test vault is locked');
    return this.store.get(name);
  }
  async set(name: string, value: string): Promise<void> {
    this.calls.push(`set ${name}`);
    if (this.faults.has('set')) throw new VaultError('error', `write failed for value ${value}`); // a careless backend leaking the value
    this.wrote = true;
    this.store.set(name, this.faults.has('set-corrupt') ? `${value.slice(0, -1)}${value.endsWith('X') ? 'Y' : 'X'}` : value);
  }
  async delete(name: string): Promise<boolean> {
    this.calls.push(`delete ${name}`);
    if (this.faults.has('delete')) throw new VaultError('error', 'delete failed');
    return this.store.delete(name);
  }
  async list(): Promise<string[]> {
    if (this.faults.has('list')) throw new VaultError('error', 'list failed');
    return [...this.store.keys()].sort();
  }
  async isAvailable(): Promise<Availability> {
    return this.faults.has('get') ? { ok: false, reason: 'locked', message: 'test vault is locked' } : { ok: true };
  }
}

/** A fake GitHub classic token, assembled at run time (never a committed literal). */
export function fakeToken(prefix = 'gh' + 'p_'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(36);
  let body = '';
  for (const b of bytes) body += alphabet[b % alphabet.length];
  return prefix + body;
}
