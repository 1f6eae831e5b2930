// Last line of defence for human-facing text the engine produces (validation details, report
// messages): every known secret and every token-shaped run is replaced by its redacted form.
// Validators already keep secrets and user names out of what they write; this catches what a
// future validator, a custom rule or an older custody log might still carry.

import { shannonEntropy } from './entropy';
import { redact } from './fingerprint';

/** Literal prefixes of well-known token formats (a value starting with one is a credential). */
const TOKEN_PREFIX =
  /^(?:gh[pousr]_|github_pat_|glpat-|gl(?:dt|rt|cbt|ptt|ft|imt|oas|soat|agent|oat)-|npm_|pypi-|xox[abeprs]-|xapp-|sk-|[rsp]k_(?:live|test)_|sk_|AKIA|ASIA|ABIA|ACCA|AIza|ya29\.|hf_|dckr_(?:pat|oat)_|hv[sbr]\.|dp\.(?:pt|st|ct|sa)\.|do[por]_v1_|shp(?:at|ca|pa|ss)_|HRKU-|PMAK-|lin_(?:api|oauth)_|sbp_|cf(?:ut|at|k)_|ATATT3|ATCTT3|eyJ)/;

/**
 * Whether a string has the shape of a credential rather than a name: a known token prefix, 32+ hex
 * digits (legacy GitHub tokens, API keys), or 16+ characters of mixed case and digits with high entropy.
 */
export function isCredentialLike(s: string): boolean {
  if (s.length < 16) return false;
  if (TOKEN_PREFIX.test(s) && s.length >= 20) return true;
  if (/^[0-9a-f]{32,}$/i.test(s)) return true;
  if (!/^[A-Za-z0-9_\-+/=.~]+$/.test(s)) return false;
  const upper = /[A-Z]/.test(s);
  const lower = /[a-z]/.test(s);
  const digit = /[0-9]/.test(s);
  return ((upper && lower && digit) || (s.length >= 24 && digit && (upper || lower))) && shannonEntropy(s) >= 3.5;
}

/** Runs of token characters long enough to hold a credential. */
const RUN_RE = /[A-Za-z0-9_\-+/=~]{16,}/g;

/**
 * `text` with every occurrence of a known secret (8+ characters) and every token-shaped run
 * (`isCredentialLike`) replaced by its redacted form (`••••` + last 4). Linear in the text.
 */
export function scrubText(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 8 && out.includes(s)) out = out.split(s).join(redact(s));
  }
  return out.replace(RUN_RE, (run) => (isCredentialLike(run) ? redact(run) : run));
}
