// The npm package of the CLI: one file plus README and LICENSE, installable and runnable without
// building or any dependency (what `npx token-custody` gets).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprint } from '../../../src/engine';
import { githubToken } from '../../support/fakes';
import { tempDir } from './support';

const ROOT = path.resolve(__dirname, '../../../..');

describe('the token-custody npm package', () => {
  let dir: string;
  let pkgDir: string;
  before(() => {
    dir = tempDir('tc-pkg-');
    pkgDir = path.join(dir, 'package');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli-package.mjs'), '--out', pkgDir], { cwd: ROOT, stdio: 'pipe' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds one script and its files list, with the extension\'s version and no dependencies', () => {
    const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; files: string[]; dependencies?: unknown };
    const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.name, 'token-custody');
    assert.equal(manifest.version, root.version);
    assert.deepEqual(manifest.bin, { 'token-custody': 'token-custody.js' });
    assert.equal(manifest.dependencies, undefined);
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8' })) as { files: { path: string }[] }[];
    assert.deepEqual(packed[0]!.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'package.json', 'token-custody.js']);
    assert.match(readFileSync(path.join(pkgDir, 'README.md'), 'utf8'), /^# The `token-custody` CLI/);
    assert.match(readFileSync(path.join(pkgDir, 'token-custody.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('installs globally from its tarball offline and runs from anywhere, without node_modules', () => {
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: pkgDir, stdio: 'pipe' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const prefix = path.join(dir, 'global');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(dir, tarball)], { cwd: dir, stdio: 'pipe' });
    const bin = path.join(prefix, 'bin', 'token-custody');
    const v = spawnSync(bin, ['--version'], { cwd: dir, encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
    // The packaged bundle carries the WebAssembly keyword prefilter, as the extension's does (not the
    // automaton fallback), and runs its relaxed-SIMD build: shipped from Node 21, turned on by the CLI on Node 20.
    const verbose = spawnSync(bin, ['--version', '--verbose'], { cwd: dir, encoding: 'utf8' });
    assert.equal(verbose.status, 0, verbose.stderr);
    assert.match(verbose.stdout, /^keyword prefilter: simd \(WebAssembly, relaxed SIMD\)$/m);
    const gh = githubToken();
    const r = spawnSync(bin, ['scan', '-', '--format', 'jsonl'], { cwd: dir, input: `GITHUB_TOKEN=${gh}\n`, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout.trim()) as { fingerprint: string }).fingerprint, fingerprint(gh));
  });
});
