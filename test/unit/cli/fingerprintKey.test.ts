// The fingerprint key of the CLI (issue 11 item 4): TOKEN_CUSTODY_FINGERPRINT_KEY, else the per-user
// install key file (created 0600 on first need, shared with the extension), never a fixed salt.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { installKeyPath, loadOrCreateInstallKey } from '../../../src/config/fingerprintKey';
import { fingerprint, keyedFingerprint } from '../../../src/engine';
import { ALPHABETS, githubToken, rand } from '../../support/fakes';
import { cli, tempDir } from './support';

interface Row { fingerprint: string; ruleId: string }

function project(): { dir: string; password: string; gh: string } {
  const dir = tempDir('tc-fpkey-');
  const password = 'Winter' + '2021!';
  const gh = githubToken('ghp');
  writeFileSync(path.join(dir, 'app.env'), `DB_PASSWORD=${password}\nGITHUB_TOKEN=${gh}\n`);
  return { dir, password, gh };
}

async function rows(dir: string, env: NodeJS.ProcessEnv): Promise<{ code: number; rows: Row[]; err: string }> {
  const r = await cli(['scan', '--format', 'jsonl', '.'], dir, { env });
  return { code: r.code, rows: r.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row), err: r.err };
}

describe('CLI fingerprint key (issue 11 item 4)', () => {
  it('TOKEN_CUSTODY_FINGERPRINT_KEY keys password fingerprints; tokens keep the salted SHA-256; no key file is made', async () => {
    const { dir, password, gh } = project();
    const config = tempDir('tc-fpkey-home-');
    const team = 'team-' + rand(ALPHABETS.b62, 32);
    const r = await rows(dir, { TOKEN_CUSTODY_FINGERPRINT_KEY: team, XDG_CONFIG_HOME: config, HOME: config });
    assert.equal(r.code, 1, r.err);
    const pw = r.rows.find((x) => x.ruleId === 'generic-password-assignment');
    assert.equal(pw?.fingerprint, keyedFingerprint(password, team));
    assert.notEqual(pw?.fingerprint, fingerprint(password));
    assert.equal(r.rows.find((x) => x.ruleId === 'github-pat-classic')?.fingerprint, fingerprint(gh));
    assert.equal(existsSync(installKeyPath({ XDG_CONFIG_HOME: config, HOME: config }, 'linux')), false);
    const other = await rows(dir, { TOKEN_CUSTODY_FINGERPRINT_KEY: 'other-' + rand(ALPHABETS.b62, 32), XDG_CONFIG_HOME: config, HOME: config });
    assert.notEqual(other.rows.find((x) => x.ruleId === 'generic-password-assignment')?.fingerprint, pw?.fingerprint);
  });

  it('without it, the install key file is created 0600 once and every run agrees', { skip: process.platform === 'win32' }, async () => {
    const { dir, password } = project();
    const config = tempDir('tc-fpkey-home-');
    const env = { XDG_CONFIG_HOME: config, HOME: config };
    const first = await rows(dir, env);
    const file = installKeyPath(env, process.platform);
    const key = readFileSync(file, 'utf8').trim();
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const fp = first.rows.find((x) => x.ruleId === 'generic-password-assignment')?.fingerprint;
    assert.equal(fp, keyedFingerprint(password, key));
    const second = await rows(dir, env);
    assert.equal(second.rows.find((x) => x.ruleId === 'generic-password-assignment')?.fingerprint, fp);
    assert.equal(loadOrCreateInstallKey(file), key);
  });

  it('a team key that is too short is a usage error (exit 2), not a silent fallback', async () => {
    const { dir } = project();
    const r = await cli(['scan', '.'], dir, { env: { TOKEN_CUSTODY_FINGERPRINT_KEY: 'short' } });
    assert.equal(r.code, 2);
    assert.match(r.err, /TOKEN_CUSTODY_FINGERPRINT_KEY: must be at least 16 characters/);
  });

  it('a key file readable by others is tightened to 0600; a corrupt one is reported, not replaced', { skip: process.platform === 'win32' }, () => {
    const config = tempDir('tc-fpkey-home-');
    const file = installKeyPath({ XDG_CONFIG_HOME: config }, 'linux');
    const key = loadOrCreateInstallKey(file);
    chmodSync(file, 0o644);
    assert.equal(loadOrCreateInstallKey(file), key);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    writeFileSync(file, 'not a key\n');
    assert.throws(() => loadOrCreateInstallKey(file), /not a Token Custody fingerprint key/);
    assert.equal(readFileSync(file, 'utf8'), 'not a key\n');
  });
});
