// macOS Keychain through /usr/bin/security: generic password items, service `token-custody`,
// account NAME.
//
// `security add-generic-password -w VALUE` would put the secret on a command line (visible to
// `ps`). Instead we start `security -i` and write the command to its stdin, with the value as a
// hexadecimal string (`-X`), which also avoids `security`'s own quoting rules. The trade-off: the
// value still exists as a command argument *inside* the `security` process (its interactive parser
// splits the line), but never in any process's argv visible to other users/processes.
// Reading uses `find-generic-password -g`, whose `password:` line is either `"text"` or
// `0xHEX  "…"`; `moveToVault` reads back and compares, so a parsing surprise can never lose a token.

import { type Availability, type SecretBackend, VaultError, probeRoundTrip, scrubSecret } from './backend';
import { type RunResult, runProcess } from './exec';
import type { KeychainBackendOptions } from './keychain-linux';
import { PROBE_NAME, isProbeName } from './keychain-linux';
import { VAULT_SERVICE, assertValidName } from './reference';

const NOT_FOUND = 44; // errSecItemNotFound as exit status of `security`
/**
 * `security -i` reads at most 4,095 characters per line: a longer `add-generic-password` line is cut,
 * so a value whose hex form does not fit (about 2 KB and more: service-account JSON, RSA-4096 keys,
 * long JWTs) would be stored truncated. Such values are refused before anything is run.
 */
export const MAX_INTERACTIVE_LINE = 4095;

export class MacKeychainBackend implements SecretBackend {
  readonly id = 'keychain' as const;
  readonly label = 'macOS Keychain';
  private readonly opts: Required<Omit<KeychainBackendOptions, 'command'>> & { command: string };

  constructor(options: KeychainBackendOptions = {}) {
    this.opts = {
      env: options.env ?? process.env,
      timeoutMs: options.timeoutMs ?? 30_000,
      command: options.command ?? '/usr/bin/security',
      runner: options.runner ?? runProcess,
    };
  }

  private run(args: string[], input?: string): Promise<RunResult> {
    return this.opts.runner(this.opts.command, args, { input, timeoutMs: this.opts.timeoutMs, env: this.opts.env });
  }

  private failure(r: RunResult, action: string, secret?: string): VaultError {
    if (r.spawnError) {
      return r.spawnError.code === 'ENOENT'
        ? new VaultError('missing', `Could not ${action}: ${this.opts.command} was not found.`)
        : new VaultError('error', `Could not ${action}: security could not be started (${r.spawnError.code ?? r.spawnError.message}).`);
    }
    if (r.timedOut) return new VaultError('timeout', `Could not ${action}: the Keychain did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s (locked, waiting for a prompt?).`);
    const text = scrubSecret(r.stderr.replace(/\s+/g, ' ').trim().slice(0, 300), secret);
    if (/interaction is not allowed|locked|-25308/i.test(text)) return new VaultError('locked', `Could not ${action}: the Keychain is locked (${text}).`);
    return new VaultError('error', `Could not ${action} in the macOS Keychain: ${text || `security exited with code ${r.code ?? '?'}`}.`);
  }

  async get(name: string): Promise<string | undefined> {
    assertValidName(name);
    const r = await this.run(['find-generic-password', '-s', VAULT_SERVICE, '-a', name, '-g']);
    if (r.code === NOT_FOUND && !r.timedOut) return undefined;
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `read "${name}"`);
    const value = parsePasswordLine(`${r.stderr}\n${r.stdout}`);
    if (value === undefined) throw new VaultError('error', `Could not read "${name}": unexpected output from security.`);
    return value;
  }

  async set(name: string, value: string): Promise<void> {
    assertValidName(name);
    if (value.length === 0) throw new VaultError('error', 'Refusing to store an empty secret.');
    const hex = Buffer.from(value, 'utf8').toString('hex');
    const line = `add-generic-password -U -s ${VAULT_SERVICE} -a ${name} -l ${VAULT_SERVICE}/${name} -X ${hex}\n`;
    if (line.length > MAX_INTERACTIVE_LINE) {
      const room = Math.floor((MAX_INTERACTIVE_LINE - (line.length - hex.length)) / 2);
      throw new VaultError('error', `This secret is too long for the macOS Keychain through \`security\` (${Buffer.byteLength(value, 'utf8')} bytes; at most ${room}): store it in VS Code SecretStorage instead (setting \`tokenCustody.vault.backend\`: \`secretStorage\`).`);
    }
    const r = await this.run(['-i'], line);
    // `security -i` reports a failing command on stderr but may still exit 0.
    if (r.code !== 0 || r.timedOut || /error|fail|could not/i.test(r.stderr)) throw this.failure(r, `store "${name}"`, value);
  }

  async delete(name: string): Promise<boolean> {
    assertValidName(name);
    const r = await this.run(['delete-generic-password', '-s', VAULT_SERVICE, '-a', name]);
    if (r.code === NOT_FOUND && !r.timedOut) return false;
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `delete "${name}"`);
    return true;
  }

  async list(): Promise<string[]> {
    const r = await this.run(['dump-keychain']);
    if (r.code !== 0 || r.timedOut) throw this.failure(r, 'list secrets');
    return parseDumpKeychain(r.stdout).filter((n) => !isProbeName(n));
  }

  isAvailable(): Promise<Availability> {
    return probeRoundTrip(this, PROBE_NAME, 'The macOS Keychain');
  }

}

/** Decodes the `password: …` line printed by `security find-generic-password -g`. */
export function parsePasswordLine(output: string): string | undefined {
  const line = output.split(/\r?\n/).find((l) => l.startsWith('password: '));
  if (line === undefined) return undefined;
  const rest = line.slice('password: '.length);
  const hex = /^0x([0-9A-Fa-f]*)(?:\s|$)/.exec(rest);
  if (hex) return Buffer.from(hex[1] ?? '', 'hex').toString('utf8');
  const first = rest.indexOf('"');
  const last = rest.lastIndexOf('"');
  if (first < 0 || last <= first) return rest === '' ? '' : undefined;
  // Printable values are shown verbatim; `security` escapes backslashes and odd bytes as \ooo.
  return rest.slice(first + 1, last).replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))).replace(/\\\\/g, '\\');
}

/** Accounts of generic-password items of our service in `security dump-keychain` output. */
export function parseDumpKeychain(dump: string): string[] {
  const names = new Set<string>();
  for (const block of dump.split(/^keychain: /m)) {
    if (!/^class: "genp"/m.test(block)) continue;
    const svce = /"svce"<blob>="([^"]*)"/.exec(block);
    const acct = /"acct"<blob>="([A-Za-z0-9_.-]+)"/.exec(block);
    if (svce?.[1] === VAULT_SERVICE && acct?.[1]) names.add(acct[1]);
  }
  return [...names].sort();
}
