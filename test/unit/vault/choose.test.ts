import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Availability } from '../../../src/vault/backend';
import { describeMachine, type FallbackAnswer, machineOf, type PickBackendDeps, pickBackend, suggestName, validateName } from '../../../src/vault/choose';

function deps(over: Partial<PickBackendDeps> & { avail?: Availability; answer?: FallbackAnswer }): PickBackendDeps & { probes: number; offers: string[]; refusals: string[] } {
  const d = {
    probes: 0,
    offers: [] as string[],
    refusals: [] as string[],
    setting: 'auto' as const,
    purpose: 'move' as const,
    keychainLabel: 'Secret Service (secret-tool)',
    keychainAvailable: (): Promise<Availability> => {
      d.probes++;
      return Promise.resolve(over.avail ?? { ok: true });
    },
    offerFallback: (message: string): Promise<FallbackAnswer> => {
      d.offers.push(message);
      return Promise.resolve(over.answer);
    },
    refuse: (message: string): void => void d.refusals.push(message),
    ...over,
  };
  return d;
}

const missing: Availability = { ok: false, reason: 'missing', message: 'no Secret Service is reachable on the D-Bus session bus.' };

describe('pickBackend', () => {
  it('names the machine whose keychain was tried; in a remote window, says SecretStorage stays on the local computer', async () => {
    const details: string[] = [];
    const remote = deps({ avail: missing, machine: machineOf('ssh-remote', 'build-01'), offerFallback: (m, detail) => (details.push(m, detail), Promise.resolve(undefined)) });
    assert.equal(await pickBackend(remote), undefined);
    assert.match(details[0]!, /can't use the OS keychain: Secret Service \(secret-tool\) on the SSH host "build-01" is not usable: no Secret Service/);
    assert.match(details[1]!, /connected to the SSH host "build-01": the OS keychain tried is that machine's, while VS Code SecretStorage is kept by VS Code on the computer you work at/);
    const local: string[] = [];
    await pickBackend(deps({ avail: missing, machine: machineOf(undefined, 'laptop'), offerFallback: (m, detail) => (local.push(m, detail), Promise.resolve(undefined)) }));
    assert.match(local[0]!, /on this computer \("laptop"\) is not usable/);
    assert.doesNotMatch(local[1]!, /connected to/);
    const refused = deps({ avail: missing, purpose: 'terminal-paste', machine: machineOf('wsl', 'DESKTOP-1') });
    await pickBackend(refused);
    assert.match(refused.refusals[0]!, /on the WSL distribution on "DESKTOP-1" is not usable/);
  });

  it('describes each kind of remote window', () => {
    assert.equal(describeMachine(machineOf('dev-container', 'c0ffee')), 'the container "c0ffee"');
    assert.equal(describeMachine(machineOf('codespaces', 'cs-1')), 'the codespace "cs-1"');
    assert.equal(describeMachine(machineOf('tunnel', 'box')), 'the tunnel\'s remote machine "box"');
    assert.equal(describeMachine(machineOf('k8s-container', 'pod-1')), 'the remote machine "pod-1" (k8s-container)');
    assert.equal(describeMachine(machineOf(undefined, 'h'), (m, ...a) => `<${m}>${a.join()}`), '<this computer ("{0}")>h');
  });

  it('auto: the OS keychain when usable, without asking', async () => {
    const d = deps({});
    assert.deepEqual(await pickBackend(d), { backend: 'keychain' });
    assert.equal(d.offers.length, 0);
  });

  it('auto with no keychain: offers SecretStorage with the reason; never falls back silently', async () => {
    const cancelled = deps({ avail: missing, answer: undefined });
    assert.equal(await pickBackend(cancelled), undefined);
    assert.equal(cancelled.offers.length, 1);
    assert.match(cancelled.offers[0] ?? '', /can't use the OS keychain: Secret Service \(secret-tool\) is not usable: no Secret Service/);
    assert.deepEqual(await pickBackend(deps({ avail: missing, answer: 'secretStorage' })), { backend: 'secretStorage' });
    assert.deepEqual(await pickBackend(deps({ avail: missing, answer: 'always' })), { backend: 'secretStorage', remember: true });
  });

  it('keychain setting with a locked keychain: says the setting asked for it, still offers the fallback', async () => {
    const d = deps({ setting: 'keychain', avail: { ok: false, reason: 'locked', message: 'the keyring is locked' }, answer: 'secretStorage' });
    assert.deepEqual(await pickBackend(d), { backend: 'secretStorage' });
    assert.match(d.offers[0] ?? '', /tokenCustody\.vault\.backend is "keychain"/);
  });

  it('secretStorage setting: no keychain probe for a move or an editor paste', async () => {
    for (const purpose of ['move', 'editor-paste'] as const) {
      const d = deps({ setting: 'secretStorage', purpose });
      assert.deepEqual(await pickBackend(d), { backend: 'secretStorage' });
      assert.equal(d.probes, 0);
    }
  });

  it('terminal paste prefers the keychain (the shell can resolve it) and refuses without one', async () => {
    const withKeychain = await pickBackend(deps({ setting: 'secretStorage', purpose: 'terminal-paste' }));
    assert.equal(withKeychain?.backend, 'keychain');
    assert.match(withKeychain?.note ?? '', /shell cannot read VS Code SecretStorage/);
    const d = deps({ purpose: 'terminal-paste', avail: missing, answer: 'secretStorage' });
    assert.equal(await pickBackend(d), undefined);
    assert.equal(d.offers.length, 0);
    assert.match(d.refusals[0] ?? '', /Nothing was pasted or stored/);
  });
});

describe('suggestName', () => {
  const store = new Map<string, string>([['GITHUB_TOKEN', 'old-value'], ['GITHUB_TOKEN-2', 'same'], ['npm', 'x']]);
  const get = (n: string): Promise<string | undefined> => Promise.resolve(store.get(n));
  const taken = [...store.keys()];

  it('keeps a free base name', async () => {
    assert.equal(await suggestName({ base: 'SLACK_TOKEN', secret: 's', taken, get }), 'SLACK_TOKEN');
  });
  it('reuses a name that already holds the same secret', async () => {
    assert.equal(await suggestName({ base: 'GITHUB_TOKEN', secret: 'same', taken, get }), 'GITHUB_TOKEN-2');
    assert.equal(await suggestName({ base: 'GITHUB_TOKEN', secret: 'old-value', taken, get }), 'GITHUB_TOKEN');
  });
  it('numbers past names holding other secrets, case-insensitively', async () => {
    assert.equal(await suggestName({ base: 'GITHUB_TOKEN', secret: 'new', taken, get }), 'GITHUB_TOKEN-3');
    assert.equal(await suggestName({ base: 'NPM', secret: 'new', taken, get }), 'NPM-2');
  });
  it('sanitises an invalid base and treats unreadable names as taken', async () => {
    assert.equal(await suggestName({ base: 'my token!', secret: 's', taken: [], get }), 'my_token');
    const failing = (): Promise<string | undefined> => Promise.reject(new Error('locked'));
    assert.equal(await suggestName({ base: 'A', secret: 's', taken: ['A'], get: failing }), 'A-2');
  });
});

describe('validateName', () => {
  it('accepts [A-Za-z0-9_.-]+ and explains anything else', () => {
    assert.equal(validateName('GITHUB_TOKEN.prod-1'), undefined);
    assert.match(validateName('') ?? '', /Enter a name/);
    assert.match(validateName('a b') ?? '', /letters/);
    assert.match(validateName('x'.repeat(129)) ?? '', /At most 128/);
  });
});
