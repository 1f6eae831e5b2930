// Shared helpers for the issuer client tests.
import assert from 'node:assert/strict';
import type { IssuerContext } from '../../../src/issuers/types';
import type { FakeIssuers } from '../../support/issuerServers';

export function ctxFor(srv: FakeIssuers, extra: Partial<IssuerContext> = {}): IssuerContext {
  return { endpoints: srv.endpoints(), timeoutMs: 3000, ...extra };
}

/** The token never appears in a result (detail, manual steps, anything). */
export function assertNoToken(result: unknown, token: string): void {
  const text = JSON.stringify(result);
  assert.ok(!text.includes(token), `result leaks the token: ${text.replace(token, '<TOKEN>')}`);
}
