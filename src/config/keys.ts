// Setting keys (without the `tokenCustody.` section). No `vscode` import: the manifest test reads these.

/** Keys (without the section) whose workspace values are never used. */
export const MACHINE_ONLY_KEYS = [
  'endpoints.github', 'endpoints.gitlab', 'endpoints.slack', 'endpoints.npm', 'endpoints.vault', 'endpoints.doppler',
  'issuers', 'policy.autoRevoke', 'agents.allowRun', 'fingerprintKey',
] as const;

/** Keys honoured from a workspace only when it is trusted. */
export const TRUSTED_WORKSPACE_ONLY_KEYS = ['customRules'] as const;

export const ALL_KEYS = [
  'enabled', 'diagnostics.severity', 'diagnostics.lowConfidence', 'masking.enabled', 'masking.revealSeconds', 'maxFileSizeMB', 'exclude', 'customRules',
  'terminal.interceptPaste', 'terminal.interceptCtrlV', 'terminal.watchOutput', 'vault.backend', 'owners',
  'custody.retentionDays', ...MACHINE_ONLY_KEYS,
] as const;

