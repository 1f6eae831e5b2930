// The CLI front: strict options with hints, help per command, version, human error text, the
// summary on stderr, --output, --min-confidence, colour from FORCE_COLOR/NO_COLOR, rules listing.
import assert from 'node:assert/strict';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closest, ioReason, useColor } from '../../../src/cli/options';
import { parseRunArgs } from '../../../src/cli/run';
import { BUILTIN_RULES } from '../../../src/engine/rules';
import { ALPHABETS, githubToken, rand } from '../../support/fakes';
import { CLI, cli, cliProcess, Repo, tempDir } from './support';

describe('token-custody front', () => {
  let dir: string;
  const gh = githubToken();
  before(() => {
    dir = tempDir('tc-front-');
    writeFileSync(path.join(dir, 'a.env'), `GITHUB_TOKEN=${gh}\ndb_password = "${rand(ALPHABETS.alpha, 8)}${rand(ALPHABETS.digits, 4)}${rand(ALPHABETS.alpha, 4)}"\n`);
    writeFileSync(path.join(dir, 'clean.txt'), 'nothing here\n');
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 0, 7]));
    symlinkSync(path.join(dir, 'clean.txt'), path.join(dir, 'link.txt'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('unknown options are errors with a hint, exit 2', async () => {
    const r = await cli(['scan', '--fromat', 'jsonl'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option --fromat \(did you mean --format\?\)/);
    assert.match(r.err, /token-custody help scan/);
    assert.equal(r.out, '');
    assert.match((await cli(['scan', '--format'], dir)).err, /--format needs a value/);
    assert.match((await cli(['scan', '--staged=yes'], dir)).err, /--staged takes no value/);
    assert.match((await cli(['scan', '--format', 'sarf'], dir)).err, /unknown format "sarf" \(use text, jsonl, sarif, github or junit; did you mean sarif\?\)/);
    assert.match((await cli(['scan', '--min-confidence', 'hi'], dir)).err, /unknown min-confidence "hi"/);
    assert.match((await cli(['scan', '--threads', '0'], dir)).err, /--threads takes a whole number/);
    assert.match((await cli(['scan', '--staged', '--git'], dir)).err, /--staged or --git, not both/);
    assert.match((await cli(['rules', '--bogus'], dir)).err, /unknown option --bogus/);
    const cmd = await cli(['scna'], dir);
    assert.equal(cmd.code, 2);
    assert.match(cmd.err, /unknown command "scna" \(did you mean "scan"\?\)/);
    assert.match((await cli(['run', '--env-fle', 'x', '--', 'true'], dir)).err, /unknown option --env-fle \(did you mean --env-file\?\)/);
  });

  it('help COMMAND, COMMAND --help, --version and -V', async () => {
    const h = await cli(['help', 'scan'], dir);
    assert.equal(h.code, 0);
    assert.match(h.out, /^Usage: token-custody scan/);
    assert.equal((await cli(['scan', '--help'], dir)).out, h.out);
    assert.match((await cli(['help', 'rules'], dir)).out, /^Usage: token-custody rules/);
    assert.match((await cli(['rules', '--help'], dir)).out, /^Usage: token-custody rules/);
    assert.match((await cli(['help', 'run'], dir)).out, /-f, --env-file FILE/);
    assert.match((await cli(['help', 'install-hook'], dir)).out, /^Usage: token-custody install-hook/);
    assert.match((await cli(['help'], dir)).out, /token-custody help \[COMMAND\]/);
    const bad = await cli(['help', 'scann'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /did you mean "scan"/);
    for (const v of ['--version', '-V']) {
      const r = await cli([v], dir);
      assert.equal(r.code, 0);
      assert.match(r.out, /^\d+\.\d+\.\d+/);
    }
    const verbose = await cli(['version', '--verbose'], dir);
    assert.equal(verbose.code, 0);
    assert.match(verbose.out, /^node v\d+/m);
    assert.match(verbose.out, /^keyword prefilter: (simd \(WebAssembly(, relaxed SIMD)?\)|automaton)$/m);
  });

  it('rules --format json lists every rule; text by default', async () => {
    const r = await cli(['rules', '--format', 'json'], dir);
    const list = JSON.parse(r.out) as { id: string; confidence: string }[];
    assert.equal(list.length, BUILTIN_RULES.length);
    assert.ok(list.every((x) => x.id && x.confidence));
    assert.match((await cli(['rules'], dir)).out, new RegExp(`${BUILTIN_RULES.length} rules`));
    assert.equal((await cli(['rules', '--format', 'yaml'], dir)).code, 2);
  });

  it('human error text, and no "No tokens found." when nothing could be read', async () => {
    const r = await cli(['scan', 'nope'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read nope: no such file or folder/);
    assert.match(r.err, /nothing could be read/);
    assert.doesNotMatch(r.err + r.out, /ENOENT|No tokens found/);
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked');
      mkdirSync(locked);
      writeFileSync(path.join(locked, 'f.txt'), 'x');
      chmodSync(locked, 0o000);
      try {
        const l = await cli(['scan', 'locked'], dir);
        assert.match(l.err, /cannot read locked: permission denied/);
        assert.doesNotMatch(l.err, /EACCES/);
      } finally {
        chmodSync(locked, 0o700);
        rmSync(locked, { recursive: true });
      }
    }
    assert.equal(ioReason({ code: 'EISDIR' }), 'it is a folder');
  });

  it('the stderr summary counts files scanned and skipped (binary, symlink, unreadable, too large)', async () => {
    writeFileSync(path.join(dir, 'big.log'), 'x'.repeat(2 * 1024 * 1024));
    try {
      const r = await cli(['scan', '.', 'missing.txt', '--max-file-size', '1'], dir);
      assert.equal(r.code, 1);
      assert.match(r.err, /scanned 2 files \([\d.]+ (bytes|KB)\); skipped 1 binary, 1 symbolic link, 1 unreadable, 1 too large/);
      assert.doesNotMatch((await cli(['scan', '.', '-q'], dir)).err, /scanned/);
    } finally {
      rmSync(path.join(dir, 'big.log'));
    }
  });

  it('--output FILE writes the report there; --min-confidence filters', async () => {
    const all = await cli(['scan', 'a.env', '--format', 'jsonl'], dir);
    const rows = all.out.trim().split('\n').map((l) => JSON.parse(l) as { confidence: string; ruleId: string });
    assert.ok(rows.some((x) => x.confidence === 'low'), all.out);
    const r = await cli(['scan', 'a.env', '--format', 'jsonl', '--min-confidence', 'high', '-o', 'out.jsonl'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    const kept = readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { confidence: string; ruleId: string });
    assert.deepEqual(kept.map((x) => x.ruleId), ['github-pat-classic']);
    rmSync(path.join(dir, 'out.jsonl'));
    const w = await cli(['scan', 'a.env', '-o', 'no/such/dir/x'], dir);
    assert.equal(w.code, 2);
    assert.match(w.err, /cannot write no\/such\/dir\/x: no such file or folder/);
    // Only low-confidence findings below the bar: clean.
    writeFileSync(path.join(dir, 'low.txt'), `db_password = "${rand(ALPHABETS.alpha, 10)}${rand(ALPHABETS.digits, 5)}"\n`);
    try {
      assert.equal((await cli(['scan', 'low.txt', '--min-confidence', 'medium'], dir)).code, 0);
    } finally {
      rmSync(path.join(dir, 'low.txt'));
    }
  });

  it('colour: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then the terminal', async () => {
    assert.equal(useColor(undefined, { FORCE_COLOR: '1' }, false), true);
    assert.equal(useColor(undefined, { FORCE_COLOR: '' }, false), true);
    assert.equal(useColor(undefined, { FORCE_COLOR: '0' }, true), false);
    assert.equal(useColor(undefined, { NO_COLOR: '1' }, true), false);
    assert.equal(useColor(undefined, {}, true), true);
    assert.equal(useColor(false, { FORCE_COLOR: '1' }, true), false);
    const forced = await cli(['scan', 'a.env'], dir, { env: { FORCE_COLOR: '1' } });
    assert.match(forced.out, /\u001b\[1m/);
    const tty = await cli(['scan', 'a.env'], dir, { env: { NO_COLOR: '1' }, tty: true });
    assert.doesNotMatch(tty.out, /\u001b\[/);
  });

  it('run -f is --env-file; closest() only suggests near names', () => {
    assert.deepEqual(parseRunArgs(['-f', 'a.env', '--', 'cmd']), { envFiles: ['a.env'], command: ['cmd'] });
    assert.equal(closest('--zzzzzz', ['--format', '--include']), undefined);
  });

  it('help of every command, loaded with its command; a name of Object.prototype is no command', async () => {
    const heads: Record<string, RegExp> = { 'install-hook': /^Usage: token-custody install-hook/, secret: /^Usage: token-custody secret/, run: /^Usage: token-custody run/, hook: /^Usage: token-custody hook/, mcp: /^Usage: token-custody mcp/ };
    for (const [command, head] of Object.entries(heads)) {
      const r = await cli(['help', command], dir);
      assert.equal(r.code, 0, command);
      assert.match(r.out, head);
    }
    const proto = await cli(['help', 'toString'], dir);
    assert.equal(proto.code, 2);
    assert.match(proto.err, /no help for "toString"/);
  });

  it('a scan (files or the git index) loads none of the other commands: no keychain bundle, readline or fs/promises, and child processes only for git', () => {
    // A preload that lists, at exit, which of these the process loaded.
    const probe = path.join(dir, 'probe.cjs');
    writeFileSync(probe, `process.on('exit', () => {
  const loaded = process.moduleLoadList.filter((m) => /^NativeModule (child_process|readline|fs\\/promises)$/.test(m)).map((m) => m.slice(13));
  if (Object.keys(require.cache).some((f) => f.endsWith('keychain.js'))) loaded.push('keychain.js');
  process.stderr.write('LOADED ' + JSON.stringify(loaded.sort()) + '\\n');
});\n`);
    const loadedBy = (args: string[], cwd: string): string[] => {
      const r = spawnSync(process.execPath, ['-r', probe, '--', CLI, ...args], { cwd, encoding: 'utf8' });
      const m = /^LOADED (.*)$/m.exec(r.stderr);
      assert.ok(m, r.stderr);
      return JSON.parse(m[1]!) as string[];
    };
    assert.deepEqual(loadedBy(['scan', 'clean.txt'], dir), []);
    const repo = new Repo();
    try {
      repo.write('clean.txt', 'nothing here\n');
      repo.git('add', 'clean.txt');
      assert.deepEqual(loadedBy(['scan', '--staged'], repo.dir), ['child_process']);
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });

  it('a scan of files never creates process.stdin (which loads a stream class: fs streams when stdin is a file, as /dev/null in a git hook); a scan of - does', () => {
    const probe = path.join(dir, 'probe-stdin.cjs');
    writeFileSync(probe, `process.on('exit', () => process.stderr.write('STREAMS ' + process.moduleLoadList.includes('NativeModule internal/fs/streams') + '\\n'));\n`);
    const input = path.join(dir, 'stdin.txt');
    writeFileSync(input, 'nothing here either\n');
    const streamsLoaded = (args: string[]): boolean => {
      const fd = openSync(input, 'r');
      try {
        const r = spawnSync(process.execPath, ['-r', probe, '--', CLI, ...args], { cwd: dir, encoding: 'utf8', stdio: [fd, 'pipe', 'pipe'] });
        const m = /^STREAMS (true|false)$/m.exec(r.stderr);
        assert.ok(m, r.stderr);
        assert.equal(r.status, 0, r.stderr);
        return m[1] === 'true';
      } finally {
        closeSync(fd);
      }
    };
    assert.equal(streamsLoaded(['scan', 'clean.txt']), false);
    assert.equal(streamsLoaded(['scan', '-']), true);
  });

  it('as a process through the launcher form, Node never reads our --env-file', () => {
    const r = cliProcess(['run', '--env-file', 'missing.env', '--', process.execPath, '-e', ''], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /token-custody run: cannot read env file missing\.env: no such file or folder/);
    assert.doesNotMatch(r.stderr, /^node:/m);
  });
});

describe('token-custody scan: every format', () => {
  let dir: string;
  const gh = githubToken();
  before(() => {
    dir = tempDir('tc-formats-');
    writeFileSync(path.join(dir, 'a,b:c.env'), `# x\nGITHUB_TOKEN=${gh}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('github: one workflow command per finding, properties escaped, 1-based positions', async () => {
    const r = await cli(['scan', '--format', 'github'], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^::error file=a%2Cb%3Ac\.env,line=2,endLine=2,col=14,endColumn=54,title=Token Custody%3A github-pat-classic::GitHub personal access token \(classic\) \(github\) ghp_/);
    assert.match(lines[0]!, /fingerprint sha256:[0-9a-f]{32}\. Move it to the keychain/);
    assert.ok(!r.out.includes(gh));
  });

  it('junit: a failing test case per finding, a passing one when clean, XML escaped', async () => {
    const r = await cli(['scan', '--format', 'junit'], dir);
    assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="token-custody" tests="1" failures="1">/);
    assert.match(r.out, /<testcase classname="a,b:c\.env" name="github-pat-classic at a,b:c\.env:2:14" file="a,b:c\.env" line="2">/);
    assert.match(r.out, /<failure type="github-pat-classic" message="GitHub personal access token \(classic\) found at a,b:c\.env:2:14">/);
    assert.ok(!r.out.includes(gh));
    writeFileSync(path.join(dir, '<clean>.txt'), 'ok\n');
    const clean = await cli(['scan', '<clean>.txt', '--format', 'junit'], dir);
    assert.equal(clean.code, 0);
    assert.match(clean.out, /tests="1" failures="0"/);
    assert.match(clean.out, /<testcase classname="token-custody" name="no tokens found"\/>/);
  });

  it('jsonl, sarif and text keep their contract', async () => {
    const j = await cli(['scan', '--format', 'jsonl'], dir);
    assert.deepEqual(Object.keys(JSON.parse(j.out.trim()) as object), ['file', 'line', 'col', 'endLine', 'endCol', 'ruleId', 'issuer', 'confidence', 'fingerprint', 'redacted']);
    const s = JSON.parse((await cli(['scan', '--format', 'sarif'], dir)).out) as { version: string };
    assert.equal(s.version, '2.1.0');
    assert.match((await cli(['scan'], dir)).out, /1 token found in 1 file/);
  });
});
