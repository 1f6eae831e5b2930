// `tokenCustody.owners`: which team owns the tokens of an issuer or a rule (who can revoke, who to ask).
//   { "github": { "team": "Platform", "contact": "#platform", "url": "https://wiki/tokens" },
//     "github-pat-classic": { "team": "DevEx" } }
// A rule id wins over an issuer id. Invalid entries are dropped with a clear message; valid ones stay.

export interface Owner {
  team: string;
  contact?: string;
  url?: string;
}

export interface OwnerMatch extends Owner {
  /** The settings key that matched, and whether it named the rule or the issuer. */
  key: string;
  matchedBy: 'rule' | 'issuer';
}

export type Owners = ReadonlyMap<string, Owner>;

export interface OwnersParseResult {
  owners: Map<string, Owner>;
  errors: string[];
}

const OWNER_KEYS = new Set(['team', 'contact', 'url']);
const KEY_RE = /^[a-z0-9][a-z0-9._-]*$/i;
const MAX_TEXT = 200;

/**
 * Only web and mail links: owners may come from a workspace's settings, and the UI renders the URL
 * as a link (a `command:` or `file:` link there would be a trap).
 */
function checkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (!['https:', 'http:', 'mailto:'].includes(parsed.protocol)) return 'must be an https:, http: or mailto: URL';
  return undefined;
}

export function parseOwners(value: unknown): OwnersParseResult {
  const owners = new Map<string, Owner>();
  const errors: string[] = [];
  if (value === undefined || value === null) return { owners, errors };
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push('tokenCustody.owners must be an object mapping an issuer id or rule id to { "team": … }.');
    return { owners, errors };
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const at = `tokenCustody.owners["${key}"]`;
    if (!KEY_RE.test(key)) {
      errors.push(`${at}: the key must be an issuer id or a rule id (letters, digits, ".", "_", "-").`);
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${at} must be an object such as { "team": "Platform" }.`);
      continue;
    }
    const o = raw as Record<string, unknown>;
    const problems: string[] = [];
    for (const k of Object.keys(o)) if (!OWNER_KEYS.has(k)) problems.push(`unknown property "${k}" (allowed: team, contact, url)`);
    if (typeof o.team !== 'string' || !o.team.trim()) problems.push('"team" is required and must be a non-empty string');
    else if (o.team.length > MAX_TEXT) problems.push(`"team" is longer than ${MAX_TEXT} characters`);
    if (o.contact !== undefined && (typeof o.contact !== 'string' || !o.contact.trim())) problems.push('"contact" must be a non-empty string');
    else if (typeof o.contact === 'string' && o.contact.length > MAX_TEXT) problems.push(`"contact" is longer than ${MAX_TEXT} characters`);
    if (o.url !== undefined) {
      if (typeof o.url !== 'string') problems.push('"url" must be a string');
      else {
        const bad = checkUrl(o.url);
        if (bad) problems.push(`"url" ${bad}`);
      }
    }
    if (problems.length) {
      errors.push(`${at}: ${problems.join('; ')}.`);
      continue;
    }
    const owner: Owner = { team: (o.team as string).trim() };
    if (typeof o.contact === 'string') owner.contact = o.contact.trim();
    if (typeof o.url === 'string') owner.url = o.url;
    owners.set(key.toLowerCase(), owner);
  }
  return { owners, errors };
}

/** The owner of a finding's token: by rule id first, then by issuer. */
export function ownerFor(owners: Owners, finding: { ruleId: string; issuer: string }): OwnerMatch | undefined {
  const byRule = owners.get(finding.ruleId.toLowerCase());
  if (byRule) return { ...byRule, key: finding.ruleId, matchedBy: 'rule' };
  const byIssuer = owners.get(finding.issuer.toLowerCase());
  if (byIssuer) return { ...byIssuer, key: finding.issuer, matchedBy: 'issuer' };
  return undefined;
}

/** `Platform (#platform)` — the owner as one line of text. */
export function formatOwner(owner: Owner): string {
  return owner.contact ? `${owner.team} (${owner.contact})` : owner.team;
}
