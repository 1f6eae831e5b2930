// `tokenCustody.policy.autoRevoke` (machine scope, restricted): revoke without asking when a token of
// a listed rule or issuer shows up in a listed place. Off by default (an empty list).
//   [{ "match": ["github", "npm-access-token"], "places": ["terminal-output", "terminal-paste"] }]
// Even when a rule matches, only a finding the engine is sure of (high confidence by default, its
// checksum not failed) whose issuer has a revocation API is revoked automatically.
import type { Confidence, Finding } from '../engine/types';
import { BUILTIN_RULES } from '../engine/rules';

export const AUTO_REVOKE_PLACES = ['terminal-output', 'terminal-command', 'terminal-paste', 'file', 'agent-terminal'] as const;
export type AutoRevokePlace = (typeof AUTO_REVOKE_PLACES)[number];

export interface AutoRevokeRule {
  /** Rule ids or issuer ids (`*` for every token with a revocation API). */
  match: string[];
  places: AutoRevokePlace[];
  /** Lowest confidence revoked automatically. Default `high`. */
  minConfidence: Confidence;
}

export interface PolicyParseResult {
  rules: AutoRevokeRule[];
  errors: string[];
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const PLACE_SET: ReadonlySet<string> = new Set(AUTO_REVOKE_PLACES);
const ALLOWED_KEYS = new Set(['match', 'places', 'minConfidence']);

export function parseAutoRevokePolicy(value: unknown): PolicyParseResult {
  const rules: AutoRevokeRule[] = [];
  const errors: string[] = [];
  if (value === undefined || value === null) return { rules, errors };
  if (!Array.isArray(value)) {
    errors.push('tokenCustody.policy.autoRevoke must be an array of { "match": …, "places": […] }.');
    return { rules, errors };
  }
  value.forEach((raw: unknown, i) => {
    const at = `tokenCustody.policy.autoRevoke[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${at} must be an object such as { "match": "github", "places": ["terminal-output"] }.`);
      return;
    }
    const o = raw as Record<string, unknown>;
    const problems: string[] = [];
    for (const k of Object.keys(o)) if (!ALLOWED_KEYS.has(k)) problems.push(`unknown property "${k}" (allowed: match, places, minConfidence)`);
    const matchList = typeof o.match === 'string' ? [o.match] : Array.isArray(o.match) ? (o.match as unknown[]) : undefined;
    const match: string[] = [];
    if (!matchList || matchList.length === 0) problems.push('"match" must be a rule id or issuer id, or a non-empty array of them');
    else {
      for (const m of matchList) {
        if (typeof m !== 'string' || !m.trim()) problems.push('"match" entries must be non-empty strings');
        else match.push(m.trim().toLowerCase());
      }
    }
    const places: AutoRevokePlace[] = [];
    if (!Array.isArray(o.places) || o.places.length === 0) {
      problems.push(`"places" must be a non-empty array of ${AUTO_REVOKE_PLACES.map((p) => `"${p}"`).join(', ')}`);
    } else {
      for (const p of o.places as unknown[]) {
        if (typeof p !== 'string' || !PLACE_SET.has(p)) problems.push(`unknown place ${JSON.stringify(p)} (allowed: ${AUTO_REVOKE_PLACES.join(', ')})`);
        else if (!places.includes(p as AutoRevokePlace)) places.push(p as AutoRevokePlace);
      }
    }
    let minConfidence: Confidence = 'high';
    if (o.minConfidence !== undefined) {
      if (o.minConfidence === 'high' || o.minConfidence === 'medium' || o.minConfidence === 'low') minConfidence = o.minConfidence;
      else problems.push('"minConfidence" must be "high", "medium" or "low"');
    }
    if (problems.length) {
      errors.push(`${at}: ${problems.join('; ')}.`);
      return;
    }
    rules.push({ match, places, minConfidence });
  });
  return { rules, errors };
}

type PolicyFinding = Pick<Finding, 'ruleId' | 'issuer' | 'confidence' | 'validation' | 'revocation'> & Partial<Pick<Finding, 'metadata'>>;

let builtinIds: Set<string> | undefined;
/** Whether a rule id is one of the built-in rules (custom rules cannot take a built-in id). */
function isBuiltinRule(ruleId: string): boolean {
  builtinIds ??= new Set(BUILTIN_RULES.map((r) => r.id));
  return builtinIds.has(ruleId);
}

/**
 * What, besides the policy, decides whether a token may be revoked without asking (issue 11 #3, #9):
 * the user's own `tokenCustody.issuers` (raw, user/machine settings only) and workspace trust.
 */
export interface AutoRevokeGate {
  /** `tokenCustody.issuers` from user/machine settings. */
  declaredIssuers: readonly unknown[];
  /** `vscode.workspace.isTrusted`. */
  workspaceTrusted: boolean;
}

/** Issuers whose revocation endpoint is fixed in the code (not discovered from `iss`). */
const FIXED_OAUTH_HOSTS = new Set(['accounts.google.com']);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Names and every URL host found in the user's `tokenCustody.issuers` entries. */
export function declaredIssuerIdentity(declared: readonly unknown[]): { names: Set<string>; hosts: Set<string> } {
  const names = new Set<string>();
  const hosts = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4) return;
    if (typeof v === 'string') {
      if (/^https?:\/\//i.test(v)) {
        const h = hostOf(v);
        if (h) hosts.add(h);
      }
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  for (const entry of declared) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string') names.add((entry as { name: string }).name.toLowerCase());
    walk(entry, 0);
  }
  return { names, hosts };
}

/** Why the gate stops an automatic revocation, or undefined when it may go ahead. */
export function autoRevokeBlocked(finding: PolicyFinding, place: AutoRevokePlace, gate: AutoRevokeGate): string | undefined {
  if (place === 'file' && !gate.workspaceTrusted) return 'it was found in a file of an untrusted workspace';
  const { names, hosts } = declaredIssuerIdentity(gate.declaredIssuers);
  if (!isBuiltinRule(finding.ruleId) && !names.has(finding.issuer.toLowerCase())) {
    return 'it was found by a custom rule whose issuer is not declared in your tokenCustody.issuers';
  }
  const iss = finding.metadata?.iss;
  if (typeof iss === 'string') {
    const host = hostOf(iss);
    if (!host || (!hosts.has(host) && !FIXED_OAUTH_HOSTS.has(host))) {
      return `its issuer (iss) host ${host ?? '(invalid)'} is not declared in your tokenCustody.issuers`;
    }
  }
  return undefined;
}

/**
 * The first policy rule that has this finding revoked automatically in this place, if any. With a
 * `gate`, a finding the gate stops (see `autoRevokeBlocked`) never matches.
 */
export function matchAutoRevoke(policy: readonly AutoRevokeRule[], finding: PolicyFinding, place: AutoRevokePlace, gate?: AutoRevokeGate): AutoRevokeRule | undefined {
  if (finding.revocation === 'manual' || finding.revocation === 'none') return undefined;
  if (gate && autoRevokeBlocked(finding, place, gate) !== undefined) return undefined;
  if (finding.validation.status === 'invalid') return undefined;
  const ruleId = finding.ruleId.toLowerCase();
  const issuer = finding.issuer.toLowerCase();
  return policy.find(
    (r) =>
      r.places.includes(place) &&
      CONFIDENCE_RANK[finding.confidence] >= CONFIDENCE_RANK[r.minConfidence] &&
      r.match.some((m) => m === '*' || m === ruleId || m === issuer),
  );
}

export function shouldAutoRevoke(policy: readonly AutoRevokeRule[], finding: PolicyFinding, place: AutoRevokePlace, gate?: AutoRevokeGate): boolean {
  return matchAutoRevoke(policy, finding, place, gate) !== undefined;
}
