// `scan --staged`, `scan --git [RANGE]`, `install-hook` and baselines on real git repositories
// created in a temp folder: commits, branches, a token added then removed, a staged token, a binary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hookScript, HOOK_MARKER } from '../../../src/cli/installHook';
import { CatFile } from '../../../src/cli/scan/git';
import { fingerprint } from '../../../src/engine';
import { githubToken, npmToken } from '../../support/fakes';
import { cli, CLI, Repo } from './support';

interface Row {
  file: string;
  line: number;
  col: number;
  ruleId: string;
  fingerprint: string;
  commit?: string;
  date?: string;
}

const rows = (out: string): Row[] => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);

describe('token-custody scan --git / --staged', () => {
  let repo: Repo;
  const removed = githubToken(); // added, then removed in a later commit
  const onBranch = npmToken(); // only on a branch
  const staged = githubToken(); // staged, never committed
  let addCommit: string;
  let branchCommit: string;
  let editCommit: string;
  before(() => {
    repo = new Repo();
    repo.commit('init', { 'README.md': '# demo\n', 'src/app.ts': 'export const x = 1;\n' });
    addCommit = repo.commit('add config', { 'config/settings.ini': `[api]\nname = demo\ntoken = ${removed}\n`, 'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), Buffer.from(githubToken())]) });
    editCommit = repo.commit('edit config', { 'config/settings.ini': `[api]\nname = demo2\ntoken = ${removed}\n` });
    repo.commit('remove the token', { 'config/settings.ini': '[api]\nname = demo2\ntoken = keychain://token-custody/API\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    branchCommit = repo.commit('feature work', { 'feature/.npmrc': `//registry.npmjs.org/:_authToken=${onBranch}\n` });
    repo.git('checkout', '-q', 'main');
    repo.commit('more on main', { 'src/app.ts': 'export const x = 2;\n' });
  });
  after(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('--git finds a token added then removed, once, at the commit that added it, with its date', async () => {
    const r = await cli(['scan', '--git', 'main', '--format', 'jsonl'], repo.dir);
    assert.equal(r.code, 1, r.err);
    const found = rows(r.out);
    assert.equal(found.length, 1, r.out);
    const f = found[0]!;
    assert.equal(f.file, 'config/settings.ini');
    assert.equal(f.line, 3);
    assert.equal(f.col, 'token = '.length + 1);
    assert.equal(f.commit, addCommit);
    assert.equal(f.date, repo.date(addCommit));
    assert.equal(f.fingerprint, fingerprint(removed));
    assert.deepEqual(Object.keys(f).slice(-2), ['commit', 'date']);
    assert.match(r.err, /scanned \d+ blobs \(.*\) from 5 commits; skipped 1 binary/);
    assert.ok(!r.out.includes(removed));
  });

  it('--git without RANGE reads every branch; a RANGE limits it; text shows commit:path', async () => {
    const all = rows((await cli(['scan', '--git', '--format', 'jsonl'], repo.dir)).out);
    assert.deepEqual(all.map((x) => x.file).sort(), ['config/settings.ini', 'feature/.npmrc']);
    assert.equal(all.find((x) => x.file === 'feature/.npmrc')!.commit, branchCommit);
    const range = await cli(['scan', '--git', 'main..feature', '--format', 'jsonl'], repo.dir);
    assert.deepEqual(rows(range.out).map((x) => x.file), ['feature/.npmrc']);
    assert.deepEqual(rows((await cli(['scan', '--git=main..feature', '--format', 'jsonl'], repo.dir)).out).map((x) => x.file), ['feature/.npmrc']);
    // The edit still carried the token (a new blob of the file); after it, main is clean.
    assert.equal(rows((await cli(['scan', '--git', `${addCommit}..main`, '--format', 'jsonl'], repo.dir)).out)[0]!.commit, editCommit);
    const clean = await cli(['scan', '--git', `${editCommit}..main`], repo.dir);
    assert.equal(clean.code, 0, clean.out);
    const text = await cli(['scan', '--git', 'main'], repo.dir);
    assert.match(text.out, new RegExp(`^${addCommit.slice(0, 12)}:config/settings\\.ini:3:9  github-pat-classic`, 'm'));
    const bad = await cli(['scan', '--git', 'no-such-branch..main'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /git: .*no-such-branch/);
    const injected = await cli(['scan', '--git', '--', '--output=x'], repo.dir);
    assert.equal(injected.code, 2);
    assert.match(injected.err, /"--output=x" is not a revision range/);
  });

  it('--staged scans the index (not the work tree) and tells how to move or ignore the token', async () => {
    repo.write('deploy.sh', `export GH=${staged}\n`);
    repo.git('add', 'deploy.sh');
    repo.write('deploy.sh', 'export GH=keychain://token-custody/GH\n'); // work tree already clean, index not
    repo.write('notes.txt', `unstaged ${githubToken()}\n`);
    try {
      const r = await cli(['scan', '--staged', '--format', 'jsonl'], repo.dir);
      assert.equal(r.code, 1, r.err);
      const found = rows(r.out);
      assert.deepEqual(found.map((x) => [x.file, x.fingerprint]), [['deploy.sh', fingerprint(staged)]]);
      assert.equal(found[0]!.commit, undefined);
      assert.match(r.err, /keychain:\/\/token-custody\/NAME/);
      assert.match(r.err, /--update-baseline --reason/);
      assert.match(r.err, /token-custody: ignore/);
      // From a sub folder too.
      assert.equal((await cli(['scan', '--staged', '-q'], path.join(repo.dir, 'src'))).code, 1);
    } finally {
      repo.git('reset', '-q', 'deploy.sh');
      rmSync(path.join(repo.dir, 'deploy.sh'));
      rmSync(path.join(repo.dir, 'notes.txt'));
    }
    assert.equal((await cli(['scan', '--staged'], repo.dir)).code, 0);
  });

  it('outside a repository: a sentence, exit 2', async () => {
    const r = await cli(['scan', '--staged'], '/');
    assert.equal(r.code, 2);
    assert.match(r.err, /not in a git repository/);
  });

  it('--update-baseline writes fingerprints with a reason; --baseline reports only new findings', async () => {
    const u = await cli(['scan', '--git', '--update-baseline', '--reason', 'rotated in 2024'], repo.dir);
    assert.equal(u.code, 0, u.err);
    const ignore = readFileSync(path.join(repo.dir, '.tokencustodyignore'), 'utf8');
    assert.equal(ignore, `${fingerprint(removed)}  # rotated in 2024\n${fingerprint(onBranch)}  # rotated in 2024\n`);
    assert.match(u.err, /2 fingerprints added to \.tokencustodyignore/);
    assert.equal((await cli(['scan', '--git'], repo.dir)).code, 0, 'the ignore file now covers history');
    const again = await cli(['scan', '--git', '--update-baseline', '--no-ignore-file'], repo.dir);
    assert.match(again.err, /0 fingerprints added .*\(2 already there\)/);
    // --baseline FILE: an ignore file elsewhere, or the jsonl of an earlier scan.
    rmSync(path.join(repo.dir, '.tokencustodyignore'));
    const before = await cli(['scan', '--git', '--format', 'jsonl'], repo.dir);
    writeFileSync(path.join(repo.dir, '..', `${path.basename(repo.dir)}-baseline.jsonl`), before.out);
    const fresh = githubToken();
    repo.commit('new leak', { 'ci.yml': `token: ${fresh}\n` });
    const r = await cli(['scan', '--git', '--format', 'jsonl', '--baseline', `../${path.basename(repo.dir)}-baseline.jsonl`], repo.dir);
    assert.deepEqual(rows(r.out).map((x) => x.fingerprint), [fingerprint(fresh)]);
    rmSync(path.join(repo.dir, '..', `${path.basename(repo.dir)}-baseline.jsonl`));
    const missing = await cli(['scan', '--baseline', 'nope.txt'], repo.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read the baseline .*nope\.txt: no such file or folder/);
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });

  it('cat-file --batch: many reads in flight, missing objects, bodies split across chunks', async () => {
    const big = 'y'.repeat(300_000) + '\n';
    const c1 = repo.commit('big', { 'big.txt': big });
    const blob = repo.git('rev-parse', `${c1}:big.txt`).trim();
    const small = repo.git('rev-parse', `${c1}:README.md`).trim();
    const cat = new CatFile(repo.dir);
    try {
      const reads = [cat.read(small), cat.read(blob), cat.read('0'.repeat(40).replace(/^0/, '1')), cat.read(small)];
      const [a, b, c, d] = await Promise.all(reads);
      assert.equal(a!.toString(), '# demo\n');
      assert.equal(b!.toString(), big);
      assert.equal(c, undefined);
      assert.equal(d!.toString(), '# demo\n');
    } finally {
      cat.close();
      repo.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });
});

describe('token-custody install-hook', () => {
  let repo: Repo;
  before(() => {
    repo = new Repo();
    repo.commit('init', { 'README.md': '# hook\n' });
  });
  after(() => rmSync(repo.dir, { recursive: true, force: true }));

  const hookPath = (): string => path.join(repo.dir, '.git', 'hooks', 'pre-commit');

  it('writes an executable pre-commit hook that stops a commit with a token, and lets a clean one through', async () => {
    const r = await cli(['install-hook'], repo.dir);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(hookPath(), 'utf8'), new RegExp(HOOK_MARKER));
    assert.ok((statSync(hookPath()).mode & 0o111) !== 0);
    // The hook runs the CLI that installed it (PATH without token-custody).
    const env = { ...repo.env(), PATH: '/usr/bin:/bin' };
    repo.write('leak.env', `GITHUB_TOKEN=${githubToken()}\n`);
    spawnSync('git', ['add', 'leak.env'], { cwd: repo.dir, env });
    const blocked = spawnSync('git', ['commit', '-m', 'leak'], { cwd: repo.dir, env, encoding: 'utf8' });
    assert.notEqual(blocked.status, 0, blocked.stdout + blocked.stderr);
    assert.match(blocked.stderr, /the commit was stopped/);
    assert.match(blocked.stderr, /Move Token to Keychain/);
    spawnSync('git', ['rm', '-q', '--cached', 'leak.env'], { cwd: repo.dir, env });
    rmSync(path.join(repo.dir, 'leak.env'));
    repo.write('ok.txt', 'fine\n');
    spawnSync('git', ['add', 'ok.txt'], { cwd: repo.dir, env });
    const ok = spawnSync('git', ['commit', '-q', '-m', 'ok'], { cwd: repo.dir, env, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    // Installing again replaces our own hook without --force.
    assert.equal((await cli(['install-hook'], repo.dir)).code, 0);
  });

  it('refuses to overwrite a foreign hook without --force; with it, keeps a backup', async () => {
    writeFileSync(hookPath(), '#!/bin/sh\necho other tool\n', { mode: 0o755 });
    const r = await cli(['install-hook'], repo.dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /not written by Token Custody; it was left as it is/);
    assert.equal(readFileSync(hookPath(), 'utf8'), '#!/bin/sh\necho other tool\n');
    const f = await cli(['install-hook', '--force'], repo.dir);
    assert.equal(f.code, 0, f.err);
    assert.equal(readFileSync(hookPath() + '.backup', 'utf8'), '#!/bin/sh\necho other tool\n');
    assert.match(readFileSync(hookPath(), 'utf8'), new RegExp(HOOK_MARKER));
    writeFileSync(hookPath(), '#!/bin/sh\necho third\n');
    assert.equal((await cli(['install-hook', '--force'], repo.dir)).code, 0);
    assert.ok(existsSync(hookPath() + '.backup.1'));
  });

  it('the hook quotes paths and passes -- to Node', () => {
    const s = hookScript("/opt/my node/bin/node", "/x/it's/cli.js");
    assert.match(s, /exec '\/opt\/my node\/bin\/node' -- '\/x\/it'\\''s\/cli\.js' scan --staged/);
    assert.ok(CLI.endsWith('cli.js'));
  });

  it('outside a repository: exit 2 with a sentence', async () => {
    const r = await cli(['install-hook'], '/');
    assert.equal(r.code, 2);
    assert.match(r.err, /not in a git repository/);
  });
});
