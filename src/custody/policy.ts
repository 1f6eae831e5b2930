// `tokenCustody.policy.autoRevoke` (machine scope, restricted): revoke without asking when a token of
// a listed rule or issuer shows up in a listed place. Off by default (an empty list).
//   [{ "match": ["github", "npm-access-token"], "places": ["terminal-output", "terminal-paste"] }]
// Even when a rule matches, only a finding the engine is sure of (high confidence by default, its
// checksum not failed) whose issuer has a revocation API is revoked automatically.
import type { Confidence, Finding } from '../engine/types';

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

type PolicyFinding = Pick<Finding, 'ruleId' | 'issuer' | 'confidence' | 'validation' | 'revocation'>;

/** The first policy rule that has this finding revoked automatically in this place, if any. */
export function matchAutoRevoke(policy: readonly AutoRevokeRule[], finding: PolicyFinding, place: AutoRevokePlace): AutoRevokeRule | undefined {
  if (finding.revocation === 'manual' || finding.revocation === 'none') return undefined;
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

export function shouldAutoRevoke(policy: readonly AutoRevokeRule[], finding: PolicyFinding, place: AutoRevokePlace): boolean {
  return matchAutoRevoke(policy, finding, place) !== undefined;
}
