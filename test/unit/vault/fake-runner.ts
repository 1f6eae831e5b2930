// A keychain command runner that records calls and answers from a function (backend tests).
import type { RunOptions, RunResult, Runner } from '../../../src/vault/exec';

export interface Call { command: string; args: readonly string[]; options: RunOptions }

export function fakeRunner(reply: (call: Call) => Partial<RunResult>): { runner: Runner; calls: Call[] } {
  const calls: Call[] = [];
  const runner: Runner = async (command, args, options) => {
    const call = { command, args, options };
    calls.push(call);
    return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, ...reply(call) };
  };
  return { runner, calls };
}
