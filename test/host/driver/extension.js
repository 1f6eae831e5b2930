// Test-only driver extension (installed by test/host/run.mjs into a throwaway --extensions-dir).
// When TC_TEST_RUNNER names a compiled suite runner (out/test/host/suite/index.js), it loads it, awaits
// its run() and reports { failed, error } to the harness over the browser channel (TC_TEST_CHANNEL).
// Unlike the extensionTestsPath payload, this keeps the workbench normal: modal dialogs and toasts work.
'use strict';
const fs = require('node:fs');

/** @param {string} action @param {object} args */
async function tell(action, args) {
  const base = process.env.TC_TEST_CHANNEL;
  if (!base) return;
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await fetch(`${base}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, args }),
        signal: AbortSignal.timeout(15000),
      });
      if (r.ok) return;
      throw new Error(`HTTP ${r.status}`);
    } catch (err) {
      if (attempt >= 5) {
        console.error(`[host-test-driver] could not report "${action}" to the harness at ${base}: ${err}`);
        return;
      }
      await new Promise((res) => setTimeout(res, 500 * attempt));
    }
  }
}

function activate() {
  const runnerPath = process.env.TC_TEST_RUNNER;
  if (!runnerPath) return;
  // an extension-host restart must not start the suites a second time
  const results = process.env.TC_TEST_RESULTS;
  if (results) {
    try {
      fs.writeFileSync(`${results}.started`, String(process.pid), { flag: 'wx' });
    } catch {
      console.error('[host-test-driver] suites already started in an earlier extension host; not running them again');
      void tell('done', { failed: true, error: 'extension host restarted while the suites were running' });
      return;
    }
  }
  setTimeout(() => {
    void (async () => {
      let failed = false;
      let error;
      try {
        await require(runnerPath).run();
      } catch (err) {
        failed = true;
        error = err instanceof Error ? err.stack || err.message : String(err);
      }
      await tell('done', { failed, error });
    })();
  }, 0);
}

function deactivate() {}

module.exports = { activate, deactivate };
