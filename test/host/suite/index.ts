// Suite runner for the extension host. Exports run(): Promise<void>, the contract of both the driver
// extension (test/host/driver, normal workbench) and VS Code's extensionTestsPath (@vscode/test-electron,
// payload mode). Runs mocha over every compiled *.test.js beside this file, streams a spec-style report
// to the harness (or the console when there is no harness), and writes a results JSON to $TC_TEST_RESULTS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { channelAvailable, request } from './channel';

export const RESULTS_ENV = 'TC_TEST_RESULTS';
export const GREP_ENV = 'TC_TEST_GREP';
/** `bench` runs the measurement suites (*.bench.js) instead of the tests (*.test.js). */
export const SUITES_ENV = 'TC_TEST_SUITES';

export interface HostResults {
  vscodeVersion: string;
  startedAt: string;
  durationMs: number;
  passes: { title: string; durationMs: number }[];
  failures: { title: string; error: string }[];
  pending: { title: string }[];
  report: string[];
}

/** Ordered delivery of report lines (and failure screenshots) to the harness; console when there is none. */
class ReportSink {
  private chain: Promise<void> = Promise.resolve();
  readonly lines: string[] = [];

  line(text: string, event?: 'pass' | 'fail' | 'pending'): void {
    this.lines.push(text);
    console.log(text);
    if (channelAvailable()) this.enqueue(() => request('log', { line: text, event }, 10_000));
  }

  screenshot(name: string): void {
    if (channelAvailable()) this.enqueue(() => request('screenshot', { name }, 20_000));
  }

  private enqueue(send: () => Promise<unknown>): void {
    this.chain = this.chain.then(send).then(
      () => undefined,
      (err: unknown) => console.error(`[host suite] ${String(err)}`),
    );
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true); // stack traces of the bundled suites point into test/host/suite/*.ts
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'base' });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  // web.test.js needs the extension in the web worker host (run.mjs --web); the others need it here.
  const web = process.env.TC_TEST_MODE === 'web';
  const suffix = process.env[SUITES_ENV] === 'bench' ? '.bench.js' : '.test.js';
  // largeDocuments.test.js runs last: its thousands of tokens stay in the window's custody state.
  const last = (f: string): number => (f === 'largeDocuments.test.js' ? 1 : 0);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(suffix) && (f === 'web.test.js') === web).sort((x, y) => last(x) - last(y) || (x < y ? -1 : x > y ? 1 : 0));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const sink = new ReportSink();
  const started = Date.now();
  const results: HostResults = {
    vscodeVersion: vscode.version,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    passes: [],
    failures: [],
    pending: [],
    report: sink.lines,
  };
  sink.line(`host suites: ${files.length} file(s) in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.remoteName ?? 'local'})${grep ? `, grep ${JSON.stringify(grep)}` : ''}`);
  if (files.length === 0) throw new Error(`no *${suffix} files next to ${__filename}`);

  const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
  let depth = 0;
  const pad = () => '  '.repeat(depth);
  const failed = await new Promise<number>((resolve) => {
    const runner = mocha.run((failures) => resolve(failures));
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.root) return;
      depth++;
      sink.line(`${pad()}${suite.title}`);
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      if (!suite.root) depth--;
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      results.passes.push({ title: test.fullTitle(), durationMs: test.duration ?? 0 });
      sink.line(`${pad()}  ✔ ${test.title} (${test.duration ?? 0}ms)`, 'pass');
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      results.pending.push({ title: test.fullTitle() });
      sink.line(`${pad()}  - ${test.title}`, 'pending');
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: unknown) => {
      results.failures.push({ title: test.fullTitle(), error: errorText(err) });
      sink.line(`${pad()}  ${results.failures.length}) ${test.title}`, 'fail');
      sink.screenshot(`fail-${results.failures.length}-${test.fullTitle()}`);
    });
  });

  results.durationMs = Date.now() - started;
  sink.line('');
  sink.line(`  ${results.passes.length} passing (${(results.durationMs / 1000).toFixed(1)}s)`);
  if (results.pending.length) sink.line(`  ${results.pending.length} pending`);
  if (results.failures.length) {
    sink.line(`  ${results.failures.length} failing`);
    results.failures.forEach((f, i) => {
      sink.line('');
      sink.line(`  ${i + 1}) ${f.title}:`);
      sink.line(indent(f.error, '     '));
    });
  }
  await sink.flush();

  const out = process.env[RESULTS_ENV];
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  }
  if (failed > 0) throw new Error(`${failed} host test(s) failed`);
}
