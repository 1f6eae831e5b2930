// Classification of a token for the UI: what it is, whose identity it carries, how it was issued and
// how long it lives, e.g. "Personal access token · human · CLI-issued · expires in 3 days".
import type { CredentialKind, Finding } from '../engine/types';

export const KIND_LABELS: Record<CredentialKind, string> = {
  'personal-token': 'Personal access token',
  'oauth-access-token': 'OAuth access token',
  'oauth-refresh-token': 'OAuth refresh token',
  'app-token': 'App token',
  'installation-token': 'Installation token',
  'api-key': 'API key',
  'cloud-key-pair': 'Cloud access key pair',
  'private-key': 'Private key',
  'webhook-url': 'Webhook URL',
  'session-token': 'Session token',
  password: 'Password',
  'connection-string': 'Connection string',
  'service-account': 'Service account key',
  'generic-secret': 'Secret',
};

export type Lifetime = 'expired' | 'expiring' | 'limited' | 'unknown';

export interface Classification {
  kind: CredentialKind;
  kindLabel: string;
  identity: 'human' | 'machine';
  cliIssued: boolean;
  /** ISO time of expiry, when known. */
  expiresAt?: string;
  /** `expired` (past), `expiring` (within 7 days), `limited` (a later expiry), `unknown` (none known). */
  lifetime: Lifetime;
  /** `expires in 3 days`, `expired 2 hours ago`, `no known expiry`. */
  lifetimeLabel: string;
  /** The parts joined with ` · `. */
  summary: string;
}

export interface ClassifyOptions {
  now?: Date;
  /** Expiry from a live check (overrides the JWT `exp` claim). */
  expiresAt?: Date | string | number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EXPIRING_WITHIN = 7 * DAY;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `3 days`, `5 hours`, `2 months`, `less than a minute` (rounded down). */
export function humanDuration(ms: number): string {
  const a = Math.abs(ms);
  if (a < MINUTE) return 'less than a minute';
  if (a < HOUR) return plural(Math.floor(a / MINUTE), 'minute');
  if (a < DAY) return plural(Math.floor(a / HOUR), 'hour');
  if (a < 60 * DAY) return plural(Math.floor(a / DAY), 'day');
  if (a < 730 * DAY) return plural(Math.floor(a / (30 * DAY)), 'month');
  return plural(Math.floor(a / (365 * DAY)), 'year');
}

function toDate(v: Date | string | number | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The JWT `exp` claim (seconds since the epoch) from a finding's metadata, as a Date. */
export function expiryFromMetadata(metadata: Finding['metadata']): Date | undefined {
  const exp = metadata.exp;
  const seconds = typeof exp === 'number' ? exp : typeof exp === 'string' && /^\d+(\.\d+)?$/.test(exp) ? Number(exp) : undefined;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function classify(
  finding: Pick<Finding, 'kind' | 'cliIssued' | 'machineIdentity' | 'metadata'>,
  options: ClassifyOptions = {},
): Classification {
  const now = options.now ?? new Date();
  const expiry = toDate(options.expiresAt) ?? expiryFromMetadata(finding.metadata);
  const kindLabel = KIND_LABELS[finding.kind] ?? KIND_LABELS['generic-secret'];
  const identity = finding.machineIdentity ? 'machine' : 'human';
  let lifetime: Lifetime = 'unknown';
  let lifetimeLabel = 'no known expiry';
  if (expiry) {
    const left = expiry.getTime() - now.getTime();
    if (left <= 0) {
      lifetime = 'expired';
      lifetimeLabel = `expired ${humanDuration(left)} ago`;
    } else {
      lifetime = left <= EXPIRING_WITHIN ? 'expiring' : 'limited';
      lifetimeLabel = `expires in ${humanDuration(left)}`;
    }
  }
  const parts = [kindLabel, identity];
  if (finding.cliIssued) parts.push('CLI-issued');
  parts.push(lifetimeLabel);
  const c: Classification = {
    kind: finding.kind,
    kindLabel,
    identity,
    cliIssued: finding.cliIssued,
    lifetime,
    lifetimeLabel,
    summary: parts.join(' · '),
  };
  if (expiry) c.expiresAt = expiry.toISOString();
  return c;
}
