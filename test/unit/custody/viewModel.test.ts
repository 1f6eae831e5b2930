import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectedDetail, fileWhere, findingFields, terminalWhere, type CustodyEntry, type CustodyWhere } from '../../../src/custody/log';
import { parseOwners } from '../../../src/custody/owners';
import { CustodyFold, foldCustody, type TokenCustody } from '../../../src/custody/state';
import { ageLabel, contextValue, exposedCount, GROUP_PAGE, groupTokens, moreRow, pageOf, placeRow, showMoreRow, tokenRow, tokenTooltip, visibleMore, visibleTokens, type ViewToken } from '../../../src/custody/viewModel';
import type { Finding } from '../../../src/engine/types';
import { fakeGithubToken, fakeNpmToken, findingIn } from './fakes';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const minutesAgo = (m: number): string => new Date(NOW.getTime() - m * 60_000).toISOString();

function detectedEntry(f: Finding, ts: string, where: CustodyWhere = fileWhere('file:///w/.env', f.range, '.env'), workspace = 'w'): CustodyEntry {
  return { event: 'detected', ts, ...findingFields(f), workspace, where, detail: detectedDetail(f) };
}

function fold(entries: CustodyEntry[]): TokenCustody[] {
  return [...foldCustody(entries).values()];
}

function tokenFor(secret: string, overrides: Partial<Finding> = {}): Finding {
  return findingIn(`TOKEN=${secret}\n`, secret, overrides);
}

describe('custody view model: which tokens, in which groups', () => {
  it('lists tokens of this workspace and of this window, not those of other workspaces', () => {
    const a = tokenFor(fakeGithubToken());
    const b = tokenFor(fakeGithubToken());
    const c = tokenFor(fakeGithubToken());
    const [ta, tb, tc] = fold([detectedEntry(a, minutesAgo(3)), detectedEntry(b, minutesAgo(2), undefined, 'other'), detectedEntry(c, minutesAgo(1), undefined, 'other')]).sort((x, y) => x.firstSeen.localeCompare(y.firstSeen));
    const tokens: ViewToken[] = [{ custody: ta! }, { custody: tb! }, { custody: tc!, finding: c }];
    const shown = visibleTokens(tokens, 'w').map((t) => t.custody.fingerprint);
    assert.deepEqual(shown.sort(), [a.fingerprint, c.fingerprint].sort());
    // no folder open: tokens recorded without a workspace, plus this window's
    assert.deepEqual(visibleTokens(tokens, undefined).map((t) => t.custody.fingerprint), [c.fingerprint]);
  });

  it('groups exposed → vaulted → revoked → ignored, most recent first, and skips empty groups', () => {
    const f = Array.from({ length: 5 }, () => tokenFor(fakeGithubToken()));
    const entries: CustodyEntry[] = f.map((x, i) => detectedEntry(x, minutesAgo(50 - i)));
    entries.push({ event: 'moved-to-keychain', ts: minutesAgo(10), ...findingFields(f[1]!), detail: { reference: 'keychain://token-custody/A' } });
    entries.push({ event: 'revoked', ts: minutesAgo(9), ...findingFields(f[2]!), detail: { result: 'revoked', endpointHost: 'api.github.com' } });
    entries.push({ event: 'ignored', ts: minutesAgo(8), ...findingFields(f[3]!), detail: { how: 'everywhere' } });
    entries.push({ event: 'revoked', ts: minutesAgo(7), ...findingFields(f[4]!), detail: { result: 'failed', message: 'HTTP 503' } });
    const groups = groupTokens(fold(entries).map((custody) => ({ custody })));
    assert.deepEqual(groups.map((g) => g.state), ['exposed', 'vaulted', 'revoked', 'ignored']);
    assert.deepEqual(groups[0]!.tokens.map((t) => t.custody.fingerprint), [f[4]!.fingerprint, f[0]!.fingerprint], 'failed revocation stays exposed; newest first');
    assert.equal(groups[1]!.tokens[0]!.custody.fingerprint, f[1]!.fingerprint);
    assert.equal(groups[2]!.tokens[0]!.custody.fingerprint, f[2]!.fingerprint);
    assert.equal(groups[3]!.tokens[0]!.custody.fingerprint, f[3]!.fingerprint);
    assert.equal(exposedCount(groups.flatMap((g) => g.tokens)), 2);
    assert.deepEqual(groupTokens([]), []);
  });
});

describe('custody view model: rows', () => {
  it('a token row names issuer, owner, age; the tooltip holds the classification and never the token', () => {
    const secret = fakeGithubToken();
    const f = tokenFor(secret);
    const [t] = fold([detectedEntry(f, minutesAgo(30)), detectedEntry(f, minutesAgo(3), fileWhere('file:///w/b.txt', f.range, 'b.txt'))]);
    const owners = parseOwners({ github: { team: 'Platform', contact: '#platform' } }).owners;
    const row = tokenRow({ custody: t!, finding: f }, owners, NOW);
    assert.equal(row.label, f.redacted);
    assert.equal(row.description, 'GitHub · Platform (#platform) · seen 3 minutes ago');
    const tooltip = tokenTooltip({ custody: t!, finding: f }, owners, NOW);
    assert.match(tooltip, /Personal access token · human · CLI-issued · no known expiry/);
    assert.match(tooltip, /Seen in 2 places/);
    assert.ok(tooltip.includes(f.fingerprint));
    assert.ok(tooltip.includes('Owner: Platform'));
    for (const text of [row.label, row.description, tooltip]) assert.ok(!text.includes(secret), 'no raw token in the row');
    assert.equal(row.icon, 'warning');
  });

  it('falls back to the owner recorded in the log when settings name none', () => {
    const f = tokenFor(fakeNpmToken(), { ruleId: 'npm-access-token', issuer: 'npm', name: 'npm access token' });
    const [t] = fold([{ ...detectedEntry(f, minutesAgo(1)), owner: 'Registry team' }]);
    assert.match(tokenRow({ custody: t! }, new Map(), NOW).description, /Registry team/);
  });

  it('actions that need the secret appear only for tokens known in this window; none after revocation', () => {
    const f = tokenFor(fakeGithubToken());
    const [t] = fold([detectedEntry(f, minutesAgo(1))]);
    assert.equal(tokenRow({ custody: t!, finding: f }, new Map(), NOW).contextValue, 'tcToken canRevoke canCheck canIgnore');
    assert.equal(tokenRow({ custody: t! }, new Map(), NOW).contextValue, 'tcToken canIgnore');
    const [revoked] = fold([detectedEntry(f, minutesAgo(2)), { event: 'revoked', ts: minutesAgo(1), ...findingFields(f), detail: { result: 'revoked' } }]);
    assert.equal(tokenRow({ custody: revoked!, finding: f }, new Map(), NOW).contextValue, 'tcToken');
    const [ignored] = fold([detectedEntry(f, minutesAgo(2)), { event: 'ignored', ts: minutesAgo(1), ...findingFields(f), detail: { how: 'everywhere' } }]);
    assert.equal(tokenRow({ custody: ignored!, finding: f }, new Map(), NOW).contextValue, 'tcToken canRevoke canCheck');
  });

  it('place rows: a file place opens at its 0-based range and can be moved; a terminal place cannot', () => {
    const text = 'a\nTOKEN=' + fakeGithubToken() + '\n';
    const secret = text.slice(8, -1);
    const f = findingIn(text, secret);
    const term = terminalWhere('bash', 'command', { text: `export T=${secret}`, findings: [{ range: { start: 9, end: 9 + secret.length }, redacted: f.redacted }] });
    const [t] = fold([detectedEntry(f, minutesAgo(5), fileWhere('file:///w/sub/.env', f.range, 'sub/.env')), detectedEntry(f, minutesAgo(1), term)]);
    const live: ViewToken = { custody: t!, finding: f };
    const file = placeRow(live, t!.seen[0]!, NOW);
    assert.equal(file.label, 'sub/.env:2');
    assert.deepEqual(file.open, { uri: 'file:///w/sub/.env', range: { startLine: 1, startCol: 6, endLine: 1, endCol: 6 + secret.length } });
    assert.equal(file.contextValue, 'tcPlace file canRevoke canCheck canMove');
    const terminal = placeRow(live, t!.seen[1]!, NOW);
    assert.equal(terminal.label, 'Terminal “bash” · command line');
    assert.equal(terminal.contextValue, 'tcPlace terminal canRevoke canCheck');
    assert.ok(!terminal.description.includes(secret) && terminal.description.includes(f.redacted));
    assert.equal(terminal.open, undefined);
    assert.equal(placeRow({ custody: t! }, t!.seen[0]!, NOW).contextValue, 'tcPlace file', 'nothing to act on without the secret');
  });

  it('ages read naturally', () => {
    assert.equal(ageLabel(minutesAgo(0.5), NOW), 'seen now');
    assert.equal(ageLabel(minutesAgo(3), NOW), 'seen 3 minutes ago');
    assert.equal(ageLabel(minutesAgo(180), NOW), 'seen 3 hours ago');
    assert.equal(ageLabel(minutesAgo(3 * 24 * 60), NOW), 'seen 3 days ago');
    assert.equal(ageLabel('not a date', NOW), 'seen');
    assert.equal(ageLabel(minutesAgo(3 * 24 * 60), NOW, { t: (m, ...a) => m.replace('seen', 'gesehen').replace('{0}', String(a[0])), language: 'de' }), 'gesehen vor 3 Tagen');
  });

  it('rows speak the locale they are given (translator and relative times)', () => {
    const f = tokenFor(fakeGithubToken());
    const [t] = fold([detectedEntry(f, minutesAgo(60 * 26))]);
    const loc = { t: (m: string, ...a: (string | number | boolean)[]) => `<${m.replace(/\{(\d+)\}/g, (_x, i: string) => String(a[Number(i)]))}>`, language: 'fr' };
    const row = tokenRow({ custody: t!, finding: f }, new Map(), NOW, loc);
    assert.match(row.description, /<seen hier>$/);
    const tooltip = tokenTooltip({ custody: t!, finding: f }, new Map(), NOW, loc);
    assert.match(tooltip, /<Seen in 1 place; first hier, last hier>/);
    assert.ok(tooltip.includes("\\<Exposed: seen in plain text\\>"), "translated, then escaped for Markdown");
    assert.equal(groupTokens([{ custody: t! }], loc)[0]!.label, '<Exposed>');
    const place = placeRow({ custody: t! }, t!.seen[0]!, NOW, loc);
    assert.match(place.description, /<seen hier>/);
  });

  it('contextValue lists only the true flags', () => {
    assert.equal(contextValue('tcToken', { canRevoke: false, canCheck: true, canMove: false, canIgnore: true }), 'tcToken canCheck canIgnore');
  });
});

describe('custody view model: a file with more tokens than are recorded one by one (detected-more)', () => {
  const more = (ts: string, count: number, workspace = 'w', uri = 'file:///w/dump.env'): CustodyEntry => ({
    ts, event: 'detected-more', fingerprint: '', redacted: '', ruleId: '', issuer: '', workspace, where: fileWhere(uri, undefined, 'dump.env'), detail: { count, recorded: 10_000 },
  });

  it('is a readable row, "and N more tokens in FILE", that opens the file and names no token', () => {
    const secret = fakeGithubToken();
    const f = tokenFor(secret);
    const fold = new CustodyFold().addAll([detectedEntry(f, minutesAgo(9)), more(minutesAgo(8), 300_000), more(minutesAgo(3), 337_022), more(minutesAgo(5), 1)]);
    assert.equal(fold.tokens.size, 1, 'the count is no token');
    const listed = visibleMore([...fold.more.values()], 'w');
    assert.equal(listed.length, 1, 'one row per file, the latest count');
    const row = moreRow(listed[0]!, NOW);
    assert.equal(row.label, 'and 327,022 more tokens in dump.env');
    assert.equal(row.description, 'seen 3 minutes ago');
    assert.equal(row.open?.uri, 'file:///w/dump.env');
    assert.match(row.tooltip, /337,022 tokens: the first 10,000 are listed one by one, the other 327,022/);
    assert.ok(!JSON.stringify(row).includes(secret));
  });

  it('lists only this workspace\'s files, and none whose tokens were all recorded', () => {
    const m = [...new CustodyFold().addAll([more(minutesAgo(2), 20_000, 'other', 'file:///o/a.env'), more(minutesAgo(2), 10_000, 'w', 'file:///w/b.env'), more(minutesAgo(2), 10_001, 'w', 'file:///w/c.env')]).more.values()];
    assert.deepEqual(visibleMore(m, 'w').map((x) => x.where.uri), ['file:///w/c.env']);
    assert.equal(moreRow(visibleMore(m, 'w')[0]!, NOW).label, 'and 1 more token in dump.env');
  });
});

describe('custody view model: a group lists its tokens a page at a time', () => {
  it('lists the first GROUP_PAGE rows and counts the rest', () => {
    const rows = Array.from({ length: GROUP_PAGE * 2 + 7 }, (_, i) => i);
    assert.deepEqual(pageOf(rows, GROUP_PAGE), { shown: rows.slice(0, GROUP_PAGE), hidden: GROUP_PAGE + 7 });
    assert.deepEqual(pageOf(rows, GROUP_PAGE * 2).hidden, 7);
    const all = pageOf(rows, GROUP_PAGE * 3);
    assert.equal(all.shown.length, rows.length);
    assert.equal(all.hidden, 0);
    assert.equal(pageOf([], GROUP_PAGE).hidden, 0);
    assert.equal(pageOf(rows.slice(0, GROUP_PAGE), GROUP_PAGE).hidden, 0, 'exactly a page: no "Show more"');
  });

  it('says how many the next page adds and how many are listed, in the UI language', () => {
    const row = showMoreRow(GROUP_PAGE, 12_345);
    assert.equal(row.label, `Show ${GROUP_PAGE} more tokens`);
    assert.equal(row.description, `${GROUP_PAGE} of ${(GROUP_PAGE + 12_345).toLocaleString('en-US')} listed`);
    assert.match(row.tooltip, /most recently seen tokens are listed first/);
    assert.equal(showMoreRow(GROUP_PAGE * 2, 3).label, 'Show 3 more tokens', 'the last page is what is left');
    assert.equal(showMoreRow(GROUP_PAGE, 1).label, 'Show 1 more token');
    const de = showMoreRow(GROUP_PAGE, 12_345, { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])), language: 'de' });
    assert.equal(de.description, `${GROUP_PAGE} of 12.845 listed`, 'numbers are grouped the German way');
  });
});
