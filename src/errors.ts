// Errors that carry facts, for callers to branch on (which setting to open, which step failed,
// where the token is now) instead of reading sentences back. Plain Node, no `vscode`: a leaf every
// area may import. `errorMessage` is the one way to turn anything thrown into text.

/** Why a URL may not receive a token. */
export type UnsafeEndpointReason = 'invalid-url' | 'credentials' | 'plain-http' | 'scheme';

/** A URL that may not receive a token (not https, plain HTTP off loopback, credentials in it, not a URL). */
export class UnsafeEndpointError extends Error {
  override readonly name = 'UnsafeEndpointError';
  constructor(readonly reason: UnsafeEndpointReason, readonly url: string, readonly host: string, readonly protocol = '') {
    super(unsafeSentence(reason, url, host, protocol));
  }
}

function unsafeSentence(reason: UnsafeEndpointReason, url: string, host: string, protocol: string): string {
  switch (reason) {
    case 'invalid-url': return `"${url}" is not a valid URL.`;
    case 'credentials': return `Endpoint ${host} must not contain a user name or password.`;
    case 'plain-http': return `Refusing to send a token over plain HTTP to ${host}: use https:// (plain http:// is only allowed to 127.0.0.1, ::1 or localhost).`;
    case 'scheme': return `Refusing to send a token to ${protocol} URLs: only https:// endpoints are allowed.`;
  }
}

/**
 * An endpoint that is missing, unusable or not allowed. `setting` names the setting that fixes it
 * (`tokenCustody.endpoints.vault`, `tokenCustody.issuers`), when one does.
 */
export class EndpointConfigError extends Error {
  override readonly name = 'EndpointConfigError';
  constructor(message: string, readonly setting?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Text of anything thrown: an Error's message, else its string form. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return String(err);
}

/** The setting that would fix `err`, when it carries one. */
export function settingOf(err: unknown): string | undefined {
  return err instanceof EndpointConfigError ? err.setting : undefined;
}
