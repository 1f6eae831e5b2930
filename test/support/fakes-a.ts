// Fixture generators for the "Rules A" issuers (GitLab, Slack, PyPI, AWS, Google, Azure, Stripe,
// OpenAI, Anthropic, Hugging Face, Twilio, SendGrid). Every value is built at test time from random
// parts, so the repository never holds a literal that looks like a live credential.
//
// Usage in fixtures: `{{name:arg:arg}}`; fakes.ts splits the args on ':'.

import { randomBytes, randomInt } from 'node:crypto';
import { base36Crc32, base62Crc32 } from '../../src/engine/validators';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';
const HEX = '0123456789abcdef';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random string over `alphabet`; retried until it has no run or word a placeholder filter would take. */
export function rand(alphabet: string, n: number): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
    if (!/(.)\1\1|example|sample|dummy|fake|test|xxx|abcdef|123456|redact|insert|your/i.test(s)) return s;
  }
}

function digits(min: number, max: number): string {
  return String(randomInt(1, 10)) + rand('0123456789', randomInt(min, max + 1) - 1);
}

/** Flip the last character of a checksum to another character of the same alphabet. */
function corrupt(token: string, alphabet: string): string {
  const last = token.slice(-1);
  const i = alphabet.indexOf(last);
  return token.slice(0, -1) + (alphabet[(i + 1 + randomInt(alphabet.length - 1)) % alphabet.length] ?? '0');
}

// ---------------------------------------------------------------------------------------------
// GitLab

/**
 * A routable GitLab token: `<prefix><b64url payload>.<version>.<len><crc>`. The routing payload
 * holds `o:` (organization), optional `u:` user id and the cell, 16 random bytes and their count.
 */
export function gitlabRoutable(prefix: string, opts: { userId?: number; org?: number; versioned?: boolean; badCrc?: boolean; badLength?: boolean } = {}): string {
  const routing: string[] = ['c:1', `o:${(opts.org ?? 1).toString(36)}`];
  if (opts.userId !== undefined) routing.push(`u:${opts.userId.toString(36)}`);
  const payload = Buffer.concat([Buffer.from(routing.sort().join('\n'), 'latin1'), randomBytes(16), Buffer.from([16])]).toString('base64url');
  const len = (opts.badLength ? payload.length + 1 : payload.length).toString(36).padStart(2, '0');
  const body = `${prefix}${payload}.${opts.versioned === false ? '' : '01.'}${len}`;
  const token = body + base36Crc32(body);
  return opts.badCrc ? corrupt(token, '0123456789abcdefghijklmnopqrstuvwxyz') : token;
}

function gitlab(args: string[]): string {
  const [kind = 'glpat', variant = 'routable', flag = ''] = args;
  const prefix = kind === 'GR1348941' ? kind : `${kind}-`;
  switch (variant) {
    case 'legacy':
      return prefix + rand(B64URL, 20);
    case 'short':
      return prefix + rand(B64URL, 15);
    case 'hex40':
      return prefix + rand(HEX, 40);
    case 'n':
      return prefix + rand(B64URL, Number(flag) || 20);
    case 'cbt':
      return `${prefix}${digits(2, 3)}_${rand(B64URL, 20)}`;
    case 'runner':
      return `${prefix}t${randomInt(1, 4)}_${rand(B64URL, 20)}`;
    default:
      return gitlabRoutable(prefix, {
        userId: randomInt(1, 5_000_000),
        versioned: flag !== 'unversioned',
        badCrc: flag === 'badcrc',
        badLength: flag === 'badlen',
      });
  }
}

// ---------------------------------------------------------------------------------------------
// PyPI macaroons (v2 binary)

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

function packet(type: number, data: Buffer | string): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([varint(type), varint(d.length), d]);
}

const EOS = Buffer.from([0]);

/** A structurally valid v2 macaroon with PyPI's location and caveats (random signature). */
export function pypiMacaroon(opts: { location?: string; caveats?: string[]; truncate?: boolean } = {}): string {
  const id = `${rand(HEX, 8)}-${rand(HEX, 4)}-4${rand(HEX, 3)}-a${rand(HEX, 3)}-${rand(HEX, 12)}`;
  const caveats = opts.caveats ?? [`[3,"${id.split('').reverse().join('')}"]`];
  const parts: Buffer[] = [Buffer.from([2]), packet(1, opts.location ?? 'pypi.org'), packet(2, id), EOS];
  for (const c of caveats) parts.push(packet(2, c), EOS);
  parts.push(EOS, packet(6, randomBytes(32)));
  let bytes = Buffer.concat(parts);
  if (opts.truncate) bytes = bytes.subarray(0, bytes.length - 10);
  return 'pypi-' + bytes.toString('base64url');
}

function pypi(args: string[]): string {
  const [variant = 'user', arg = ''] = args;
  const future = Math.floor(Date.now() / 1000) + 86400 * 90;
  switch (variant) {
    case 'test':
      return pypiMacaroon({ location: 'test.pypi.org' });
    case 'project':
      return pypiMacaroon({ caveats: [`[1,["${arg || 'sampleproj'}"]]`, `[0,${future},${future - 86400 * 180}]`] });
    case 'legacy':
      return pypiMacaroon({ caveats: ['{"permissions": "user", "version": 1}'] });
    case 'otherloc':
      return pypiMacaroon({ location: arg || 'files.internal.invalid' });
    case 'truncated':
      return pypiMacaroon({ truncate: true });
    default:
      return pypiMacaroon();
  }
}

// ---------------------------------------------------------------------------------------------
// AWS

/** An AWS access key id whose characters 5-12 encode `account` (inverse of the documented decode). */
export function awsKeyId(prefix: string, account: string): string {
  // 48 bits: top bit set (current scheme), account in bits 7..46, 7 random low bits.
  const value = (1n << 47n) | (BigInt(account) << 7n) | BigInt(randomInt(128));
  // 10 base32 chars = 50 bits: the 48 bits then 2 random bits.
  let v = (value << 2n) | BigInt(randomInt(4));
  let chunk = '';
  for (let i = 0; i < 10; i++) {
    chunk = B32[Number(v & 31n)] + chunk;
    v >>= 5n;
  }
  return prefix + chunk + rand(B32, 6);
}

function awsKeyIdGen(args: string[]): string {
  const [prefix = 'AKIA', account = String(randomInt(100000, 999999)) + String(randomInt(100000, 999999))] = args;
  return awsKeyId(prefix, account);
}

function aws(args: string[]): string {
  const [what = 'secret'] = args;
  switch (what) {
    case 'secret':
      return rand(B64, 40);
    case 'session':
      return 'IQoJb3JpZ2luX2Vj' + rand(B64, 300);
    // AWS's documentation example pair (IAM user guide), assembled from parts.
    case 'doc-id':
      return 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
    case 'doc-secret':
      return 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY';
    default:
      throw new Error(`aws: unknown variant ${what}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Slack

function slack(args: string[]): string {
  const [kind = 'xoxb'] = args;
  switch (kind) {
    case 'xoxb':
      return `xox${'b'}-${digits(12, 12)}-${digits(13, 13)}-${rand(ALNUM, 24)}`;
    case 'xoxp':
      return `xox${'p'}-${digits(12, 12)}-${digits(12, 12)}-${digits(13, 13)}-${rand(HEX, 32)}`;
    case 'xoxa':
      return `xox${'a'}-2-${digits(12, 12)}-${digits(12, 12)}-${rand(HEX, 64)}`;
    case 'xoxr':
      return `xox${'r'}-${digits(12, 12)}-${rand(ALNUM, 40)}`;
    case 'xoxe':
      return `xox${'e'}-1-${rand(ALNUM, 146)}`;
    case 'xoxe.xoxp':
      return `xox${'e'}.xoxp-1-${rand(ALNUM, 140)}`;
    case 'xapp':
      return `xa${'pp'}-1-A${rand(UPPER_NUM, 10)}-${digits(13, 13)}-${rand(HEX, 64)}`;
    case 'webhook':
      return `https://hooks.slack.com/services/T${rand(UPPER_NUM, 10)}/B${rand(UPPER_NUM, 10)}/${rand(ALNUM, 24)}`;
    case 'workflow':
      return `https://hooks.slack.com/workflows/T${rand(UPPER_NUM, 10)}/A${rand(UPPER_NUM, 10)}/${digits(18, 18)}/${rand(ALNUM, 24)}`;
    case 'trigger':
      return `https://hooks.slack.com/triggers/T${rand(UPPER_NUM, 10)}/${digits(13, 13)}/${rand(HEX, 32)}`;
    default:
      throw new Error(`slack: unknown kind ${kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Google

function google(args: string[]): string {
  const [kind = 'api-key'] = args;
  switch (kind) {
    case 'api-key':
      return 'AI' + 'za' + rand(B64URL, 35);
    case 'oauth-secret':
      return 'GOC' + 'SPX-' + rand(B64URL, 28);
    case 'ya29':
      return 'ya' + '29.' + 'a0' + rand(B64URL, 180);
    case 'refresh':
      return '1//0' + rand(B64URL, 100);
    case 'pem-body': {
      // A PKCS#8 body as it sits in a service-account JSON: base64 lines joined by a literal "\n".
      const lines: string[] = [];
      for (let i = 0; i < 25; i++) lines.push('MII'.slice(0, i === 0 ? 3 : 0) + rand(B64, i === 0 ? 61 : 64));
      return lines.join('\\n');
    }
    default:
      throw new Error(`google: unknown kind ${kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Azure

function azure(args: string[]): string {
  const [kind = 'storage-key'] = args;
  switch (kind) {
    case 'storage-key':
      return rand(B64, 86) + '==';
    case 'sb-key':
      return rand(B64, 43) + '=';
    case 'sas-sig':
      return encodeURIComponent(randomBytes(32).toString('base64'));
    case 'client-secret':
      return `${rand(ALNUM, 3)}${randomInt(10)}Q~${rand(ALNUM + '_~.-', 34).replace(/[-.]$/, 'a')}`;
    default:
      throw new Error(`azure: unknown kind ${kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Stripe, OpenAI, Anthropic, Hugging Face, Twilio, SendGrid

function stripe(args: string[]): string {
  const [kind = 'sk_live'] = args;
  if (kind === 'whsec') return 'wh' + 'sec_' + rand(ALNUM, 32);
  return `${kind}_` + rand(ALNUM, 99);
}

function openai(args: string[]): string {
  const [kind = 'proj'] = args;
  const marker = 'T3Blbk' + 'FJ';
  if (kind === 'legacy') return 's' + 'k-' + rand(ALNUM, 20) + marker + rand(ALNUM, 20);
  return `s${'k'}-${kind}-` + rand(B64URL, 74) + marker + rand(B64URL, 74);
}

function anthropic(args: string[]): string {
  const [kind = 'api03'] = args;
  return `sk-${'ant'}-${kind}-` + rand(B64URL, 93) + 'AA';
}

function hf(args: string[]): string {
  const [kind = 'user'] = args;
  return (kind === 'org' ? 'api' + '_org_' : 'h' + 'f_') + rand(LETTERS, 34);
}

function twilio(args: string[]): string {
  const [kind = 'auth-token'] = args;
  switch (kind) {
    case 'auth-token':
      return rand(HEX, 32);
    case 'api-secret':
      return rand(ALNUM, 32);
    case 'account-sid':
      return 'A' + 'C' + rand(HEX, 32);
    case 'api-key-sid':
      return 'S' + 'K' + rand(HEX, 32);
    default:
      throw new Error(`twilio: unknown kind ${kind}`);
  }
}

function sendgrid(): string {
  return 'S' + 'G.' + rand(B64URL, 22) + '.' + rand(B64URL, 43);
}

/** npm token with a valid (or corrupted) checksum; fakes.ts has its own, this one is for unit tests. */
export function npmToken(badCrc = false): string {
  const random = rand(ALNUM, 30);
  const token = 'np' + 'm_' + random + base62Crc32(random);
  return badCrc ? corrupt(token, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') : token;
}

/** GitHub token with a valid (or corrupted) checksum, for unit tests. */
export function githubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr', badCrc = false): string {
  const random = rand(ALNUM, 30);
  const token = `${prefix}_` + random + base62Crc32(random);
  return badCrc ? corrupt(token, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') : token;
}

/** base64 of `user:password` (HTTP Basic / Docker `auth`). */
function basicAuth(args: string[]): string {
  const [user = 'deploy', password = rand(ALNUM, 20)] = args;
  return Buffer.from(`${user}:${password}`).toString('base64');
}

export const generators: Record<string, (args: string[]) => string> = {
  gitlab,
  pypi,
  'aws-key-id': awsKeyIdGen,
  aws,
  slack,
  google,
  azure,
  stripe,
  openai,
  anthropic,
  hf,
  twilio,
  sendgrid,
  'basic-auth': basicAuth,
};
