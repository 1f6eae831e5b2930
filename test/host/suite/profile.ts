// CPU profiles of the extension host for the large-document test and bench (not a suite).
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * With TC_PROFILE=1 in the harness's environment, a CPU profile of the extension host around `fn`
 * goes to the artifacts folder as `<name>.cpuprofile` (attributing long tasks; off by default:
 * profiling slows the host).
 */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const out = process.env.TC_TEST_ARTIFACTS;
  if (process.env.TC_PROFILE !== '1' || !out) return fn();
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> => new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
