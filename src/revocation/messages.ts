// The sentences of the revocation flows: the consent modal (naming the host that receives the
// token), the auto-revoke announcement and the result messages with their actions. Plain Node: every
// function takes a `Translate` (host code passes vscode.l10n.t, the CLI and unit tests `english`).
// Placeholders carry only redacted forms, names, hosts and places, never a token.

import type { CustodyWhere } from '../custody/log';
import type { TokenCustody } from '../custody/state';
import type { CheckOutcome, EndpointTarget, ManualSteps, RevokeOutcome } from '../issuers/types';
import { english, type Translate } from '../util/l10n';
import type { IssuerOp } from './model';

export interface TokenLabel {
  /** Human name of the token type, e.g. "GitHub personal access token (classic)". */
  name: string;
  redacted: string;
}

/** `file.env:3`, `terminal "bash" (output)`; undefined when nothing is known. */
export function whereLabel(where: CustodyWhere | undefined, t: Translate = english): string | undefined {
  if (!where) return undefined;
  if (where.kind === 'terminal') {
    switch (where.place) {
      case 'output': return t('terminal "{0}" (output)', where.terminal);
      case 'command': return t('terminal "{0}" (command line)', where.terminal);
      default: return t('terminal "{0}" (paste)', where.terminal);
    }
  }
  const name = where.path ?? shortUri(where.uri, t);
  return where.range ? `${name}:${where.range.line}` : name;
}

function shortUri(uri: string, t: Translate): string {
  const m = /^untitled:(.*)$/.exec(uri);
  if (m) return m[1] || t('an untitled editor');
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
  /** The (translated) button that sends the token: **Revoke** or **Check**. */
  button: string;
}

/**
 * The modal that asks before the token leaves the machine. It names the exact host (and the
 * method and path) that receives it.
 */
export function confirmText(op: IssuerOp, token: TokenLabel, issuer: string, target: EndpointTarget, previous?: Pick<TokenCustody, 'revocation' | 'state'>, t: Translate = english): ConfirmText {
  const path = `${target.method} ${pathOf(target.url)}`;
  if (op === 'check') {
    return {
      message: t('Check whether {0} {1} is live?', token.name, token.redacted),
      detail: t('The token will be sent to {0} ({1}), {2}\'s endpoint, in a read-only request. Nothing is changed and no other host receives it.', target.host, path, issuer),
      button: t('Check'),
    };
  }
  const lines = [t('The token will be sent to {0} ({1}), {2}\'s revocation endpoint, and nowhere else.', target.host, path, issuer)];
  lines.push(t('Anything that still uses it will stop working; you will need a new token.'));
  if (previous?.revocation && previous.state === 'revoked') lines.push(t('The custody log says it was already revoked ({0}).', previous.revocation.at.slice(0, 10)));
  return { message: t('Revoke {0} {1} at {2}?', token.name, token.redacted, issuer), detail: lines.join('\n'), button: t('Revoke') };
}

/** The notification shown when the auto-revoke policy sends a token without asking. */
export function autoRevokeAnnouncement(token: TokenLabel, issuer: string, host: string, where?: CustodyWhere, t: Translate = english): string {
  const w = whereLabel(where, t);
  return w
    ? t('Token Custody: revoking {0} {1} (seen in {2}) at {3} ({4}) automatically, as {5} says.', token.name, token.redacted, w, issuer, host, 'tokenCustody.policy.autoRevoke')
    : t('Token Custody: revoking {0} {1} at {2} ({3}) automatically, as {4} says.', token.name, token.redacted, issuer, host, 'tokenCustody.policy.autoRevoke');
}

/** What a result button does; {@link actionLabel} gives the text the user reads. */
export type ResultAction = 'Retry' | 'Open Console' | 'Remove from File' | 'Show Log' | 'Revoke…' | 'Move to Keychain' | 'Open Settings';

/** The button text of an action in the user's language. */
export function actionLabel(a: ResultAction, t: Translate = english): string {
  switch (a) {
    case 'Retry': return t('Retry');
    case 'Open Console': return t('Open Console');
    case 'Remove from File': return t('Remove from File');
    case 'Show Log': return t('Show Log');
    case 'Revoke…': return t('Revoke…');
    case 'Move to Keychain': return t('Move to Keychain');
    case 'Open Settings': return t('Open Settings');
  }
}

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

function nextSteps(c: ResultContext, t: Translate): string {
  const w = whereLabel(c.where, t);
  const remove = c.where?.kind === 'terminal' ? t('Clear it from {0}', w!) : w ? t('Remove it from {0}', w) : t('Remove it wherever it was pasted');
  return t('{0}, create a new token at {1} if you still need one, and store that with "{2}" instead of pasting it.', remove, c.issuer, t('Move Token to Keychain'));
}

export function revokeResultMessage(r: RevokeOutcome, c: ResultContext, t: Translate = english): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'revoked': {
      const text = r.endpointHost
        ? t('Token Custody: revoked {0} at {1} ({2}). {3}', who, c.issuer, r.endpointHost, nextSteps(c, t))
        : t('Token Custody: revoked {0} at {1}. {2}', who, c.issuer, nextSteps(c, t));
      return { severity: 'info', text, actions: c.removable ? ['Remove from File'] : [] };
    }
    case 'already-revoked':
      return { severity: 'info', text: t('Token Custody: {0} no longer accepts {1} (already revoked or expired). {2}', c.issuer, who, nextSteps(c, t)), actions: c.removable ? ['Remove from File'] : [] };
    case 'manual': {
      const m = r.manual;
      return {
        severity: 'info',
        text: m?.identifier
          ? t('{0} has no API to revoke {1}: revoke it in the {0} console (the key {2}).', c.issuer, who, m.identifier)
          : t('{0} has no API to revoke {1}: revoke it in the {0} console.', c.issuer, who),
        actions: m?.consoleUrl ? ['Open Console'] : [],
        detail: manualDetail(m, t),
      };
    }
    case 'failed': {
      const retry = r.retryable === true;
      const text = retry
        ? t('Token Custody: could not revoke {0} at {1}: {2} The token is still exposed; you can try again.', who, c.issuer, r.detail)
        : t('Token Custody: could not revoke {0} at {1}: {2} The token is still exposed.', who, c.issuer, r.detail);
      return { severity: 'error', text, actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}

export function manualDetail(m: ManualSteps | undefined, t: Translate = english): string | undefined {
  if (!m) return undefined;
  const steps = m.steps.map((s, i) => `${i + 1}. ${s}`);
  if (m.consoleUrl) steps.unshift(t('Console: {0}', m.consoleUrl));
  return steps.join('\n');
}

export function checkResultMessage(r: CheckOutcome, c: ResultContext, t: Translate = english): ResultMessage {
  const who = `${c.token.name} ${c.token.redacted}`;
  switch (r.state) {
    case 'live': {
      const facts = [
        r.login ? t('account {0}', r.login) : undefined,
        r.scopes ? (r.scopes.length ? t('scopes: {0}', r.scopes.join(', ')) : t('scopes: none')) : undefined,
        r.expiresAt ? t('expires {0}', r.expiresAt) : t('no expiry reported'),
      ].filter(Boolean);
      return { severity: 'warning', text: t('Token Custody: {0} is LIVE at {1} ({2}). Revoke it or move it to the keychain.', who, c.issuer, facts.join('; ')), actions: ['Revoke…', 'Move to Keychain'] };
    }
    case 'revoked':
    case 'invalid': {
      const why = r.state === 'revoked' ? t('revoked') : t('revoked, expired or never valid');
      const w = whereLabel(c.where, t);
      return {
        severity: 'info',
        text: w
          ? t('Token Custody: {0} does not accept {1} ({2}). Remove it from {3} anyway.', c.issuer, who, why, w)
          : t('Token Custody: {0} does not accept {1} ({2}).', c.issuer, who, why),
        actions: c.removable ? ['Remove from File'] : [],
      };
    }
    case 'unknown': {
      const retry = r.retryable !== false;
      return { severity: 'warning', text: t('Token Custody: could not tell whether {0} is live: {1}', who, r.detail), actions: retry ? ['Retry', 'Show Log'] : ['Show Log'] };
    }
  }
}
