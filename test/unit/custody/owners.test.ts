import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOwner, ownerFor, parseOwners } from '../../../src/custody/owners';
import { classify, expiryFromMetadata } from '../../../src/custody/classify';
import { matchAutoRevoke, parseAutoRevokePolicy, shouldAutoRevoke } from '../../../src/custody/policy';
import { fakeGithubToken, findingIn } from './fakes';

describe('owners setting', () => {
  it('parses valid entries and resolves rule id before issuer', () => {
    const { owners, errors } = parseOwners({
      github: { team: 'Platform', contact: '#platform', url: 'https://wiki.example.test/tokens' },
      'github-pat-classic': { team: ' DevEx ' },
      npm: { team: 'Release', url: 'mailto:release@example.test' },
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(ownerFor(owners, { ruleId: 'github-pat-classic', issuer: 'github' }), { team: 'DevEx', key: 'github-pat-classic', matchedBy: 'rule' });
    assert.deepEqual(ownerFor(owners, { ruleId: 'github-oauth', issuer: 'github' }), {
      team: 'Platform',
      contact: '#platform',
      url: 'https://wiki.example.test/tokens',
      key: 'github',
      matchedBy: 'issuer',
    });
    assert.equal(ownerFor(owners, { ruleId: 'slack-bot', issuer: 'slack' }), undefined);
    assert.equal(formatOwner({ team: 'Platform', contact: '#platform' }), 'Platform (#platform)');
    assert.equal(formatOwner({ team: 'Platform' }), 'Platform');
  });

  it('drops invalid entries with clear errors and keeps the rest', () => {
    const { owners, errors } = parseOwners({
      ok: { team: 'A' },
      noTeam: { contact: 'x' },
      badUrl: { team: 'B', url: 'command:workbench.action.terminal.sendSequence' },
      notUrl: { team: 'B', url: 'not a url' },
      extra: { team: 'C', slack: '#c' },
      str: 'Platform',
      'bad key!': { team: 'D' },
    });
    assert.deepEqual([...owners.keys()], ['ok']);
    assert.equal(errors.length, 6);
    assert.match(errors.find((e) => e.includes('"noTeam"'))!, /"team" is required/);
    assert.match(errors.find((e) => e.includes('"badUrl"'))!, /https:, http: or mailto:/);
    assert.match(errors.find((e) => e.includes('"notUrl"'))!, /not a valid URL/);
    assert.match(errors.find((e) => e.includes('"extra"'))!, /unknown property "slack"/);
    assert.match(errors.find((e) => e.includes('"str"'))!, /must be an object/);
    assert.match(errors.find((e) => e.includes('bad key!'))!, /issuer id or a rule id/);
    assert.deepEqual(parseOwners(undefined), { owners: new Map(), errors: [] });
    assert.equal(parseOwners(['github']).errors.length, 1);
  });
});

describe('classification', () => {
  const now = new Date('2025-05-10T12:00:00.000Z');
  const token = fakeGithubToken();

  it('describes a CLI-issued human token with a JWT expiry', () => {
    const f = findingIn(token, token, { metadata: { exp: now.getTime() / 1000 + 3 * 86400 + 3600 } });
    const c = classify(f, { now });
    assert.equal(c.summary, 'Personal access token · human · CLI-issued · expires in 3 days');
    assert.equal(c.lifetime, 'expiring');
    assert.equal(c.identity, 'human');
    assert.equal(c.expiresAt, new Date(now.getTime() + 3 * 86400_000 + 3600_000).toISOString());
  });

  it('prefers a check result expiry, and handles expired and unknown lifetimes', () => {
    const machine = findingIn(token, token, { kind: 'installation-token', cliIssued: false, machineIdentity: true, metadata: { exp: '1' } });
    const expired = classify(machine, { now, expiresAt: '2025-05-10T10:00:00.000Z' });
    assert.equal(expired.summary, 'Installation token · machine · expired 2 hours ago');
    assert.equal(expired.lifetime, 'expired');
    const longLived = classify(machine, { now, expiresAt: new Date('2025-09-10T12:00:00.000Z') });
    assert.equal(longLived.lifetime, 'limited');
    assert.equal(longLived.lifetimeLabel, 'expires in 4 months');
    const unknown = classify(findingIn(token, token, { kind: 'api-key', cliIssued: false, metadata: { exp: 'soon' } }), { now });
    assert.equal(unknown.summary, 'API key · human · no known expiry');
    assert.equal(unknown.expiresAt, undefined);
  });

  it('reads exp only when it is a positive number of seconds', () => {
    assert.equal(expiryFromMetadata({ exp: 1700000000 })?.toISOString(), '2023-11-14T22:13:20.000Z');
    assert.equal(expiryFromMetadata({ exp: '1700000000' })?.toISOString(), '2023-11-14T22:13:20.000Z');
    assert.equal(expiryFromMetadata({ exp: -5 }), undefined);
    assert.equal(expiryFromMetadata({ exp: true }), undefined);
    assert.equal(expiryFromMetadata({}), undefined);
  });

  it('tells the lifetime in the locale it is given', () => {
    const now = new Date('2025-05-10T12:00:00.000Z');
    const f = findingIn('x', 'x', { kind: 'personal-token', cliIssued: false, metadata: {} });
    const de = { t: (m: string, ...a: (string | number | boolean)[]) => `[${m}]${a.length ? `(${a.join('|')})` : ''}`, language: 'de' };
    const c = classify(f, { now, expiresAt: '2025-05-13T12:00:00.000Z', locale: de });
    assert.equal(c.lifetimeLabel, '[expires {0}](in 3 Tagen)');
    assert.equal(c.summary, '[Personal access token] · [human] · [expires {0}](in 3 Tagen)');
    assert.equal(classify(f, { now, expiresAt: '2025-05-09T12:00:00.000Z', locale: de }).lifetimeLabel, '[expired {0}](gestern)');
  });
});

describe('auto-revoke policy', () => {
  const token = fakeGithubToken();
  const gh = findingIn(token, token);

  it('is off by default', () => {
    const { rules, errors } = parseAutoRevokePolicy(undefined);
    assert.deepEqual(rules, []);
    assert.deepEqual(errors, []);
    assert.equal(shouldAutoRevoke(rules, gh, 'terminal-output'), false);
  });

  it('matches rule ids or issuers in the listed places only', () => {
    const { rules, errors } = parseAutoRevokePolicy([
      { match: 'GitHub', places: ['terminal-output', 'terminal-paste'] },
      { match: ['npm-access-token', 'slack-bot-token'], places: ['file'], minConfidence: 'medium' },
    ]);
    assert.deepEqual(errors, []);
    assert.equal(shouldAutoRevoke(rules, gh, 'terminal-output'), true);
    assert.equal(shouldAutoRevoke(rules, gh, 'terminal-paste'), true);
    assert.equal(shouldAutoRevoke(rules, gh, 'file'), false);
    assert.equal(shouldAutoRevoke(rules, gh, 'terminal-command'), false);
    const npm = findingIn(token, token, { ruleId: 'npm-access-token', issuer: 'npm', confidence: 'medium', revocation: 'npm-token-delete' });
    assert.equal(matchAutoRevoke(rules, npm, 'file'), rules[1]);
    assert.equal(shouldAutoRevoke(rules, { ...npm, confidence: 'low' }, 'file'), false, 'below minConfidence');
  });

  it('never auto-revokes uncertain findings or tokens without a revocation API', () => {
    const { rules } = parseAutoRevokePolicy([{ match: '*', places: ['file'], minConfidence: 'low' }]);
    assert.equal(shouldAutoRevoke(rules, gh, 'file'), true);
    assert.equal(shouldAutoRevoke(rules, { ...gh, validation: { status: 'invalid', detail: 'checksum failed' } }, 'file'), false);
    assert.equal(shouldAutoRevoke(rules, { ...gh, revocation: 'manual' }, 'file'), false);
    assert.equal(shouldAutoRevoke(rules, { ...gh, revocation: 'none' }, 'file'), false);
    const { rules: strict } = parseAutoRevokePolicy([{ match: 'github', places: ['file'] }]);
    assert.equal(shouldAutoRevoke(strict, { ...gh, confidence: 'medium' }, 'file'), false, 'default minConfidence is high');
  });

  it('reports invalid entries and keeps valid ones', () => {
    const { rules, errors } = parseAutoRevokePolicy([
      { match: 'github', places: ['file'] },
      { match: [], places: ['file'] },
      { match: 'npm', places: ['everywhere'] },
      { match: 'npm' },
      { match: 'npm', places: ['file'], minConfidence: 'sure', when: 'always' },
      'github',
    ]);
    assert.equal(rules.length, 1);
    assert.equal(errors.length, 5);
    assert.match(errors[0]!, /\[1\].*"match"/);
    assert.match(errors[1]!, /\[2\].*unknown place "everywhere"/);
    assert.match(errors[2]!, /\[3\].*"places"/);
    assert.match(errors[3]!, /\[4\].*unknown property "when".*minConfidence/);
    assert.match(errors[4]!, /\[5\].*must be an object/);
    assert.equal(parseAutoRevokePolicy({ match: 'x' }).errors.length, 1);
  });
});
