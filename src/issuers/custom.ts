// Custom issuers from the setting `tokenCustody.issuers`: the in-house platform that issued a token.
// Each declares a token pattern, a revocation (RFC 7009 endpoint or a described HTTP call), an
// optional check (HTTP call or RFC 7662 introspection) and the owning team. `${token}` may appear
// in header values and the body only, never in the URL, so the token cannot land in an access log.

import { errorMessage } from '../errors';
import { assertSafeEndpoint } from './endpointSafety';
import type { CustomHttpCall, CustomIssuer, CustomRfc7009, CustomRfc7662 } from './types';

export const PLACEHOLDER = '${token}';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ISSUER_KEYS = new Set(['name', 'pattern', 'revoke', 'check', 'owner']);
const HTTP_KEYS = new Set(['type', 'method', 'url', 'headers', 'body', 'successStatus', 'invalidStatus']);
const ENDPOINT_KEYS = new Set(['type', 'endpoint', 'clientId']);

export interface CustomIssuerParse {
  issuers: CustomIssuer[];
  /** One message per problem, naming the entry (`tokenCustody.issuers[1] (acme): …`). */
  errors: string[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(o: Record<string, unknown>, allowed: Set<string>): string[] {
  return Object.keys(o).filter((k) => !allowed.has(k));
}

function checkUrl(v: unknown, what: string, errs: string[]): string | undefined {
  if (typeof v !== 'string' || !v) {
    errs.push(`${what} must be a URL string.`);
    return undefined;
  }
  if (v.includes('${')) {
    errs.push(`${what} must not contain \${token} or any placeholder: the token is only sent in headers or the body.`);
    return undefined;
  }
  try {
    return assertSafeEndpoint(v).toString();
  } catch (e) {
    errs.push(`${what}: ${errorMessage(e)}`);
    return undefined;
  }
}

function statusList(v: unknown, what: string, errs: string[], required: boolean): number[] | undefined {
  if (v === undefined && !required) return undefined;
  if (!Array.isArray(v) || v.length === 0 || !v.every((n) => Number.isInteger(n) && n >= 100 && n <= 599)) {
    errs.push(`${what} must be a non-empty array of HTTP status codes (100-599).`);
    return undefined;
  }
  return v as number[];
}

function parseHttp(v: Record<string, unknown>, what: string, errs: string[]): CustomHttpCall | undefined {
  const before = errs.length;
  for (const k of unknownKeys(v, HTTP_KEYS)) errs.push(`${what}: unknown property "${k}".`);
  const method = typeof v.method === 'string' ? v.method.toUpperCase() : '';
  if (!METHODS.has(method)) errs.push(`${what}.method must be one of GET, POST, PUT, PATCH, DELETE.`);
  const url = checkUrl(v.url, `${what}.url`, errs);
  const headers: Record<string, string> = {};
  if (v.headers !== undefined) {
    if (!isObj(v.headers)) errs.push(`${what}.headers must be an object of header names to string values.`);
    else {
      for (const [k, hv] of Object.entries(v.headers)) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) errs.push(`${what}.headers: "${k}" is not a valid header name.`);
        else if (typeof hv !== 'string' || /[\r\n]/.test(hv)) errs.push(`${what}.headers.${k} must be a single-line string.`);
        else headers[k.toLowerCase()] = hv;
      }
    }
  }
  if (v.body !== undefined && typeof v.body !== 'string') errs.push(`${what}.body must be a string.`);
  const body = typeof v.body === 'string' ? v.body : undefined;
  if (body !== undefined && (method === 'GET')) errs.push(`${what}: a GET request cannot have a body.`);
  const usesToken = Object.values(headers).some((h) => h.includes(PLACEHOLDER)) || (body?.includes(PLACEHOLDER) ?? false);
  if (!usesToken) errs.push(`${what} must use \${token} in a header value or the body.`);
  const successStatus = statusList(v.successStatus, `${what}.successStatus`, errs, true);
  const invalidStatus = statusList(v.invalidStatus, `${what}.invalidStatus`, errs, false) ?? [401, 403];
  if (errs.length > before || !url || !successStatus) return undefined;
  return { type: 'http', method: method as CustomHttpCall['method'], url, headers, body, successStatus, invalidStatus };
}

function parseEndpoint<T extends 'rfc7009' | 'rfc7662'>(type: T, v: Record<string, unknown>, what: string, errs: string[]): (T extends 'rfc7009' ? CustomRfc7009 : CustomRfc7662) | undefined {
  const before = errs.length;
  for (const k of unknownKeys(v, ENDPOINT_KEYS)) errs.push(`${what}: unknown property "${k}".`);
  const endpoint = checkUrl(v.endpoint, `${what}.endpoint`, errs);
  if (v.clientId !== undefined && (typeof v.clientId !== 'string' || !v.clientId)) errs.push(`${what}.clientId must be a non-empty string (a public client id, never a secret).`);
  if (errs.length > before || !endpoint) return undefined;
  return { type, endpoint, clientId: typeof v.clientId === 'string' ? v.clientId : undefined } as T extends 'rfc7009' ? CustomRfc7009 : CustomRfc7662;
}

/** Validates the `tokenCustody.issuers` setting. Invalid entries are dropped and reported. */
export function parseCustomIssuers(raw: unknown): CustomIssuerParse {
  const issuers: CustomIssuer[] = [];
  const errors: string[] = [];
  if (raw === undefined || raw === null) return { issuers, errors };
  if (!Array.isArray(raw)) return { issuers, errors: ['tokenCustody.issuers must be an array of issuer objects.'] };
  const names = new Set<string>();
  raw.forEach((entry, i) => {
    const label = `tokenCustody.issuers[${i}]${isObj(entry) && typeof entry.name === 'string' ? ` (${entry.name})` : ''}`;
    const errs: string[] = [];
    if (!isObj(entry)) {
      errors.push(`${label} must be an object.`);
      return;
    }
    for (const k of unknownKeys(entry, ISSUER_KEYS)) errs.push(`unknown property "${k}".`);
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(name)) errs.push('name must be 1-64 letters, digits, spaces, ".", "_" or "-".');
    else if (names.has(name.toLowerCase())) errs.push(`name "${name}" is used twice.`);
    let regex: RegExp | undefined;
    if (typeof entry.pattern !== 'string' || !entry.pattern || entry.pattern.length > 500) errs.push('pattern must be a regular expression of 1-500 characters.');
    else {
      try {
        regex = new RegExp(entry.pattern, 'u');
        if (regex.test('')) errs.push('pattern must not match the empty string.');
      } catch (e) {
        errs.push(`pattern does not compile: ${errorMessage(e)}`);
      }
    }
    let revoke: CustomIssuer['revoke'] | undefined;
    if (!isObj(entry.revoke)) errs.push('revoke must be an object with type "rfc7009" or "http".');
    else if (entry.revoke.type === 'rfc7009') revoke = parseEndpoint('rfc7009', entry.revoke, 'revoke', errs);
    else if (entry.revoke.type === 'http') revoke = parseHttp(entry.revoke, 'revoke', errs);
    else errs.push('revoke.type must be "rfc7009" or "http".');
    let check: CustomIssuer['check'];
    if (entry.check !== undefined) {
      if (!isObj(entry.check)) errs.push('check must be an object with type "rfc7662" or "http".');
      else if (entry.check.type === 'rfc7662') check = parseEndpoint('rfc7662', entry.check, 'check', errs);
      else if (entry.check.type === 'http') check = parseHttp(entry.check, 'check', errs);
      else errs.push('check.type must be "rfc7662" or "http".');
    }
    let owner: CustomIssuer['owner'];
    if (entry.owner !== undefined) {
      if (!isObj(entry.owner) || unknownKeys(entry.owner, new Set(['team', 'contact'])).length
        || (entry.owner.team !== undefined && typeof entry.owner.team !== 'string')
        || (entry.owner.contact !== undefined && typeof entry.owner.contact !== 'string')) {
        errs.push('owner must be an object { team?: string, contact?: string }.');
      } else owner = { team: entry.owner.team, contact: entry.owner.contact };
    }
    if (errs.length || !regex || !revoke) {
      errors.push(...errs.map((m) => `${label}: ${m}`));
      return;
    }
    names.add(name.toLowerCase());
    issuers.push({ name, pattern: entry.pattern as string, regex, revoke, check, owner });
  });
  return { issuers, errors };
}

// ---- Custom issuers → detection rules ----

/**
 * The longest literal prefix every match of `pattern` starts with (lower-cased), when it is at
 * least 2 characters: the keyword the engine's prefilter looks for. Undefined when the pattern
 * starts with a class, a group, an escape or has a top-level alternation.
 */
export function literalPrefix(pattern: string): string | undefined {
  if (hasTopLevelAlternation(pattern)) return undefined;
  let i = pattern.startsWith('^') ? 1 : 0;
  let out = '';
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (/[A-Za-z0-9_\-:=@/]/.test(c)) out += c;
    else if (c === '\\' && /[.\-_/:@]/.test(pattern[i + 1] ?? '')) {
      out += pattern[i + 1];
      i++;
    } else break;
  }
  const next = pattern[i];
  // The last literal is optional or repeated zero times: it is not part of every match.
  if (next === '?' || next === '*' || next === '{') out = out.slice(0, -1);
  return out.length >= 2 ? out.toLowerCase() : undefined;
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'issuer';
}

/** Rule id of a custom issuer's detection rule. */
export function customIssuerRuleId(name: string): string {
  return `custom-issuer-${slug(name)}`;
}

/**
 * Detection rules (custom-rule objects as `createScanner` takes them) for the custom issuers of the
 * `tokenCustody.issuers` setting (raw value, or already parsed issuers). Each finds the issuer's
 * token pattern and names the issuer, so a finding resolves to that issuer's client. Invalid
 * issuers are skipped (the revocation area reports them).
 */
export function customIssuerRules(issuers: unknown): unknown[] {
  const parsed: readonly CustomIssuer[] = Array.isArray(issuers) && issuers.every(isParsedIssuer) ? issuers : parseCustomIssuers(issuers).issuers;
  const used = new Set<string>();
  return parsed.map((c) => {
    let id = customIssuerRuleId(c.name);
    for (let n = 2; used.has(id); n++) id = `${customIssuerRuleId(c.name)}-${n}`;
    used.add(id);
    const prefix = literalPrefix(c.pattern);
    const owner = [c.owner?.team, c.owner?.contact].filter(Boolean).join(', ');
    return {
      id,
      issuer: c.name,
      name: `${c.name} token`,
      pattern: c.pattern,
      flags: 'u',
      keywords: prefix ? [prefix] : [],
      confidence: 'high',
      severity: 'high',
      kind: 'api-key',
      revocation: c.revoke.type === 'rfc7009' ? 'oauth-rfc7009' : 'manual',
      description: `Token of the custom issuer "${c.name}" (tokenCustody.issuers)${owner ? `; owner: ${owner}` : ''}.`,
    };
  });
}

function isParsedIssuer(v: unknown): v is CustomIssuer {
  return typeof v === 'object' && v !== null && (v as { regex?: unknown }).regex instanceof RegExp;
}
