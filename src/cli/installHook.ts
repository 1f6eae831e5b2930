// `token-custody install-hook [--force]`: writes `.git/hooks/pre-commit` (or the hooks folder that
// `core.hooksPath` names) so that every commit runs `token-custody scan --staged`. A hook that is not
// ours is kept: refused without --force, backed up with it.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ioReason, parseOptions, UsageError } from './options';

export const INSTALL_HOOK_USAGE = `Usage: token-custody install-hook [--force]

Installs a git pre-commit hook in the current repository that runs "token-custody scan --staged"
and stops a commit that adds a credential (bypass once with git commit --no-verify).
An existing hook that Token Custody did not write is left alone; with --force it is kept as
pre-commit.backup (or .backup.N) and replaced. With the pre-commit framework, use the hook
"token-custody" from .pre-commit-hooks.yaml instead.

Options:
  --force      replace a pre-commit hook written by another tool (a backup is kept)
Exit status: 0 installed, 2 error.
`;

/** First lines of every hook we write; how we recognise our own hook. */
export const HOOK_MARKER = '# token-custody pre-commit hook';

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook: `token-custody` from PATH, else the Node and CLI that installed it (passing `--` so
 * that Node never reads our arguments as its own).
 */
export function hookScript(nodePath: string, cliPath: string): string {
  return `#!/bin/sh
${HOOK_MARKER} (written by "token-custody install-hook"; safe to edit or delete).
# Stops a commit that adds a credential. Bypass once: git commit --no-verify
if command -v token-custody >/dev/null 2>&1; then
  exec token-custody scan --staged
elif [ -x ${shQuote(nodePath)} ] && [ -f ${shQuote(cliPath)} ]; then
  exec ${shQuote(nodePath)} -- ${shQuote(cliPath)} scan --staged
else
  echo "token-custody pre-commit hook: token-custody was not found; install it (npm install -g token-custody) or commit with --no-verify." >&2
  exit 1
fi
`;
}

export interface InstallHookIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export function runInstallHook(argv: readonly string[], io: InstallHookIO, self: { nodePath: string; cliPath: string }): number {
  let force: boolean;
  try {
    const { values, positionals } = parseOptions<{ force?: boolean; help?: boolean }>('install-hook', argv, { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.stdout.write(INSTALL_HOOK_USAGE);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'install-hook');
    force = Boolean(values.force);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`token-custody install-hook: ${e.message}\nRun "token-custody help install-hook" for the options.\n`);
    return 2;
  }
  const r = spawnSync('git', ['rev-parse', '--git-path', 'hooks/pre-commit'], { cwd: io.cwd, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? 'git is not installed (or not on PATH)' : /not a git repository/i.test(r.stderr) ? 'this folder is not in a git repository' : r.stderr.trim();
    io.stderr.write(`token-custody install-hook: ${why}\n`);
    return 2;
  }
  const hook = path.resolve(io.cwd, r.stdout.trim());
  const shown = path.relative(io.cwd, hook) || hook;
  try {
    if (existsSync(hook)) {
      const current = readFileSync(hook, 'utf8');
      if (!current.includes(HOOK_MARKER)) {
        if (!force) {
          io.stderr.write(`token-custody install-hook: ${shown} already exists and was not written by Token Custody; it was left as it is.\n` +
            `Add "token-custody scan --staged" to it yourself, or run "token-custody install-hook --force" to replace it (a backup is kept).\n`);
          return 2;
        }
        let backup = `${hook}.backup`;
        for (let n = 1; existsSync(backup); n++) backup = `${hook}.backup.${n}`;
        renameSync(hook, backup);
        io.stdout.write(`Kept the previous hook as ${path.relative(io.cwd, backup) || backup}.\n`);
      }
    }
    mkdirSync(path.dirname(hook), { recursive: true });
    writeFileSync(hook, hookScript(self.nodePath, self.cliPath), { mode: 0o755 });
    chmodSync(hook, 0o755);
  } catch (e) {
    io.stderr.write(`token-custody install-hook: cannot write ${shown}: ${ioReason(e)}\n`);
    return 2;
  }
  io.stdout.write(`Installed ${shown}: every commit is scanned for credentials first (git commit --no-verify skips it once).\n`);
  return 0;
}
