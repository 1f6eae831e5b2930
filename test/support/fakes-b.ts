// Fixture generators for the Rules B vendors (Docker Hub, Vault, Doppler, DigitalOcean, Shopify,
// Databricks, Heroku, Postman, Linear, Supabase, Atlassian, Cloudflare) and the structured
// credentials (PEM / OpenSSH / PuTTY private keys, base64 user:password blobs, kubeconfig data,
// generic secret values). Everything is random and assembled at run time from parts, so no
// literal that a secret scanner would take for a live credential is ever committed.

import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

function pick(alphabet: string, n: number): string {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % alphabet.length];
  return out;
}

/**
 * Random string from `alphabet` that holds at least one lower-case letter, one upper-case letter
 * and one digit where the alphabet has them (so rules that require a digit, or a mixed-case value,
 * never fail a fixture by chance).
 */
function mixed(alphabet: string, n: number): string {
  const needs = [LOWER, UPPER, DIGITS].filter((set) => [...set].some((c) => alphabet.includes(c)));
  for (;;) {
    const s = pick(alphabet, n);
    if (needs.every((set) => [...s].some((c) => set.includes(c)))) return s;
  }
}

function crc32(data: string | Uint8Array): number {
  const z = zlib as unknown as { crc32?: (d: string | Uint8Array) => number };
  if (z.crc32) return z.crc32(data) >>> 0;
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// PEM / OpenSSH / PGP / PuTTY private keys: a realistic DER-ish prefix (so the body starts the way
// real keys do, e.g. `MIIEpAIBAAKCAQEA`) followed by random bytes of a realistic length.

type PemKind = 'rsa' | 'ec' | 'dsa' | 'openssh' | 'pkcs8' | 'encrypted' | 'pgp' | 'public' | 'cert' | 'rsa-public';

const PEM_SHAPES: Record<PemKind, { label: string; prefix: number[] | string; bytes: number; headers?: string[] }> = {
  rsa: { label: 'RSA PRIVATE KEY', prefix: [0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], bytes: 1192 },
  ec: { label: 'EC PRIVATE KEY', prefix: [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], bytes: 121 },
  dsa: { label: 'DSA PRIVATE KEY', prefix: [0x30, 0x82, 0x01, 0xbb, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00], bytes: 447 },
  openssh: { label: 'OPENSSH PRIVATE KEY', prefix: 'openssh-key-v1\u0000\u0000\u0000\u0000\u0004none\u0000\u0000\u0000\u0004none', bytes: 399 },
  pkcs8: {
    label: 'PRIVATE KEY',
    prefix: [0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, 0x82, 0x04, 0xa8],
    bytes: 1218,
  },
  encrypted: { label: 'ENCRYPTED PRIVATE KEY', prefix: [0x30, 0x82, 0x05, 0x0c, 0x30, 0x3e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d], bytes: 1296 },
  pgp: { label: 'PGP PRIVATE KEY BLOCK', prefix: [0x95, 0x03, 0xc6, 0x04], bytes: 966, headers: ['Comment: fixture key <dev@fixture.test>', ''] },
  public: { label: 'PUBLIC KEY', prefix: [0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01], bytes: 294 },
  'rsa-public': { label: 'RSA PUBLIC KEY', prefix: [0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00], bytes: 270 },
  cert: { label: 'CERTIFICATE', prefix: [0x30, 0x82, 0x03, 0x5d, 0x30, 0x82, 0x02, 0x45, 0xa0, 0x03, 0x02, 0x01, 0x02], bytes: 865 },
};

/** A PEM block of the given kind; `json` joins the lines with a literal `\n` (service-account JSON style). */
export function pem(kind: PemKind = 'rsa', opts: { json?: boolean } = {}): string {
  const shape = PEM_SHAPES[kind];
  const head = typeof shape.prefix === 'string' ? Buffer.from(shape.prefix, 'latin1') : Buffer.from(shape.prefix);
  const der = Buffer.concat([head, randomBytes(Math.max(0, shape.bytes - head.length))]);
  const body = der.toString('base64');
  const lines = [`-----BEGIN ${shape.label}-----`, ...(shape.headers ?? []), ...wrap(body, kind === 'openssh' ? 70 : 64)];
  if (kind === 'pgp') lines.push('=' + Buffer.from(randomBytes(3)).toString('base64'));
  lines.push(`-----END ${shape.label}-----`);
  return opts.json ? lines.join('\\n') + '\\n' : lines.join('\n') + '\n';
}

/** A PuTTY `.ppk` (version 3) private key file with an unencrypted random key. */
export function puttyKey(): string {
  const pub = Buffer.concat([Buffer.from('\u0000\u0000\u0000\u000bssh-ed25519\u0000\u0000\u0000 ', 'latin1'), randomBytes(32)]).toString('base64');
  const priv = Buffer.concat([Buffer.from('\u0000\u0000\u0000 ', 'latin1'), randomBytes(32)]).toString('base64');
  return [
    'PuTTY-User-Key-File-3: ssh-ed25519',
    'Encryption: none',
    'Comment: eddsa-key-fixture',
    'Public-Lines: 2',
    ...wrap(pub, 64),
    'Private-Lines: 1',
    priv,
    'Private-MAC: ' + pick(HEX, 64),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Vendor formats

/** Atlassian `ATATT3xFfGF0` / `ATCTT3xFfGN0` tokens: 12-char header, 171-char body, `=`, CRC32 (8 upper hex). */
export function atlassianToken(kind: 'api' | 'container' = 'api', badCrc = false): string {
  const head = kind === 'api' ? 'ATA' + 'TT3xFfGF0' : 'ATC' + 'TT3xFfGN0';
  const body = head + mixed(B64URL.replace(/[-_]/g, '') + '-_', 171) + '=';
  let crc = crc32(body);
  if (badCrc) crc = (crc ^ 0x1) >>> 0;
  return body + crc.toString(16).toUpperCase().padStart(8, '0');
}

/** A Supabase-style service_role JWT (legacy project key). */
export function supabaseServiceRoleJwt(role = 'service_role'): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: 'supabase', ref: pick(LOWER, 20), role, iat: now, exp: now + 10 * 365 * 86400 }));
  return `${header}.${payload}.${pick(B64URL, 43)}`;
}

function uuidLike(): string {
  const h = pick(HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

const VENDOR: Record<string, (args: string[]) => string> = {
  // Docker Hub: dckr_pat_ / dckr_oat_ + 27 base64url characters.
  docker: ([kind = 'pat', len = '27']) => 'dckr' + `_${kind}_` + mixed(B64URL, Number(len)),
  // Vault: hvs. service (~95 chars), hvb. batch (~140), hvr. recovery; legacy s. + 24.
  vault: ([kind = 'hvs']) => {
    if (kind === 'legacy') return 's.' + mixed(B62, 24);
    if (kind === 'hvb') return 'hv' + 'b.AAAAAQ' + mixed(B64URL, 132);
    if (kind === 'hvr') return 'hv' + 'r.' + mixed(B64URL, 24);
    if (kind === 'hvs-short') return 'hv' + 's.' + mixed(B62, 24);
    return 'hv' + 's.CAESI' + mixed(B64URL, 86);
  },
  // Doppler: dp.<type>.<40-44 alphanumerics>; service tokens may carry an environment slug.
  doppler: ([kind = 'pt', len = '43']) => {
    const slug = kind === 'st-env' ? 'st.prd.' : `${kind}.`;
    return 'dp' + '.' + slug + mixed(B62, Number(len));
  },
  // DigitalOcean: do[por]_v1_ + 64 hex.
  digitalocean: ([kind = 'dop', len = '64']) => kind + '_v1_' + pick(HEX, Number(len)),
  // Shopify: shp{at,ca,pa,ss}_ + 32 hex.
  shopify: ([kind = 'shpat', len = '32']) => kind + '_' + pick(HEX, Number(len)),
  // Databricks: dapi + 32 hex, optional -<digit> suffix.
  databricks: ([suffix]) => 'da' + 'pi' + pick(HEX, 32) + (suffix ? '-' + suffix : ''),
  // Heroku: HRKU-AA + 58 base64url (current), HRKU-<uuid> (transitional), bare UUID (legacy).
  heroku: ([kind = 'new']) => {
    if (kind === 'uuid') return 'HR' + 'KU-' + uuidLike();
    if (kind === 'legacy') return uuidLike();
    return 'HR' + 'KU-AA' + mixed(B64URL, 58);
  },
  // Postman: PMAK-<24 hex>-<34 hex>.
  postman: ([len = '34']) => 'PM' + 'AK-' + pick(HEX, 24) + '-' + pick(HEX, Number(len)),
  // Linear: lin_api_ + 40 alphanumerics; lin_oauth_ + 64 hex.
  linear: ([kind = 'api']) => (kind === 'oauth' ? 'lin' + '_oauth_' + pick(HEX, 64) : 'lin' + '_api_' + mixed(B62, 40)),
  // Supabase: sbp_ + 40 hex (management token), sb_secret_ + 22 + _ + 8 (secret API key), service_role JWT.
  supabase: ([kind = 'sbp']) => {
    if (kind === 'secret') return 'sb' + '_secret_' + mixed(B62, 22) + '_' + pick(B62, 8);
    if (kind === 'publishable') return 'sb' + '_publishable_' + mixed(B62, 22) + '_' + pick(B62, 8);
    if (kind === 'service_role') return supabaseServiceRoleJwt();
    if (kind === 'anon') return supabaseServiceRoleJwt('anon');
    return 'sb' + 'p_' + pick(HEX, 40);
  },
  atlassian: ([kind = 'api', flag]) => atlassianToken(kind === 'container' ? 'container' : 'api', flag === 'badcrc'),
  // Cloudflare: cfut_/cfat_/cfk_ + 40 alphanumerics + 8 hex checksum; legacy 40-char API tokens,
  // 37-hex global API keys, origin CA keys.
  cloudflare: ([kind = 'user']) => {
    const scannable: Record<string, string> = { user: 'cfut_', account: 'cfat_', global: 'cfk_' };
    const p = scannable[kind];
    if (p) return p + mixed(B62, 40) + pick(HEX, 8);
    if (kind === 'legacy-token') return mixed(B62 + '-_', 40);
    if (kind === 'legacy-global') return pick(HEX, 37);
    return 'v1' + '.0-' + pick(HEX, 24) + '-' + pick(HEX, 146);
  },
};

const STRUCTURED: Record<string, (args: string[]) => string> = {
  // {{pem:rsa}}, {{pem:pkcs8:json}} …
  pem: ([kind = 'rsa', mode]) => pem(kind as PemKind, { json: mode === 'json' }),
  // base64 of a PEM block (kubeconfig client-key-data, Kubernetes tls.key).
  'pem-b64': ([kind = 'rsa']) => Buffer.from(pem(kind as PemKind)).toString('base64'),
  ppk: () => puttyKey(),
  // base64("user:secret") as in Docker `auths`, npm `_auth`, `Authorization: Basic`.
  'b64-cred': ([user = 'deploy', password]) => Buffer.from(`${user}:${password ?? mixed(B62, 24)}`).toString('base64'),
  // base64 of an arbitrary text (e.g. a placeholder password, a docker config).
  'b64-text': (parts) => Buffer.from(parts.join(':')).toString('base64'),
  // base64 of a random secret value (Kubernetes Secret `data:`).
  'b64-secret': ([n = '32']) => Buffer.from(mixed(B62, Number(n))).toString('base64'),
  // A high-entropy secret value with at least one digit and both letter cases.
  // (a digit among the first characters, so it never reads like `SomeTypeName12` to the generic rules).
  secret: ([n = '32', alphabet = 'b62']) => {
    const v = mixed(alphabet === 'b64url' ? B64URL : alphabet === 'hexmix' ? HEX + 'GHJK' : B62, Number(n));
    return v.slice(0, 2) + pick(DIGITS, 1) + v.slice(3);
  },
  // A password-like value: letters, digits and a few URL-safe symbols (never a quote, space, `$`, `;`, `@`, `#`).
  password: ([n = '14']) => {
    const v = mixed(B62, Number(n) - 2);
    return v.slice(0, 2) + pick(DIGITS, 1) + v.slice(3) + pick('!*-+=', 2);
  },
  // An opaque bearer / refresh token.
  opaque: ([n = '48']) => mixed(B62 + '-_.', Number(n)),
};

export const generators: Record<string, (args: string[]) => string> = { ...VENDOR, ...STRUCTURED };
