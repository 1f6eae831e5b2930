// The `token-custody scan` command, driven in-process with captured stdio (and once as a real process).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runScan } from '../../../src/cli/scan';
import { fingerprint } from '../../../src/engine';
import { ALPHABETS, githubToken, npmToken, rand } from '../../support/fakes';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function scan(args: string[], cwd: string, stdin = ''): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runScan(args, {
    stdin: Readable.from([stdin]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd,
    env: {},
  });
  return { code, out, err };
}

describe('token-custody scan', () => {
  let dir: string;
  const gh = githubToken();
  const npm = npmToken();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tc-cli-'));
    writeFileSync(path.join(dir, '.env'), `# local\nGITHUB_TOKEN=${gh}\n`);
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'app.ts'), `const label = "héllo 👋";  const t = "${npm}";\n`);
    writeFileSync(path.join(dir, 'src', 'clean.ts'), 'export const x = 1;\n');
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'pkg', 'index.js'), `module.exports = "${githubToken()}";\n`);
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'config'), `token = ${githubToken()}\n`);
    writeFileSync(path.join(dir, 'image.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(githubToken())]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders (not node_modules/.git, including .env), prints redacted text and exits 1', async () => {
    const r = await scan(['.'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /\.env:2:14 {2}github-pat-classic/);
    assert.match(r.out, /src\/app\.ts:1:\d+ {2}npm-access-token/);
    assert.doesNotMatch(r.out, /node_modules|\.git\/|image\.bin/);
    assert.ok(!r.out.includes(gh) && !r.out.includes(npm), 'raw token printed');
    assert.match(r.out, /2 tokens found in 2 files/);
  });

  it('JSON Lines: exact keys, 1-based UTF-16 columns, endCol exclusive', async () => {
    const r = await scan(['src/app.ts', '--format', 'jsonl'], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(rec), ['file', 'line', 'col', 'endLine', 'endCol', 'ruleId', 'issuer', 'confidence', 'fingerprint', 'redacted']);
    const lineText = `const label = "héllo 👋";  const t = "${npm}";`;
    const col = lineText.indexOf(npm) + 1; // UTF-16 units: the emoji counts 2
    assert.equal(rec.line, 1);
    assert.equal(rec.col, col);
    assert.equal(rec.endLine, 1);
    assert.equal(rec.endCol, col + npm.length);
    assert.equal(rec.fingerprint, fingerprint(npm));
    assert.ok(!r.out.includes(npm));
  });

  it('SARIF 2.1.0 with rules, regions and partial fingerprints', async () => {
    const r = await scan(['--format=sarif', '.'], dir);
    const log = JSON.parse(r.out) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[] };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.deepEqual(run.results.map((x) => x.ruleId).sort(), ['github-pat-classic', 'npm-access-token']);
    const env = run.results.find((x) => x.ruleId === 'github-pat-classic')!;
    assert.equal(env.locations[0]!.physicalLocation.artifactLocation.uri, '.env');
    assert.equal(env.locations[0]!.physicalLocation.region.startLine, 2);
    assert.equal(env.partialFingerprints['tokenCustody/v1'], fingerprint(gh));
    assert.ok(run.tool.driver.rules.some((x) => x.id === 'npm-access-token'));
    assert.ok(!r.out.includes(gh));
  });

  it('reads standard input with -', async () => {
    const r = await scan(['-', '--format', 'jsonl'], dir, `log line\nAuthorization: token ${gh}\n`);
    assert.equal(r.code, 1);
    const rec = JSON.parse(r.out.trim()) as { file: string; line: number; col: number };
    assert.equal(rec.file, '<stdin>');
    assert.equal(rec.line, 2);
    assert.equal(rec.col, 'Authorization: token '.length + 1);
  });

  it('finds a token wrapped in terminal colour codes in a saved log', async () => {
    const r = await scan(['-', '--format', 'jsonl'], dir, `\u001b[32mexport GITHUB_TOKEN=\u001b[1m${gh}\u001b[0m\n`);
    assert.equal(r.code, 1);
  });

  it('include/exclude globs', async () => {
    assert.equal((await scan(['.', '--include', '*.ts'], dir)).out.includes('.env'), false);
    const r = await scan(['.', '--exclude', 'src/**'], dir);
    assert.ok(!r.out.includes('app.ts'));
    assert.ok(r.out.includes('.env'));
  });

  it('honours .tokencustodyignore (fingerprints and paths) and inline comments', async () => {
    writeFileSync(path.join(dir, '.tokencustodyignore'), `${fingerprint(gh)}  # rotated already\npath: src/**\n`);
    try {
      const r = await scan(['.'], dir);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /No tokens found/);
      assert.equal((await scan(['.', '--no-ignore-file'], dir)).code, 1);
    } finally {
      rmSync(path.join(dir, '.tokencustodyignore'));
    }
    const r2 = await scan(['-'], dir, `GH=${gh} # token-custody: ignore\n`);
    assert.equal(r2.code, 0);
    assert.equal((await scan(['-', '--no-inline-ignore'], dir, `GH=${gh} # token-custody: ignore\n`)).code, 1);
  });

  it('exit 0 when clean, 2 on usage errors, and unreadable paths are reported while the scan goes on', async () => {
    assert.equal((await scan(['src/clean.ts'], dir)).code, 0);
    const bad = await scan(['--format', 'xml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown format/);
    assert.equal((await scan(['--bogus'], dir)).code, 2);
    const missing = await scan(['nope.txt', '.env'], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot read nope\.txt: no such file or folder/);
    assert.doesNotMatch(missing.err, /ENOENT/);
    assert.equal((await scan(['nope.txt'], dir)).code, 2);
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked.txt');
      writeFileSync(locked, 'x');
      chmodSync(locked, 0o000);
      const r = await scan(['locked.txt'], dir);
      assert.match(r.err, /cannot read locked\.txt/);
      chmodSync(locked, 0o600);
      rmSync(locked);
    }
  });

  it('custom rules from --rules; invalid ones are reported and skipped', async () => {
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify([{ id: 'acme-token', name: 'ACME token', pattern: 'acme_[a-z0-9]{24}', keywords: ['acme_'] }, { id: 'broken', name: 'Broken', pattern: '(' }]));
    try {
      const r = await scan(['-', '--rules', rules, '--format', 'jsonl'], dir, `k=acme_${rand(ALPHABETS.alnum_lower, 24)}\n`);
      assert.equal(r.code, 1);
      assert.match(r.out, /"ruleId":"acme-token"/);
      assert.match(r.err, /Custom rule broken: invalid regular expression/);
    } finally {
      rmSync(rules);
    }
  });

  it('the bundled CLI loads node:worker_threads only for a scan with workers, node:zlib only at a token checksum, and no promise-based fs (Node compiles each of its modules at load)', () => {
    const cli = path.resolve(__dirname, '../../../../dist/cli.js');
    const file = path.join(dir, 'small.txt');
    writeFileSync(file, `token = "${githubToken()}"\n`);
    const loaded = (args: string[]): string[] => {
      // The modules Node loaded, printed at exit by a process that runs the CLI with these arguments.
      const probe = `process.argv.splice(1, Infinity, ${JSON.stringify(cli)}, ...${JSON.stringify(args)}); process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(process.moduleLoadList) + '\\n')); require(${JSON.stringify(cli)});`;
      const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', cwd: dir });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
      assert.ok(line, r.stderr);
      return JSON.parse(line.slice('LOADED '.length)) as string[];
    };
    try {
      const one = loaded(['scan', file, '--format', 'jsonl']);
      assert.ok(one.includes('NativeModule fs') && one.includes('NativeModule vm'), 'the probe sees the modules loaded');
      for (const m of ['NativeModule worker_threads', 'NativeModule internal/fs/promises']) assert.ok(!one.includes(m), `${m} loaded by a scan in one thread`);
      assert.ok(one.includes('NativeModule zlib'), 'a GitHub token checksum loads zlib');
      const clean = loaded(['scan', path.join(dir, 'src', 'clean.ts')]);
      assert.ok(!clean.includes('NativeModule zlib'), 'zlib loaded by a scan without a checksummed token');
      const two = loaded(['scan', file, path.join(dir, 'src', 'clean.ts'), '--format', 'jsonl', '--threads', '2']);
      assert.ok(two.includes('NativeModule worker_threads'), 'a scan with --threads 2 starts a worker');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the bundled CLI runs as a process and scans with worker threads', () => {
    const cli = path.resolve(__dirname, '../../../../dist/cli.js');
    const big = path.join(dir, 'big');
    mkdirSync(big);
    const filler = 'const value = compute(input, options);\n'.repeat(60_000);
    for (let i = 0; i < 6; i++) writeFileSync(path.join(big, `f${i}.ts`), filler + `token = "${githubToken()}"\n`);
    try {
      const r = spawnSync(process.execPath, [cli, 'scan', big, '--format', 'jsonl', '--threads', '2'], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, 6);
      const one = spawnSync(process.execPath, [cli, 'scan', big, '--format', 'jsonl', '--threads', '1'], { encoding: 'utf8' });
      assert.equal(one.stdout, r.stdout, 'same output with and without workers');
    } finally {
      rmSync(big, { recursive: true, force: true });
    }
  });
});
