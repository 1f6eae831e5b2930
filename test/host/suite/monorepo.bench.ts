// Bench suite (run by `npm run bench`, monorepo part, through `node test/host/run.mjs --suites bench
// --workspace <generated monorepo>`): Scan Workspace on the generated tree in the real extension host.
// Measures, in this extension host: first-scan time, peak heap (v8.getHeapStatistics().used_heap_size,
// the same figure as process.memoryUsage().heapUsed, sampled every 20 ms: memoryUsage also reads the
// process's RSS from /proc, about 345 ms of the host's CPU per 1 GB scan), the garbage collections
// (perf_hooks 'gc' entries: their pauses, and how much of the longest gaps they were), the longest event-loop stall (perf_hooks.monitorEventLoopDelay at 5 ms: the longest
// interval between two ticks of its timer, i.e. a whole turn of the loop, our slice and whatever VS Code
// ran in it, including time the host was not scheduled; hence the same intervals on the thread's CPU clock),
// whether the progress notification moves (its text read from the workbench every 500 ms), the
// incremental rescans (nothing changed; one file changed), and cancellation latency (a full rescan
// under changed rules, cancelled from the notification's Cancel button). Writes the figures as JSON to
// $TC_BENCH_OUT; bench.ts prints them. Also the heap kept after the first scan (after a full GC), and
// on request a heap snapshot ($TC_BENCH_HEAPSNAPSHOT) and CPU profiles ($TC_BENCH_PROFILE). Asserts nothing about the figures themselves (host tests in
// custody.test.ts check the behaviour), only what makes them meaningful. The first scan starts once the
// extension host is idle (the workbench's start-up runs built-in extensions in it: settle()).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import type { WorkspaceScanResult } from '../../../src/custody/vscode/workspaceScan';
import { githubToken } from '../../support/fakes';
import { armClickProbe, clickButton, clickProbe, notifications, realWorkbench, waitFor, workspacePath } from './channel';

const MB = 1024 * 1024;

interface Sampled<T> {
  value: T;
  ms: number;
  peakHeapMB: number;
  longestTaskMs: number;
  /** 99th percentile of the event-loop delay. */
  p99TaskMs: number;
  /**
   * The longest stall on this thread's CPU clock: of the gaps between two ticks of a 5 ms timer, the
   * most CPU time this thread used in one (a long wall-clock task on a loaded machine is mostly time
   * the host was not scheduled). Process CPU where Node has no per-thread clock.
   */
  longestTaskCpuMs: number;
  /**
   * The same timer's gaps seen on both clocks: the CPU this thread used in the gap that was longest on
   * the wall clock, and how many gaps were over 50 ms on the wall clock and how many of them on the CPU
   * clock too (a gap long on the wall clock only is time the host was not running: preempted on the
   * shared machine, or blocked in a system call).
   */
  longestGapCpuMs: number;
  /** CPU time of this thread over the whole run (compare builds by it: the wall clock is the machine's load). */
  cpuMs: number;
  /** CPU of this thread in the heap sampler (with two reads of the CPU clock around each sample). */
  samplerCpuMs: number;
  gapsOver50: number;
  gapsOver50Cpu: number;
  /** Gaps over 25 ms on the wall clock, and gaps in which this thread used over 10, 15 and 20 ms of CPU. */
  gapsOver25: number;
  cpuOver: { 10: number; 15: number; 20: number };
  /** 1-minute load average at the end (the machine is shared: a preempted host shows as a long task). */
  load: number;
  progress: string[];
  gc: GcFigures;
}

/** Garbage collections seen in a run (perf_hooks 'gc' entries; pauses on this thread, ms). */
interface GcFigures {
  /** CPU of this thread in the first gap of the 5 ms timer (the run's first turn), ms. */
  firstGapCpuMs: number;
  /** When the gap with the most CPU began, from the start of the run (ms): a turn at the start or the end is a one-off. */
  longestCpuGapAtMs: number;
  /** Count and longest pause of the full (mark-compact) and young-generation collections. */
  major: number;
  longestMajorMs: number;
  minor: number;
  longestMinorMs: number;
  totalMs: number;
  /**
   * The gaps of the 5 ms timer with over 10 ms of this thread's CPU (a long task of the host's own),
   * and how many of them held a full collection; the GC pause inside the one with the most CPU.
   */
  cpuGapsOver10: number;
  cpuGapsOver10WithMajor: number;
  longestCpuGapGcMs: number;
  /** The gaps over 50 ms on the wall clock that held a collection, and the GC pause in the longest. */
  wallGapsOver50WithGc: number;
  longestWallGapGcMs: number;
}

/** Heap in use (MB): the figure of process.memoryUsage().heapUsed, without its read of the RSS. */
function heapUsed(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/** GC pauses in [start, end] (performance clock), in ms; `major` only counts full collections. */
function gcIn(gcs: readonly { start: number; end: number; major: boolean }[], start: number, end: number, majorOnly = false): number {
  let ms = 0;
  for (const g of gcs) {
    if (majorOnly && !g.major) continue;
    const a = Math.max(start, g.start);
    const b = Math.min(end, g.end);
    if (b > a) ms += b - a;
  }
  return ms;
}

/** Runs `fn` while sampling heap, event-loop delay and (optionally) the progress notification's text. */
async function sampled<T>(fn: () => Promise<T>, watchProgress: boolean): Promise<Sampled<T>> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cpuNow = (): number => {
    const c = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const gcs: { start: number; end: number; major: boolean }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      gcs.push({ start: e.startTime, end: e.startTime + e.duration, major: kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  // Gaps to match with the collections afterwards: [start, end] on the performance clock, CPU ms.
  const cpuGaps: [number, number, number][] = [];
  const wallGaps: [number, number][] = [];
  let lastCpu = cpuNow();
  let lastWall = performance.now();
  let longestCpu = 0;
  /** CPU in the first gap of the run (its first turn: the command's start). */
  let firstCpu: number | undefined;
  let longestCpuGap: [number, number] = [0, 0];
  let longestWall = 0;
  let longestWallGap: [number, number] = [0, 0];
  let longestWallCpu = 0;
  let over50 = 0;
  let over50Cpu = 0;
  let over25 = 0;
  const cpuOver = { 10: 0, 15: 0, 20: 0 };
  const cpuTimer = setInterval(() => {
    const c = cpuNow();
    const w = performance.now();
    const cpu = c - lastCpu;
    const wall = w - lastWall;
    firstCpu ??= cpu;
    if (cpu > longestCpu) {
      longestCpu = cpu;
      longestCpuGap = [lastWall, w];
    }
    if (wall > longestWall) {
      longestWall = wall;
      longestWallCpu = cpu;
      longestWallGap = [lastWall, w];
    }
    if (cpu > 10) cpuGaps.push([lastWall, w, cpu]);
    if (wall > 50) wallGaps.push([lastWall, w]);
    if (wall > 50) over50++;
    if (wall > 50 && cpu > 50) over50Cpu++;
    if (wall > 25) over25++;
    if (cpu > 10) cpuOver[10]++;
    if (cpu > 15) cpuOver[15]++;
    if (cpu > 20) cpuOver[20]++;
    lastCpu = c;
    lastWall = w;
  }, 5);
  let peak = heapUsed();
  // The sampler's own CPU on this thread (what the bench adds to what it measures).
  let samplerCpu = 0;
  const heapTimer = setInterval(() => {
    const c = cpuNow();
    peak = Math.max(peak, heapUsed());
    samplerCpu += cpuNow() - c;
  }, 20);
  const progress: string[] = [];
  let polling = watchProgress;
  const poll = (async (): Promise<void> => {
    while (polling) {
      const msg = (await notifications().catch(() => [] as string[])).find((n) => /scanning workspace/i.test(n));
      if (msg && progress[progress.length - 1] !== msg) progress.push(msg);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  loop.enable();
  const t0 = performance.now();
  const cpu0 = cpuNow();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    const cpuMs = cpuNow() - cpu0;
    loop.disable();
    // The observer's entries arrive after the collection: take what is queued.
    for (const e of gcObserver.takeRecords()) gcs.push({ start: e.startTime, end: e.startTime + e.duration, major: (e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR });
    const major = gcs.filter((g) => g.major);
    const minor = gcs.filter((g) => !g.major);
    const longest = (l: typeof gcs): number => l.reduce((m, g) => Math.max(m, g.end - g.start), 0);
    const gc: GcFigures = {
      firstGapCpuMs: firstCpu ?? 0,
      longestCpuGapAtMs: longestCpuGap[0] - t0,
      major: major.length, longestMajorMs: longest(major), minor: minor.length, longestMinorMs: longest(minor),
      totalMs: gcs.reduce((t, g) => t + g.end - g.start, 0),
      cpuGapsOver10: cpuGaps.length, cpuGapsOver10WithMajor: cpuGaps.filter(([a, b]) => gcIn(gcs, a, b, true) > 0).length,
      longestCpuGapGcMs: gcIn(gcs, longestCpuGap[0], longestCpuGap[1]),
      wallGapsOver50WithGc: wallGaps.filter(([a, b]) => gcIn(gcs, a, b) > 0).length,
      longestWallGapGcMs: gcIn(gcs, longestWallGap[0], longestWallGap[1]),
    };
    return { value, ms, cpuMs, samplerCpuMs: samplerCpu, gc, peakHeapMB: Math.max(peak, heapUsed()) / MB, longestTaskMs: loop.max / 1e6, p99TaskMs: loop.percentile(99) / 1e6, longestTaskCpuMs: longestCpu, longestGapCpuMs: longestWallCpu, gapsOver50: over50, gapsOver50Cpu: over50Cpu, gapsOver25: over25, cpuOver: { ...cpuOver }, load: os.loadavg()[0]!, progress };
  } finally {
    loop.disable();
    clearInterval(cpuTimer);
    clearInterval(heapTimer);
    gcObserver.disconnect();
    polling = false;
    await poll;
  }
}

/** Posts one inspector command in this extension host. */
function inspector<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/** Heap in use after a full garbage collection (what the extension host keeps), in MB. */
async function retainedHeapMB(): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    await inspector(session, 'HeapProfiler.collectGarbage');
    return heapUsed() / MB;
  } finally {
    session.disconnect();
  }
}

/** With $TC_BENCH_HEAPSNAPSHOT set, a heap snapshot of this extension host is written there (after a GC). */
async function heapSnapshot(): Promise<void> {
  const file = process.env.TC_BENCH_HEAPSNAPSHOT;
  if (!file) return;
  const session = new Session();
  session.connect();
  const out = fs.openSync(file, 'w');
  try {
    session.on('HeapProfiler.addHeapSnapshotChunk', (m) => fs.writeSync(out, m.params.chunk));
    await inspector(session, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    fs.closeSync(out);
    session.disconnect();
  }
}

/**
 * With $TC_BENCH_PROFILE set, a CPU profile of `fn` is written to `$TC_BENCH_PROFILE.<name>.cpuprofile`
 * (for a profiler view), with the long event-loop gaps beside it (`.gaps.json`: start, end, CPU ms).
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const base = process.env.TC_BENCH_PROFILE;
  if (!base) return fn();
  const file = `${base}.${name}.cpuprofile`;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> => inspector(session, method, params);
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  // Event-loop gaps over 40 ms on the wall clock or over 12 ms on this thread's CPU clock, on the
  // profile's clock (µs, monotonic), with the CPU used in each (ms): which work made each long task.
  const gaps: [number, number, number][] = [];
  const cpuNow = (): number => {
    const c = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let last = process.hrtime.bigint();
  let lastCpu = cpuNow();
  const lag = setInterval(() => {
    const now = process.hrtime.bigint();
    const cpu = cpuNow();
    if (now - last > 40_000_000n || cpu - lastCpu > 12) gaps.push([Number(last / 1000n), Number(now / 1000n), Math.round((cpu - lastCpu) * 10) / 10]);
    last = now;
    lastCpu = cpu;
  }, 5);
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    clearInterval(lag);
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    fs.writeFileSync(`${file}.gaps.json`, JSON.stringify(gaps));
    session.disconnect();
  }
}

/**
 * Waits until this extension host is idle: 2 s in a row in which no gap of a 5 ms timer held over
 * 10 ms of this thread's CPU (at most 60 s). Returns the wait and the longest CPU gap it saw (ms).
 */
async function settle(): Promise<{ waitedMs: number; longestCpuMs: number }> {
  const cpuNow = (): number => {
    const c = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const t0 = performance.now();
  let quietSince = t0;
  let longest = 0;
  let lastCpu = cpuNow();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const c = cpuNow();
      const now = performance.now();
      longest = Math.max(longest, c - lastCpu);
      if (c - lastCpu > 10) quietSince = now;
      lastCpu = c;
      if (now - quietSince >= 2000 || now - t0 > 60_000) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  return { waitedMs: Math.round(performance.now() - t0), longestCpuMs: Math.round(longest * 10) / 10 };
}

function scan(): Promise<WorkspaceScanResult> {
  return Promise.resolve(vscode.commands.executeCommand<WorkspaceScanResult>('tokenCustody.scanWorkspace'));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function brief(r: Sampled<WorkspaceScanResult>): Record<string, unknown> {
  const v = r.value;
  return {
    ms: Math.round(r.ms), cpuMs: Math.round(r.cpuMs), samplerCpuMs: round1(r.samplerCpuMs), files: v.files, read: v.read, unchanged: v.unchanged, tokens: v.tokens, filesWithTokens: v.filesWithTokens, mb: Math.round(v.stats.bytes / MB),
    cancelled: v.cancelled, cancelMs: v.cancelMs, peakHeapMB: Math.round(r.peakHeapMB), longestTaskMs: Math.round(r.longestTaskMs * 10) / 10, p99TaskMs: Math.round(r.p99TaskMs * 10) / 10, longestTaskCpuMs: Math.round(r.longestTaskCpuMs * 10) / 10, longestGapCpuMs: Math.round(r.longestGapCpuMs * 10) / 10, gapsOver50: r.gapsOver50, gapsOver50Cpu: r.gapsOver50Cpu, gapsOver25: r.gapsOver25, cpuOver: r.cpuOver, load: Math.round(r.load * 10) / 10,
    gc: { ...r.gc, firstGapCpuMs: round1(r.gc.firstGapCpuMs), longestCpuGapAtMs: Math.round(r.gc.longestCpuGapAtMs), longestMajorMs: round1(r.gc.longestMajorMs), longestMinorMs: round1(r.gc.longestMinorMs), totalMs: Math.round(r.gc.totalMs), longestCpuGapGcMs: round1(r.gc.longestCpuGapGcMs), longestWallGapGcMs: round1(r.gc.longestWallGapGcMs) },
    progressUpdates: r.progress.length, progressFirst: r.progress[0], progressLast: r.progress[r.progress.length - 1],
  };
}

describe('monorepo workspace scan (bench)', function () {
  this.timeout(0);

  it('first scan, incremental rescans, cancellation: measured in the extension host', async () => {
    assert.ok(realWorkbench(), 'the bench needs the normal workbench (progress notification, Cancel button)');
    const ext = vscode.extensions.getExtension<TokenCustodyApi>('token-custody.token-custody');
    assert.ok(ext);
    const a = await ext.activate();
    await a.core.custody.whenReady();
    // The workbench's own start-up runs in this extension host too (built-in extensions activating:
    // JSON language features spawning its server, merge conflicts, git): in a profiled run, 100–160 ms
    // of CPU in one turn in the first seconds, which the first scan's figures took for its own.
    const settled = await settle();
    const out: Record<string, unknown> = { heapBeforeMB: Math.round(heapUsed() / MB), node: process.version, vscode: vscode.version, settle: settled };

    // Profiled outside the sampling: starting the profiler stalls the host for a moment.
    const first = await profiled('first', () => sampled(scan, true));
    assert.equal(first.value.cancelled, false, 'the first scan ran to the end');
    out.first = { ...brief(first), retainedHeapMB: Math.round(await retainedHeapMB()), custodyBacklog: a.core.custody.log.backlog() };
    await heapSnapshot();

    const again = await profiled('unchanged', () => sampled(scan, false));
    out.unchanged = { ...brief(again), retainedHeapMB: Math.round(await retainedHeapMB()) };

    // One file changes: a token is added to it (same folder layout, new size and mtime).
    const root = workspacePath();
    const rel = fs.readdirSync(root).sort().find((d) => d.startsWith('group'))!;
    const dir = path.join(root, rel, 'pkg0', 'src');
    const file = path.join(dir, fs.readdirSync(dir).sort()[0]!);
    const before = fs.readFileSync(file, 'utf8');
    const tok = githubToken();
    fs.writeFileSync(file, `${before}export const LEAKED = "${tok}";\n`);
    try {
      const one = await sampled(scan, false);
      out.oneChanged = { ...brief(one), newTokenFound: one.value.tokens === again.value.tokens + 1 };
    } finally {
      fs.writeFileSync(file, before);
    }

    // Cancellation: new rules (a custom rule in user settings) make the next scan read every file again.
    const config = vscode.workspace.getConfiguration('tokenCustody');
    await config.update('customRules', [{ id: 'bench-acme', name: 'Bench key', pattern: 'benchkey_[a-z0-9]{24}', keywords: ['benchkey_'] }], vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => a.core.scanners.scanner.rules.some((r) => r.spec.id === 'bench-acme'), 'the custom rule in the scanner');
      let clickedAt = 0;
      const cancelled = await sampled(async () => {
        let finished = false;
        const running = scan().finally(() => (finished = true));
        // Click once the scan's own notification counts files: on a quiet machine a small tree is
        // scanned in a few seconds, so waiting longer lets the scan finish first.
        await waitFor(async () => finished || (await notifications()).some((n) => /scanning workspace: [1-9]/i.test(n)), 'the progress notification counting files', 20_000);
        // The page stamps the real DOM click and the toast's disappearance (the driver's own time to
        // find and click the button, 400–600 ms under load, is not the user's wait).
        await armClickProbe('Cancel', 'scanning workspace');
        clickedAt = performance.now();
        if (!finished) {
          try {
            await clickButton('Cancel', 10_000, 'scanning workspace');
          } catch (e) {
            if (!finished) throw e;
          }
        }
        const r = await running;
        const stopMs = performance.now() - clickedAt;
        const probe = r.cancelled ? await waitFor(async () => {
          const p = await clickProbe();
          return p?.goneAt ? p : null;
        }, 'the progress notification gone after the click', 20_000).catch(() => undefined) : undefined;
        await clickProbe(true);
        return { r, stopMs, probe };
      }, false);
      const { r: cr, probe } = cancelled.value;
      const ms = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 10) / 10);
      out.cancel = cr.cancelled
        ? {
          ...brief({ ...cancelled, value: cr }),
          // From the driver's request to click until the scan returned (includes Playwright's click).
          driverClickToStopMs: Math.round(cancelled.value.stopMs),
          // What the user sees: the DOM click → the cancellation in the extension host → the scan
          // stopped → the progress toast gone.
          clickToTokenMs: probe?.clickAt && cr.cancelRequestedAt ? ms(cr.cancelRequestedAt - probe.clickAt) : undefined,
          tokenToStopMs: ms(cr.cancelMs),
          stopToGoneMs: probe?.goneAt ? ms(probe.goneAt - cr.endedAt) : undefined,
          clickToGoneMs: probe?.goneAt && probe.clickAt ? ms(probe.goneAt - probe.clickAt) : undefined,
          mousedownToClickMs: probe?.clickAt && probe.downAt ? ms(probe.clickAt - probe.downAt) : undefined,
          pageClockDriftMs: ms(probe?.drift), hostClockDriftMs: ms(performance.timeOrigin + performance.now() - Date.now()),
        }
        : { finishedBeforeCancel: true, files: cr.files };
    } finally {
      await config.update('customRules', undefined, vscode.ConfigurationTarget.Global);
    }

    const target = process.env.TC_BENCH_OUT;
    if (target) fs.writeFileSync(target, JSON.stringify(out, null, 2));
    console.log(`monorepo bench: ${JSON.stringify(out)}`);
  });
});
