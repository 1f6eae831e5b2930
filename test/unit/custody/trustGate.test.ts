// Issue 11 #3 (auto-revoke part), #9 and #17: what a workspace cannot make Token Custody do.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchAutoRevoke, parseAutoRevokePolicy } from '../../../src/custody/policy';
import { honouredIgnoreEntries, protectionNotice, protectionValue } from '../../../src/config/trust';
import { parseIgnoreFile } from '../../../src/engine/ignore';
import { fakeGithubToken, findingIn } from './fakes';

const policy = parseAutoRevokePolicy([{ match: '*', places: ['file', 'terminal-output'], minConfidence: 'low' }]).rules;
const trusted = { declaredIssuers: [] as unknown[], workspaceTrusted: true };

void describe('issue 11 #3/#9: auto-revoke acts only on built-in findings or declared issuers', () => {
  void it('a built-in GitHub finding still matches', () => {
    const gh = fakeGithubToken();
    const f = findingIn(`T=${gh}`, gh, { ruleId: 'github-pat-classic', issuer: 'github', revocation: 'github-credentials-revoke', confidence: 'high' });
    assert.ok(matchAutoRevoke(policy, f, 'terminal-output', trusted));
    assert.ok(matchAutoRevoke(policy, f, 'file', trusted));
  });

  void it('a workspace custom rule finding is never auto-revoked unless its issuer is declared by the user', () => {
    const tok = 'acme_' + 'x'.repeat(30);
    const f = findingIn(`T=${tok}`, tok, { ruleId: 'acme-token', issuer: 'acme', revocation: 'oauth-rfc7009', confidence: 'high' });
    assert.equal(matchAutoRevoke(policy, f, 'terminal-output', trusted), undefined);
    const declared = { declaredIssuers: [{ name: 'acme', pattern: 'acme_[a-z]+', revoke: { type: 'rfc7009', endpoint: 'https://id.acme.example/revoke' } }], workspaceTrusted: true };
    assert.ok(matchAutoRevoke(policy, f, 'terminal-output', declared));
  });

  void it('OAuth discovery only for a JWT whose iss host the user declared', () => {
    const tok = 'eyJhbGciOiJIUzI1NiJ9.e30.' + 'a'.repeat(43);
    const f = findingIn(`T=${tok}`, tok, { ruleId: 'jwt', issuer: 'oauth', revocation: 'oauth-rfc7009', confidence: 'high', metadata: { iss: 'https://attacker.example/' } });
    assert.equal(matchAutoRevoke(policy, f, 'terminal-output', trusted), undefined, 'undeclared iss host');
    const declared = { declaredIssuers: [{ name: 'corp', revoke: { type: 'rfc7009', endpoint: 'https://attacker.example/oauth/revoke' } }], workspaceTrusted: true };
    assert.ok(matchAutoRevoke(policy, f, 'terminal-output', declared), 'declared iss host');
  });

  void it('never from files of an untrusted workspace', () => {
    const gh = fakeGithubToken();
    const f = findingIn(`T=${gh}`, gh, { ruleId: 'github-pat-classic', issuer: 'github', revocation: 'github-credentials-revoke', confidence: 'high' });
    const untrusted = { declaredIssuers: [], workspaceTrusted: false };
    assert.equal(matchAutoRevoke(policy, f, 'file', untrusted), undefined);
    assert.ok(matchAutoRevoke(policy, f, 'terminal-output', untrusted), 'the terminal is not the workspace');
  });
});

void describe('issue 11 #17: an untrusted workspace cannot switch protection off', () => {
  void it('untrusted: the user value (or the default) wins over workspace values; trusted: the workspace value', () => {
    const i = { defaultValue: true, globalValue: undefined, workspaceValue: false };
    assert.equal(protectionValue(i, false), true);
    assert.equal(protectionValue(i, true), false);
    assert.deepEqual(protectionValue({ defaultValue: [], workspaceFolderValue: ['**'] }, false), []);
  });

  void it('names a workspace that turns protection off, trusted or not; quiet otherwise', () => {
    assert.match(protectionNotice('enabled', { defaultValue: true, workspaceValue: false }, false) ?? '', /tokenCustody\.enabled.*ignored because the workspace is not trusted/);
    assert.match(protectionNotice('terminal.interceptPaste', { defaultValue: true, workspaceValue: false }, true) ?? '', /honoured because the workspace is trusted/);
    assert.match(protectionNotice('exclude', { defaultValue: [], workspaceValue: ['**'] }, true) ?? '', /exclude/);
    assert.equal(protectionNotice('enabled', { defaultValue: true, workspaceValue: true }, false), undefined);
    assert.equal(protectionNotice('enabled', { defaultValue: true, globalValue: false, workspaceValue: false }, true), undefined, 'the user turned it off');
  });

  void it('.tokencustodyignore: path lines are not honoured in an untrusted workspace; `path: **` is named when trusted', () => {
    const parsed = parseIgnoreFile('sha256:0123456789abcdef0123456789abcdef\npath: **\npath: test/fixtures/**\n');
    const untrusted = honouredIgnoreEntries(parsed.entries, false, '.tokencustodyignore');
    assert.deepEqual(untrusted.entries.map((e) => e.kind), ['fingerprint']);
    assert.equal(untrusted.notices.length, 2);
    const ok = honouredIgnoreEntries(parsed.entries, true, '.tokencustodyignore');
    assert.equal(ok.entries.length, 3);
    assert.equal(ok.notices.length, 1);
    assert.match(ok.notices[0] ?? '', /path: \*\*.*every file/);
  });
});
