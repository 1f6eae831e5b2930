import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, appendFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustodyLog } from '../../../src/custody/logFile';
import {
  CustodyLogGuardError,
  detectedDetail,
  fileWhere,
  findingFields,
  parseEntry,
  serialiseEntry,
  terminalWhere,
  type CustodyEntry,
  type CustodyInput,
} from '../../../src/custody/log';
import { containsSecret, redactRanges } from '../../../src/custody/redact';
import { fakeGithubToken, fakeNpmToken, findingIn } from './fakes';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tc-custody-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function detected(token: string, ts?: string): CustodyInput {
  const text = `TOKEN=${token}`;
  const f = findingIn(text, token);
  const input: CustodyInput = { event: 'detected', ...findingFields(f), where: fileWhere('file:///w/.env', f.range, '.env'), detail: detectedDetail(f) };
  if (ts) input.ts = ts;
  return input;
}

describe('custody log: append and read', () => {
  it('creates the directory and appends entries in call order with a fixed key order', async () => {
    const log = new CustodyLog({ path: join(dir, 'nested', 'deeper', 'custody.jsonl'), now: () => new Date('2025-01-02T03:04:05.000Z') });
    const tokens = Array.from({ length: 20 }, () => fakeGithubToken());
    const results = await Promise.all(tokens.map((t) => log.append(detected(t))));
    assert.ok(results.every(Boolean));
    const { entries, skipped } = await log.readAll();
    assert.equal(skipped, 0);
    assert.equal(entries.length, 20);
    const text = await readFile(log.path, 'utf8');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 20);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first), ['ts', 'event', 'fingerprint', 'redacted', 'ruleId', 'issuer', 'where', 'detail']);
    assert.equal(first.ts, '2025-01-02T03:04:05.000Z');
    // call order is file order
    assert.deepEqual(entries.map((e) => e.fingerprint), tokens.map((t) => findingIn(t, t).fingerprint));
    for (const t of tokens) assert.ok(!text.includes(t), 'the log must never contain a token');
    if (process.platform !== 'win32') assert.equal((await stat(log.path)).mode & 0o077, 0, 'the log is private to the user');
  });

  it('stores file places 1-based and terminal command lines redacted', async () => {
    const token = fakeNpmToken();
    const cmd = `npm config set //registry.npmjs.org/:_authToken ${token} && echo ok`;
    const f = findingIn(cmd, token, { ruleId: 'npm-access-token', issuer: 'npm' });
    const where = terminalWhere('bash', 'command', { text: cmd, findings: [f] });
    assert.equal(where.command, cmd.replace(token, f.redacted));
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    assert.ok(await log.append({ event: 'detected', ...findingFields(f), where }, { secrets: [f.secret] }));
    const fw = fileWhere('file:///w/a.env', { startLine: 0, startCol: 4, endLine: 0, endCol: 44 }, 'sub\\a.env');
    assert.deepEqual(fw, { kind: 'file', uri: 'file:///w/a.env', path: 'sub/a.env', range: { line: 1, col: 5, endLine: 1, endCol: 45 } });
    const { entries } = await log.readAll();
    assert.deepEqual(entries[0]?.where, where);
  });

  it('removeEntries (Clear Custody History) rewrites the log without the selected entries, keeping the others and unreadable lines', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    const mine = Array.from({ length: 5 }, () => fakeGithubToken());
    const theirs = Array.from({ length: 3 }, () => fakeGithubToken());
    await log.appendMany([...mine.map((t) => ({ ...detected(t), workspace: 'mine' })), ...theirs.map((t) => ({ ...detected(t), workspace: 'theirs' }))]);
    await appendFile(log.path, 'not an entry\n');
    assert.equal(await log.removeEntries((e) => e.workspace === 'mine'), 5);
    const { entries, skipped } = await log.readAll();
    assert.deepEqual(entries.map((e) => e.workspace), ['theirs', 'theirs', 'theirs']);
    assert.equal(skipped, 1, 'a line that is not an entry is left as it was');
    assert.equal(await log.removeEntries((e) => e.workspace === 'mine'), 0);
    if (process.platform !== 'win32') assert.equal((await stat(log.path)).mode & 0o077, 0, 'the rewritten log is private to the user');
    assert.equal((await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock')).length, 0, 'no temp file or lock left');
    assert.equal(await log.append({ ...detected(fakeGithubToken()), workspace: 'mine' }), true, 'appends go on after a clear');
    assert.equal((await log.readAll()).entries.length, 4);
  });

  it('reads a missing file as empty', async () => {
    const log = new CustodyLog({ path: join(dir, 'none', 'c.jsonl') });
    assert.deepEqual(await log.readAll(), { entries: [], skipped: 0 });
  });

  it('skips a garbage line in the middle and a truncated last line, keeping the rest', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    await log.append(detected(fakeGithubToken()));
    await log.append(detected(fakeGithubToken()));
    await appendFile(log.path, 'garbage {not json\n{"ts":"2025-01-01T00:00:00Z","event":"exploded","fingerprint":"x","redacted":"x","ruleId":"r","issuer":"i"}\n');
    await log.append(detected(fakeGithubToken()));
    const full = serialiseEntry({ ts: '2025-01-01T00:00:00.000Z', ...(detected(fakeGithubToken()) as Omit<CustodyEntry, 'ts'>) } as CustodyEntry);
    await appendFile(log.path, full.slice(0, full.length - 17)); // crash mid-write: no newline
    const { entries, skipped } = await log.readAll();
    assert.equal(entries.length, 3);
    assert.equal(skipped, 3);
  });

  it('starts a new line after a truncated tail so the next entry survives', async () => {
    const path = join(dir, 'c.jsonl');
    const good = new CustodyLog({ path });
    await good.append(detected(fakeGithubToken()));
    await appendFile(path, '{"ts":"2025-01-01T00:00:00Z","event":"detec');
    const next = new CustodyLog({ path }); // a new session
    assert.ok(await next.append(detected(fakeGithubToken())));
    assert.ok(await next.append(detected(fakeGithubToken())));
    const { entries, skipped } = await next.readAll();
    assert.equal(entries.length, 3);
    assert.equal(skipped, 1);
  });

  it('never rejects on an I/O error; reports it instead', async () => {
    const errors: Error[] = [];
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const log = new CustodyLog({ path: join(blocker, 'sub', 'c.jsonl'), onError: (e) => errors.push(e) });
    assert.equal(await log.append(detected(fakeGithubToken())), false);
    assert.equal(errors.length, 1);
    // the queue keeps working after a failure
    const ok = new CustodyLog({ path: join(dir, 'ok.jsonl') });
    assert.ok(await ok.append(detected(fakeGithubToken())));
  });

  it('notifies listeners of written entries', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    const seen: string[] = [];
    const sub = log.onAppend((e) => seen.push(e.event));
    await log.append(detected(fakeGithubToken()));
    sub.dispose();
    await log.append(detected(fakeGithubToken()));
    assert.deepEqual(seen, ['detected']);
  });
});

describe('custody log: the no-secret guard', () => {
  it('refuses an entry that contains the finding secret, in any field', async () => {
    const errors: Error[] = [];
    const log = new CustodyLog({ path: join(dir, 'c.jsonl'), onError: (e) => errors.push(e) });
    const token = fakeGithubToken();
    const f = findingIn(`x ${token}`, token);
    const leaky: CustodyInput = { event: 'detected', ...findingFields(f), where: { kind: 'terminal', terminal: 'zsh', place: 'command', command: `echo ${token}` } };
    assert.equal(await log.append(leaky, { secrets: [f.secret] }), false);
    assert.equal(await log.append({ event: 'checked', ...findingFields(f), detail: { result: 'error', message: `bad token ${token}` } }, { secrets: [token] }), false);
    assert.equal(errors.length, 2);
    assert.ok(errors[0] instanceof CustodyLogGuardError);
    assert.ok(!errors[0].message.includes(token), 'the refusal message does not carry the token');
    assert.ok(errors[0].message.includes(f.fingerprint));
    const { entries } = await log.readAll();
    assert.equal(entries.length, 0);
    // a clean entry for the same finding is written
    assert.equal(await log.append({ event: 'masked', ...findingFields(f) }, { secrets: [f.secret] }), true);
  });

  it('uses the log-wide known-secrets provider and sees JSON-escaped secrets', async () => {
    const secret = 'pa"ss\\word-' + fakeGithubToken().slice(4, 20);
    const log = new CustodyLog({ path: join(dir, 'c.jsonl'), knownSecrets: () => [secret, undefined] });
    const token = fakeGithubToken();
    const f = findingIn(token, token);
    assert.equal(await log.append({ event: 'ignored', ...findingFields(f), detail: { how: 'everywhere', reason: `was ${secret}` } }), false);
    assert.equal(await log.append({ event: 'ignored', ...findingFields(f), detail: { how: 'everywhere', reason: 'test fixture' } }), true);
  });

  it('containsSecret ignores very short strings', () => {
    assert.equal(containsSecret('abc', ['abc']), false);
    assert.equal(containsSecret('xx abcdefgh yy', ['abcdefgh']), true);
  });
});

describe('custody log: retention', () => {
  it('keeps entries inside the window, drops old and corrupt lines, atomically', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    const now = new Date('2025-06-30T12:00:00.000Z');
    await log.append(detected(fakeGithubToken(), '2025-01-01T00:00:00.000Z')); // old
    await log.append(detected(fakeGithubToken(), '2025-06-01T00:00:00.000Z')); // 29.5 days
    await appendFile(log.path, 'not json\n');
    await log.append(detected(fakeGithubToken(), '2025-06-29T00:00:00.000Z'));
    await appendFile(log.path, '{"ts":"2025-06-30T00:00:00Z","event":"det'); // truncated
    const result = await log.applyRetention(30, now);
    assert.deepEqual(result, { kept: 2, dropped: 1, corrupt: 2, rewritten: true });
    const { entries, skipped } = await log.readAll();
    assert.equal(skipped, 0);
    assert.deepEqual(entries.map((e) => e.ts), ['2025-06-01T00:00:00.000Z', '2025-06-29T00:00:00.000Z']);
    assert.deepEqual((await readdir(dir)).sort(), ['c.jsonl'], 'no temp file is left behind');
    assert.ok((await readFile(log.path, 'utf8')).endsWith('\n'));
    // appends after retention still land on their own line
    await log.append(detected(fakeGithubToken()));
    assert.equal((await log.readAll()).entries.length, 3);
  });

  it('does not rewrite when nothing is dropped, and 0 days keeps everything', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    await log.append(detected(fakeGithubToken(), '2020-01-01T00:00:00.000Z'));
    const before = await stat(log.path);
    assert.deepEqual(await log.applyRetention(0, new Date('2025-01-01T00:00:00Z')), { kept: 1, dropped: 0, corrupt: 0, rewritten: false });
    assert.deepEqual(await log.applyRetention(90, new Date('2020-01-02T00:00:00Z')), { kept: 1, dropped: 0, corrupt: 0, rewritten: false });
    assert.equal((await stat(log.path)).ino, before.ino);
    assert.deepEqual(await new CustodyLog({ path: join(dir, 'missing.jsonl') }).applyRetention(90), { kept: 0, dropped: 0, corrupt: 0, rewritten: false });
  });

  it('serialises retention with concurrent appends', async () => {
    const log = new CustodyLog({ path: join(dir, 'c.jsonl') });
    await log.append(detected(fakeGithubToken(), '2000-01-01T00:00:00.000Z'));
    const pending = [log.append(detected(fakeGithubToken())), log.applyRetention(30), log.append(detected(fakeGithubToken()))];
    await Promise.all(pending);
    const { entries } = await log.readAll();
    assert.equal(entries.length, 2);
  });
});

describe('custody: entries and redaction helpers', () => {
  it('parseEntry rejects malformed entries', () => {
    assert.equal(parseEntry('[]'), undefined);
    assert.equal(parseEntry('{"ts":"nope","event":"detected","fingerprint":"f","redacted":"r","ruleId":"x","issuer":"y"}'), undefined);
    assert.equal(parseEntry('{"ts":"2025-01-01T00:00:00Z","event":"detected","fingerprint":1,"redacted":"r","ruleId":"x","issuer":"y"}'), undefined);
    assert.equal(parseEntry('{"ts":"2025-01-01T00:00:00Z","event":"detected","fingerprint":"f","redacted":"r","ruleId":"x","issuer":"y","where":{"kind":"moon"}}'), undefined);
    assert.ok(parseEntry('{"ts":"2025-01-01T00:00:00Z","event":"detected","fingerprint":"f","redacted":"r","ruleId":"x","issuer":"y"}'));
  });

  it('redactRanges replaces each range, merging overlaps, from any order', () => {
    const a = fakeGithubToken();
    const b = fakeNpmToken();
    const text = `gh auth ${a} && npm ${b} done`;
    const fa = findingIn(text, a);
    const fb = findingIn(text, b);
    assert.equal(redactRanges(text, [fb, fa]), `gh auth ${fa.redacted} && npm ${fb.redacted} done`);
    const overlap = { range: { start: fa.range.start + 3, end: fa.range.end + 2 }, redacted: '[x]' };
    assert.equal(redactRanges(text, [fa, overlap]), `gh auth ${fa.redacted}& npm ${b} done`);
    assert.equal(redactRanges(text, []), text);
    assert.equal(redactRanges('abc', [{ range: { start: 1, end: 99 }, redacted: '•' }]), 'a•');
  });
});
