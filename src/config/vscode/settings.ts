// Typed reader for the `tokenCustody.*` settings. Every value is validated: a malformed setting
// falls back to its default and is reported once (never a crash). Settings that decide where a
// token is sent are read from user/machine scope only — never from a workspace.
// Workspace custom rules are kept apart (detect only, trusted workspaces only), and the settings that
// switch protection off take the user's values in an untrusted workspace (src/config/trust.ts).

import * as vscode from 'vscode';
import { ALL_KEYS } from '../keys';
import { isProtectionKey, protectionNotice, protectionValue } from '../trust';
import { FingerprintKeyError, teamKey } from '../teamKey';

export const SECTION = 'tokenCustody';

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';
/** Severity of low-confidence findings: Information, Hint, or the same as the others. */
export type LowConfidenceSeverityName = 'information' | 'hint' | 'same';
export type VaultBackendSetting = 'auto' | 'keychain' | 'secretStorage';
/** `auto`: Ctrl+V is guarded in a browser and left to the shell on desktop Linux (the keybindings' `when` clauses decide). */
export type InterceptCtrlVSetting = 'auto' | 'on' | 'off';

export interface Settings {
  enabled: boolean;
  severity: DiagnosticSeverityName;
  lowConfidence: LowConfidenceSeverityName;
  maskingEnabled: boolean;
  revealSeconds: number;
  maxFileSizeMB: number;
  exclude: string[];
  /** Custom rules from user (and machine) settings. */
  customRules: unknown[];
  /** Custom rules from the workspace (trusted workspaces only); they can only detect. */
  workspaceCustomRules: unknown[];
  interceptPaste: boolean;
  interceptCtrlV: InterceptCtrlVSetting;
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
  /** User/machine-level only: whether agents may run commands with keychain secrets. */
  agentsAllowRun: 'never' | 'ask' | 'allow';
  /** User/machine-level only: the team key of the fingerprints of low-entropy secrets (undefined: the install key). */
  fingerprintKey: string | undefined;
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
export function readSettings(trusted: boolean, scope?: vscode.ConfigurationScope): { settings: Settings; problems: SettingProblem[]; notices: string[] } {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  const problems: SettingProblem[] = [];
  const notices: string[] = [];
  // Protection settings: an untrusted workspace cannot switch protection off (the user's values are
  // used), and any workspace that does is named in the output channel (issue 11 #17).
  const get = (key: string, def: unknown): unknown => {
    if (!isProtectionKey(key)) return cfg.get<unknown>(key, def);
    const i = cfg.inspect<unknown>(key);
    const notice = protectionNotice(key, i, trusted);
    if (notice) notices.push(notice);
    return protectionValue(i, trusted) ?? def;
  };
  const bool = (key: string, def: boolean): boolean => {
    const v = get(key, def);
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
  const stringList = (key: string): string[] => list(get(key, []), key).filter((x): x is string => {
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
    customRules: list(userValue<unknown>(cfg, 'customRules'), 'customRules'),
    workspaceCustomRules: trusted ? workspaceRules(cfg, (key, message) => problems.push({ key, message })) : [],
    interceptPaste: bool('terminal.interceptPaste', true),
    interceptCtrlV: oneOf<InterceptCtrlVSetting>('terminal.interceptCtrlV', ['auto', 'on', 'off'], 'auto'),
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
    agentsAllowRun: allowRun(userValue<unknown>(cfg, 'agents.allowRun'), problems),
    fingerprintKey: fingerprintKeySetting(userValue<unknown>(cfg, 'fingerprintKey'), problems),
  };
  return { settings, problems, notices };
}

/**
 * Custom rules from the workspace (`.vscode/settings.json`, folder settings), kept apart from the
 * user's: the engine lets them only detect (no issuer, revocation, pairing, validator, decoding,
 * window or anchor), and they are read only in a trusted workspace.
 */
function workspaceRules(cfg: vscode.WorkspaceConfiguration, problem: (key: string, message: string) => void): unknown[] {
  const i = cfg.inspect<unknown>('customRules');
  const out: unknown[] = [];
  for (const v of [i?.workspaceValue, i?.workspaceFolderValue]) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out.push(...(v as unknown[]));
    else problem('customRules', 'expected a list in the workspace settings; ignored');
  }
  return out;
}

/** A workspace's value is never read (it would let the repository choose the key and reverse password fingerprints). */
function fingerprintKeySetting(v: unknown, problems: SettingProblem[]): string | undefined {
  try {
    return teamKey(v, 'tokenCustody.fingerprintKey');
  } catch (e) {
    problems.push({ key: 'fingerprintKey', message: `${e instanceof FingerprintKeyError ? e.message.replace(/^[^:]*: /, '') : 'unusable'}; using this machine's own key` });
    return undefined;
  }
}

function allowRun(v: unknown, problems: SettingProblem[]): 'never' | 'ask' | 'allow' {
  if (v === undefined || v === null) return 'ask';
  if (v === 'never' || v === 'ask' || v === 'allow') return v;
  problems.push({ key: 'agents.allowRun', message: 'expected never, ask or allow; using ask' });
  return 'ask';
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
