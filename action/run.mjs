// The scan step of action.yml (plain Node, no dependencies). Reads its inputs from TC_* variables,
// runs the token-custody CLI twice (SARIF to a file, then workflow annotations to stdout) and
// writes the step outputs `findings` and `sarif-file` to $GITHUB_OUTPUT.
// The CLI: $TOKEN_CUSTODY_CLI (a dist/cli.js), else this checkout's dist/cli.js when built, else
// `npx token-custody@<version>` from npm.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

function fail(message) {
  process.stdout.write(`::error title=Token Custody::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(2);
}

function cliCommand() {
  const local = env.TOKEN_CUSTODY_CLI || (existsSync(join(root, 'dist', 'cli.js')) ? join(root, 'dist', 'cli.js') : '');
  // `--` so that Node never reads our arguments as its own.
  if (local) return [process.execPath, ['--', local]];
  const version = env.TC_VERSION || JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  return ['npx', ['--yes', `token-custody@${version}`]];
}

/** What to scan, as CLI arguments. */
function target() {
  const mode = env.TC_SCAN || 'checkout';
  if (mode === 'checkout' || mode === 'log') return [env.TC_PATH || '.'];
  if (mode !== 'commits') fail(`unknown scan "${mode}" (use checkout, commits or log)`);
  let range = env.TC_RANGE;
  if (!range && env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH)) {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    if (event.pull_request) range = `${event.pull_request.base.sha}..${event.pull_request.head.sha}`;
    else if (event.after && event.before && !/^0+$/.test(event.before)) range = `${event.before}..${event.after}`;
    else if (event.after) range = event.after;
  }
  return range ? ['--git', range] : ['--git'];
}

const common = ['--min-confidence', env.TC_MIN_CONFIDENCE || 'low'];
if (env.TC_BASELINE) common.push('--baseline', env.TC_BASELINE);
const sarif = env.TC_SARIF || 'token-custody.sarif';
const [cmd, pre] = cliCommand();
const what = target();

const run = (args, stdio) => spawnSync(cmd, [...pre, 'scan', ...what, ...common, ...args], { stdio, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const report = run(['--format', 'sarif', '--output', sarif], ['ignore', 'inherit', 'inherit']);
if (report.error) fail(`cannot run token-custody: ${report.error.message}`);
if (report.status !== 0 && report.status !== 1) fail(`token-custody stopped with exit status ${report.status} (see the messages above)`);
// Annotations on the pull request's files: workflow commands on stdout.
const notes = run(['--format', 'github', '--quiet'], ['ignore', 'pipe', 'inherit']);
process.stdout.write(notes.stdout ?? '');

let findings = 0;
try {
  findings = JSON.parse(readFileSync(sarif, 'utf8')).runs.reduce((n, r) => n + (r.results?.length ?? 0), 0);
} catch (e) {
  fail(`cannot read the SARIF report ${sarif}: ${e.message}`);
}
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `findings=${findings}\nsarif-file=${sarif}\n`);
console.log(`token-custody: ${findings} token(s) found; SARIF report in ${sarif}`);
