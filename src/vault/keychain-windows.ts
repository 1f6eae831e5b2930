// Windows Credential Manager through PowerShell and the Win32 Cred* API (Add-Type, no native Node
// module). Generic credentials, target `token-custody/NAME`, user name NAME, blob = UTF-8 bytes.
// The script travels in -EncodedCommand (it holds no secret); the value travels base64-encoded on
// stdin (set) and stdout (get), never as an argument other processes could read.

import { type Availability, type SecretBackend, VaultError, probeRoundTrip, scrubSecret } from './backend';
import { type RunResult, runProcess } from './exec';
import type { KeychainBackendOptions } from './keychain-linux';
import { PROBE_NAME, isProbeName } from './keychain-linux';
import { VAULT_SERVICE, assertValidName } from './reference';

// Exit codes: 0 done, 1 ERROR_NOT_FOUND (1168) only, after printing NOT_FOUND_MARK on stdout, 3 any
// other failure. PowerShell itself exits 1 on an uncaught error (Add-Type failing, a policy
// blocking the script…), so the trap turns every other error into 3, and exit 1 counts as "not
// found" only together with the marker.
const NOT_FOUND_MARK = 'token-custody:not-found';
const CRED_API = `$ErrorActionPreference = 'Stop'
trap { [Console]::Error.WriteLine("PowerShell error: $($_.Exception.Message)"); exit 3 }
Add-Type -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
public static class TokenCustodyCred {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public struct CREDENTIAL {
    public int Flags; public int Type; public string TargetName; public string Comment;
    public System.Runtime.InteropServices.ComTypes.FILETIME LastWritten;
    public int CredentialBlobSize; public IntPtr CredentialBlob; public int Persist;
    public int AttributeCount; public IntPtr Attributes; public string TargetAlias; public string UserName;
  }
  [DllImport("advapi32.dll", EntryPoint = "CredReadW", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool CredRead(string target, int type, int flags, out IntPtr cred);
  [DllImport("advapi32.dll", EntryPoint = "CredWriteW", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool CredWrite(ref CREDENTIAL cred, int flags);
  [DllImport("advapi32.dll", EntryPoint = "CredDeleteW", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool CredDelete(string target, int type, int flags);
  [DllImport("advapi32.dll", EntryPoint = "CredEnumerateW", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool CredEnumerate(string filter, int flags, out int count, out IntPtr creds);
  [DllImport("advapi32.dll")]
  public static extern void CredFree(IntPtr buffer);
}
"@
$M = [System.Runtime.InteropServices.Marshal]
function Fail($what) { $e = $M::GetLastWin32Error(); if ($e -eq 1168) { [Console]::Out.Write('${NOT_FOUND_MARK}'); exit 1 }; [Console]::Error.WriteLine("$what failed with Win32 error $e"); exit 3 }
`;

type Op = 'get' | 'set' | 'delete' | 'list';

/** The PowerShell script for one operation. `name` is validated ([A-Za-z0-9_.-]) before it is embedded. */
export function credentialScript(op: Op, name?: string): string {
  if (name !== undefined) assertValidName(name);
  const target = name === undefined ? '' : `$T = '${VAULT_SERVICE}/${name}'\n$N = '${name}'\n`;
  switch (op) {
    case 'get':
      return `${CRED_API}${target}$p = [IntPtr]::Zero
if (-not [TokenCustodyCred]::CredRead($T, 1, 0, [ref]$p)) { Fail 'CredRead' }
$c = $M::PtrToStructure($p, [type][TokenCustodyCred+CREDENTIAL])
$b = New-Object byte[] $c.CredentialBlobSize
if ($c.CredentialBlobSize -gt 0) { $M::Copy($c.CredentialBlob, $b, 0, $c.CredentialBlobSize) }
[TokenCustodyCred]::CredFree($p)
[Console]::Out.Write([Convert]::ToBase64String($b))
exit 0
`;
    case 'set':
      return `${CRED_API}${target}$b = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())
$c = New-Object TokenCustodyCred+CREDENTIAL
$c.Type = 1; $c.TargetName = $T; $c.UserName = $N; $c.Persist = 2; $c.Comment = 'Token Custody'
$c.CredentialBlobSize = $b.Length
$c.CredentialBlob = $M::AllocHGlobal([Math]::Max(1, $b.Length))
$M::Copy($b, 0, $c.CredentialBlob, $b.Length)
$ok = [TokenCustodyCred]::CredWrite([ref]$c, 0)
$e = $M::GetLastWin32Error()
for ($i = 0; $i -lt $b.Length; $i++) { $M::WriteByte($c.CredentialBlob, $i, 0); $b[$i] = 0 }
$M::FreeHGlobal($c.CredentialBlob)
if (-not $ok) { [Console]::Error.WriteLine("CredWrite failed with Win32 error $e"); exit 3 }
exit 0
`;
    case 'delete':
      return `${CRED_API}${target}if (-not [TokenCustodyCred]::CredDelete($T, 1, 0)) { Fail 'CredDelete' }
exit 0
`;
    case 'list':
      return `${CRED_API}$n = 0; $p = [IntPtr]::Zero
if (-not [TokenCustodyCred]::CredEnumerate('${VAULT_SERVICE}/*', 0, [ref]$n, [ref]$p)) { $e = $M::GetLastWin32Error(); if ($e -eq 1168) { exit 0 }; [Console]::Error.WriteLine("CredEnumerate failed with Win32 error $e"); exit 3 }
for ($i = 0; $i -lt $n; $i++) {
  $cp = $M::ReadIntPtr($p, $i * [IntPtr]::Size)
  $c = $M::PtrToStructure($cp, [type][TokenCustodyCred+CREDENTIAL])
  [Console]::Out.WriteLine($c.TargetName)
}
[TokenCustodyCred]::CredFree($p)
exit 0
`;
  }
}

/** Exit 1 with the marker: CredRead/CredDelete said ERROR_NOT_FOUND. Any other exit 1 is a failure. */
function isNotFound(r: RunResult): boolean {
  return r.code === 1 && !r.timedOut && !r.spawnError && r.stdout.trim() === NOT_FOUND_MARK;
}

export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** CRED_MAX_CREDENTIAL_BLOB_SIZE */
const MAX_BLOB = 5 * 512;

export class WindowsCredentialBackend implements SecretBackend {
  readonly id = 'keychain' as const;
  readonly label = 'Windows Credential Manager';
  private readonly opts: Required<Omit<KeychainBackendOptions, 'command'>> & { command: string };

  constructor(options: KeychainBackendOptions = {}) {
    this.opts = {
      env: options.env ?? process.env,
      timeoutMs: options.timeoutMs ?? 60_000, // Add-Type compiles C# on every call
      command: options.command ?? 'powershell.exe',
      runner: options.runner ?? runProcess,
    };
  }

  private run(op: Op, name?: string, input?: string): Promise<RunResult> {
    const args = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodePowerShell(credentialScript(op, name))];
    return this.opts.runner(this.opts.command, args, { input, timeoutMs: this.opts.timeoutMs, env: this.opts.env });
  }

  private failure(r: RunResult, action: string, secret?: string): VaultError {
    if (r.spawnError) {
      return r.spawnError.code === 'ENOENT'
        ? new VaultError('missing', `Could not ${action}: ${this.opts.command} was not found.`)
        : new VaultError('error', `Could not ${action}: PowerShell could not be started (${r.spawnError.code ?? r.spawnError.message}).`);
    }
    if (r.timedOut) return new VaultError('timeout', `Could not ${action}: PowerShell did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s.`);
    const text = scrubSecret(r.stderr.replace(/\s+/g, ' ').trim().slice(0, 300), secret);
    return new VaultError('error', `Could not ${action} in the Windows Credential Manager: ${text || `exit code ${r.code ?? '?'}`}.`);
  }

  async get(name: string): Promise<string | undefined> {
    assertValidName(name);
    const r = await this.run('get', name);
    if (isNotFound(r)) return undefined;
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `read "${name}"`);
    return Buffer.from(r.stdout.trim(), 'base64').toString('utf8');
  }

  async set(name: string, value: string): Promise<void> {
    assertValidName(name);
    if (value.length === 0) throw new VaultError('error', 'Refusing to store an empty secret.');
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length > MAX_BLOB) throw new VaultError('error', `The Windows Credential Manager holds at most ${MAX_BLOB} bytes per secret (this one has ${bytes.length}).`);
    const r = await this.run('set', name, `${bytes.toString('base64')}\n`);
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `store "${name}"`, value);
  }

  async delete(name: string): Promise<boolean> {
    assertValidName(name);
    const r = await this.run('delete', name);
    if (isNotFound(r)) return false;
    if (r.code !== 0 || r.timedOut) throw this.failure(r, `delete "${name}"`);
    return true;
  }

  async list(): Promise<string[]> {
    const r = await this.run('list');
    if (r.code !== 0 || r.timedOut) throw this.failure(r, 'list secrets');
    const prefix = `${VAULT_SERVICE}/`;
    return [...new Set(r.stdout.split(/\r?\n/).filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length)))]
      .filter((n) => /^[A-Za-z0-9_.-]+$/.test(n) && !isProbeName(n))
      .sort();
  }

  isAvailable(): Promise<Availability> {
    return probeRoundTrip(this, PROBE_NAME, 'The Windows Credential Manager');
  }

}
