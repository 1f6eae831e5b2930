// Preloaded by `npm run test:unit` (node --require): one seed for the random fixtures of the whole
// run (test/support/seed.ts), in TC_TEST_SEED for every test file's process. Printed first, and
// again after the summary when a test failed, so a red CI log names the seed that replays it.
'use strict';
if (!process.env.TC_TEST_SEED_RUN) {
  process.env.TC_TEST_SEED_RUN = '1'; // the test files' processes preload this too: only the runner prints
  const given = process.env.TC_TEST_SEED?.trim();
  const seed = given || require('node:crypto').randomBytes(6).toString('hex');
  process.env.TC_TEST_SEED = seed;
  console.log(`TC_TEST_SEED=${seed} (${given ? 'from the environment' : 'fresh'}: the seed of this run's random test fixtures)`);
  // The CLI processes the tests start keep their V8 code cache (src/cli/codeCache.ts) in a folder of
  // this run, removed at its end, not in the user's cache folder (~/.cache/token-custody), which every
  // run on the machine would otherwise share and prune.
  if (!process.env.TOKEN_CUSTODY_CACHE) {
    const fs = require('node:fs');
    const cache = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'tc-unit-cache-'));
    process.env.TOKEN_CUSTODY_CACHE = cache;
    process.on('exit', () => fs.rmSync(cache, { recursive: true, force: true }));
  }
  process.on('exit', (code) => {
    if (code !== 0) console.log(`\nUnit tests failed with TC_TEST_SEED=${seed}: \`TC_TEST_SEED=${seed} node --test out/test/unit/<file>.test.js\` replays a file's random fixtures`);
  });
}
