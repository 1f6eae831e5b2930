// Compiles rule specs (built-in or from settings) into runnable rules, with clear load errors.
// An invalid rule is reported and skipped; the other rules keep working.

import { findOverlappingRepetition } from './redos';
import type { Confidence, CredentialKind, RevocationCapability, RuleLoadError, RuleSpec, Severity, ValidatorName } from './types';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly index: number;
  readonly re: RegExp;
  /** Sticky twin of `re` for anchored rules. */
  readonly sticky: RegExp | null;
  /** Lower-case keywords; empty = the regex runs over the whole text (custom rules only). */
  readonly keywords: readonly string[];
  readonly secretGroup: number | string;
  /** null = line window. */
  readonly window: { before: number; after: number } | null;
  readonly source: 'builtin' | 'custom';
  /**
   * False for rules from a place the user does not control (workspace settings): such rules can only
   * detect — they carry none of {@link DETECT_ONLY_FORBIDDEN}.
   */
  readonly trusted: boolean;
}

/**
 * Fields that decide where a token is sent, how it is revoked, what is copied onto other findings or
 * how text is read. Custom rules from an untrusted source (workspace settings) may not set them.
 */
export const DETECT_ONLY_FORBIDDEN = ['issuer', 'revocation', 'pairsWith', 'validator', 'decode', 'window', 'anchor'] as const;

export interface CompileOptions {
  /** Whether the rules come from a source the user controls (built-in, user settings, a CLI `--rules` file). Default true. */
  trusted?: boolean;
  /**
   * The specs are the built-in rules, whose patterns the unit tests check in full (test/unit/engine/
   * rules.test.ts): skip the checks that compile each pattern (empty match, group count, nesting), so
   * that a pattern is only compiled by V8 when its rule first runs. Start-up of the CLI and the extension.
   */
  prechecked?: boolean;
}

const ID_RE = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const ALLOWED_FLAGS = /^[imsu]*$/;
const CONFIDENCE: readonly Confidence[] = ['high', 'medium', 'low'];
const SEVERITY: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const KINDS: readonly CredentialKind[] = [
  'personal-token', 'oauth-access-token', 'oauth-refresh-token', 'app-token', 'installation-token', 'api-key',
  'cloud-key-pair', 'private-key', 'webhook-url', 'session-token', 'password', 'connection-string',
  'service-account', 'generic-secret',
];
const REVOCATION: readonly RevocationCapability[] = [
  'github-credentials-revoke', 'gitlab-pat-self', 'slack-auth-revoke', 'npm-token-delete', 'oauth-rfc7009',
  'google-oauth-revoke', 'vault-revoke-self', 'doppler-auth-revoke', 'manual', 'none',
];
const VALIDATORS: readonly ValidatorName[] = [
  'github-crc32', 'npm-crc32', 'gitlab-routable', 'pypi-macaroon', 'jwt', 'aws-key-id', 'base64-credential', 'url-credential',
  'user-password', 'connection-string',
];

/**
 * Heuristic guard against catastrophic backtracking: rejects a quantified group that itself holds
 * an unbounded quantifier (`(a+)+`, `(\w*\s?)*`, `(x+){2,}`) — the classic exponential shapes.
 */
export function findNestedQuantifier(pattern: string): string | undefined {
  const stack: { start: number; unbounded: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push({ start: i, unbounded: false }); continue; }
    const top = stack[stack.length - 1];
    if (c === '*' || c === '+') {
      if (top) top.unbounded = true;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d+),(\d*)\}/.exec(pattern.slice(i));
      if (m && (m[2] === '' || Number(m[2]) > 64) && top) top.unbounded = true;
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      if (!g) continue;
      const next = pattern.slice(i + 1, i + 12);
      const repeated = /^(?:[*+]|\{\d+,\d*\})/.test(next) && !/^\{\d+\}/.test(next) && !/^\{(\d+),\1\}/.test(next);
      if (g.unbounded && repeated) return pattern.slice(g.start, i + 1 + (/^\{[^}]*\}/.exec(next)?.[0].length ?? 1));
      const parent = stack[stack.length - 1];
      if (parent && (g.unbounded || repeated)) parent.unbounded = true;
    }
  }
  return undefined;
}

function groupCount(re: RegExp): number {
  return (new RegExp(re.source + '|').exec('')?.length ?? 1) - 1;
}

function err(errors: RuleLoadError[], rule: string, source: 'builtin' | 'custom', message: string): void {
  errors.push({ rule, source, message });
}

/** Validates and compiles rule specs. Never throws: invalid rules come back in `errors`. */
export function compileRules(
  specs: readonly unknown[],
  source: 'builtin' | 'custom',
  taken: ReadonlySet<string> = new Set(),
  options: CompileOptions = {},
): { rules: CompiledRule[]; errors: RuleLoadError[] } {
  const trusted = source === 'builtin' || options.trusted !== false;
  const rules: CompiledRule[] = [];
  const errors: RuleLoadError[] = [];
  const seen = new Set(taken);
  specs.forEach((raw, i) => {
    const label = typeof (raw as RuleSpec | undefined)?.id === 'string' ? (raw as RuleSpec).id : `#${i + 1}`;
    const problems: string[] = [];
    if (!raw || typeof raw !== 'object') {
      err(errors, label, source, 'a rule must be an object');
      return;
    }
    const spec = raw as RuleSpec;
    if (!trusted) {
      const set = DETECT_ONLY_FORBIDDEN.filter((k) => (raw as Record<string, unknown>)[k] !== undefined && !(k === 'issuer' && (raw as Record<string, unknown>)[k] === 'custom') && !(k === 'revocation' && (raw as Record<string, unknown>)[k] === 'manual'));
      if (set.length) {
        err(errors, label, source, `workspace rules can only detect: ${set.map((k) => `\`${k}\``).join(', ')} ${set.length === 1 ? 'is' : 'are'} only allowed in user settings; the rule is skipped`);
        return;
      }
    }
    if (typeof spec.id !== 'string' || !ID_RE.test(spec.id)) problems.push('`id` must be lower-case kebab-case (e.g. `acme-api-token`)');
    else if (seen.has(spec.id)) problems.push(`duplicate id \`${spec.id}\``);
    if (typeof spec.name !== 'string' || !spec.name.trim()) problems.push('`name` is required');
    if (typeof spec.issuer !== 'string' || !spec.issuer.trim()) problems.push('`issuer` is required');
    if (typeof spec.pattern !== 'string' || !spec.pattern) problems.push('`pattern` (a regular expression) is required');
    if (spec.flags !== undefined && (typeof spec.flags !== 'string' || !ALLOWED_FLAGS.test(spec.flags))) problems.push('`flags` may only contain i, m, s, u');
    if (!Array.isArray(spec.keywords) || spec.keywords.some((k) => typeof k !== 'string' || k.length < 2)) {
      problems.push('`keywords` must be a list of literals of at least 2 characters');
    } else if (source === 'builtin' && spec.keywords.length === 0) problems.push('built-in rules need at least one keyword');
    if (!CONFIDENCE.includes(spec.confidence)) problems.push(`\`confidence\` must be one of ${CONFIDENCE.join(', ')}`);
    if (!SEVERITY.includes(spec.severity)) problems.push(`\`severity\` must be one of ${SEVERITY.join(', ')}`);
    if (!KINDS.includes(spec.kind)) problems.push(`\`kind\` must be one of ${KINDS.join(', ')}`);
    if (!REVOCATION.includes(spec.revocation)) problems.push(`\`revocation\` must be one of ${REVOCATION.join(', ')}`);
    if (spec.anchor !== undefined && spec.anchor !== 'identifier') problems.push('`anchor` may only be "identifier"');
    if (spec.validator !== undefined && !VALIDATORS.includes(spec.validator)) problems.push(`unknown validator \`${String(spec.validator)}\``);
    if (spec.entropy !== undefined && (typeof spec.entropy !== 'number' || spec.entropy < 0 || spec.entropy > 8)) problems.push('`entropy` must be a number of bits per character between 0 and 8');
    if (spec.window !== undefined && (typeof spec.window?.before !== 'number' || typeof spec.window?.after !== 'number' || spec.window.before < 0 || spec.window.after < 0 || spec.window.before + spec.window.after > 65536)) {
      problems.push('`window` must be { before, after } with non-negative numbers adding up to at most 65536');
    }
    let re: RegExp | undefined;
    if (typeof spec.pattern === 'string' && spec.pattern && problems.every((p) => !p.startsWith('`flags`'))) {
      try {
        re = new RegExp(spec.pattern, 'gd' + (spec.flags ?? ''));
      } catch (e) {
        problems.push(`invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
      }
      const full = !(source === 'builtin' && options.prechecked);
      const nested = full ? findNestedQuantifier(spec.pattern) : undefined;
      if (nested) problems.push(`the pattern can backtrack catastrophically: a repeated group holds an unbounded quantifier (${nested}); bound it or remove the nesting`);
      const overlap = source === 'custom' && !nested ? findOverlappingRepetition(spec.pattern, spec.flags ?? '') : undefined;
      if (overlap) problems.push(`the pattern can backtrack catastrophically: ${overlap}; rewrite it so that each character can be matched one way only`);
      if (full && re && re.test('')) problems.push('the pattern matches the empty string');
      if (re) re.lastIndex = 0;
    }
    const secretGroup = spec.secretGroup ?? 0;
    if (re && !(source === 'builtin' && options.prechecked)) {
      if (typeof secretGroup === 'number') {
        if (!Number.isInteger(secretGroup) || secretGroup < 0 || secretGroup > groupCount(re)) problems.push(`\`secretGroup\` ${secretGroup} does not exist in the pattern`);
      } else if (!new RegExp(`\\(\\?<${secretGroup}>`).test(spec.pattern)) problems.push(`named group \`${secretGroup}\` does not exist in the pattern`);
    }
    if (problems.length || !re) {
      for (const p of problems) err(errors, label, source, p);
      return;
    }
    seen.add(spec.id);
    rules.push({
      spec,
      index: 0,
      re,
      sticky: spec.anchor === 'identifier' ? new RegExp(spec.pattern, 'yd' + (spec.flags ?? '')) : null,
      keywords: [...new Set(spec.keywords.map((k) => k.toLowerCase()))],
      secretGroup,
      window: spec.window ? { before: spec.window.before, after: spec.window.after } : null,
      source,
      trusted,
    });
  });
  return { rules, errors };
}

/** A user-facing one-line description of a load error. */
export function describeLoadError(e: RuleLoadError): string {
  return `${e.source === 'custom' ? 'Custom rule' : 'Rule'} ${e.rule}: ${e.message}`;
}

/** Custom rules from settings: fill in defaults so users only need id, name and pattern. */
export function normaliseCustomRule(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  return {
    issuer: 'custom',
    keywords: [],
    confidence: 'medium',
    severity: 'high',
    kind: 'api-key',
    revocation: 'manual',
    ...r,
  };
}
