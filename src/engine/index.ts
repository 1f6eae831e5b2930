// Public API of the detection engine (shared by the extension and the CLI). No `vscode` import.

import { compileRules, describeLoadError, normaliseCustomRule, type CompiledRule } from './registry';
import { BUILTIN_RULES } from './rules';
import { Scanner, type ScannerOptions } from './scanner';
import type { RuleLoadError } from './types';
import type { FingerprintKeySource } from './fingerprint';

export * from './types';
export { fingerprint, keyedFingerprint, isLowEntropySecret, Fingerprinter, redact, FINGERPRINT_RE, LOW_ENTROPY_BITS, MIN_FINGERPRINT_KEY_LENGTH, type FingerprintKeySource, type FingerprintSubject } from './fingerprint';
export { withSecret, withHiddenOf, withLegacyFingerprint, fingerprintsOf, dropSecret, hasSecret, sweepExpiredSecrets, type SecretOptions } from './secret';
export { scrubText, isCredentialLike } from './scrub';
export { findOverlappingRepetition } from './redos';
export { Scanner, CUSTOM_RULE_BUDGET_MS, secretOf, decodeBase64Text, type ScanOptions, type ScannerOptions } from './scanner';
export { StreamScanner, EscapeStripper, stripEscapes, TERMINAL_SECRET_TTL_MS, type StreamFinding, type Segment } from './stream';
export { compileRules, describeLoadError, findNestedQuantifier, DETECT_ONLY_FORBIDDEN, type CompiledRule, type CompileOptions } from './registry';
export { createPathFilter, isProbablyBinary, DEFAULT_EXCLUDED_DIRS } from './paths';
export { LineIndex } from './lines';
export { BUILTIN_RULES } from './rules';

let builtinCache: CompiledRule[] | undefined;

/** The built-in rules, compiled once. Built-in rules are checked by the unit tests, so errors here are bugs. */
export function builtinRules(): CompiledRule[] {
  if (!builtinCache) {
    const { rules, errors } = compileRules(BUILTIN_RULES, 'builtin', new Set(), { prechecked: true });
    if (errors.length) throw new Error('built-in rules failed to load: ' + errors.map(describeLoadError).join('; '));
    builtinCache = rules;
  }
  return builtinCache;
}

export interface CreateScannerOptions {
  /**
   * Custom rules from a source the user does not control (workspace settings, a repository): they
   * can only detect. A rule that sets `issuer`, `revocation`, `pairsWith`, `validator`, `decode`,
   * `window` or `anchor` is refused with a load error.
   */
  untrustedRules?: readonly unknown[];
  /**
   * Key of the fingerprints of low-entropy secrets: the team key or the install key (read by the
   * caller; the engine reads no file). A function is called on first need. Default: a random key per process.
   */
  fingerprintKey?: FingerprintKeySource;
  /** Keyword search (see {@link ScannerOptions}): default the SIMD prefilter where it runs. */
  prefilter?: ScannerOptions['prefilter'];
  /** Build of the SIMD prefilter (see {@link ScannerOptions}): default the best this runtime validates. */
  prefilterBuild?: ScannerOptions['prefilterBuild'];
  /** Keyword hit checks and deferred work (see {@link ScannerOptions}): default on; off is the tests' reference. */
  hitChecks?: ScannerOptions['hitChecks'];
}

/**
 * A scanner with the built-in rules plus custom rules. `customRules` come from a trusted source
 * (user or machine settings, a CLI `--rules` file, `tokenCustody.issuers`); `untrustedRules` from
 * the workspace. Invalid custom rules are returned in `errors` (to be shown once) and skipped; the
 * rest keep working. A custom rule never outranks a built-in match on the same text.
 */
export function createScanner(customRules: readonly unknown[] = [], options: CreateScannerOptions = {}): { scanner: Scanner; errors: RuleLoadError[] } {
  const builtin = builtinRules();
  const errors: RuleLoadError[] = [];
  const taken = new Set(builtin.map((r) => r.spec.id));
  const rules: CompiledRule[] = [...builtin];
  const add = (list: unknown, trusted: boolean, setting: string): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      errors.push({ rule: setting, source: 'custom', message: 'must be a list of rules' });
      return;
    }
    const compiled = compileRules(list.map(normaliseCustomRule), 'custom', taken, { trusted });
    for (const r of compiled.rules) taken.add(r.spec.id);
    rules.push(...compiled.rules);
    errors.push(...compiled.errors);
  };
  add(customRules, true, 'tokenCustody.customRules');
  add(options.untrustedRules, false, 'tokenCustody.customRules (workspace)');
  return { scanner: new Scanner(rules, { fingerprintKey: options.fingerprintKey, prefilter: options.prefilter, prefilterBuild: options.prefilterBuild, hitChecks: options.hitChecks }), errors };
}
