// The team key of the fingerprints of low-entropy secrets (see fingerprintKey.ts): its checks, with no
// Node module, so that the browser build reads the `tokenCustody.fingerprintKey` setting too.
import { MIN_FINGERPRINT_KEY_LENGTH } from '../engine/fingerprint';

export const FINGERPRINT_KEY_ENV = 'TOKEN_CUSTODY_FINGERPRINT_KEY';

/** A team key that is too short or not a string: the fact, for a message built by the caller. */
export class FingerprintKeyError extends Error {
  constructor(readonly origin: string, readonly problem: 'too-short' | 'not-a-string' | 'bad-file', detail: string) {
    super(`${origin}: ${detail}`);
    this.name = 'FingerprintKeyError';
  }
}

/** A team key from a setting or the environment: undefined when unset/empty; throws when unusable. */
export function teamKey(value: unknown, origin: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new FingerprintKeyError(origin, 'not-a-string', 'expected a string');
  const v = value.trim();
  if (v.length < MIN_FINGERPRINT_KEY_LENGTH) throw new FingerprintKeyError(origin, 'too-short', `must be at least ${MIN_FINGERPRINT_KEY_LENGTH} characters (a long random string shared by the team)`);
  return v;
}
