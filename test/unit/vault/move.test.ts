import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type MoveResult, type MoveToVaultOptions, moveToVault } from '../../../src/vault/move';
import { MemoryBackend, type FakeFault, fakeToken } from './fake-backend';

interface Harness {
  backend: MemoryBackend;
  buffer: { text: string };
  logs: unknown[];
  token: string;
  run(extra?: Partial<MoveToVaultOptions> & { editFault?: 'throw' | 'false'; logFault?: boolean }): Promise<MoveResult>;
}

function harness(faults: FakeFault[] = []): Harness {
  const backend = new MemoryBackend();
  for (const f of faults) backend.faults.add(f);
  const token = fakeToken();
  const buffer = { text: `GITHUB_TOKEN=${token}\n` };
  const logs: unknown[] = [];
  return {
    backend, buffer, logs, token,
    run: (extra = {}) => moveToVault({
      backend, name: 'GITHUB_TOKEN', secret: token,
      applyEdit: (reference) => {
        if (extra.editFault === 'throw') throw new Error('document changed');
        if (extra.editFault === 'false') return false;
        buffer.text = buffer.text.replace(token, reference);
        return true;
      },
      log: (entry) => {
        if (extra.logFault) throw new Error('disk full');
        logs.push(entry);
      },
      ...extra,
    }),
  };
}

/** The invariant: the token is in the buffer, or verified in the store. Never in a message. */
function assertNothingLost(h: Harness, r: MoveResult): void {
  const inBuffer = h.buffer.text.includes(h.token);
  const inStore = h.backend.store.get('GITHUB_TOKEN') === h.token;
  assert.ok(inBuffer || inStore, `token lost (result ${r.status})`);
  assert.ok(!JSON.stringify(r).includes(h.token), 'the result never carries the token');
  assert.ok(!JSON.stringify(r).includes(h.token.slice(4)), 'not even without its prefix');
}

void describe('moveToVault: store → verify → replace', () => {
  void it('moves the token and logs, with one edit', async () => {
    const h = harness();
    const r = await h.run();
    assert.equal(r.status, 'moved');
    assert.equal(h.buffer.text, 'GITHUB_TOKEN=keychain://token-custody/GITHUB_TOKEN\n');
    assert.equal(h.backend.store.get('GITHUB_TOKEN'), h.token);
    assert.equal(h.logs.length, 1);
    assert.ok(!JSON.stringify(h.logs).includes(h.token));
    assert.deepEqual(h.backend.calls, ['get GITHUB_TOKEN', 'set GITHUB_TOKEN', 'get GITHUB_TOKEN']);
    assertNothingLost(h, r);
  });

  void it('uses the vscode-secret scheme for SecretStorage', async () => {
    const backend = new MemoryBackend('secretStorage');
    let ref = '';
    const r = await moveToVault({ backend, name: 'X', secret: fakeToken(), applyEdit: (reference) => { ref = reference; } });
    assert.equal(r.status, 'moved');
    assert.equal(ref, 'vscode-secret://token-custody/X');
  });

  void it('fault when checking the name: nothing stored, buffer unchanged', async () => {
    const h = harness(['get']);
    const r = await h.run();
    assert.equal(r.status, 'failed');
    assert.equal(r.status === 'failed' && r.step, 'check');
    assert.ok(h.buffer.text.includes(h.token));
    assert.equal(h.backend.store.size, 0);
    assertNothingLost(h, r);
  });

  void it('fault when storing: buffer keeps the token, the leaked value is scrubbed from the message', async () => {
    const h = harness(['set']);
    const r = await h.run();
    assert.ok(r.status === 'failed' && r.step === 'store' && r.tokenIn === 'buffer');
    assert.match(r.message, /still in the file/);
    assert.ok(!/still in the file/.test(r.cause), 'the cause says what failed, not where the token is (callers without a file word that themselves)');
    assert.ok(r.message.startsWith(r.cause));
    assert.ok(h.buffer.text.includes(h.token));
    assertNothingLost(h, r);
  });

  void it('fault when reading back: no edit', async () => {
    const h = harness(['get-after-set']);
    const r = await h.run();
    assert.ok(r.status === 'failed' && r.step === 'verify');
    assert.ok(h.buffer.text.includes(h.token));
    assertNothingLost(h, r);
  });

  void it('read-back mismatch: no edit', async () => {
    const h = harness(['set-corrupt']);
    const r = await h.run();
    assert.ok(r.status === 'failed' && r.step === 'verify');
    assert.match(r.message, /different value/);
    assert.ok(h.buffer.text.includes(h.token));
    assertNothingLost(h, r);
  });

  for (const editFault of ['throw', 'false'] as const) {
    void it(`edit fails (${editFault}): buffer keeps the token and the store holds it`, async () => {
      const h = harness();
      const r = await h.run({ editFault });
      assert.ok(r.status === 'failed' && r.step === 'edit' && r.tokenIn === 'buffer-and-store');
      assert.match(r.message, /stored and verified.*still in the file/s);
      assert.ok(h.buffer.text.includes(h.token));
      assert.equal(h.backend.store.get('GITHUB_TOKEN'), h.token);
      assertNothingLost(h, r);
    });
  }

  void it('log fails: still moved, the error is reported', async () => {
    const h = harness();
    const r = await h.run({ logFault: true });
    assert.ok(r.status === 'moved' && r.logError?.includes('disk full'));
    assert.equal(h.backend.store.get('GITHUB_TOKEN'), h.token);
    assertNothingLost(h, r);
  });

  void it('a different value under the name is a conflict: nothing changes', async () => {
    const h = harness();
    const other = fakeToken();
    h.backend.store.set('GITHUB_TOKEN', other);
    const r = await h.run();
    assert.equal(r.status, 'conflict');
    assert.equal(h.backend.store.get('GITHUB_TOKEN'), other);
    assert.ok(h.buffer.text.includes(h.token));
    assert.ok(!JSON.stringify(r).includes(other));
  });

  void it('conflict with onConflict: cancel keeps everything, overwrite moves', async () => {
    const h = harness();
    const other = fakeToken();
    h.backend.store.set('GITHUB_TOKEN', other);
    const cancelled = await h.run({ onConflict: () => 'cancel' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(h.backend.store.get('GITHUB_TOKEN'), other);
    const moved = await h.run({ onConflict: () => 'overwrite' });
    assert.ok(moved.status === 'moved' && moved.overwritten);
    assert.equal(h.backend.store.get('GITHUB_TOKEN'), h.token);
    assertNothingLost(h, moved);
  });

  void it('the same value already stored: no write, still verified and moved', async () => {
    const h = harness();
    h.backend.store.set('GITHUB_TOKEN', h.token);
    const r = await h.run();
    assert.ok(r.status === 'moved' && r.alreadyStored);
    assert.ok(!h.backend.calls.includes('set GITHUB_TOKEN'));
  });

  void it('an invalid name fails before touching the store', async () => {
    const h = harness();
    const r = await moveToVault({ backend: h.backend, name: 'bad name', secret: h.token, applyEdit: () => true });
    assert.ok(r.status === 'failed' && r.step === 'check');
    assert.deepEqual(h.backend.calls, []);
  });
});
