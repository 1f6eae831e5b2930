// Public API of the detection engine (shared by the extension and the CLI). No `vscode` import.

import { compileRules, describeLoadError, normaliseCustomRule, type CompiledRule } from './registry';
import { BUILTIN_RULES } from './rules';
import { Scanner } from './scanner';
import type { RuleLoadError } from './types';

export * from './types';
export { fingerprint, redact, FINGERPRINT_RE } from './fingerprint';
export { Scanner, secretOf, decodeBase64Text, type ScanOptions } from './scanner';
export { StreamScanner, EscapeStripper, stripEscapes, type StreamFinding, type Segment } from './stream';
export { compileRules, describeLoadError, findNestedQuantifier, type CompiledRule } from './registry';
export { createPathFilter, isProbablyBinary, DEFAULT_EXCLUDED_DIRS } from './paths';
export { LineIndex } from './lines';
export { BUILTIN_RULES } from './rules';

let builtinCache: CompiledRule[] | undefined;

/** The built-in rules, compiled once. Built-in rules are checked by the unit tests, so errors here are bugs. */
export function builtinRules(): CompiledRule[] {
  if (!builtinCache) {
    const { rules, errors } = compileRules(BUILTIN_RULES, 'builtin');
    if (errors.length) throw new Error('built-in rules failed to load: ' + errors.map(describeLoadError).join('; '));
    builtinCache = rules;
  }
  return builtinCache;
}

/**
 * A scanner with the built-in rules plus custom rules (from settings or a CLI config). Invalid
 * custom rules are returned in `errors` (to be shown once) and skipped; the rest keep working.
 */
export function createScanner(customRules: readonly unknown[] = []): { scanner: Scanner; errors: RuleLoadError[] } {
  const builtin = builtinRules();
  if (!Array.isArray(customRules)) {
    return { scanner: new Scanner(builtin), errors: [{ rule: 'tokenCustody.customRules', source: 'custom', message: 'must be a list of rules' }] };
  }
  const { rules, errors } = compileRules(customRules.map(normaliseCustomRule), 'custom', new Set(builtin.map((r) => r.spec.id)));
  return { scanner: new Scanner([...builtin, ...rules]), errors };
}
