// Issue 11 item 5b: the custody state is folded one entry at a time (no refold of the whole log per
// change), the log read at start-up is folded in slices, and a token gets one `detected` entry per
// file: a line shift above it moves its place in memory and appends nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectedDetail, fileWhere, findingFields, terminalWhere, type CustodyEntry } from '../../../src/custody/log';
import { DetectionLedger } from '../../../src/custody/detections';
import { CustodyFold, foldCustody, foldInSlices } from '../../../src/custody/state';
import { fakeGithubToken, findingIn } from './fakes';
import type { Finding } from '../../../src/engine/types';

const URI = 'file:///w/big.env';

function tokens(n: number): { text: string; findings: Finding[] } {
  const secrets = Array.from({ length: n }, () => fakeGithubToken());
  const text = secrets.map((s, i) => `T${i}=${s}\n`).join('');
  return { text, findings: secrets.map((s) => findingIn(text, s)) };
}

function detectedEntries(findings: readonly Finding[], ts = '2026-12-05T03:00:00.000Z'): CustodyEntry[] {
  return findings.map((f) => ({ ts, event: 'detected', ...findingFields(f), where: fileWhere(URI, f.range, 'big.env'), detail: detectedDetail(f) }));
}

/** A finding's file range one line lower (a newline typed above it). */
function shifted(where: ReturnType<typeof fileWhere>, lines: number): ReturnType<typeof fileWhere> {
  const r = where.range!;
  return { ...where, range: { ...r, line: r.line + lines, endLine: r.endLine + lines } };
}

describe('custody: one detected entry per token and file (issue 11 item 5b)', () => {
  it('a newline typed above 2,500 tokens appends no entry; the places move to the new lines', () => {
    const { findings } = tokens(2500);
    const ledger = new DetectionLedger();
    const folder = new CustodyFold();
    const wheres = findings.map((f) => fileWhere(URI, f.range, 'big.env'));
    let appended = 0;
    const publish = (ws: ReturnType<typeof fileWhere>[]): void => {
      ws.forEach((where, i) => {
        const f = findings[i]!;
        const note = ledger.note(f.fingerprint, where);
        if (note === 'new') {
          appended++;
          folder.add({ ts: new Date().toISOString(), event: 'detected', ...findingFields(f), where, detail: detectedDetail(f) });
        } else if (note === 'moved') folder.relocate(f.fingerprint, where);
      });
    };
    publish(wheres);
    assert.equal(appended, 2500, 'the first publish records every token');
    publish(wheres.map((w) => shifted(w, 1)));
    publish(wheres.map((w) => shifted(w, 2)));
    assert.equal(appended, 2500, 'two line shifts append nothing (they appended 2 × 2,500 before)');
    const t = folder.tokens.get(findings[1234]!.fingerprint)!;
    assert.equal(t.seen.length, 1);
    assert.equal(t.seen[0]!.where.kind === 'file' && t.seen[0]!.where.range?.line, findings[1234]!.range.startLine + 1 + 2, 'the place opens at the current line');
    assert.equal(ledger.note(findings[0]!.fingerprint, shifted(wheres[0]!, 2)), 'known', 'the same range again changes nothing');
  });

  it('the same token in another file, or in a terminal place, is a new detection', () => {
    const [f] = tokens(1).findings;
    const ledger = new DetectionLedger();
    assert.equal(ledger.note(f!.fingerprint, fileWhere(URI, f!.range)), 'new');
    assert.equal(ledger.note(f!.fingerprint, fileWhere('file:///w/other.env', f!.range)), 'new');
    assert.equal(ledger.note(f!.fingerprint, terminalWhere('bash', 'output')), 'new');
    assert.equal(ledger.note(f!.fingerprint, terminalWhere('bash', 'output')), 'known');
    assert.equal(ledger.note(f!.fingerprint, terminalWhere('bash', 'paste')), 'new');
    assert.equal(ledger.size, 4);
  });

  it('an older log with one entry per line folds into one place per file, at the latest range', () => {
    const [f] = tokens(1).findings;
    const w = fileWhere(URI, f!.range, 'big.env');
    const entries = [0, 1, 2].map((k, i): CustodyEntry => ({ ts: `2026-12-05T03:00:0${i}.000Z`, event: 'detected', ...findingFields(f!), where: shifted(w, k) }));
    const t = foldCustody(entries).get(f!.fingerprint)!;
    assert.equal(t.seen.length, 1);
    assert.equal(t.seen[0]!.where.kind === 'file' && t.seen[0]!.where.range?.line, f!.range.startLine + 1 + 2);
    assert.equal(t.seen[0]!.firstSeen, '2026-12-05T03:00:00.000Z');
    assert.equal(t.seen[0]!.lastSeen, '2026-12-05T03:00:02.000Z');
    assert.equal(t.events, 3);
  });
});

describe('custody state: incremental fold (issue 11 item 5b)', () => {
  it('adding entries one by one gives the state of a fold of the whole log', () => {
    const { findings } = tokens(300);
    const entries = detectedEntries(findings);
    entries.push({ ts: '2026-12-05T03:01:00.000Z', event: 'ignored', ...findingFields(findings[3]!), detail: { how: 'everywhere' } });
    entries.push({ ts: '2026-12-05T03:02:00.000Z', event: 'revoked', ...findingFields(findings[4]!), detail: { result: 'revoked' } });
    entries.push({ ts: '2026-12-05T03:03:00.000Z', event: 'detected', ...findingFields(findings[4]!), where: terminalWhere('bash', 'output') });
    const folder = new CustodyFold();
    for (const e of entries) folder.add(e);
    assert.deepEqual([...folder.tokens.entries()], [...foldCustody(entries).entries()]);
    assert.equal(folder.tokens.get(findings[3]!.fingerprint)!.state, 'ignored');
    assert.equal(folder.tokens.get(findings[4]!.fingerprint)!.state, 'revoked');
    assert.equal(folder.tokens.get(findings[4]!.fingerprint)!.seen.length, 2);
  });

  it('compares canonical and other ISO times alike (firstSeen / lastSeen)', () => {
    const [f] = tokens(1).findings;
    const e = (ts: string): CustodyEntry => ({ ts, event: 'masked', ...findingFields(f!) });
    const t = foldCustody([e('2026-12-05T03:00:00.000Z'), e('2026-12-05T02:00:00+00:00'), e('2026-12-05T04:00:00.000+01:00'), e('2026-12-05T03:30:00.000Z')]).get(f!.fingerprint)!;
    assert.equal(t.firstSeen, '2026-12-05T02:00:00+00:00');
    assert.equal(t.lastSeen, '2026-12-05T03:30:00.000Z');
  });

  it('folds 100,000 log entries in slices of about 20 ms, catching up with entries added meanwhile', async () => {
    const { findings } = tokens(2000);
    const base = detectedEntries(findings);
    const entries: CustodyEntry[] = [];
    for (let k = 0; k < 50; k++) for (const e of base) entries.push({ ...e, where: { ...e.where!, uri: `file:///w/f${k}.env` } as CustodyEntry['where'] });
    assert.equal(entries.length, 100_000);
    const sliceMs: number[] = [];
    let yields = 0;
    const late: CustodyEntry = { ts: '2026-12-05T04:00:00.000Z', event: 'ignored', ...findingFields(findings[0]!), detail: { how: 'line' } };
    const t0 = performance.now();
    const folder = await foldInSlices(entries, {
      yieldNow: () => {
        // An entry recorded while the fold runs (the service pushes to the same array).
        if (++yields === 3) entries.push(late);
        return new Promise((r) => setImmediate(r));
      },
      sliceMs,
    });
    const total = performance.now() - t0;
    assert.equal(folder.count, 100_001);
    assert.equal(folder.tokens.size, 2000);
    assert.equal(folder.tokens.get(findings[0]!.fingerprint)!.state, 'ignored');
    assert.equal(folder.tokens.get(findings[1]!.fingerprint)!.seen.length, 50);
    const longest = Math.max(...sliceMs);
    console.log(`      fold of 100,000 entries: ${total.toFixed(0)} ms in ${sliceMs.length} slices, longest ${longest.toFixed(1)} ms`);
    assert.ok(sliceMs.length > 1, 'more than one slice');
  });

  it('each slice stops at its time budget (a clock that advances 1 ms per batch of 512 entries)', async () => {
    const { findings } = tokens(100);
    const entries = Array.from({ length: 300 }, () => detectedEntries(findings)).flat();
    let clock = 0;
    const sliceMs: number[] = [];
    const folder = await foldInSlices(entries, { yieldNow: () => Promise.resolve(), now: () => clock++, budgetMs: 20, sliceMs });
    assert.equal(folder.count, 30_000);
    // Each slice reads the clock once at its start, once per batch and once at its end.
    assert.ok(Math.max(...sliceMs) <= 22, JSON.stringify(sliceMs));
    assert.equal(sliceMs.length, 3, JSON.stringify(sliceMs));
  });
});
