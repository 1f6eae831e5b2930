// Labelled cases of the evaluation harness: peers' public fixtures (test/eval/cases/*.json, built by
// scripts/eval-extract.mjs) expanded at run time into text with fresh fake tokens, and the mapping of
// each peer rule to a token kind.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALPHABETS, rand } from '../support/fakes';
import { regen } from './regen';

export type Label = 'pos' | 'neg';

/** One evaluation case, expanded: text, where the secret is (positives) and where it came from. */
export interface EvalCase {
  source: string;
  licence: string;
  /** Path of the fixture in the peer's repository (or the generator for our own contexts). */
  origin: string;
  /** The peer's rule / detector / plugin id (or ours for own contexts). */
  peerRule: string;
  /** Token kind (see KINDS); undefined = a kind no rule of ours is meant to cover. */
  kind: string;
  label: Label;
  context: string;
  text: string;
  /** [start, end) of the secret in `text` (positives); the whole text when unknown. */
  span: [number, number];
  /** Why a positive is expected to be dropped on purpose (set by the generator of our own contexts). */
  expectDrop?: string;
}

type Part =
  | string
  | { t: string }
  | { re: string }
  | { jwt: [Record<string, unknown> | string, Record<string, unknown> | string]; sig: number }
  | { pem: string; lines: number; width: number; headers?: string[] };

interface CaseFile {
  source: string;
  /** Verbatim parts are stored ROT13 (letters) + ROT5 (digits) when set. */
  encoding?: string;
  repo: string;
  commit: string;
  licence: string;
  cases: { path: string; rule: string; label: Label; context: string; parts: Part[] }[];
}

/** ROT13 on letters, ROT5 on digits (its own inverse): how verbatim text is stored in the case files. */
export function rot(s: string): string {
  return s.replace(/[A-Za-z0-9]/g, (c) => {
    const n = c.charCodeAt(0);
    if (n <= 57) return String.fromCharCode(48 + ((n - 48 + 5) % 10));
    const base = n <= 90 ? 65 : 97;
    return String.fromCharCode(base + ((n - base + 13) % 26));
  });
}

function decodeParts(parts: readonly Part[]): Part[] {
  return parts.map((p) => {
    if (typeof p === 'string') return rot(p);
    if ('t' in p) return { t: rot(p.t) };
    if ('jwt' in p) return { jwt: p.jwt.map((j) => (typeof j === 'string' ? (JSON.parse(rot(j)) as Record<string, unknown>) : j)) as [Record<string, unknown>, Record<string, unknown>], sig: p.sig };
    return p;
  });
}

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** Parts → text and secret span (the generated and marked parts). */
export function expand(parts: readonly Part[]): { text: string; span: [number, number] | undefined } {
  let text = '';
  let start = -1;
  let end = -1;
  const mark = (s: number): void => {
    if (start < 0) start = s;
    end = text.length;
  };
  for (const p of parts) {
    const at = text.length;
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    if ('t' in p) text += p.t;
    else if ('re' in p) text += regen(p.re);
    else if ('jwt' in p) text += `${b64url(p.jwt[0])}.${b64url(p.jwt[1])}${p.sig ? '.' + rand(ALPHABETS.b64url, p.sig) : '.'}`;
    else {
      const lines: string[] = [];
      for (let i = 0; i < p.lines; i++) lines.push(rand(ALPHABETS.b64, i === p.lines - 1 ? Math.max(4, Math.floor(p.width / 2)) : p.width));
      text += ['-----BEGIN ' + p.pem + '-----', ...(p.headers ? [...p.headers, ''] : []), ...lines, '-----END ' + p.pem + '-----'].join('\n');
    }
    mark(at);
  }
  return { text, span: start >= 0 ? [start, end] : undefined };
}

/**
 * Token kinds: a peer's rule id (lower-cased) → our kind. First match wins. Kinds in COVERED are
 * ones our rules are meant to find; the rest are reported as out of scope.
 */
const KIND_MAP: [RegExp, string][] = [
  [/terraform|hashicorp-tf|tfe/, 'terraform'],
  [/github|^gh[a-z]*$/, 'github'],
  [/gitlab/, 'gitlab'],
  [/slack/, 'slack'],
  [/^npm|npmtoken/, 'npm'],
  [/pypi/, 'pypi'],
  [/^aws|amazon(?!.*bedrock)|aws_key|awssession/, 'aws'],
  [/gcp|google|^gemini/, 'google'],
  [/azure.*(?:storage|sas|connection|cosmos|devops|entra|active.?directory|ad-client|client.?secret|servicebus)|^azure_storage_key|^azure$/, 'azure'],
  [/^stripe(?!paymentintent)|stripe-access|stripe[-_]/, 'stripe'],
  [/openai/, 'openai'],
  [/anthropic/, 'anthropic'],
  [/hugging/, 'huggingface'],
  [/twilio/, 'twilio'],
  [/sendgrid/, 'sendgrid'],
  [/docker/, 'docker'],
  [/^vault|hashicorp-vault|hashicorpvault|vault-(?:service|batch)/, 'vault'],
  [/doppler/, 'doppler'],
  [/digitalocean/, 'digitalocean'],
  [/shopify/, 'shopify'],
  [/databricks/, 'databricks'],
  [/heroku/, 'heroku'],
  [/postman/, 'postman'],
  [/^linear/, 'linear'],
  [/supabase/, 'supabase'],
  [/atlassian|^jira|confluence/, 'atlassian'],
  [/cloudflare/, 'cloudflare'],
  [/^jwt/, 'jwt'],
  [/private.?key|privatekey|pkcs|^ssh|putty|secp256k1/, 'private-key'],
  [/basic.?auth|basicauth|^uri$|url-cred|ftp|^ldap/, 'url-credentials'],
  [/database-connection|connection.?string|jdbc|mongo|postgres|mysql|redis|sqlserver|mssql/, 'connection-string'],
  [/kubernetes|k8s/, 'kubernetes'],
  [/^curl|authorization/, 'authorization-header'],
  [/generic|^keyword|high_entropy|^password|^pattern$|^test_data$|nuget-config-password/, 'generic'],
];

/** Kinds our rules are meant to cover. */
export const COVERED: ReadonlySet<string> = new Set([
  'github', 'gitlab', 'slack', 'npm', 'pypi', 'aws', 'google', 'azure', 'stripe', 'openai', 'anthropic', 'huggingface',
  'twilio', 'sendgrid', 'docker', 'vault', 'doppler', 'digitalocean', 'shopify', 'databricks', 'heroku', 'postman', 'linear',
  'supabase', 'atlassian', 'cloudflare', 'jwt', 'private-key', 'url-credentials', 'connection-string', 'kubernetes',
  'authorization-header', 'generic', 'password',
]);

export function kindOf(peerRule: string): string {
  const r = peerRule.toLowerCase();
  for (const [re, kind] of KIND_MAP) if (re.test(r)) return kind;
  return 'other:' + r;
}

/** Our rule → kind, to tell a flagged negative that is another kind's positive from a false alarm. */
export function kindOfOurRule(ruleId: string, issuer: string): string {
  if (issuer === 'generic') {
    if (/private-key|putty/.test(ruleId)) return 'private-key';
    if (/connection-string|pgpass/.test(ruleId)) return 'connection-string';
    if (/url|netrc/.test(ruleId)) return 'url-credentials';
    if (/curl|authorization|bearer|basic-auth/.test(ruleId)) return 'authorization-header';
    return 'generic';
  }
  if (issuer === 'url') return 'url-credentials';
  if (issuer === 'oauth') return 'jwt';
  return issuer;
}

/**
 * Variants within a kind that peers test as separate rules: a negative of one variant's rule that
 * holds the other variant (gitleaks' `anthropic-api-key` fps hold an admin key, its `cloudflare-api-key`
 * fps a global API key) is that other rule's positive, not a false alarm. Peer rule and our rule
 * (lower-cased id) → variant; kinds without variants are compared by kind alone.
 */
const VARIANTS: [RegExp, string][] = [
  [/^anthropic-admin/, 'anthropic-admin'],
  [/^anthropic-api-key$/, 'anthropic-api'],
  [/^cloudflare-global-api-key/, 'cloudflare-global'],
  [/^cloudflare-(?:api-key|api-token|user-api-token|account-api-token)/, 'cloudflare-api'],
  [/^cloudflare-origin-ca-key$/, 'cloudflare-origin-ca'],
];

export function variantOf(ruleId: string): string | undefined {
  const r = ruleId.toLowerCase();
  for (const [re, v] of VARIANTS) if (re.test(r)) return v;
  return undefined;
}

/** A finding of our rule on a negative of `peerRule` (kind `kind`) is another rule's positive. */
export function isOtherRulesPositive(kind: string, peerRule: string, ruleId: string, issuer: string): boolean {
  if (kind === 'non-secret') return false;
  if (kindOfOurRule(ruleId, issuer) !== kind) return true;
  const theirs = variantOf(peerRule);
  const ours = variantOf(ruleId);
  return theirs !== undefined && ours !== undefined && theirs !== ours;
}

const CASES_DIR = ['test/eval/cases', '../../../test/eval/cases'];

/** Loads and expands every peer case file. */
export function loadPeerCases(root: string): EvalCase[] {
  let dir = '';
  for (const d of CASES_DIR) {
    const p = path.resolve(root, d);
    try {
      readdirSync(p);
      dir = p;
      break;
    } catch {
      /* try the next */
    }
  }
  if (!dir) throw new Error('test/eval/cases not found');
  const out: EvalCase[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as CaseFile;
    for (const c of file.cases) {
      const { text, span } = expand(file.encoding ? decodeParts(c.parts) : c.parts);
      out.push({
        source: file.source,
        licence: file.licence,
        origin: `${file.repo}@${file.commit.slice(0, 7)}:${c.path}`,
        peerRule: c.rule,
        kind: kindOf(c.rule),
        label: c.label,
        context: c.context,
        text,
        span: span ?? [0, text.length],
      });
    }
  }
  return out;
}
