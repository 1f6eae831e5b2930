// Classification of a token for the UI: what it is, whose identity it carries, how it was issued and
// how long it lives, e.g. "Personal access token · human · CLI-issued · expires in 3 days".
import type { CredentialKind, Finding } from '../engine/types';
import { english, ENGLISH, type Locale, type Translate } from '../util/l10n';
import { relativeTime } from '../util/relativeTime';

/** The UI name of a credential kind, in the user's language. */
export function kindLabel(kind: CredentialKind, t: Translate = english): string {
  switch (kind) {
    case 'personal-token': return t('Personal access token');
    case 'oauth-access-token': return t('OAuth access token');
    case 'oauth-refresh-token': return t('OAuth refresh token');
    case 'app-token': return t('App token');
    case 'installation-token': return t('Installation token');
    case 'api-key': return t('API key');
    case 'cloud-key-pair': return t('Cloud access key pair');
    case 'private-key': return t('Private key');
    case 'webhook-url': return t('Webhook URL');
    case 'session-token': return t('Session token');
    case 'password': return t('Password');
    case 'connection-string': return t('Connection string');
    case 'service-account': return t('Service account key');
    case 'generic-secret': return t('Secret');
    default: return t('Secret');
  }
}

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
  /** `expires in 3 days`, `expired 2 hours ago`, `no known expiry` (in the locale's language). */
  lifetimeLabel: string;
  /** The parts joined with ` · `. */
  summary: string;
}

export interface ClassifyOptions {
  now?: Date;
  /** Expiry from a live check (overrides the JWT `exp` claim). */
  expiresAt?: Date | string | number;
  /** The language of the labels (English by default). */
  locale?: Locale;
}

const DAY = 24 * 60 * 60_000;
const EXPIRING_WITHIN = 7 * DAY;

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
  const { t, language } = options.locale ?? ENGLISH;
  const expiry = toDate(options.expiresAt) ?? expiryFromMetadata(finding.metadata);
  const label = kindLabel(finding.kind, t);
  const identity = finding.machineIdentity ? 'machine' : 'human';
  let lifetime: Lifetime = 'unknown';
  let lifetimeLabel = t('no known expiry');
  if (expiry) {
    const left = expiry.getTime() - now.getTime();
    const when = relativeTime(expiry, now, language) ?? '';
    if (left <= 0) {
      lifetime = 'expired';
      lifetimeLabel = t('expired {0}', when);
    } else {
      lifetime = left <= EXPIRING_WITHIN ? 'expiring' : 'limited';
      lifetimeLabel = t('expires {0}', when);
    }
  }
  const parts = [label, identity === 'machine' ? t('machine') : t('human')];
  if (finding.cliIssued) parts.push(t('CLI-issued'));
  parts.push(lifetimeLabel);
  const c: Classification = {
    kind: finding.kind,
    kindLabel: label,
    identity,
    cliIssued: finding.cliIssued,
    lifetime,
    lifetimeLabel,
    summary: parts.join(' · '),
  };
  if (expiry) c.expiresAt = expiry.toISOString();
  return c;
}
