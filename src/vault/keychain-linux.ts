// Linux Secret Service (GNOME Keyring, KWallet's Secret Service bridge, KeePassXC…) through
// `secret-tool` from libsecret. Items: attributes `service=token-custody`, `account=NAME`.
// The value goes to `secret-tool store` on stdin, never on a command line. Attributes come after
// `--` (GOption stops parsing options there), so no name can ever be read as an option.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Availability, type SecretBackend, VaultError, type VaultErrorCode, scrubSecret, errorMessage } from './backend';
import { type Runner, type RunResult, runProcess } from './exec';
import { VAULT_SERVICE, assertValidName } from './reference';

export interface KeychainBackendOptions {
  /** Environment of the child processes (D-Bus address, HOME…). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Per-call timeout in ms (an unlock prompt counts). Default 30 s. */
  timeoutMs?: number;
  /** Program path. */
  command?: string;
  /** For tests: how processes are run. */
  runner?: Runner;
}

/** Name of the item `isAvailable()` writes, reads back and deletes. Never listed. */
export const PROBE_NAME = '_token-custody-probe';
/** Probe names never listed: today's and the one older versions used. */
export function isProbeName(name: string): boolean {
  return name === PROBE_NAME || name === '.token-custody-probe';
}

const INSTALL_HINT = 'install libsecret-tools (Debian/Ubuntu), libsecret (Fedora/Arch) and a Secret Service such as gnome-keyring';

export class SecretToolBackend implements SecretBackend {
  readonly id = 'keychain' as const;
  readonly label = 'Secret Service (secret-tool)';
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly command: string;
  private readonly runner: Runner;

  constructor(options: KeychainBackendOptions = {}) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.command = options.command ?? 'secret-tool';
    this.runner = options.runner ?? runProcess;
  }

  private run(args: string[], input?: string): Promise<RunResult> {
    return this.runner(this.command, args, { input, timeoutMs: this.timeoutMs, env: this.env });
  }

  private failure(r: RunResult, action: string, secret?: string): VaultError {
    const { code, message } = classifySecretTool(r, this.env, this.timeoutMs);
    return new VaultError(code, scrubSecret(`Could not ${action} in the Secret Service: ${message}`, secret));
  }

  async get(name: string): Promise<string | undefined> {
    assertValidName(name);
    const r = await this.run(['lookup', '--', 'service', VAULT_SERVICE, 'account', name]);
    if (r.code === 0 && !r.timedOut) return r.stdout;
    if (r.code === 1 && !r.timedOut && r.stderr.trim() === '') {
      // secret-tool says nothing both for "no such item" and for "item in a locked collection".
      if (await this.exists(name)) {
        throw new VaultError('locked', `The Secret Service keyring holding "${name}" is locked: unlock it (e.g. in Passwords and Keys / Seahorse) and try again.`);
      }
      return undefined;
    }
    throw this.failure(r, `read "${name}"`);
  }

  /** Whether an item with that name exists (works on locked keyrings too: attributes stay readable). */
  private async exists(name: string): Promise<boolean> {
    const r = await this.run(['search', '--', 'service', VAULT_SERVICE, 'account', name]);
    if (r.spawnError || r.timedOut) throw this.failure(r, `look up "${name}"`);
    return accountsIn(r).includes(name);
  }

  async set(name: string, value: string): Promise<void> {
    assertValidName(name);
    if (value.length === 0) throw new VaultError('error', 'Refusing to store an empty secret.');
    const r = await this.run(['store', `--label=${VAULT_SERVICE}/${name}`, '--', 'service', VAULT_SERVICE, 'account', name], value);
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `store "${name}"`, value);
  }

  async delete(name: string): Promise<boolean> {
    assertValidName(name);
    const existed = await this.exists(name);
    if (!existed) return false;
    const r = await this.run(['clear', '--', 'service', VAULT_SERVICE, 'account', name]);
    if ((r.code !== 0 && r.stderr.trim() !== '') || r.timedOut || r.spawnError) throw this.failure(r, `delete "${name}"`);
    if (await this.exists(name)) throw new VaultError('error', `The Secret Service still holds "${name}" after deleting it (is the keyring locked?).`);
    return true;
  }

  async list(): Promise<string[]> {
    const r = await this.run(['search', '--all', '--', 'service', VAULT_SERVICE]);
    if (r.spawnError || r.timedOut) throw this.failure(r, 'list secrets');
    const names = accountsIn(r);
    if (r.code !== 0 && names.length === 0 && r.stderr.trim() !== '') throw this.failure(r, 'list secrets');
    return [...new Set(names)].filter((n) => !isProbeName(n)).sort();
  }

  async isAvailable(): Promise<Availability> {
    const noBus = !this.env.DBUS_SESSION_BUS_ADDRESS && !(this.env.XDG_RUNTIME_DIR && existsSync(join(this.env.XDG_RUNTIME_DIR, 'bus')));
    const probe = `probe-${randomBytes(12).toString('hex')}`;
    try {
      const w = await this.run(['store', `--label=${VAULT_SERVICE} availability probe`, '--', 'service', VAULT_SERVICE, 'account', PROBE_NAME], probe);
      if (w.code !== 0 || w.timedOut) {
        const { code, message } = classifySecretTool(w, this.env, this.timeoutMs);
        if (noBus && code !== 'missing' && !w.spawnError) {
          return { ok: false, reason: 'missing', message: `No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached: ${message}` };
        }
        return { ok: false, reason: code === 'timeout' ? 'locked' : code, message };
      }
      const back = await this.get(PROBE_NAME);
      await this.run(['clear', '--', 'service', VAULT_SERVICE, 'account', PROBE_NAME]);
      if (back !== probe) return { ok: false, reason: 'error', message: 'The Secret Service did not return the value just stored (availability probe).' };
      return { ok: true };
    } catch (err) {
      const code = err instanceof VaultError ? err.code : 'error';
      return { ok: false, reason: code === 'timeout' ? 'locked' : code, message: errorMessage(err) };
    }
  }
}

/** Account names in `secret-tool search` output (attributes go to stderr in libsecret ≥ 0.19, stdout before). */
function accountsIn(r: RunResult): string[] {
  const fromStream = (s: string): string[] => {
    const out: string[] = [];
    for (const m of s.matchAll(/^attribute\.account = ([A-Za-z0-9_.-]+)\r?$/gm)) if (m[1]) out.push(m[1]);
    return out;
  };
  const err = fromStream(r.stderr);
  return err.length > 0 ? err : fromStream(r.stdout);
}

export function classifySecretTool(r: RunResult, env: NodeJS.ProcessEnv, timeoutMs: number): { code: VaultErrorCode; message: string } {
  if (r.spawnError) {
    if (r.spawnError.code === 'ENOENT') return { code: 'missing', message: `secret-tool was not found on PATH; ${INSTALL_HINT}.` };
    return { code: 'error', message: `secret-tool could not be started (${r.spawnError.code ?? r.spawnError.message}).` };
  }
  if (r.timedOut) {
    return { code: 'timeout', message: `secret-tool did not answer within ${Math.round(timeoutMs / 1000)} s; the keyring is probably locked and waiting for an unlock prompt.` };
  }
  const text = r.stderr.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('attribute.')).join(' ').trim().slice(0, 300);
  if (/locked/i.test(text)) return { code: 'locked', message: `the keyring is locked (${text}); unlock it and try again.` };
  if (/D-?Bus|autolaunch|Could not connect|ServiceUnknown|not provided by any \.service|org\.freedesktop\.secrets/i.test(text)) {
    const busHint = env.DBUS_SESSION_BUS_ADDRESS ? '' : ' DBUS_SESSION_BUS_ADDRESS is not set: run inside a desktop session or `dbus-run-session`.';
    return { code: 'missing', message: `no Secret Service is reachable on the D-Bus session bus (${text}).${busHint}` };
  }
  if (/Object does not exist|No such (object|collection)/i.test(text)) {
    return { code: 'error', message: `the default keyring does not exist (${text}); create or unlock a "login" keyring.` };
  }
  return { code: 'error', message: text ? `secret-tool failed: ${text}` : `secret-tool exited with code ${r.code ?? r.signal ?? '?'}.` };
}
