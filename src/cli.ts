// token-custody: the command-line face of the detection engine and the keychain (see cli/main.ts).
//   token-custody scan [PATH…|-] | --staged | --git [RANGE]   [--format text|jsonl|sarif|github|junit]
//   token-custody install-hook [--force]
//   token-custody secret get|set|list|delete NAME
//   token-custody run [-f FILE] -- CMD…
//   token-custody rules [--format text|json]

import './cli/boot'; // first: loads dist/shared.js through the code cache
import { saveCodeCaches } from './cli/codeCache';
import { main } from './cli/main';
import { runScanWorkerIfAny } from './cli/scan';

// A closed pipe (`token-custody scan … | head`) ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (!runScanWorkerIfAny()) {
  // process.stdin on first use only: creating it loads a stream class (fs, net or tty, by what stdin
  // is), which a scan of files or the other commands without input never need.
  const io = {
    get stdin(): NodeJS.ReadStream {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io, { nodePath: process.execPath, cliPath: __filename }).then(
    (code) => {
      process.exitCode = code;
      saveCodeCaches();
    },
    (e: unknown) => {
      // Messages from our modules never carry a token; print only the message, not a stack with values.
      process.stderr.write(`token-custody: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
