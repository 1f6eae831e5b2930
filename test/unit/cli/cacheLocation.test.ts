// The unit run's CLI processes keep their V8 code cache in a folder of the run (scripts/test-seed.cjs
// sets TOKEN_CUSTODY_CACHE), never in the user's cache folder.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliProcess, tempDir } from './support';

describe('CLI code cache in the unit run', () => {
  const home = tempDir('tc-home-');
  after(() => rmSync(home, { recursive: true, force: true }));

  it('a CLI started with the test environment writes its cache to the run\'s folder, not under HOME', { skip: process.env.TC_TEST_SEED_RUN ? false : 'run through npm run test:unit (its preload sets the folder)' }, () => {
    const cache = process.env.TOKEN_CUSTODY_CACHE;
    assert.ok(cache && path.resolve(cache).startsWith(path.resolve(tmpdir()) + path.sep), `TOKEN_CUSTODY_CACHE is a temp folder: ${cache}`);
    const work = path.join(home, 'work');
    mkdirSync(work);
    writeFileSync(path.join(work, 'notes.txt'), 'nothing secret here\n');
    // As the CLI tests start it (process.env), with a HOME of our own and no XDG_CACHE_HOME.
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    delete env.XDG_CACHE_HOME;
    const r = cliProcess(['scan', '.', '--format', 'jsonl'], work, { env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(path.join(home, '.cache')), false, 'nothing written to HOME/.cache');
    assert.ok(existsSync(cache) && readdirSync(cache).length > 0, 'the cache is in the run\'s folder');
  });
});
