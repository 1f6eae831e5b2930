// Issue 11 #6: the custody log loses entries across windows. Several processes append (as VS Code
// windows do) while another one runs the start-up retention rewrite again and again; every appended
// entry must survive. This file is also the child process: TC_LOG_STRESS_ROLE selects its role.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustodyInput } from '../../../src/custody/log';
import { CustodyLog } from '../../../src/custody/logFile';

const ROLE = process.env.TC_LOG_STRESS_ROLE;

function entry(fingerprint: string, ts?: string): CustodyInput {
  const e: CustodyInput = { event: 'detected', fingerprint, redacted: 'ghp_••••abcd', ruleId: 'github-pat-classic', issuer: 'github' };
  if (ts) e.ts = ts;
  return e;
}

async function child(role: string): Promise<void> {
  const path = process.env.TC_LOG_PATH ?? '';
  const id = process.env.TC_LOG_ID ?? '0';
  const n = Number(process.env.TC_LOG_N ?? '0');
  const errors: string[] = [];
  const log = new CustodyLog({ path, onError: (e) => errors.push(e.message) });
  if (role === 'append') {
    for (let i = 0; i < n; i++) {
      if (!(await log.append(entry(`sha256:w${id}-${i}`)))) errors.push(`append ${i} failed`);
    }
  } else {
    for (let i = 0; i < n; i++) {
      await log.append(entry(`sha256:old-${id}-${i}`, '2001-01-01T00:00:00.000Z'));
      await log.applyRetention(30);
    }
  }
  await log.flush();
  if (errors.length > 0) process.stderr.write(`${errors.join('\n')}\n`);
  process.exit(0);
}

function run(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [__filename], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    c.on('error', reject);
    c.on('exit', (code) => resolve(code ?? 1));
  });
}

if (ROLE) {
  void child(ROLE);
} else {
  void describe('issue 11 #6: custody log across windows (child processes)', () => {
    void it('no entry is lost while another process rewrites the log for retention', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tc-custody-stress-'));
      try {
        const path = join(dir, 'custody.jsonl');
        const appenders = 3;
        const perAppender = 300;
        const codes = await Promise.all([
          ...Array.from({ length: appenders }, (_, i) => run({ TC_LOG_STRESS_ROLE: 'append', TC_LOG_PATH: path, TC_LOG_ID: String(i), TC_LOG_N: String(perAppender) })),
          run({ TC_LOG_STRESS_ROLE: 'rewrite', TC_LOG_PATH: path, TC_LOG_ID: 'r', TC_LOG_N: '120' }),
        ]);
        assert.deepEqual(codes, [0, 0, 0, 0]);
        const text = await readFile(path, 'utf8');
        const seen = new Set<string>();
        for (const line of text.split('\n')) {
          const m = /"fingerprint":"sha256:(w\d+-\d+)"/.exec(line);
          if (m?.[1]) seen.add(m[1]);
        }
        const missing: string[] = [];
        for (let a = 0; a < appenders; a++) for (let i = 0; i < perAppender; i++) if (!seen.has(`w${a}-${i}`)) missing.push(`w${a}-${i}`);
        assert.equal(missing.length, 0, `${missing.length} of ${appenders * perAppender} entries lost (first: ${missing.slice(0, 5).join(', ')})`);
        assert.ok(!text.includes('sha256:old-r-119'), 'the last retention ran');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
