import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customIssuerRuleId, customIssuerRules, literalPrefix } from '../../../src/issuers/custom';
import { checkedDetail, logCheckResult, revokedDetail } from '../../../src/revocation/custody';
import { autoRevokeAnnouncement, checkResultMessage, confirmText, revokeResultMessage, whereLabel } from '../../../src/revocation/messages';
import { issuerContextFrom, latestWhere, pickRows, tokenInfoOf } from '../../../src/revocation/model';
import { retryPlan } from '../../../src/revocation/retry';
import type { CustodyEntry, FileWhere, TerminalWhere } from '../../../src/custody/log';
import { foldCustody } from '../../../src/custody/state';
import { createScanner, secretOf, type Finding } from '../../../src/engine';
import { EndpointConfigError } from '../../../src/issuers/http';
import { resolveIssuerClient } from '../../../src/issuers/registry';
import type { CheckOutcome, RevokeOutcome } from '../../../src/issuers/types';
import { githubToken } from '../../support/fakes';
import { makeToken } from '../../support/issuerServers';

const PH = '${token}';

function githubFinding(): { finding: Finding; token: string } {
  const token = githubToken();
  const found = createScanner().scanner.scan(`GITHUB_TOKEN=${token}\n`);
  assert.equal(found.length, 1, 'the engine finds the fake GitHub token');
  return { finding: found[0]!, token };
}

const fileAt: FileWhere = { kind: 'file', uri: 'file:///ws/.env', path: '.env', range: { line: 3, col: 14, endLine: 3, endCol: 54 } };
const term: TerminalWhere = { kind: 'terminal', terminal: 'bash', place: 'output' };
const label = { name: 'GitHub personal access token (classic)', redacted: 'ghp_••••abcd' };

describe('revocation model: finding → issuer input', () => {
  it('tokenInfoOf carries identity and metadata but never the secret', () => {
    const { finding, token } = githubFinding();
    const info = tokenInfoOf(finding);
    assert.equal(info.issuer, 'github');
    assert.equal(info.revocation, 'github-credentials-revoke');
    assert.equal(info.redacted, finding.redacted);
    assert.ok(!JSON.stringify(info).includes(token));
    assert.equal(secretOf(finding), token);
  });

  it('issuerContextFrom takes user endpoints, refuses plain HTTP to a remote host naming the setting, reports bad custom issuers', () => {
    const { ctx, issuerErrors } = issuerContextFrom({ endpoints: { github: 'https://ghe.corp.example/api/v3/' }, issuers: [] });
    assert.equal(ctx.endpoints.github, 'https://ghe.corp.example/api/v3');
    assert.equal(ctx.endpoints.gitlab, 'https://gitlab.com');
    assert.deepEqual(issuerErrors, []);
    assert.throws(() => issuerContextFrom({ endpoints: { github: 'http://evil.example' }, issuers: [] }), (e: Error) => e instanceof EndpointConfigError && /tokenCustody\.endpoints\.github/.test(e.message));
    assert.doesNotThrow(() => issuerContextFrom({ endpoints: { github: 'http://127.0.0.1:9/github' }, issuers: [] }));
    const bad = issuerContextFrom({ endpoints: {}, issuers: [{ name: 'x', pattern: '(', revoke: { type: 'rfc7009', endpoint: 'https://a.example/r' } }] });
    assert.equal(bad.ctx.customIssuers?.length, 0);
    assert.match(bad.issuerErrors.join('\n'), /issuers\[0\] \(x\): pattern does not compile/);
  });
});

describe('revocation model: custody log details', () => {
  const base = { issuer: 'github', endpointHost: 'api.github.com', detail: 'd' };
  it('maps every revoke state to the log result', () => {
    const states: [RevokeOutcome['state'], string][] = [['revoked', 'revoked'], ['already-revoked', 'already-invalid'], ['failed', 'failed'], ['manual', 'manual']];
    for (const [state, logged] of states) assert.equal(revokedDetail({ ...base, state }).result, logged);
    assert.deepEqual(revokedDetail({ ...base, state: 'failed', httpStatus: 429, retryable: true }), { result: 'failed', endpointHost: 'api.github.com', status: 429, message: 'd' });
    assert.equal(revokedDetail({ ...base, state: 'manual', endpointHost: '' }).endpointHost, undefined);
  });

  it('maps check states: unknown-but-retryable is unknown, a non-retryable failure is error', () => {
    assert.equal(logCheckResult({ state: 'live' }), 'live');
    assert.equal(logCheckResult({ state: 'invalid' }), 'not-live');
    assert.equal(logCheckResult({ state: 'revoked' }), 'not-live');
    assert.equal(logCheckResult({ state: 'unknown', retryable: true }), 'unknown');
    assert.equal(logCheckResult({ state: 'unknown', retryable: false }), 'error');
    const d = checkedDetail({ state: 'live', issuer: 'github', endpointHost: 'h', scopes: ['repo'], expiresAt: '2030-01-01T00:00:00.000Z', detail: 'x' });
    assert.deepEqual(d, { result: 'live', endpointHost: 'h', expiresAt: '2030-01-01T00:00:00.000Z', scopes: ['repo'], message: 'x' });
  });
});

describe('revocation model: texts', () => {
  const target = { url: 'https://api.github.com/credentials/revoke', host: 'api.github.com', method: 'POST' };

  it('the revoke confirmation names the host, method and path and has the button Revoke', () => {
    const t = confirmText('revoke', label, 'GitHub', target);
    assert.equal(t.button, 'Revoke');
    assert.match(t.message, /^Revoke GitHub personal access token \(classic\) ghp_••••abcd at GitHub\?$/);
    assert.match(t.detail, /sent to api\.github\.com \(POST \/credentials\/revoke\)/);
    const again = confirmText('revoke', label, 'GitHub', target, { state: 'revoked', revocation: { result: 'revoked', at: '2025-02-03T04:05:06Z', automatic: false } });
    assert.match(again.detail, /already revoked \(2025-02-03\)/);
  });

  it('the check confirmation names the host and has the button Check', () => {
    const t = confirmText('check', label, 'GitHub', { url: 'https://api.github.com/user', host: 'api.github.com', method: 'GET' });
    assert.equal(t.button, 'Check');
    assert.match(t.detail, /api\.github\.com \(GET \/user\).*read-only/);
  });

  it('the auto-revoke announcement names the host, the place and the policy setting', () => {
    const s = autoRevokeAnnouncement(label, 'GitHub', 'api.github.com', term);
    assert.match(s, /api\.github\.com/);
    assert.match(s, /terminal "bash" \(output\)/);
    assert.match(s, /tokenCustody\.policy\.autoRevoke/);
  });

  it('a revoked result gives next steps and offers Remove from File only when the token is still in an open file', () => {
    const r: RevokeOutcome = { state: 'revoked', issuer: 'github', endpointHost: 'api.github.com', detail: 'ok', httpStatus: 202 };
    const m = revokeResultMessage(r, { token: label, issuer: 'GitHub', where: fileAt, removable: true });
    assert.equal(m.severity, 'info');
    assert.match(m.text, /revoked .* at GitHub \(api\.github\.com\)/);
    assert.match(m.text, /Remove it from \.env:3, create a new token at GitHub .*Move Token to Keychain/);
    assert.deepEqual(m.actions, ['Remove from File']);
    assert.deepEqual(revokeResultMessage(r, { token: label, issuer: 'GitHub', where: term }).actions, []);
    assert.match(revokeResultMessage(r, { token: label, issuer: 'GitHub', where: term }).text, /Clear it from terminal "bash"/);
  });

  it('a failure says the token is still exposed; Retry only when trying again can help', () => {
    const rl: RevokeOutcome = { state: 'failed', issuer: 'github', endpointHost: 'api.github.com', detail: 'GitHub rate limit reached. Try again in 30 s.', retryable: true, retryAfterSeconds: 30, httpStatus: 429 };
    const m = revokeResultMessage(rl, { token: label, issuer: 'GitHub' });
    assert.equal(m.severity, 'error');
    assert.match(m.text, /still exposed/);
    assert.ok(m.actions.includes('Retry'));
    const tls = revokeResultMessage({ ...rl, retryable: false, detail: 'TLS certificate of h could not be verified' }, { token: label, issuer: 'GitHub' });
    assert.ok(!tls.actions.includes('Retry'));
    assert.match(tls.text, /still exposed\.$/);
  });

  it('manual steps name the console, the key identifier and number the steps', () => {
    const r: RevokeOutcome = {
      state: 'manual', issuer: 'aws', endpointHost: '', detail: 'no API',
      manual: { consoleUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials', identifier: 'AKIAEXAMPLEKEYID0001', steps: ['Open the console.', 'Deactivate AKIAEXAMPLEKEYID0001.'] },
    };
    const m = revokeResultMessage(r, { token: label, issuer: 'AWS' });
    assert.deepEqual(m.actions, ['Open Console']);
    assert.match(m.text, /AKIAEXAMPLEKEYID0001/);
    assert.equal(m.detail, 'Console: https://console.aws.amazon.com/iam/home#/security_credentials\n1. Open the console.\n2. Deactivate AKIAEXAMPLEKEYID0001.');
  });

  it('check results: live shows login, scopes and expiry; unknown offers Retry when retryable', () => {
    const live: CheckOutcome = { state: 'live', issuer: 'github', login: 'octo', scopes: ['repo', 'gist'], expiresAt: '2030-01-01T00:00:00.000Z', detail: '' };
    const m = checkResultMessage(live, { token: label, issuer: 'GitHub' });
    assert.equal(m.severity, 'warning');
    assert.match(m.text, /LIVE at GitHub \(account octo; scopes: repo, gist; expires 2030-01-01T00:00:00.000Z\)/);
    assert.deepEqual(m.actions, ['Revoke…', 'Move to Keychain']);
    assert.match(checkResultMessage({ ...live, scopes: undefined, expiresAt: undefined }, { token: label, issuer: 'GitHub' }).text, /no expiry reported/);
    const dead = checkResultMessage({ state: 'invalid', issuer: 'github', detail: '' }, { token: label, issuer: 'GitHub', where: fileAt });
    assert.match(dead.text, /does not accept .*Remove it from \.env:3/);
    assert.deepEqual(checkResultMessage({ state: 'unknown', issuer: 'github', detail: 'timeout', retryable: true }, { token: label, issuer: 'GitHub' }).actions, ['Retry', 'Show Log']);
    assert.deepEqual(checkResultMessage({ state: 'unknown', issuer: 'github', detail: 'bad', retryable: false }, { token: label, issuer: 'GitHub' }).actions, ['Show Log']);
  });

  it('whereLabel describes files, untitled buffers and terminals', () => {
    assert.equal(whereLabel(fileAt), '.env:3');
    assert.equal(whereLabel({ kind: 'file', uri: 'file:///a/b/config.yaml' }), 'config.yaml');
    assert.equal(whereLabel({ kind: 'file', uri: 'untitled:Untitled-1' }), 'Untitled-1');
    assert.equal(whereLabel({ kind: 'terminal', terminal: 'zsh', place: 'command' }), 'terminal "zsh" (command line)');
    assert.equal(whereLabel(undefined), undefined);
  });
});

describe('revocation model: retry decisions', () => {
  it('no Retry-After → now; a short one is waited out; a long one is deferred; an elapsed one → now', () => {
    assert.deepEqual(retryPlan({}, 1000, 1000), { kind: 'now' });
    assert.deepEqual(retryPlan({ retryAfterSeconds: 0 }, 1000, 1000), { kind: 'now' });
    assert.deepEqual(retryPlan({ retryAfterSeconds: 5 }, 1000, 3000), { kind: 'wait', ms: 3000 });
    assert.deepEqual(retryPlan({ retryAfterSeconds: 3600 }, 1000, 2000), { kind: 'later', at: 3_601_000 });
    assert.deepEqual(retryPlan({ retryAfterSeconds: 5 }, 1000, 7000), { kind: 'now' });
    assert.deepEqual(retryPlan({ retryAfterSeconds: 90 }, 0, 0, 120_000), { kind: 'wait', ms: 90_000 });
  });
});

describe('revocation model: quick pick rows', () => {
  const entry = (fp: string, event: CustodyEntry['event'], ts: string, extra: Partial<CustodyEntry> = {}): CustodyEntry => ({
    ts, event, fingerprint: fp, redacted: `tok_••••${fp.slice(-4)}`, ruleId: 'github-pat-classic', issuer: 'github', ...extra,
  } as CustodyEntry);

  it('lists actionable tokens first, exposed before revoked, and says why the others cannot be acted on', () => {
    const entries: CustodyEntry[] = [
      entry('sha256:aaaa', 'detected', '2025-01-01T00:00:00Z', { where: fileAt, detail: { name: 'GitHub PAT' } }),
      entry('sha256:bbbb', 'detected', '2025-01-02T00:00:00Z', { where: term }),
      entry('sha256:bbbb', 'revoked', '2025-01-02T00:01:00Z', { detail: { result: 'revoked' } }),
      entry('sha256:cccc', 'detected', '2025-01-03T00:00:00Z', { where: fileAt }),
      entry('sha256:cccc', 'detected', '2025-01-03T00:02:00Z', { where: term }),
    ];
    const tokens = [...foldCustody(entries).values()];
    const rows = pickRows(tokens, (fp) => fp !== 'sha256:cccc');
    assert.deepEqual(rows.map((r) => r.fingerprint), ['sha256:aaaa', 'sha256:bbbb', 'sha256:cccc']);
    assert.equal(rows[0]!.label, 'GitHub PAT tok_••••aaaa');
    assert.equal(rows[0]!.description, 'GitHub · exposed');
    assert.equal(rows[0]!.detail, 'seen in .env:3');
    assert.equal(rows[1]!.description, 'GitHub · revoked');
    assert.equal(rows[2]!.actionable, false);
    assert.match(rows[2]!.reason!, /Not actionable: seen in an earlier window/);
    assert.match(rows[2]!.detail, /seen in terminal "bash" \(output\) \(\+1 more place\)/);
    assert.deepEqual(latestWhere(tokens.find((t) => t.fingerprint === 'sha256:cccc')), term);
    assert.equal(latestWhere(undefined), undefined);
  });
});

describe('custom issuers → detection rules', () => {
  it('literalPrefix finds the keyword every match starts with', () => {
    assert.equal(literalPrefix('plt_[A-Za-z0-9]{32}'), 'plt_');
    assert.equal(literalPrefix('^ACME-(?:live|test)_[a-z]+'), 'acme-');
    assert.equal(literalPrefix('sso\\.[a-z]+'), 'sso.');
    assert.equal(literalPrefix('abc?d'), 'ab');
    assert.equal(literalPrefix('ab*c'), undefined);
    assert.equal(literalPrefix('abc|def'), undefined);
    assert.equal(literalPrefix('(abc|def)_x'), undefined);
    assert.equal(literalPrefix('[a-z]{40}'), undefined);
    assert.equal(literalPrefix('x(a|b)'), undefined);
  });

  it('builds rules the engine compiles, finds the issuer\'s tokens and routes them to the issuer\'s client', () => {
    const issuers = [
      { name: 'Platform CLI', pattern: 'plt_[A-Za-z0-9]{32}', revoke: { type: 'http', method: 'POST', url: 'https://auth.corp.example/v1/revoke', headers: { Authorization: `Bearer ${PH}` }, successStatus: [200] }, owner: { team: 'Platform', contact: '#platform' } },
      { name: 'platform-cli', pattern: '(?:sso|idp)\\.[a-z0-9]{20}', revoke: { type: 'rfc7009', endpoint: 'https://sso.corp.example/revoke' } },
      { name: 'broken', pattern: '(' },
    ];
    const rules = customIssuerRules(issuers) as { id: string; keywords: string[]; revocation: string; issuer: string }[];
    assert.deepEqual(rules.map((r) => r.id), ['custom-issuer-platform-cli', 'custom-issuer-platform-cli-2']);
    assert.deepEqual(rules[0]!.keywords, ['plt_']);
    assert.deepEqual(rules[1]!.keywords, []);
    assert.equal(rules[0]!.revocation, 'manual');
    assert.equal(rules[1]!.revocation, 'oauth-rfc7009');
    const { scanner, errors } = createScanner(rules);
    assert.deepEqual(errors, []);
    const token = makeToken('plt_', 32);
    const sso = makeToken('sso.', 20, 'abcdefghijklmnopqrstuvwxyz0123456789');
    const found = scanner.scan(`export PLATFORM_TOKEN=${token}\nsso: ${sso}\n`);
    const f = found.find((x) => x.ruleId === 'custom-issuer-platform-cli');
    assert.ok(f, `found: ${found.map((x) => x.ruleId).join(', ')}`);
    assert.equal(secretOf(f), token);
    assert.equal(f.issuer, 'Platform CLI');
    assert.ok(found.some((x) => x.ruleId === 'custom-issuer-platform-cli-2' && secretOf(x) === sso));
    const { ctx } = issuerContextFrom({ endpoints: {}, issuers });
    const client = resolveIssuerClient(tokenInfoOf(f), ctx, token);
    assert.equal(client.id, 'Platform CLI');
    assert.equal(client.capability, 'custom-http');
    assert.equal(customIssuerRuleId('Ünïcode Team!'), 'custom-issuer-n-code-team');
  });

  it('accepts already parsed issuers and ignores a non-array setting', () => {
    assert.deepEqual(customIssuerRules(undefined), []);
    assert.deepEqual(customIssuerRules({ name: 'x' }), []);
    const { ctx } = issuerContextFrom({ endpoints: {}, issuers: [{ name: 'p', pattern: 'p_[a-z]{8}', revoke: { type: 'rfc7009', endpoint: 'https://a.example/r' } }] });
    assert.equal(customIssuerRules(ctx.customIssuers).length, 1);
  });
});
