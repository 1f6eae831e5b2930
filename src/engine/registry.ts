// Compiles rule specs (built-in or from settings) into runnable rules, with clear load errors.
// An invalid rule is reported and skipped; the other rules keep working.

import { findOverlappingRepetition } from './redos';
import type { Confidence, CredentialKind, RevocationCapability, RuleLoadError, RuleSpec, Severity, ValidatorName } from './types';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly index: number;
  readonly re: RegExp;
  /**
   * Sticky twin of `re` for anchored rules, without the negative lookaheads at the pattern's start
   * (see {@link splitLeadingExclusions}): those are `stickyExclusions`, tested at the same position
   * only once the rest has matched. The match is the one of the whole pattern.
   */
  readonly sticky: RegExp | null;
  /** Sticky tests that reject a match of `sticky` at the same position (the pattern's leading `(?!…)` bodies). */
  readonly stickyExclusions: readonly RegExp[];
  /**
   * Text every match starts with, case included (see {@link requiredPrefix}): a window of text without
   * it cannot match, so the scanner skips the regex there.
   */
  readonly prefixLiteral?: string;
  /**
   * For a rule with a `window`: text every match holds after `prefixLiteral` (see {@link innerLiteral}):
   * a window without it there cannot match either (a private key's `-----END `, which a key cut off by
   * the end of a terminal's output lacks for the four chunks its window spans).
   */
  readonly innerLiteral?: string;
  /**
   * A built-in rule's `matchPrefix`, sticky, and the literal it starts with (compared before the
   * regex runs): keyword hits where it fails cannot start a match (see `RuleSpec.matchPrefix`).
   */
  readonly hitCheck?: { readonly literal?: string; readonly re: RegExp };
  /** A built-in anchored rule's `afterIdentifier`, sticky (see `RuleSpec.afterIdentifier`). */
  readonly afterIdentifier?: RegExp;
  /** Lower-case keywords; empty = the regex runs over the whole text (custom rules only). */
  readonly keywords: readonly string[];
  /**
   * The keywords as the keyword search looks for them: `keywords`, or for a built-in rule with
   * `keywordCase: 'exact'` its keywords as written, matched in that case only (see {@link searchKeywords}).
   */
  readonly searchKeywords: { readonly words: readonly string[]; readonly exact: boolean };
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
      ...anchoredRegexes(spec),
      prefixLiteral: requiredPrefix(spec.pattern, spec.flags ?? ''),
      innerLiteral: spec.window ? innerLiteral(spec.pattern, spec.flags ?? '') : undefined,
      hitCheck: source === 'builtin' && typeof spec.matchPrefix === 'string' ? hitCheckOf(spec.matchPrefix, spec.flags ?? '') : undefined,
      afterIdentifier: source === 'builtin' && spec.anchor === 'identifier' && typeof spec.afterIdentifier === 'string' ? new RegExp(spec.afterIdentifier, 'y' + (spec.flags ?? '')) : undefined,
      keywords: [...new Set(spec.keywords.map((k) => k.toLowerCase()))],
      searchKeywords: searchKeywords(spec, source),
      secretGroup,
      window: spec.window ? { before: spec.window.before, after: spec.window.after } : null,
      source,
      trusted,
    });
  });
  return { rules, errors };
}

/**
 * What the keyword search looks for on behalf of a rule: its keywords in lower case, matched in any
 * case; for a built-in rule with `keywordCase: 'exact'`, its keywords as written, matched in that
 * case only. (scripts/prefilter-tables.mjs computes the built-in keywords' prefilter tables from it.)
 */
export function searchKeywords(spec: Pick<RuleSpec, 'keywords' | 'keywordCase'>, source: 'builtin' | 'custom'): { words: string[]; exact: boolean } {
  const exact = source === 'builtin' && spec.keywordCase === 'exact';
  return { words: [...new Set(exact ? spec.keywords : spec.keywords.map((k) => k.toLowerCase()))], exact };
}

/** The sticky regex and exclusions of an anchored rule (see `CompiledRule.sticky`). */
function anchoredRegexes(spec: RuleSpec): { sticky: RegExp | null; stickyExclusions: RegExp[] } {
  if (spec.anchor !== 'identifier') return { sticky: null, stickyExclusions: [] };
  const flags = spec.flags ?? '';
  const split = splitLeadingExclusions(spec.pattern);
  if (split) {
    try {
      return { sticky: new RegExp(split.rest, 'yd' + flags), stickyExclusions: split.exclusions.map((x) => new RegExp(x, 'y' + flags)) };
    } catch {
      // A part that does not compile on its own: the whole pattern, unsplit.
    }
  }
  return { sticky: new RegExp(spec.pattern, 'yd' + flags), stickyExclusions: [] };
}

/** Index just past the group that opens at `open` (a `(`), or -1; escapes and character classes skipped. */
function groupEnd(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** Whether the pattern has a `|` outside every group (then a leading assertion belongs to the first branch only). */
export function hasTopLevelAlternation(p: string): boolean {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') for (i++; i < p.length && p[i] !== ']'; i++) { if (p[i] === '\\') i++; }
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** A lookahead body that means the same as a regex of its own: no capturing group, no backreference. */
function standsAlone(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const n = body[++i];
      if (n === 'k' || (n !== undefined && n >= '1' && n <= '9')) return false;
    } else if (c === '[') {
      for (i++; i < body.length && body[i] !== ']'; i++) if (body[i] === '\\') i++;
    } else if (c === '(') {
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` capture nothing; `(` and `(?<name>` do.
      if (body[i + 1] !== '?') return false;
      if (body[i + 2] === '<' && body[i + 3] !== '=' && body[i + 3] !== '!') return false;
    }
  }
  return true;
}

/**
 * Splits off the negative lookaheads that open a pattern (among its leading assertions: lookbehinds
 * and positive lookaheads stay in place). All of them are zero-width tests at the match's start, so
 * the pattern matches at a position exactly when the rest matches there and no lookahead body does;
 * the rest's match is the whole pattern's. Testing a costly exclusion (the generic rules' list of
 * non-secret name parts) only after the cheaper rest has matched saves most of an anchored rule's
 * regex time. Only lookaheads without capturing groups are moved (group numbers stay the same), and
 * only when the pattern has no top-level `|`. Undefined when there is nothing to split.
 */
export function splitLeadingExclusions(pattern: string): { rest: string; exclusions: string[] } | undefined {
  if (hasTopLevelAlternation(pattern)) return undefined;
  const exclusions: string[] = [];
  let rest = '';
  let i = 0;
  while (pattern.startsWith('(?<!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) {
    const end = groupEnd(pattern, i);
    if (end < 0) return undefined;
    const group = pattern.slice(i, end);
    const body = group.slice(3, -1);
    if (group.startsWith('(?!') && standsAlone(body)) exclusions.push(body);
    else rest += group;
    i = end;
  }
  if (!exclusions.length) return undefined;
  return { rest: rest + pattern.slice(i), exclusions };
}

/** Characters that are themselves when escaped (`\\.` is a dot); other escapes are classes or codes. */
const ESCAPED_LITERAL = /[-/\\^$.*+?()[\]{}|_:@#=,;'"~!%&<>]/;

/** Whether each `|` alternative of `body` is a sequence of lookarounds and nothing else. */
function onlyAssertions(body: string): boolean {
  let i = 0;
  for (;;) {
    if (!(body.startsWith('(?<!', i) || body.startsWith('(?<=', i) || body.startsWith('(?=', i) || body.startsWith('(?!', i))) return false;
    i = groupEnd(body, i);
    if (i < 0) return false;
    if (i === body.length) return true;
    if (body[i] === '|') i++;
  }
}

/**
 * Where a pattern's leading zero-width part ends: its lookarounds, and `(?:…|…)` groups whose
 * alternatives are each only lookarounds. -1 when a group does not close.
 */
export function skipLeadingAssertions(pattern: string): number {
  let i = 0;
  for (;;) {
    const assertion = pattern.startsWith('(?<!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i);
    if (!assertion && !pattern.startsWith('(?:', i)) return i;
    const end = groupEnd(pattern, i);
    if (end < 0) return -1;
    // `(?:(?<!x)|(?<=y))`: a group of alternatives that are each only assertions is zero-width too.
    if (!assertion && !onlyAssertions(pattern.slice(i + 3, end - 1))) return i;
    i = end;
  }
}

/**
 * The literal text every match of the pattern starts with, case included: the characters after its
 * leading assertions (lookarounds, or a `(?:…|…)` of alternatives that are only lookarounds) up to the first class, group, quantified character or other syntax (a
 * character followed by `?`, `*`, `+` or `{` is left out). Undefined for case-insensitive patterns,
 * patterns with a top-level `|`, or a prefix shorter than two characters.
 */
export function requiredPrefix(pattern: string, flags: string): string | undefined {
  const lit = literalRuns(pattern, flags)?.[0];
  return lit !== undefined && lit.length >= 2 ? lit : undefined;
}

/** Shortest {@link innerLiteral} worth a search. */
const INNER_LITERAL_MIN = 4;

/**
 * The longest run of literal characters, case included, that the pattern holds outside every group
 * after its first run (which is `requiredPrefix` when the pattern starts with one): characters in
 * sequence at the top level, none quantified, so every match holds them, after the text it starts with.
 * Undefined for case-insensitive patterns, patterns with a top-level `|`, or a run shorter than
 * INNER_LITERAL_MIN characters.
 */
export function innerLiteral(pattern: string, flags: string): string | undefined {
  const runs = literalRuns(pattern, flags);
  let best = '';
  if (runs) for (let k = 1; k < runs.length; k++) if (runs[k]!.length > best.length) best = runs[k]!;
  return best.length >= INNER_LITERAL_MIN ? best : undefined;
}

/**
 * The runs of literal characters at the top level of a pattern, in order, the first one starting
 * after its leading assertions (empty when the pattern starts with other syntax): characters in
 * sequence, none quantified, so every match holds each run, in this order. Escapes other than escaped
 * punctuation, classes, groups, `.`, anchors and back-references end a run; a `{` that is no
 * quantifier ends the list. Undefined for case-insensitive patterns and patterns with a top-level `|`.
 */
function literalRuns(pattern: string, flags: string): string[] | undefined {
  if (flags.includes('i') || hasTopLevelAlternation(pattern)) return undefined;
  let i = skipLeadingAssertions(pattern);
  if (i < 0) return undefined;
  const runs: string[] = [];
  let run = '';
  const endRun = (): void => {
    runs.push(run);
    run = '';
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) break;
      if (ESCAPED_LITERAL.test(n)) {
        run += n;
        i += 2;
        continue;
      }
      endRun();
      // `\k<name>`, `\p{…}`, `\u{…}`: skipped whole; `\xHH`, `\uHHHH`, `\cX` and one-letter escapes as far as they go.
      const close = n === 'k' && pattern[i + 2] === '<' ? pattern.indexOf('>', i) : (n === 'p' || n === 'P' || n === 'u') && pattern[i + 2] === '{' ? pattern.indexOf('}', i) : -2;
      if (close === -1) break;
      i = close >= 0 ? close + 1 : i + 2 + (n === 'x' ? 2 : n === 'u' ? 4 : n === 'c' ? 1 : 0);
    } else if (c === '[') {
      endRun();
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      i++;
    } else if (c === '(') {
      endRun();
      i = groupEnd(pattern, i);
      if (i < 0) break;
    } else if (c === '?' || c === '*' || c === '+' || c === '{') {
      // A quantifier: the character before it may be absent or repeated (after a class or group, the run has ended already).
      run = run.slice(0, -1);
      endRun();
      if (c === '{') {
        // A `{` that is no quantifier (a literal brace outside the `u` flag) ends the search: read no further.
        const q = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
        if (!q) break;
        i += q[0].length - 1;
      }
      i++;
      if (pattern[i] === '?') i++;
    } else if (c === '.' || c === '^' || c === '$' || c === '|' || c === ')') {
      endRun();
      i++;
    } else {
      run += c;
      i++;
    }
  }
  endRun();
  return runs;
}

/**
 * The sticky test of a built-in rule's `matchPrefix` and its leading literal (also under the `i` flag
 * when the literal has no letters, like `://`).
 */
function hitCheckOf(matchPrefix: string, flags: string): { literal?: string; re: RegExp } {
  const literal = requiredPrefix(matchPrefix, flags.replace('i', ''));
  return { literal: literal !== undefined && (!flags.includes('i') || !/[A-Za-z]/.test(literal)) ? literal : undefined, re: new RegExp(matchPrefix, 'y' + flags) };
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
