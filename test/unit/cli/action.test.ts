// action.yml run end to end on this machine: its composite steps are executed the way the runner
// would (expressions substituted, `if:` evaluated, GITHUB_OUTPUT collected), against a real git
// repository with a pull request's commits and a log file. The upload-sarif step is checked, not
// called: its sarif_file must be a SARIF log with the findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprint } from '../../../src/engine';
import { githubToken, npmToken } from '../../support/fakes';
import { CLI, Repo, tempDir } from './support';

const ROOT = path.resolve(__dirname, '../../../..');
const yaml = createRequire(__filename)('js-yaml') as { load(s: string): unknown };

interface Step {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

/** The value of a GitHub expression, for the subset action.yml uses: inputs/steps lookups, == != && || !, always(), literals. */
function evaluate(expr: string, ctx: Context): string | boolean {
  const tokens = expr.match(/'(?:[^']|'')*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*(?:\(\))?/g) ?? [];
  let i = 0;
  const value = (t: string): string | boolean => {
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === 'always()' || t === 'true') return true;
    if (t === 'false') return false;
    const [scope, ...rest] = t.split('.');
    if (scope === 'inputs') return ctx.inputs[rest.join('.')] ?? '';
    if (scope === 'steps') return ctx.steps[rest[0]!]?.outputs[rest.slice(2).join('.')] ?? '';
    throw new Error(`expression not supported by this test runner: ${t}`);
  };
  const truthy = (v: string | boolean): boolean => v !== '' && v !== false;
  const primary = (): string | boolean => {
    const t = tokens[i++]!;
    if (t === '!') return !truthy(primary());
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    return value(t);
  };
  const cmp = (): string | boolean => {
    const l = primary();
    if (tokens[i] === '==' || tokens[i] === '!=') {
      const op = tokens[i++];
      const r = primary();
      return op === '==' ? String(l) === String(r) : String(l) !== String(r);
    }
    return l;
  };
  const and = (): string | boolean => {
    let l = cmp();
    while (tokens[i] === '&&') {
      i++;
      const r = cmp();
      l = truthy(l) ? r : l;
    }
    return l;
  };
  const or = (): string | boolean => {
    let l = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      l = truthy(l) ? l : r;
    }
    return l;
  };
  return or();
}

function substitute(s: string, ctx: Context): string {
  return s.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => String(evaluate(e, ctx)));
}

interface StepRun {
  name: string;
  skipped: boolean;
  status?: number;
  stdout?: string;
  uploaded?: string;
}

/** Runs the composite action like the runner: each step in order, `if:` evaluated (default success()). */
function runAction(inputs: Record<string, string>, workspace: string, eventPath: string): { steps: StepRun[]; outputs: Record<string, string> } {
  const action = yaml.load(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const ctx: Context = { inputs: {}, steps: {} };
  for (const [k, v] of Object.entries(action.inputs)) ctx.inputs[k] = inputs[k] ?? v.default ?? '';
  const runs: StepRun[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    const name = step.name ?? step.id ?? step.uses ?? 'step';
    const cond = step.if ? step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, '') : 'success()';
    const go = /always\(\)/.test(cond) ? evaluate(cond, ctx) : !failed && evaluate(cond.replace('success()', 'true'), ctx);
    if (go === false || go === '') {
      runs.push({ name, skipped: true });
      continue;
    }
    if (step.uses) {
      assert.match(step.uses, /^github\/codeql-action\/upload-sarif@v\d+$/);
      const file = substitute(step.with!.sarif_file!, ctx);
      runs.push({ name, skipped: false, uploaded: path.resolve(workspace, file) });
      continue;
    }
    const outFile = path.join(workspace, '..', `out-${runs.length}-${path.basename(workspace)}`);
    writeFileSync(outFile, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outFile, GITHUB_EVENT_PATH: eventPath, GITHUB_WORKSPACE: workspace, TOKEN_CUSTODY_CLI: CLI };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, ctx);
    assert.equal(step.shell, 'bash');
    const r = spawnSync('bash', ['-e', '-c', substitute(step.run!, ctx)], { cwd: workspace, env, encoding: 'utf8' });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(outFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    rmSync(outFile);
    if (step.id) ctx.steps[step.id] = { outputs };
    runs.push({ name, skipped: false, status: r.status ?? -1, stdout: r.stdout + r.stderr });
    if (r.status !== 0) failed = true;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.outputs)) outputs[k] = substitute(v.value, ctx);
  return { steps: runs, outputs };
}

describe('action.yml (composite), run end to end', () => {
  let repo: Repo;
  let eventPath: string;
  const prToken = githubToken();
  let base: string;
  let head: string;
  before(() => {
    repo = new Repo();
    base = repo.commit('base', { 'README.md': '# app\n', 'old.env': `NPM_TOKEN=${npmToken()}\n` });
    repo.git('checkout', '-q', '-b', 'pr');
    repo.commit('add deploy', { 'deploy/run.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${prToken}\n` });
    head = repo.commit('clean up', { 'deploy/run.sh': '#!/bin/sh\nexport GITHUB_TOKEN="$(token-custody secret get GH)"\n' });
    eventPath = path.join(tempDir('tc-event-'), 'event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));
  });
  after(() => {
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(path.dirname(eventPath), { recursive: true, force: true });
  });

  it("scan: commits finds the token the pull request added (and removed), annotates, uploads SARIF and fails", () => {
    const { steps, outputs } = runAction({ scan: 'commits' }, repo.dir, eventPath);
    const [scan, upload, failStep] = steps;
    assert.equal(scan!.status, 0, scan!.stdout);
    assert.match(scan!.stdout!, /^::error file=deploy\/run\.sh,line=2,endLine=2,col=\d+,endColumn=\d+,title=Token Custody%3A github-pat-classic::/m);
    assert.ok(!scan!.stdout!.includes(prToken));
    assert.equal(outputs.findings, '1', 'the base commit\'s old.env is outside the pull request');
    const sarif = JSON.parse(readFileSync(upload!.uploaded!, 'utf8')) as { runs: { results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(sarif.runs[0]!.results[0]!.partialFingerprints['tokenCustody/v1'], fingerprint(prToken));
    assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'deploy/run.sh');
    assert.equal(failStep!.skipped, false);
    assert.equal(failStep!.status, 1);
    assert.match(failStep!.stdout!, /::error title=Token Custody::1 token\(s\) found/);
  });

  it('scan: checkout with a baseline, and fail-on-findings off', () => {
    writeFileSync(path.join(repo.dir, 'base.ignore'), '');
    const { steps, outputs } = runAction({ scan: 'checkout', 'fail-on-findings': 'false', 'upload-sarif': 'false' }, repo.dir, eventPath);
    assert.equal(outputs.findings, '1', steps[0]!.stdout); // old.env in the work tree
    assert.equal(steps[1]!.skipped, true);
    assert.equal(steps[2]!.skipped, true);
    const jsonl = spawnSync(process.execPath, ['--', CLI, 'scan', '.', '--format', 'jsonl', '-q'], { cwd: repo.dir, encoding: 'utf8' });
    writeFileSync(path.join(repo.dir, 'base.jsonl'), jsonl.stdout);
    const r = runAction({ scan: 'checkout', baseline: 'base.jsonl' }, repo.dir, eventPath);
    assert.equal(r.outputs.findings, '0');
    assert.equal(r.steps[2]!.skipped, true);
    rmSync(path.join(repo.dir, 'base.ignore'));
    rmSync(path.join(repo.dir, 'base.jsonl'));
    rmSync(path.join(repo.dir, 'token-custody.sarif'));
  });

  it("scan: log reads a finished job's log; a bad input stops the step with exit 2", () => {
    const log = path.join(repo.dir, 'job.log');
    writeFileSync(log, `2024-01-01T00:00:00Z \u001b[32m+ npm publish --//registry.npmjs.org/:_authToken=${npmToken()}\u001b[0m\n`);
    const { steps, outputs } = runAction({ scan: 'log', path: 'job.log', 'sarif-file': 'log.sarif' }, repo.dir, eventPath);
    assert.equal(outputs.findings, '1', steps[0]!.stdout);
    assert.equal(outputs['sarif-file'], 'log.sarif');
    assert.ok(existsSync(path.join(repo.dir, 'log.sarif')));
    assert.equal(steps[2]!.status, 1);
    const bad = runAction({ scan: 'everything' }, repo.dir, eventPath);
    assert.equal(bad.steps[0]!.status, 2);
    assert.match(bad.steps[0]!.stdout!, /unknown scan "everything"/);
    assert.equal(bad.steps[1]!.skipped, true, 'no SARIF to upload');
    rmSync(log);
    rmSync(path.join(repo.dir, 'log.sarif'));
  });
});
