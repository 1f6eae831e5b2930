import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VaultError } from '../../../src/vault/backend';
import { moveToVault } from '../../../src/vault/move';
import { SECRET_INDEX_KEY, SecretStorageBackend, type MementoLike, type SecretStorageLike } from '../../../src/vault/vscode/secretStorageBackend';
import { fakeToken } from './fake-backend';

type Listener = (e: { key: string }) => void;

/** A fake vscode.SecretStorage (get/store/delete/onDidChange) with fault injection. */
class FakeSecrets implements SecretStorageLike {
  readonly data = new Map<string, string>();
  fail: 'get' | 'store' | 'delete' | undefined;
  private listeners: Listener[] = [];
  get(key: string): Thenable<string | undefined> {
    if (this.fail === 'get') return Promise.reject(new Error('keyring unavailable'));
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Thenable<void> {
    if (this.fail === 'store') return Promise.reject(new Error(`cannot write ${value}`)); // a careless store that echoes the value
    this.data.set(key, value);
    this.emit(key);
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    if (this.fail === 'delete') return Promise.reject(new Error('cannot delete'));
    this.data.delete(key);
    this.emit(key);
    return Promise.resolve();
  }
  onDidChange = (listener: Listener): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  emit(key: string): void {
    for (const l of this.listeners) l({ key });
  }
}

class FakeMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue?: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }
}

function setup(): { secrets: FakeSecrets; state: FakeMemento; backend: SecretStorageBackend } {
  const secrets = new FakeSecrets();
  const state = new FakeMemento();
  return { secrets, state, backend: new SecretStorageBackend(secrets, state) };
}

describe('SecretStorageBackend (against a fake SecretStorage)', () => {
  it('stores under token-custody/NAME, reads back, and has the id secretStorage', async () => {
    const { secrets, backend } = setup();
    const token = fakeToken();
    assert.equal(backend.id, 'secretStorage');
    await backend.set('GITHUB_TOKEN', token);
    assert.deepEqual([...secrets.data.keys()], ['token-custody/GITHUB_TOKEN']);
    assert.equal(await backend.get('GITHUB_TOKEN'), token);
    assert.equal(await backend.get('OTHER'), undefined);
  });

  it('keeps a sorted index of names (never values) in globalState for list()', async () => {
    const { state, backend } = setup();
    const token = fakeToken();
    await Promise.all([backend.set('b', token), backend.set('A', token), backend.set('c', token)]);
    assert.deepEqual(await backend.list(), ['A', 'b', 'c']);
    assert.deepEqual(state.data.get(SECRET_INDEX_KEY), ['A', 'b', 'c']);
    assert.ok(!JSON.stringify([...state.data.entries()]).includes(token));
    assert.equal(await backend.delete('b'), true);
    assert.equal(await backend.delete('b'), false);
    assert.deepEqual(await backend.list(), ['A', 'c']);
    assert.equal(await backend.get('b'), undefined);
  });

  it('ignores garbage in the index', async () => {
    const { state, backend } = setup();
    state.data.set(SECRET_INDEX_KEY, ['ok', 3, 'bad name', null]);
    assert.deepEqual(await backend.list(), ['ok']);
    state.data.set(SECRET_INDEX_KEY, 'not a list');
    assert.deepEqual(await backend.list(), []);
  });

  it('rejects invalid names and empty values', async () => {
    const { backend } = setup();
    await assert.rejects(backend.set('bad name', 'x'), TypeError);
    await assert.rejects(backend.get('a/b'), TypeError);
    await assert.rejects(backend.set('ok', ''), VaultError);
  });

  it('wraps storage failures in VaultError without the secret', async () => {
    const { secrets, backend } = setup();
    const token = fakeToken();
    secrets.fail = 'store';
    const err = await backend.set('X', token).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof VaultError);
    assert.ok(!err.message.includes(token), err.message);
    assert.match(err.message, /could not store "X"/);
    secrets.fail = 'get';
    await assert.rejects(backend.get('X'), VaultError);
  });

  it('reports changes made outside the adapter by name', async () => {
    const { secrets, backend } = setup();
    const seen: string[] = [];
    const sub = backend.onDidChangeName((n) => seen.push(n));
    secrets.emit('token-custody/GITHUB_TOKEN');
    secrets.emit('someone-else/KEY');
    sub?.dispose();
    secrets.emit('token-custody/LATER');
    assert.deepEqual(seen, ['GITHUB_TOKEN']);
  });

  it('is always available and works with moveToVault (store → verify → edit)', async () => {
    const { backend } = setup();
    assert.deepEqual(await backend.isAvailable(), { ok: true });
    const token = fakeToken();
    let text = `GITHUB_TOKEN=${token}`;
    const r = await moveToVault({ backend, name: 'GITHUB_TOKEN', secret: token, applyEdit: (ref) => void (text = text.replace(token, ref)) });
    assert.equal(r.status, 'moved');
    assert.equal(text, 'GITHUB_TOKEN=vscode-secret://token-custody/GITHUB_TOKEN');
    assert.equal(await backend.get('GITHUB_TOKEN'), token);
  });
});
