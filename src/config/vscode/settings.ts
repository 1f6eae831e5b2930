// Typed reader for the `tokenCustody.*` settings. Every value is validated: a malformed setting
// falls back to its default and is reported once (never a crash). Settings that decide where a
// token is sent, or that load code-like content (custom rules), are read from user/machine scope
// only — never from a workspace (DESIGN §6, §7).

import * as vscode from 'vscode';
import { ALL_KEYS } from '../keys';

export const SECTION = 'tokenCustody';

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';
/** Severity of low-confidence findings: Information, Hint, or the same as the others. */
export type LowConfidenceSeverityName = 'information' | 'hint' | 'same';
export type VaultBackendSetting = 'auto' | 'keychain' | 'secretStorage';

export interface Settings {
  enabled: boolean;
  severity: DiagnosticSeverityName;
  lowConfidence: LowConfidenceSeverityName;
  maskingEnabled: boolean;
  revealSeconds: number;
  maxFileSizeMB: number;
  exclude: string[];
  customRules: unknown[];
  interceptPaste: boolean;
  interceptCtrlV: boolean;
  watchOutput: boolean;
  vaultBackend: VaultBackendSetting;
  owners: Record<string, unknown>;
  retentionDays: number;
  /** User/machine-level only. */
  endpoints: { github?: string; gitlab?: string; slack?: string; npm?: string; vault?: string; doppler?: string };
  /** User/machine-level only. */
  issuers: unknown[];
  /** User/machine-level only. */
  autoRevoke: unknown[];
}

export { ALL_KEYS, MACHINE_ONLY_KEYS, TRUSTED_WORKSPACE_ONLY_KEYS } from '../keys';

export interface SettingProblem {
  key: string;
  message: string;
}

function userValue<T>(cfg: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = cfg.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

/**
 * Reads all settings. `problems` lists malformed values (with the default used instead).
 * `trusted` = workspace trust: in an untrusted workspace, custom rules come from user settings only.
 */
export function readSettings(trusted: boolean, scope?: vscode.ConfigurationScope): { settings: Settings; problems: SettingProblem[] } {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  const problems: SettingProblem[] = [];
  const bool = (key: string, def: boolean): boolean => {
    const v = cfg.get<unknown>(key, def);
    if (typeof v === 'boolean') return v;
    problems.push({ key, message: `expected true or false; using ${def}` });
    return def;
  };
  const num = (key: string, def: number, min: number, max: number): number => {
    const v = cfg.get<unknown>(key, def);
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    problems.push({ key, message: `expected a number from ${min} to ${max}; using ${def}` });
    return def;
  };
  const oneOf = <T extends string>(key: string, values: readonly T[], def: T): T => {
    const v = cfg.get<unknown>(key, def);
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    problems.push({ key, message: `expected one of ${values.join(', ')}; using ${def}` });
    return def;
  };
  const list = (v: unknown, key: string): unknown[] => {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    problems.push({ key, message: 'expected a list; ignored' });
    return [];
  };
  const stringList = (key: string): string[] => list(cfg.get<unknown>(key, []), key).filter((x): x is string => {
    if (typeof x === 'string' && x) return true;
    problems.push({ key, message: `ignored a non-string entry ${JSON.stringify(x)}` });
    return false;
  });
  const endpoint = (key: string): string | undefined => {
    const v = userValue<unknown>(cfg, key);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') return v;
    problems.push({ key, message: 'expected a URL string; using the default' });
    return undefined;
  };
  const ownersRaw = cfg.get<unknown>('owners', {});
  let owners: Record<string, unknown> = {};
  if (ownersRaw && typeof ownersRaw === 'object' && !Array.isArray(ownersRaw)) owners = ownersRaw as Record<string, unknown>;
  else if (ownersRaw !== undefined && ownersRaw !== null) problems.push({ key: 'owners', message: 'expected an object mapping issuer or rule ids to owners; ignored' });

  const settings: Settings = {
    enabled: bool('enabled', true),
    severity: oneOf<DiagnosticSeverityName>('diagnostics.severity', ['error', 'warning', 'information', 'hint'], 'warning'),
    lowConfidence: oneOf<LowConfidenceSeverityName>('diagnostics.lowConfidence', ['information', 'hint', 'same'], 'information'),
    maskingEnabled: bool('masking.enabled', true),
    revealSeconds: num('masking.revealSeconds', 30, 0, 86400),
    maxFileSizeMB: num('maxFileSizeMB', 20, 0.001, 1024),
    exclude: stringList('exclude'),
    customRules: list(trusted ? cfg.get<unknown>('customRules', []) : userValue<unknown>(cfg, 'customRules'), 'customRules'),
    interceptPaste: bool('terminal.interceptPaste', true),
    interceptCtrlV: bool('terminal.interceptCtrlV', true),
    watchOutput: bool('terminal.watchOutput', true),
    vaultBackend: oneOf<VaultBackendSetting>('vault.backend', ['auto', 'keychain', 'secretStorage'], 'auto'),
    owners,
    retentionDays: num('custody.retentionDays', 90, 1, 3650),
    endpoints: {
      github: endpoint('endpoints.github'),
      gitlab: endpoint('endpoints.gitlab'),
      slack: endpoint('endpoints.slack'),
      npm: endpoint('endpoints.npm'),
      vault: endpoint('endpoints.vault'),
      doppler: endpoint('endpoints.doppler'),
    },
    issuers: list(userValue<unknown>(cfg, 'issuers'), 'issuers'),
    autoRevoke: list(userValue<unknown>(cfg, 'policy.autoRevoke'), 'policy.autoRevoke'),
  };
  return { settings, problems };
}

/** Fires with the set of changed keys (without the section prefix) when any `tokenCustody.*` setting changes. */
export function onDidChangeSettings(listener: (changed: Set<string>) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    const changed = new Set<string>();
    for (const k of ALL_KEYS) if (e.affectsConfiguration(`${SECTION}.${k}`)) changed.add(k);
    listener(changed);
  });
}
