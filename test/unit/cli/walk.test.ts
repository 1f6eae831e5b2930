// Folder walks: each file's absolute path, its path shown (relative to the working folder) and its
// path relative to its root, built per folder; the same as path.join/path.relative give per file.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectFiles, type WalkOptions } from '../../../src/cli/scan/walk';
import { tempDir } from './support';

describe('scan: folder walk', () => {
  let dir: string;
  before(() => {
    dir = tempDir('tc-walk-');
    for (const d of ['src/lib/deep', 'docs', 'node_modules/x', 'b c']) mkdirSync(path.join(dir, 'repo', d), { recursive: true });
    for (const f of ['a.txt', 'src/main.ts', 'src/lib/util.ts', 'src/lib/deep/z.env', 'docs/README.md', 'node_modules/x/index.js', 'b c/space name.txt', '.env']) writeFileSync(path.join(dir, 'repo', f), 'x\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const options = (cwd: string, pathFilter: (rel: string) => boolean = () => true): WalkOptions => ({
    cwd,
    pathFilter,
    cwdIgnore: undefined,
    ignoreFiles: false,
    warn: () => undefined,
    readError: (shown, e) => assert.fail(`${shown}: ${String(e)}`),
    onSymlink: () => undefined,
  });

  it('gives each file the paths that path.join and path.relative give, from inside, above and beside the root', async () => {
    const repo = path.join(dir, 'repo');
    for (const [cwd, given] of [[repo, '.'], [dir, 'repo'], [path.join(repo, 'docs'), '..'], [path.join(repo, 'src', 'lib'), repo], [path.parse(dir).root, repo]] as const) {
      const jobs = await collectFiles([given], options(cwd));
      const root = path.resolve(cwd, given);
      assert.deepEqual(
        jobs.map((j) => j.rel),
        ['.env', 'a.txt', 'b c/space name.txt', 'docs/README.md', 'src/lib/deep/z.env', 'src/lib/util.ts', 'src/main.ts'],
        `rel from ${cwd}`,
      );
      for (const j of jobs) {
        assert.equal(j.abs, path.join(root, ...j.rel!.split('/')));
        assert.equal(j.shown, path.relative(cwd, j.abs) || j.abs, `shown from ${cwd}`);
        assert.equal(j.root?.dir, root);
        assert.equal(j.size, -1);
      }
    }
  });

  it('filters by the path relative to the root', async () => {
    const jobs = await collectFiles(['repo'], options(dir, (rel) => rel.startsWith('src/')));
    assert.deepEqual(jobs.map((j) => j.shown), ['src/lib/deep/z.env', 'src/lib/util.ts', 'src/main.ts'].map((r) => path.join('repo', r)));
  });
});
