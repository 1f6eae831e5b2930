// Offline validators: checksums and structure that can be checked without contacting the issuer.
// Every validator is pure and never puts the secret (or any part of it beyond a public prefix or
// an identifier such as a key id) into `detail` or `metadata`, nor a user name (it can be the token).

import * as zlib from 'node:zlib';
import { base64Bytes, latin1Text, utf8Bytes, utf8Text } from './bytes';
import { PLACEHOLDER_PASSWORD_VALUE } from './rules/parts';
import { isCredentialLike } from './scrub';
import type { ValidatorName } from './types';

export interface ValidatorResult {
  status: 'valid' | 'invalid' | 'unchecked';
  detail: string;
  metadata?: Record<string, string | number | boolean>;
  confidence?: 'high' | 'medium' | 'low';
  /**
   * Where the credential really is, when it is not the value the rule captured (offsets into
   * `ctx.text`): e.g. the user-name part of `https://<token>:x-oauth-basic@host`.
   */
  secretAt?: { start: number; end: number };
}

export type Validator = (
  secret: string,
  ctx: { text: string; start: number; end: number; now?: number },
) => ValidatorResult;

// ---------------------------------------------------------------------------------------------
// Encoding helpers (exported for the fixture generators and tests).

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;

/** Table-driven CRC-32 (used when `zlib.crc32` is missing: Node < 20.15, and the browser build, whose `node:zlib` is src/web/nodeZlib.ts). */
export function tableCrc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = (crc >>> 8) ^ (crcTable[(crc ^ b) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}

const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array | string) => number }).crc32;

/** CRC-32 (IEEE, as zlib) of the UTF-8 bytes of `data`. */
export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? utf8Bytes(data) : data;
  return typeof nativeCrc32 === 'function' ? nativeCrc32(bytes) >>> 0 : tableCrc32(bytes);
}

/** Base62 (0-9A-Za-z) of a non-negative integer, left-padded with '0' to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** The 6-character GitHub/npm checksum of the random part of a token. */
export function base62Crc32(randomPart: string): string {
  return base62(crc32(randomPart), 6);
}

/** The 7-character base36 CRC of a GitLab routable token (over everything before it). */
export function base36Crc32(data: string): string {
  return crc32(data).toString(36).padStart(7, '0');
}

const B64URL_RE = /^[A-Za-z0-9_-]*$/;
const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64Url(s: string): Uint8Array | undefined {
  if (!B64URL_RE.test(s) || s.length % 4 === 1) return undefined;
  return base64Bytes(s);
}

function decodeBase64Any(s: string): Uint8Array | undefined {
  const t = s.trim();
  if (B64URL_RE.test(t.replace(/=+$/, '')) && t.replace(/=+$/, '').length % 4 !== 1) {
    return base64Bytes(t.replace(/=+$/, ''));
  }
  if (B64_RE.test(t) && t.length % 4 === 0) return base64Bytes(t);
  return undefined;
}

function isPrintable(s: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(s);
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function relativeDays(deltaSeconds: number): string {
  const abs = Math.abs(deltaSeconds);
  if (abs < 3600) return `${Math.max(1, Math.round(abs / 60))} min`;
  if (abs < 86400 * 2) return `${Math.round(abs / 3600)} h`;
  return `${Math.round(abs / 86400)} days`;
}

// ---------------------------------------------------------------------------------------------
// GitHub / npm

const GITHUB_TYPES: Record<string, string> = {
  ghp_: 'classic PAT',
  gho_: 'OAuth',
  ghu_: 'user-to-server',
  ghs_: 'server-to-server',
  ghr_: 'refresh',
};

const githubCrc32: Validator = (secret, ctx): ValidatorResult => {
  if (secret.startsWith('github_pat_')) {
    const ok = /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/.test(secret);
    return ok
      ? { status: 'unchecked', detail: 'format valid', metadata: { tokenType: 'fine-grained PAT' } }
      : { status: 'invalid', detail: 'not a fine-grained token layout' };
  }
  const prefix = secret.slice(0, 4);
  const tokenType = GITHUB_TYPES[prefix];
  if (!tokenType) return { status: 'invalid', detail: 'unknown GitHub token prefix' };
  const body = secret.slice(4);
  // Stateless installation tokens (2026): ghs_<app id>_<JWT>; no public checksum.
  const stateless = /^([0-9]{1,12})_(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(body);
  if (prefix === 'ghs_' && stateless) {
    const inner = jwt(stateless[2] ?? '', ctx);
    const metadata: Record<string, string | number | boolean> = { tokenType, appId: stateless[1] ?? '' };
    if (inner.status !== 'valid') return { status: 'invalid', detail: 'stateless installation token: JWT part does not parse', metadata };
    for (const k of ['exp', 'expiresAt', 'expired', 'iat'] as const) {
      const v = inner.metadata?.[k];
      if (v !== undefined) metadata[k] = v;
    }
    return {
      status: 'valid',
      detail: `structure valid (stateless installation token, app ${metadata.appId})${metadata.expired === true ? ' · expired' : ''}`,
      metadata,
      confidence: metadata.expired === true ? 'medium' : 'high',
    };
  }
  if (!/^[A-Za-z0-9]+$/.test(body) || body.length < 36) {
    return { status: 'invalid', detail: 'not base62' };
  }
  const random = body.slice(0, -6);
  const check = body.slice(-6);
  if (base62Crc32(random) === check) {
    return { status: 'valid', detail: 'checksum valid', metadata: { tokenType }, confidence: 'high' };
  }
  if (body.length !== 36) {
    // Long refresh tokens: the checksum scheme is not published for this length.
    return { status: 'unchecked', detail: 'format valid (checksum not published for this length)', metadata: { tokenType } };
  }
  return { status: 'invalid', detail: 'checksum mismatch', metadata: { tokenType } };
};

const npmCrc32: Validator = (secret): ValidatorResult => {
  const m = /^npm_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
  if (!m) return { status: 'invalid', detail: 'not an npm_ token layout' };
  return base62Crc32(m[1] ?? '') === m[2]
    ? { status: 'valid', detail: 'checksum valid', metadata: { tokenType: 'npm access token' }, confidence: 'high' }
    : { status: 'invalid', detail: 'checksum mismatch' };
};

// ---------------------------------------------------------------------------------------------
// GitLab routable tokens:
//   <prefix><base64url payload>.<2 base36 version>.<2 base36 payload length><7 base36 CRC32>
// (unversioned 2024-11 form: <prefix><payload>.<2 base36 length><7 base36 CRC32>). The payload
// decodes to "k:v\n…" routing lines, then the random bytes, then one byte holding their count.

const GITLAB_PREFIX_TYPES: Record<string, string> = {
  'glpat-': 'personal/project/group access token',
  'gldt-': 'deploy token',
  'glrt-': 'runner authentication token',
  'glcbt-': 'CI/CD job token',
  'glptt-': 'pipeline trigger token',
  'glft-': 'feed token',
  'glimt-': 'incoming mail token',
  'gloas-': 'OAuth application secret',
  'glsoat-': 'SCIM OAuth token',
  'glagent-': 'agent token',
  'gloat-': 'OAuth access token',
};

const ROUTING_KEYS: Record<string, string> = {
  c: 'cell',
  g: 'groupId',
  o: 'organizationId',
  p: 'projectId',
  u: 'userId',
  t: 'runnerType',
};

const RUNNER_TYPES: Record<string, string> = { '1': 'instance', '2': 'group', '3': 'project' };

const gitlabRoutable: Validator = (secret): ValidatorResult => {
  const pm = /^([a-z]{2,8}-)/.exec(secret);
  const prefix = pm?.[1] ?? '';
  const tokenType = GITLAB_PREFIX_TYPES[prefix] ?? 'GitLab token';
  const rest = secret.slice(prefix.length);
  if (/^[A-Za-z0-9_-]{20}$/.test(rest)) {
    return { status: 'unchecked', detail: 'legacy format (no checksum)', metadata: { tokenType, format: 'legacy' } };
  }
  const m =
    /^([A-Za-z0-9_-]{27,300})\.([0-9a-z]{2})\.([0-9a-z]{2})([0-9a-z]{7})$/.exec(rest) ??
    /^([A-Za-z0-9_-]{27,300})\.()([0-9a-z]{2})([0-9a-z]{7})$/.exec(rest);
  if (!m) {
    return /^[A-Za-z0-9_-]{20,64}$/.test(rest)
      ? { status: 'unchecked', detail: 'format valid (no checksum)', metadata: { tokenType } }
      : { status: 'invalid', detail: 'not a GitLab token layout' };
  }
  const [, payload = '', version = '', lengthHolder = '', crc = ''] = m;
  if (base36Crc32(secret.slice(0, -7)) !== crc) {
    return { status: 'invalid', detail: 'checksum mismatch', metadata: { tokenType } };
  }
  if (parseInt(lengthHolder, 36) !== payload.length) {
    return { status: 'invalid', detail: 'payload length field mismatch', metadata: { tokenType } };
  }
  const metadata: Record<string, string | number | boolean> = { tokenType, format: 'routable' };
  if (version) metadata.version = parseInt(version, 36);
  const bytes = decodeBase64Url(payload);
  if (bytes && bytes.length > 1) {
    const randomLen = bytes[bytes.length - 1] ?? 0;
    const routingEnd = bytes.length - 1 - randomLen;
    if (randomLen >= 16 && routingEnd >= 3) {
      const routing = latin1Text(bytes.subarray(0, routingEnd));
      for (const line of routing.split('\n')) {
        const kv = /^([a-z]):([0-9a-z_-]{1,40})$/.exec(line);
        if (!kv) continue;
        const key = ROUTING_KEYS[kv[1] ?? ''];
        if (!key) continue;
        const raw = kv[2] ?? '';
        const num = /^[0-9a-z]+$/.test(raw) ? parseInt(raw, 36) : NaN;
        if (key === 'runnerType') metadata[key] = RUNNER_TYPES[raw] ?? raw;
        else metadata[key] = Number.isSafeInteger(num) ? num : raw;
      }
    }
  }
  const owner =
    metadata.userId !== undefined ? `user ${metadata.userId}`
    : metadata.projectId !== undefined ? `project ${metadata.projectId}`
    : metadata.groupId !== undefined ? `group ${metadata.groupId}`
    : metadata.organizationId !== undefined ? `organization ${metadata.organizationId}`
    : undefined;
  if (owner) metadata.owner = owner;
  return {
    status: 'valid',
    detail: owner ? `checksum valid · ${owner}` : 'checksum valid',
    metadata,
    confidence: 'high',
  };
};

// ---------------------------------------------------------------------------------------------
// PyPI: "pypi-" + base64url(macaroon v2 binary). Layout (libmacaroons v2):
//   0x02, [loc(1)], id(2), EOS(0), { [loc(1)], id(2), [vid(4)], EOS }*, EOS, sig(6, 32 bytes)
// Each field is <type varint><length varint><data>.

interface MacaroonField {
  type: number;
  data: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: { i: number }): number | undefined {
  let result = 0;
  let shift = 0;
  for (let n = 0; n < 5; n++) {
    const b = buf[pos.i++];
    if (b === undefined) return undefined;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
  }
  return undefined;
}

/** Parses the packet sequence of a v2 macaroon; EOS markers come back as `{ type: 0 }`. */
function readMacaroonFields(buf: Uint8Array): MacaroonField[] | undefined {
  if (buf[0] !== 0x02) return undefined;
  const pos = { i: 1 };
  const fields: MacaroonField[] = [];
  while (pos.i < buf.length) {
    const type = readVarint(buf, pos);
    if (type === undefined) return undefined;
    if (type === 0) {
      fields.push({ type: 0, data: new Uint8Array(0) });
      continue;
    }
    if (type > 6) return undefined;
    const len = readVarint(buf, pos);
    if (len === undefined || pos.i + len > buf.length) return undefined;
    fields.push({ type, data: buf.subarray(pos.i, pos.i + len) });
    pos.i += len;
  }
  return fields;
}

interface ParsedMacaroon {
  location: string;
  identifier: string;
  caveats: string[];
}

function parseMacaroon(buf: Uint8Array): ParsedMacaroon | undefined {
  const f = readMacaroonFields(buf);
  if (!f) return undefined;
  let k = 0;
  let location = '';
  if (f[k]?.type === 1) location = utf8Text(f[k++]?.data ?? new Uint8Array(0));
  if (f[k]?.type !== 2) return undefined;
  const identifier = utf8Text(f[k++]?.data ?? new Uint8Array(0));
  if (f[k++]?.type !== 0) return undefined;
  const caveats: string[] = [];
  for (;;) {
    const field = f[k];
    if (!field) return undefined;
    if (field.type === 0) {
      k++;
      break;
    }
    if (field.type === 1) k++;
    const id = f[k];
    if (id?.type !== 2) return undefined;
    caveats.push(utf8Text(id.data));
    k++;
    if (f[k]?.type === 4) k++;
    if (f[k++]?.type !== 0) return undefined;
  }
  const sig = f[k];
  if (sig?.type !== 6 || sig.data.length !== 32 || k !== f.length - 1) return undefined;
  return { location, identifier, caveats };
}

function summarizePypiCaveats(caveats: string[], now: number, meta: Record<string, string | number | boolean>): string[] {
  const notes: string[] = [];
  const projects: string[] = [];
  for (const raw of caveats) {
    let c: unknown;
    try {
      c = JSON.parse(raw);
    } catch {
      continue;
    }
    if (Array.isArray(c)) {
      const [tag, a, b] = c as unknown[];
      if (tag === 0 && typeof a === 'number') {
        meta.exp = a;
        meta.expiresAt = isoDate(a);
        if (typeof b === 'number') meta.nbf = b;
        notes.push(a * 1000 < now ? 'expired' : `expires ${isoDate(a).slice(0, 10)}`);
      } else if (tag === 1 && Array.isArray(a)) {
        projects.push(...a.filter((x): x is string => typeof x === 'string'));
      } else if (tag === 2 && Array.isArray(a)) {
        meta.projectIds = a.length;
      } else if (tag === 3) {
        meta.userScoped = true;
      } else if (tag === 4) {
        meta.trustedPublisher = true;
      }
    } else if (c && typeof c === 'object') {
      const o = c as Record<string, unknown>;
      const perms = o.permissions;
      if (perms === 'user') meta.scope = 'user';
      else if (perms && typeof perms === 'object') {
        const p = (perms as Record<string, unknown>).projects;
        if (Array.isArray(p)) projects.push(...p.filter((x): x is string => typeof x === 'string'));
      }
      if (typeof o.exp === 'number') {
        meta.exp = o.exp;
        meta.expiresAt = isoDate(o.exp);
        notes.push(o.exp * 1000 < now ? 'expired' : `expires ${isoDate(o.exp).slice(0, 10)}`);
      }
    }
  }
  if (projects.length) {
    meta.projects = projects.join(',');
    meta.scope = 'project';
    notes.unshift(`projects ${projects.join(', ')}`);
  } else if (meta.scope === 'user' || meta.userScoped) {
    meta.scope = 'user';
    notes.unshift('account-wide');
  }
  return notes;
}

const pypiMacaroon: Validator = (secret, ctx): ValidatorResult => {
  const body = secret.startsWith('pypi-') ? secret.slice(5) : secret;
  const bytes = decodeBase64Any(body);
  const mac = bytes ? parseMacaroon(bytes) : undefined;
  if (!mac) return { status: 'invalid', detail: 'not a macaroon' };
  const location = mac.location;
  if (location !== 'pypi.org' && location !== 'test.pypi.org') {
    return { status: 'invalid', detail: 'macaroon location is not PyPI', metadata: { location: location.slice(0, 64) } };
  }
  const metadata: Record<string, string | number | boolean> = { location, caveats: mac.caveats.length };
  if (/^[0-9a-f-]{36}$/.test(mac.identifier)) metadata.macaroonId = mac.identifier;
  const notes = summarizePypiCaveats(mac.caveats, ctx.now ?? Date.now(), metadata);
  return {
    status: 'valid',
    detail: ['macaroon valid', location, ...notes].join(' · '),
    metadata,
    confidence: 'high',
  };
};

// ---------------------------------------------------------------------------------------------
// JWT

const JWT_CLAIMS = ['iss', 'sub', 'azp', 'client_id', 'jti'] as const;

function claimText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.slice(0, 200);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(' ').slice(0, 200);
  return undefined;
}

/**
 * `https://` or `http://`, a lower-case ASCII host whose last label holds a letter, then the end or a
 * path, query or fragment: the host URL gives (no port, user, percent sign, backslash, tab or
 * upper case to normalise). Not a number-like last label (`0x1f`: an IPv4 address to URL) nor a
 * punycode (`xn--`) label, which URL decodes and checks.
 */
const PLAIN_HTTP_HOST = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z0-9-]+)(?=[/?#]|$)/;

/** The host of an issuer URL as `new URL(iss).host` gives it (the issuer itself when it is no URL); the common `https://host/…` without parsing. */
export function hostOf(iss: string): string {
  const plain = PLAIN_HTTP_HOST.exec(iss)?.[1];
  if (plain !== undefined) {
    const last = plain.slice(plain.lastIndexOf('.') + 1);
    if (/[a-z]/.test(last) && !/^0x[0-9a-f]*$/.test(last) && !/(?:^|\.)xn--/.test(plain)) return plain;
  }
  try {
    return new URL(iss).host || iss;
  } catch {
    return iss;
  }
}

// Measured and not kept: decoding a JWT part into a buffer kept between calls instead of a new
// byte array per part (no change in CPU per pass beyond the noise).
function parseJsonObject(buf: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!buf) return undefined;
  try {
    const v: unknown = JSON.parse(utf8Text(buf));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jwt(secret: string, ctx: { text: string; start: number; end: number; now?: number }): ValidatorResult {
  const parts = secret.split('.');
  if (parts.length !== 3) return { status: 'invalid', detail: 'not three dot-separated parts' };
  const [h = '', p = '', s = ''] = parts;
  const header = parseJsonObject(decodeBase64Url(h));
  if (!header || typeof header.alg !== 'string') return { status: 'invalid', detail: 'header is not JSON with alg' };
  const payload = parseJsonObject(decodeBase64Url(p));
  if (!payload) return { status: 'invalid', detail: 'payload is not a JSON object' };
  if (!B64URL_RE.test(s)) return { status: 'invalid', detail: 'signature is not base64url' };

  const metadata: Record<string, string | number | boolean> = { alg: header.alg };
  if (typeof header.typ === 'string') metadata.typ = header.typ;
  if (typeof header.kid === 'string') metadata.kid = header.kid.slice(0, 100);
  for (const c of JWT_CLAIMS) {
    const t = claimText(payload[c]);
    if (t !== undefined) metadata[c] = t;
  }
  const aud = claimText(payload.aud);
  if (aud !== undefined) metadata.aud = aud;
  const scope = claimText(payload.scope) ?? claimText(payload.scp);
  if (scope !== undefined) metadata.scope = scope;
  if (typeof payload.iat === 'number') metadata.iat = payload.iat;

  const now = ctx.now ?? Date.now();
  const bits: string[] = ['JWT'];
  if (typeof metadata.iss === 'string') bits.push(`issuer ${hostOf(metadata.iss)}`);
  let confidence: 'high' | 'medium' | 'low' = 'high';
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) {
    metadata.exp = payload.exp;
    metadata.expiresAt = isoDate(payload.exp);
    const delta = payload.exp - now / 1000;
    if (delta < 0) {
      metadata.expired = true;
      bits.push(`expired ${relativeDays(delta)} ago`);
      confidence = 'medium';
    } else {
      metadata.expired = false;
      bits.push(`expires ${metadata.expiresAt.slice(0, 10)}`);
    }
  }
  if (header.alg.toLowerCase() === 'none' || s === '') {
    bits.push('unsigned');
    confidence = 'low';
  }
  return { status: 'valid', detail: bits.join(' · '), metadata, confidence };
}

// ---------------------------------------------------------------------------------------------
// AWS access key ids: AKIA/ASIA…; characters 5-12 (base32, A-Z2-7) hold the account id
// (documented by Aidan Steele 2020 and Tal Be'ery: base32-decode key[4:], take 6 bytes,
// mask 0x7fffffffff80, shift right 7). Keys whose 5th char is before 'Q' predate the scheme.

const AWS_KEY_TYPES: Record<string, string> = {
  AKIA: 'long-term',
  ASIA: 'temporary (STS)',
  ABIA: 'AWS STS service bearer token',
  ACCA: 'context-specific credential',
};

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Account id (12 digits) encoded in an AWS access key id, or undefined for legacy ids. The 50 bits of
 * characters 5-14 fit a double exactly (below 2^53): plain arithmetic, no BigInt (a BigInt per step
 * cost more than the rest of the validator).
 */
export function awsAccountFromKeyId(keyId: string): string | undefined {
  const chunk = keyId.slice(4, 14);
  if (chunk.length < 10) return undefined;
  let value = 0;
  for (let k = 0; k < chunk.length; k++) {
    const i = B32.indexOf(chunk[k]!);
    if (i < 0) return undefined;
    value = value * 32 + i;
  }
  // 10 chars = 50 bits; the first 48 bits are the 6 bytes the scheme uses.
  const six = Math.floor(value / 4);
  if (six < 2 ** 47) return undefined;
  // (six & 0x7fffffffff80) >> 7: bits 7-46 of the 48.
  const account = Math.floor(six / 128) % 2 ** 40;
  return String(account).padStart(12, '0');
}

const awsKeyId: Validator = (secret): ValidatorResult => {
  const m = /^(AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})$/.exec(secret);
  if (!m) {
    return /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/.test(secret)
      ? { status: 'unchecked', detail: 'format valid (legacy key id)', metadata: { keyType: AWS_KEY_TYPES[secret.slice(0, 4)] ?? 'unknown' } }
      : { status: 'invalid', detail: 'not an AWS access key id' };
  }
  const keyType = AWS_KEY_TYPES[m[1] ?? ''] ?? 'unknown';
  const account = awsAccountFromKeyId(secret);
  if (!account) {
    return { status: 'unchecked', detail: 'format valid (legacy key id, account not encoded)', metadata: { keyType } };
  }
  return {
    status: 'valid',
    detail: `account ${account} · ${keyType}`,
    metadata: { account, keyType },
    confidence: 'high',
  };
};

// ---------------------------------------------------------------------------------------------
// user:password blobs and URL credentials

function isPlaceholderPassword(pw: string): boolean {
  if (PLACEHOLDER_PASSWORD_VALUE.test(pw)) return true;
  if (/^(.)\1+$/.test(pw)) return true;
  return /^(?:keychain|vscode-secret|op|vault):/.test(pw);
}

/**
 * Passwords that say "the credential is the user name": GitHub's `x-oauth-basic`, the conventional
 * fillers of token-as-user schemes, and the empty password (`<token>:`).
 */
const FILLER_PASSWORD = /^(?:|x-oauth-basic|x-access-token|x-token-auth|oauth2?|token|api|apikey|api[-_]key|basic|x|blank|none|null|unused|anything)$/i;

/**
 * Which part of `user:password` is the credential. The user part is when the password is a filler
 * or a placeholder and the user part looks like a credential, or when the user part looks like a
 * credential and the password does not. Never decided by user *names*: those are never reported.
 */
export function credentialPart(user: string, password: string): 'user' | 'password' | undefined {
  const userCred = user.length >= 8 && isCredentialLike(user);
  if (FILLER_PASSWORD.test(password) || isPlaceholderPassword(password)) return userCred ? 'user' : undefined;
  if (userCred && !isCredentialLike(password)) return 'user';
  return 'password';
}

/** User names that documentation and tests write for "some user" (`user`, `username`, `john.doe`). */
const SAMPLE_USER = /^(?:user|username|user[-_ ]?name|usr|someone|somebody|guest|jdoe|j?(?:ohn|ane)[._-]?doe|foo)$/i;

/**
 * A user and password pair that documentation and tests write, not a credential: the anonymous login
 * (its password is by convention anything, an e-mail address), or a password of letters and
 * punctuation only (no digit, at most 20 characters) that goes with a stock user name
 * (`user:he%2F%2Fo`) when shaped like a word, holds the user name (`bob` / `bobwillknow`) or shares a stem of four letters
 * with it (`proxyuser` / `proxypass`). Generated and most human passwords hold a digit and stay.
 */
export function isSampleCredential(user: string, password: string): boolean {
  const u = user.toLowerCase();
  if (u === 'anonymous') return true;
  if (password.length > 20 || /[0-9]/.test(password) || !/^[A-Za-z]/.test(password)) return false;
  const p = password.toLowerCase();
  // A stock user name makes a sample only of one word (`he//o`, `secret`, `Password`, `PASS`): mixed-case
  // letters (`kXqPzRmTbWyLfGhA`, `GFyldIJYtlNzldkm`) are a password whoever they go with.
  if (SAMPLE_USER.test(u)) return /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/.test(password.replace(/[^A-Za-z]/g, ''));
  if (u.length >= 3 && p.includes(u)) return true;
  let stem = 0;
  while (stem < u.length && stem < p.length && u[stem] === p[stem] && /[a-z]/.test(u[stem]!)) stem++;
  return stem >= 4;
}

const base64Credential: Validator = (secret, ctx): ValidatorResult => {
  // The scanner's decode-and-rescan pass hands over the decoded `user:password` (a ':' is never
  // part of base64); a rule without `decode` hands over the base64 value itself.
  let text: string;
  const decodedInPlace = secret.includes(':');
  if (decodedInPlace) {
    text = secret;
  } else {
    const bytes = decodeBase64Any(secret.replace(/^Basic\s+/i, ''));
    if (!bytes || bytes.length < 3) return { status: 'invalid', detail: 'not base64' };
    text = utf8Text(bytes);
  }
  if (!isPrintable(text)) return { status: 'invalid', detail: 'does not decode to text' };
  const colon = text.indexOf(':');
  if (colon < 0) return { status: 'invalid', detail: 'decoded text has no user:password' };
  const username = text.slice(0, colon);
  const password = text.slice(colon + 1);
  const part = credentialPart(username, password);
  if (!part) return { status: 'invalid', detail: 'password is empty or a placeholder' };
  // No user name in the detail or the metadata: it may be the token itself.
  if (part === 'user') {
    const result: ValidatorResult = { status: 'valid', detail: 'token in the user-name part of user:password', metadata: { credentialPart: 'user' } };
    if (decodedInPlace) result.secretAt = { start: ctx.start, end: ctx.start + colon };
    return result;
  }
  return {
    status: 'valid',
    detail: username ? 'user:password' : 'user:password (no user name)',
    metadata: { credentialPart: 'password' },
  };
};

// Groups: scheme, user, password, host. The empty password (`user:@host`) is matched so that a
// token in the user part followed by `:@` is read too. The password runs to the last `@` before the
// host (`p@ss@host`) and may hold `?` and `#`, which people leave unescaped.
const URL_RE = /([A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/([^:/?#@\s'"`<>]{0,256}):([^/\s'"`<>]{0,512})@([A-Za-z0-9.[\]_-]{1,253}(?::[0-9]{1,5})?)/;

function decodeUriPart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const urlCredential: Validator = (secret, ctx): ValidatorResult => {
  let m = URL_RE.exec(secret);
  /** Offset in ctx.text of the match. */
  let at = m ? ctx.start + m.index : -1;
  if (!m) {
    // The secret is the password alone: read the URL around it on the same line.
    const lineStart = ctx.text.lastIndexOf('\n', ctx.start - 1) + 1;
    const nl = ctx.text.indexOf('\n', ctx.end);
    const lineEnd = nl < 0 ? ctx.text.length : nl;
    const from = Math.max(lineStart, ctx.start - 600);
    const line = ctx.text.slice(from, Math.min(lineEnd, ctx.end + 300));
    const re = new RegExp(URL_RE.source, 'g');
    const rel = ctx.start - from;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(line))) {
      if (mm.index <= rel && mm.index + mm[0].length >= rel + (ctx.end - ctx.start)) {
        m = mm;
        at = from + mm.index;
        break;
      }
    }
  }
  if (!m) return { status: 'invalid', detail: 'not a user:password@host URL' };
  const [, scheme = '', user = '', password = '', host = ''] = m;
  const pw = decodeUriPart(password);
  const part = credentialPart(decodeUriPart(user), pw);
  if (!part) return { status: 'invalid', detail: 'password is a placeholder or variable' };
  if (part === 'password' && isSampleCredential(decodeUriPart(user), pw)) return { status: 'invalid', detail: 'a sample user and password (documentation or tests)' };
  const metadata: Record<string, string | number | boolean> = {
    scheme: scheme.toLowerCase(),
    host: host.toLowerCase(),
    credentialPart: part,
  };
  // No user name in the detail or the metadata: it may be the token itself.
  const result: ValidatorResult = {
    status: 'valid',
    detail: `${scheme.toLowerCase()} credentials for ${host.toLowerCase()}${part === 'user' ? ' (token in the user-name part)' : ''}`,
    metadata,
  };
  if (part === 'user') {
    const userStart = at + scheme.length + 3;
    result.secretAt = { start: userStart, end: userStart + user.length };
  }
  return result;
};

/**
 * Values in a password slot that are not passwords: a word or identifier without digits
 * (`passwordInput`, `CLIENT_SECRET`), a type or setting name (`V1SecretVolumeSource`,
 * `google_oauth2_credentials`), a number or boolean, a lower-case path (`prod/db/password`,
 * `/run/secrets/x`), an integrity hash (`sha512-…`), a publishable key (`pk_live_…`). A letters-only
 * value is a name only when shaped like one: every lower-case run after a capital is a word of two
 * or more letters (`passwordInput`, `DB_PASS`, `getHTTPResponse`); random mixed case is a password.
 */
const NON_PASSWORD_SHAPE =
  /^(?:(?:[A-Z0-9]{0,3}[A-Z][a-z]{2,15}){2,8}[0-9]{0,3}|[a-z]{2,15}[0-9]{0,2}(?:_[a-z]{2,15}[0-9]{0,2}){1,8}|[0-9]+|true|false|null|none|yes|no|(?:\.{0,2}|~)\/.*|[a-z0-9._-]+(?:\/[a-z0-9._-]+)+|(?:sha1|sha256|sha384|sha512|md5)-.*|pk_(?:live|test)_.*)$/;

/** A word of a name: `SECRET`, `password`, `Input`, `getHTTPResponse` — not random mixed case. */
const NAME_WORD = /^(?:[A-Z]+|[A-Za-z][a-z]*(?:[A-Z]+[a-z]{2,})*[A-Z]*)$/;

/** A camel-case name with digits (`V1SecretVolumeSource`, `OAuth2Client`) has words, and words have vowels. */
const CAMEL_WITH_DIGITS = /^(?:[A-Z0-9]{0,3}[A-Z][a-z]{2,15}){2,8}[0-9]{0,3}$/;

function isNonPassword(value: string): boolean {
  if (/^[A-Za-z_]+$/.test(value)) return value.length > 256 || value.split('_').every(w => w === '' || NAME_WORD.test(w));
  // Random letters and digits fit the camel shape one time in a few hundred (`QjhR1OVczg8SIkx7`):
  // a word of four or more letters without a vowel, or with five consonants in a row, is not a word
  // (three-letter ones are often abbreviations: `Gcm`, `Jwt`, `Ssh`), so the value stays a password.
  if (CAMEL_WITH_DIGITS.test(value) && value.match(/[a-z]{3,}/g)?.some(w => !/[aeiouy]/.test(w) || /[^aeiouy]{5}/.test(w))) return false;
  return NON_PASSWORD_SHAPE.test(value);
}

/** One pair of matching quotes around a value, and where the inner value starts. */
function unquote(v: string): { value: string; offset: number } {
  const q = v[0];
  if (v.length >= 2 && (q === '"' || q === "'") && v[v.length - 1] === q) return { value: v.slice(1, -1), offset: 1 };
  return { value: v, offset: 0 };
}

/**
 * A plain `user:password` (curl `-u`, each part possibly quoted): the credential is the password, or
 * the user part when the password is empty, a filler or a placeholder and the user part looks like a
 * token (`-u "$KEY:"` written out, `-u sk_…:`). `secretAt` points at the credential.
 */
const userPassword: Validator = (secret, ctx): ValidatorResult => {
  const colon = secret.indexOf(':');
  if (colon < 0) return { status: 'invalid', detail: 'no user:password' };
  const user = unquote(secret.slice(0, colon));
  const pass = unquote(secret.slice(colon + 1));
  if (user.value && isPlaceholderPassword(user.value) && (!pass.value || isPlaceholderPassword(pass.value))) return { status: 'invalid', detail: 'user and password are placeholders' };
  if (/^[<[{]/.test(user.value) && /[>\]}]$/.test(pass.value)) return { status: 'invalid', detail: 'a bracketed placeholder (`<user:password>`)' };
  let part = credentialPart(user.value, pass.value);
  if (part === 'password' && isNonPassword(pass.value)) part = undefined;
  // `-u TOKEN:` — an empty password says the user part is the credential, even a short one.
  if (!part && !pass.value && user.value.length >= 8 && /[0-9]/.test(user.value) && /[A-Za-z]/.test(user.value) && !isPlaceholderPassword(user.value)) part = 'user';
  if (!part) return { status: 'invalid', detail: 'password is empty or a placeholder' };
  const at = part === 'user' ? ctx.start + user.offset : ctx.start + colon + 1 + pass.offset;
  const len = part === 'user' ? user.value.length : pass.value.length;
  // `unchecked`, not `valid`: the rule's entropy floor still applies to a bare password.
  return {
    status: 'unchecked',
    detail: part === 'user' ? 'token in the user-name part of user:password' : user.value ? 'user:password' : 'user:password (no user name)',
    metadata: { credentialPart: part },
    secretAt: { start: at, end: at + len },
  };
};

/** Keys of a `key=value;…` connection string that name a server, a database or a user. */
const CONNECTION_KEYS = new Set([
  'server', 'data source', 'datasource', 'host', 'hostname', 'address', 'addr', 'network address', 'database',
  'initial catalog', 'dbname', 'uid', 'user id', 'userid', 'user', 'username', 'user name', 'driver', 'provider',
  'dsn', 'port', 'servicename', 'service name', 'accountname', 'endpoint', 'databasename', 'sslmode', 'integrated security',
]);

/**
 * The value of `Password=` / `Pwd=` in a connection string: an ADO.NET / ODBC / JDBC `key=value;…`
 * string with a server, database or user key (in any order), or the query of a URL or JDBC string
 * (`…://host/db?user=u&password=…`). Quotes and ODBC braces around the value are not part of it.
 */
const connectionString: Validator = (secret, ctx): ValidatorResult => {
  if (/^\{[A-Za-z0-9_]{0,40}\}$/.test(secret)) return { status: 'invalid', detail: 'a format argument or template' };
  let value = secret;
  let offset = 0;
  if (value.length >= 2 && ((value[0] === '"' && value.endsWith('"')) || (value[0] === "'" && value.endsWith("'")) || (value[0] === '{' && value.endsWith('}')))) {
    value = value.slice(1, -1);
    offset = 1;
  }
  const lineStart = Math.max(ctx.text.lastIndexOf('\n', ctx.start - 1) + 1, ctx.start - 2048);
  const before = ctx.text.slice(lineStart, ctx.start);
  // In a URL query or a JDBC string: `?…&password=` after `scheme://` with no whitespace between.
  const url = /(?:[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/|jdbc:[a-z]{2,20}:)[^\s"'`<>]{0,2048}[?&;][^\s"'`<>]{0,2048}$/.test(before);
  // A query parameter (`?password=` or `&password=`, not a JDBC `;password=`) ends at the next `&`;
  // in a `key=value;…` string a `&` is part of the password, unless a space comes before it (a shell's
  // `&&` or `&` after an unquoted connection string).
  if (offset === 0) {
    const amp = url && /[?&][ \t]{0,3}[A-Za-z]{3,8}[ \t]{0,3}=[ \t]{0,3}$/.test(before) ? value.indexOf('&') : value.search(/\s&/);
    if (amp >= 0) value = value.slice(0, amp);
  }
  value = value.replace(/\s+$/, '');
  if (value.length < 4 || isPlaceholderPassword(value) || isNonPassword(value) || /^%[-0-9.]*[sdv]$/.test(value)) return { status: 'invalid', detail: 'password is short, a placeholder or a format argument' };
  if (url && /\s/.test(value)) return { status: 'invalid', detail: 'not a URL query value' };
  let keyed = false;
  // A `key=value;…` string has a `;` right before the password key or right after its value
  // (`user=u, password=p` is code, not a connection string).
  const semicolonBefore = /;[ \t]{0,3}[A-Za-z]{3,8}[ \t]{0,3}=[ \t]{0,3}$/.test(before);
  const semicolonAfter = /^[ \t]{0,3};/.test(ctx.text.slice(ctx.end, ctx.end + 4));
  if (!url && (semicolonBefore || semicolonAfter)) {
    // A `key=value;…` string: the keys around the password, up to the quote that opens the string.
    const nl = ctx.text.indexOf('\n', ctx.end);
    const after = ctx.text.slice(ctx.end, Math.min(nl < 0 ? ctx.text.length : nl, ctx.end + 2048));
    const open = Math.max(before.lastIndexOf('"'), before.lastIndexOf("'"));
    const head = open >= 0 ? before.slice(open + 1) : before;
    const tail = after.split(/["']/)[0] ?? '';
    for (const m of (head + ';' + tail).matchAll(/(?:^|;)\s*([A-Za-z][A-Za-z ]{0,30}?)\s*=/g)) {
      if (CONNECTION_KEYS.has((m[1] ?? '').toLowerCase())) keyed = true;
    }
  }
  if (!url && !keyed) return { status: 'invalid', detail: 'not in a connection string' };
  const start = ctx.start + offset;
  return {
    status: 'valid',
    detail: url ? 'password in a URL query' : 'password in a connection string',
    metadata: { credentialPart: 'password' },
    secretAt: { start, end: start + value.length },
  };
};

export const VALIDATORS: Record<ValidatorName, Validator> = {
  'github-crc32': githubCrc32,
  'npm-crc32': npmCrc32,
  'gitlab-routable': gitlabRoutable,
  'pypi-macaroon': pypiMacaroon,
  jwt,
  'aws-key-id': awsKeyId,
  'base64-credential': base64Credential,
  'url-credential': urlCredential,
  'user-password': userPassword,
  'connection-string': connectionString,
};
