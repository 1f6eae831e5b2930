// token-custody: the command-line face of the detection engine and the keychain.
//   token-custody scan [PATH…|-] [--format text|jsonl|sarif] [--include GLOB] [--exclude GLOB]
//   token-custody secret get|set|list|delete NAME
//   token-custody run [--env-file FILE] -- CMD…
//   token-custody rules [--format text|json]

import { runWithSecrets } from './cli/run';
import { CLI_VERSION, runScan, runScanWorkerIfAny, SCAN_USAGE } from './cli/scan';
import { runSecret } from './cli/secret';
import { BUILTIN_RULES } from './engine/rules';

const USAGE = `token-custody ${CLI_VERSION} — find, vault and revoke leaked credentials

Usage:
  token-custody scan [PATH…|-] [--format text|jsonl|sarif] [--include GLOB] [--exclude GLOB]
  token-custody secret get|set|list|delete [NAME]
  token-custody run [--env-file FILE] -- CMD [ARGS…]
  token-custody rules [--json]
  token-custody --version

Run "token-custody scan --help" for the scan options.
`;

function listRules(json: boolean): string {
  if (json) return JSON.stringify(BUILTIN_RULES.map((r) => ({ id: r.id, issuer: r.issuer, name: r.name, kind: r.kind, severity: r.severity, revocation: r.revocation })), null, 2) + '\n';
  const w = Math.max(...BUILTIN_RULES.map((r) => r.id.length));
  return BUILTIN_RULES.map((r) => `${r.id.padEnd(w)}  ${r.name} (${r.issuer})`).join('\n') + `\n\n${BUILTIN_RULES.length} rules\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  switch (command) {
    case 'scan':
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(SCAN_USAGE);
        return 0;
      }
      return runScan(rest, io, { workerScript: __filename });
    case 'secret':
      return runSecret(rest, io);
    case 'run':
      return runWithSecrets(rest, io);
    case 'rules':
      process.stdout.write(listRules(rest.includes('--json')));
      return 0;
    case '--version':
    case '-v':
      process.stdout.write(CLI_VERSION + '\n');
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`token-custody: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

// A closed pipe (`token-custody scan … | head`) ends the output quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (!runScanWorkerIfAny()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Messages from our modules never carry a token; print only the message, not a stack with values.
      process.stderr.write(`token-custody: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
