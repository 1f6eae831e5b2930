import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustodyLog } from '../../../src/custody/logFile';
import { detectedDetail, fileWhere, findingFields, terminalWhere, type CustodyEntry } from '../../../src/custody/log';
import { CustodyFold, foldCustody, sortedTokens } from '../../../src/custody/state';
import { exportCustody, exportJsonLines, exportSarif, ExportGuardError } from '../../../src/custody/export';
import { fakeGithubToken, fakeNpmToken, findingIn } from './fakes';
import type { Finding } from '../../../src/engine/types';

let clock = Date.parse('2025-03-01T10:00:00.000Z');
const tick = (): string => new Date((clock += 60_000)).toISOString();

type Base = Pick<CustodyEntry, 'ts' | 'fingerprint' | 'redacted' | 'ruleId' | 'issuer' | 'owner' | 'workspace'>;

function base(f: Finding, extra: { owner?: string; workspace?: string } = {}): Base {
  return { ts: tick(), ...findingFields(f), ...extra };
}

function scenario(): { entries: CustodyEntry[]; a: Finding; b: Finding; c: Finding; d: Finding; tokens: string[] } {
  const ta = fakeGithubToken();
  const tb = fakeNpmToken();
  const tc = fakeGithubToken();
  const td = fakeGithubToken();
  const text = `A=${ta}\nB=${tb}\nC=${tc}\n🙂 D=${td}\n`;
  const a = findingIn(text, ta);
  const b = findingIn(text, tb, { ruleId: 'npm-access-token', issuer: 'npm', name: 'npm access token', severity: 'critical', kind: 'api-key' });
  const c = findingIn(text, tc);
  const d = findingIn(text, td, { machineIdentity: true });
  const cmd = `curl -H "Authorization: token ${tc}" https://api.github.com/user`;
  const entries: CustodyEntry[] = [
    { ...base(a, { owner: 'Platform', workspace: 'shop' }), event: 'detected', where: fileWhere('file:///w/shop/.env', a.range, '.env'), detail: detectedDetail(a) },
    { ...base(a, { workspace: 'shop' }), event: 'detected', where: fileWhere('file:///w/shop/.env', a.range, '.env') },
    { ...base(a), event: 'detected', where: terminalWhere('zsh', 'output') },
    { ...base(a), event: 'moved-to-keychain', detail: { reference: 'keychain://token-custody/GITHUB_TOKEN', backend: 'keychain' } },
    { ...base(b), event: 'detected', where: fileWhere('untitled:Untitled-1', b.range), detail: detectedDetail(b) },
    { ...base(b), event: 'revoked', detail: { result: 'failed', endpointHost: 'registry.npmjs.org', status: 503 } },
    { ...base(b), event: 'checked', detail: { result: 'live', endpointHost: 'registry.npmjs.org', expiresAt: '2025-04-01T00:00:00.000Z' } },
    { ...base(c), event: 'detected', where: terminalWhere('bash', 'command', { text: cmd, findings: [findingIn(cmd, tc)] }), detail: detectedDetail(c) },
    { ...base(c), event: 'revoked', detail: { result: 'revoked', endpointHost: 'api.github.com' } },
    { ...base(c), event: 'pasted-anyway', where: terminalWhere('bash', 'paste') },
    { ...base(d), event: 'detected', where: fileWhere('file:///w/shop/notes.md', d.range, 'notes.md'), detail: detectedDetail(d) },
    { ...base(d), event: 'ignored', detail: { how: 'everywhere', reason: 'test account' } },
    { ...base(a), event: 'masked' },
  ];
  return { entries, a, b, c, d, tokens: [ta, tb, tc, td] };
}

describe('custody state: folding', () => {
  it('a detected-more entry (a file with more tokens than are recorded one by one) is read back and names no token', async () => {
    const { entries, tokens } = scenario();
    const more: CustodyEntry = { ts: tick(), event: 'detected-more', fingerprint: '', redacted: '', ruleId: '', issuer: '', where: fileWhere('file:///w/dump.txt', undefined, 'dump.txt'), detail: { count: 340_000, recorded: 10_000 } };
    const folded = foldCustody([...entries, more]);
    assert.equal(folded.size, foldCustody(entries).size, 'no token for the count');
    assert.ok(!folded.has(''));
    const dir = await mkdtemp(join(tmpdir(), 'tc-more-'));
    try {
      const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
      assert.equal(await log.append(more), true);
      const { entries: back, skipped } = await log.readAll();
      assert.equal(skipped, 0, 'a valid entry (retention keeps it)');
      assert.deepEqual(back, [more]);
      for (const t of tokens) assert.ok(!JSON.stringify(back).includes(t));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('folds events into the latest state per fingerprint', () => {
    const { entries, a, b, c, d } = scenario();
    const tokens = foldCustody(entries);
    assert.equal(tokens.size, 4);
    const ta = tokens.get(a.fingerprint)!;
    assert.equal(ta.state, 'vaulted');
    assert.equal(ta.reference, 'keychain://token-custody/GITHUB_TOKEN');
    assert.equal(ta.owner, 'Platform');
    assert.deepEqual(ta.workspaces, ['shop']);
    assert.equal(ta.seen.length, 2, 'the same place twice is one place');
    assert.equal(ta.seen[0]!.firstSeen, entries[0]!.ts);
    assert.equal(ta.seen[0]!.lastSeen, entries[1]!.ts);
    assert.equal(ta.firstSeen, entries[0]!.ts);
    assert.equal(ta.lastSeen, entries[12]!.ts);
    assert.equal(ta.lastEvent, 'masked');
    assert.equal(ta.events, 5);
    assert.equal(ta.name, 'GitHub personal access token (classic)');

    const tb = tokens.get(b.fingerprint)!;
    assert.equal(tb.state, 'exposed', 'a failed revocation changes nothing');
    assert.deepEqual(tb.revocation, { result: 'failed', at: entries[5]!.ts, automatic: false, endpointHost: 'registry.npmjs.org' });
    assert.equal(tb.check?.result, 'live');
    assert.equal(tb.check?.expiresAt, '2025-04-01T00:00:00.000Z');

    const tc = tokens.get(c.fingerprint)!;
    assert.equal(tc.state, 'revoked', 'revoked is final, even when pasted later');
    assert.equal(tc.seen.length, 2);

    const td = tokens.get(d.fingerprint)!;
    assert.equal(td.state, 'ignored');
    assert.equal(td.ignored?.reason, 'test account');
    assert.equal(td.machineIdentity, true);
  });

  it('re-exposes a vaulted or ignored token seen again, and a vault overrides an ignore', () => {
    const { a } = scenario();
    const where = fileWhere('file:///w/x.txt', a.range, 'x.txt');
    const seq = (events: CustodyEntry[]): string => foldCustody(events).get(a.fingerprint)!.state;
    const vaulted = { ...base(a), event: 'moved-to-keychain', detail: { reference: 'vscode-secret://token-custody/A' } } as CustodyEntry;
    const again = { ...base(a), event: 'detected', where } as CustodyEntry;
    const ignored = { ...base(a), event: 'ignored', detail: { how: 'line' } } as CustodyEntry;
    const autoRevoked = { ...base(a), event: 'auto-revoked', detail: { result: 'already-invalid', policy: 'github' } } as CustodyEntry;
    assert.equal(seq([vaulted]), 'vaulted');
    assert.equal(seq([vaulted, again]), 'exposed');
    assert.equal(seq([ignored, again]), 'exposed');
    assert.equal(seq([ignored, vaulted]), 'vaulted');
    assert.equal(seq([vaulted, autoRevoked, again, ignored]), 'revoked');
    assert.equal(foldCustody([vaulted, autoRevoked]).get(a.fingerprint)!.revocation?.automatic, true);
  });

  it('folds one entry at a time to the same state as the whole log, reading in between', () => {
    const { entries } = scenario();
    const fold = new CustodyFold();
    for (let i = 0; i < entries.length; i++) {
      fold.add(entries[i]!);
      // A reader between two entries sees the fold of the prefix (the custody service folds on read).
      assert.deepEqual(fold.tokens, foldCustody(entries.slice(0, i + 1)), `after entry ${i}`);
    }
    assert.deepEqual(fold.tokens, foldCustody(entries));
  });

  it('sorts exposed first, most recent first', () => {
    const { entries } = scenario();
    const order = sortedTokens(foldCustody(entries).values()).map((t) => t.state);
    assert.deepEqual(order, ['exposed', 'vaulted', 'ignored', 'revoked']);
  });
});

describe('custody export', () => {
  it('exports the raw events as JSON Lines, in order, round-tripping through the log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tc-export-'));
    try {
      const { entries, tokens } = scenario();
      const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
      for (const e of entries) assert.ok(await log.append(e));
      const { entries: read } = await log.readAll();
      const out = exportJsonLines(read);
      assert.equal(out.trimEnd().split('\n').length, entries.length);
      assert.deepEqual(out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { event: string }).event), entries.map((e) => e.event));
      for (const t of tokens) assert.ok(!out.includes(t));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports tokens with their latest state as SARIF: physical locations for files, logical ones for terminals', () => {
    const { entries, a, b, c, tokens } = scenario();
    const log = exportSarif(entries, { toolVersion: '0.1.0' });
    const run = log.runs[0]!;
    assert.equal(log.version, '2.1.0');
    assert.equal(run.results.length, 4);
    assert.deepEqual(run.results.map((r) => r.properties.state), ['exposed', 'vaulted', 'ignored', 'revoked']);
    const byFp = new Map(run.results.map((r) => [r.partialFingerprints['tokenCustody/v1'], r]));
    const ra = byFp.get(a.fingerprint)!;
    assert.equal(ra.locations.length, 2);
    assert.deepEqual(ra.locations[0]!.physicalLocation, {
      artifactLocation: { uri: '.env', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 3, endLine: 1, endColumn: 3 + tokens[0]!.length },
    });
    assert.deepEqual(ra.locations[1]!.logicalLocations, [{ name: 'zsh', kind: 'terminal-output', fullyQualifiedName: 'terminal/zsh/output' }]);
    assert.equal(ra.properties.owner, 'Platform');
    assert.equal(ra.properties.reference, 'keychain://token-custody/GITHUB_TOKEN');
    const rb = byFp.get(b.fingerprint)!;
    assert.equal(rb.locations[0]!.physicalLocation, undefined, 'untitled buffers have no physical location');
    assert.equal(rb.level, 'error');
    const rc = byFp.get(c.fingerprint)!;
    assert.ok(rc.locations.every((l) => l.physicalLocation === undefined));
    assert.equal((rc.properties.terminalOccurrences as unknown[]).length, 2);
    assert.equal(run.tool.driver.rules.length, 2);
    const json = JSON.stringify(log);
    for (const t of tokens) assert.ok(!json.includes(t), 'the SARIF export contains a token');
  });

  it('the export guard refuses output that contains a known secret', () => {
    const { entries, a, tokens } = scenario();
    const leaky = [...entries, { ...base(a), event: 'ignored', detail: { how: 'everywhere', reason: `oops ${tokens[0]}` } } as CustodyEntry];
    assert.throws(() => exportCustody(leaky, { format: 'jsonl', sarif: { toolVersion: '0' }, knownSecrets: tokens }), ExportGuardError);
    assert.throws(() => exportCustody(leaky, { format: 'sarif', sarif: { toolVersion: '0' }, knownSecrets: tokens }), ExportGuardError);
    const ok = exportCustody(entries, { format: 'sarif', sarif: { toolVersion: '0' }, knownSecrets: tokens });
    assert.equal((JSON.parse(ok) as { version: string }).version, '2.1.0');
  });
});
