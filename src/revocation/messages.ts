// The sentences of the revocation flows: the consent modal (naming the host that receives the
// token), the auto-revoke announcement and the result messages with their actions. Plain Node.

import type { CustodyWhere } from '../custody/log';
import type { TokenCustody } from '../custody/state';
import type { CheckOutcome, EndpointTarget, ManualSteps, RevokeOutcome } from '../issuers/types';
import type { IssuerOp } from './model';

export interface TokenLabel {
  /** Human name of the token type, e.g. "GitHub personal access token (classic)". */
  name: string;
  redacted: string;
}

/** `file.env:3`, `terminal "bash" (output)`; undefined when nothing is known. */
export function whereLabel(where: CustodyWhere | undefined): string | undefined {
  if (!where) return undefined;
  if (where.kind === 'terminal') return `terminal "${where.terminal}" (${where.place === 'output' ? 'output' : where.place === 'command' ? 'command line' : 'paste'})`;
  const name = where.path ?? shortUri(where.uri);
  return where.range ? `${name}:${where.range.line}` : name;
}

function shortUri(uri: string): string {
  const m = /^untitled:(.*)$/.exec(uri);
  if (m) return m[1] || 'an untitled editor';
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? uri);
  } catch {
    return uri;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export interface ConfirmText {
  message: string;
  detail: string;
  /** The button that sends the token: **Revoke** or **Check**. */
  button: 'Revoke' | 'Check';
}

/**
 * The modal that asks before the token leaves the machine. It names the exact host (and the
 * method and path) that receives it.
 */
export function confirmText(op: IssuerOp, token: TokenLabel, issuer: string, target: EndpointTarget, previous?: Pick<TokenCustody, 'revocation' | 'state'>): ConfirmText {
  const path = `${target.method} ${pathOf(target.url)}`;
  if (op === 'check') {
    return {
      message: `Check whether ${token.name} ${token.redacted} is live?`,
      detail: `The token will be sent to ${target.host} (${path}), ${issuer}'s endpoint, in a read-only request. Nothing is changed and no other host receives it.`,
      button: 'Check',
    };
  }
  const lines = [`The token will be sent to ${target.host} (${path}), ${issuer}'s revocation endpoint, and nowhere else.`];
  lines.push('Anything that still uses it will stop working; you will need a new token.');
  if (previous?.revocation && previous.state === 'revoked') lines.push(`The custody log says it was already revoked (${previous.revocation.at.slice(0, 10)}).`);
  return { message: `Revoke ${token.name} ${token.redacted} at ${issuer}?`, detail: lines.join('\n'), button: 'Revoke' };
}

/** The notification shown when the auto-revoke policy sends a token without asking. */
export function autoRevokeAnnouncement(token: TokenLabel, issuer: string, host: string, where?: CustodyWhere): string {
  const w = whereLabel(where);
  return `Token Custody: revoking ${token.name} ${token.redacted}${w ? ` (seen in ${w})` : ''} at ${issuer} (${host}) automatically, as tokenCustody.policy.autoRevoke says.`;
}

export type ResultAction = 'Retry' | 'Open Console' | 'Remove from File' | 'Show Log' | 'Revoke…' | 'Move to Keychain' | 'Open Settings';

export interface ResultMessage {
  severity: 'info' | 'warning' | 'error';
  text: string;
  actions: ResultAction[];
  /** For manual steps: shown as the modal's detail. */
  detail?: string;
}

export interface ResultContext {
  token: TokenLabel;
  issuer: string;
  where?: CustodyWhere;
  /** True when the token was found in a file that is open (the "Remove from File" action can act). */
  removable?: boolean;
}

function nextSteps(c: ResultContext): string {
  const w = whereLabel(c.where);
  const remove = c.where?.kind === 'terminal' ? `Clear it from ${w}` : w ? `Remove it from ${w}` : 'Remove it wherever it was pasted';
  return `${remove}, create a new token at ${c.issuer} if you still need one, and store that with "Move Token to Keychain" instead of pasting it.`;
}

export function revokeResultMessage(r: RevokeOutcome, c: ResultContext): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'revoked':
      return { severity: 'info', text: `Token Custody: revoked ${who} at ${c.issuer}${r.endpointHost ? ` (${r.endpointHost})` : ''}. ${nextSteps(c)}`, actions: c.removable ? ['Remove from File'] : [] };
    case 'already-revoked':
      return { severity: 'info', text: `Token Custody: ${c.issuer} no longer accepts ${who} (already revoked or expired). ${nextSteps(c)}`, actions: c.removable ? ['Remove from File'] : [] };
    case 'manual': {
      const m = r.manual;
      return {
        severity: 'info',
        text: `${c.issuer} has no API to revoke ${who}: revoke it in the ${c.issuer} console${m?.identifier ? ` (the key ${m.identifier})` : ''}.`,
        actions: m?.consoleUrl ? ['Open Console'] : [],
        detail: manualDetail(m),
      };
    }
    case 'failed': {
      const retry = r.retryable === true;
      const text = `Token Custody: could not revoke ${who} at ${c.issuer}: ${r.detail} The token is still exposed${retry ? '; you can try again.' : '.'}`;
      return { severity: 'error', text, actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}

export function manualDetail(m: ManualSteps | undefined): string | undefined {
  if (!m) return undefined;
  const steps = m.steps.map((s, i) => `${i + 1}. ${s}`);
  if (m.consoleUrl) steps.unshift(`Console: ${m.consoleUrl}`);
  return steps.join('\n');
}

export function checkResultMessage(r: CheckOutcome, c: ResultContext): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'live': {
      const facts = [
        r.login ? `account ${r.login}` : undefined,
        r.scopes ? `scopes: ${r.scopes.length ? r.scopes.join(', ') : 'none'}` : undefined,
        r.expiresAt ? `expires ${r.expiresAt}` : 'no expiry reported',
      ].filter(Boolean);
      return { severity: 'warning', text: `Token Custody: ${who} is LIVE at ${c.issuer} (${facts.join('; ')}). Revoke it or move it to the keychain.`, actions: ['Revoke…', 'Move to Keychain'] };
    }
    case 'revoked':
    case 'invalid':
      return {
        severity: 'info',
        text: `Token Custody: ${c.issuer} does not accept ${who} (${r.state === 'revoked' ? 'revoked' : 'revoked, expired or never valid'}). ${c.where ? `Remove it from ${whereLabel(c.where)} anyway.` : ''}`.trim(),
        actions: c.removable ? ['Remove from File'] : [],
      };
    case 'unknown': {
      const retry = r.retryable !== false;
      return { severity: 'warning', text: `Token Custody: could not tell whether ${who} is live: ${r.detail}`, actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}
