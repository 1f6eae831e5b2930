// Maps a finding (issuer id, revocation capability, JWT `iss`) or a custom issuer to its client.

import type { RevocationCapability } from '../engine/types';
import { customClient, matchCustomIssuer } from './customClient';
import { dopplerClient } from './doppler';
import { githubClient } from './github';
import { gitlabClient } from './gitlab';
import { googleClient } from './google';
import { manualClient, manualIssuer, unknownManualClient } from './manual';
import { npmClient } from './npm';
import { oauthClient } from './oauth';
import { slackClient } from './slack';
import type { IssuerClient, IssuerContext, TokenInfo } from './types';
import { vaultClient } from './vault';

export const API_CLIENTS: Readonly<Record<string, IssuerClient>> = Object.freeze({
  github: githubClient,
  gitlab: gitlabClient,
  slack: slackClient,
  npm: npmClient,
  oauth: oauthClient,
  google: googleClient,
  vault: vaultClient,
  doppler: dopplerClient,
});

const CAPABILITY_CLIENTS: Partial<Record<RevocationCapability, IssuerClient>> = {
  'github-credentials-revoke': githubClient,
  'gitlab-pat-self': gitlabClient,
  'slack-auth-revoke': slackClient,
  'npm-token-delete': npmClient,
  'oauth-rfc7009': oauthClient,
  'google-oauth-revoke': googleClient,
  'vault-revoke-self': vaultClient,
  'doppler-auth-revoke': dopplerClient,
};

/** Other spellings of issuer ids that rules or users may use. */
const ALIASES: Record<string, string> = {
  'github-enterprise': 'github',
  ghes: 'github',
  'hashicorp-vault': 'vault',
  hashicorp: 'vault',
  jwt: 'oauth',
  oidc: 'oauth',
  gcp: 'google',
  'google-cloud': 'google',
  'hugging-face': 'huggingface',
  hf: 'huggingface',
  dockerhub: 'docker',
  'docker-hub': 'docker',
  'amazon': 'aws',
  'azure-storage': 'azure',
  microsoft: 'azure',
  jira: 'atlassian',
  confluence: 'atlassian',
};

const GOOGLE_ISSUERS = new Set(['https://accounts.google.com', 'accounts.google.com']);

export function capabilityClient(cap: RevocationCapability | undefined): IssuerClient | undefined {
  return cap ? CAPABILITY_CLIENTS[cap] : undefined;
}

/**
 * The client for a token. Order: a custom issuer named by `info.issuer` or whose pattern matches
 * the token; the rule's revocation capability; the issuer id (API client, then manual console
 * steps); a JWT's `iss` (Google, else OAuth discovery); finally generic manual steps.
 */
export function resolveIssuerClient(info: TokenInfo, ctx: Pick<IssuerContext, 'customIssuers'>, token?: string): IssuerClient {
  const customs = ctx.customIssuers ?? [];
  const named = info.issuer ? customs.find((c) => c.name.toLowerCase() === info.issuer!.toLowerCase()) : undefined;
  const custom = named ?? (token !== undefined ? matchCustomIssuer(token, customs) : undefined);
  if (custom) return customClient(custom);

  const issuer = info.issuer ? (ALIASES[info.issuer.toLowerCase()] ?? info.issuer.toLowerCase()) : undefined;
  const iss = typeof info.metadata?.iss === 'string' ? info.metadata.iss : undefined;

  if (info.revocation === 'oauth-rfc7009' && iss && GOOGLE_ISSUERS.has(iss.replace(/\/+$/, ''))) return googleClient;
  const byCap = capabilityClient(info.revocation);
  if (byCap) return byCap;

  if (issuer && info.revocation !== 'manual' && info.revocation !== 'none' && API_CLIENTS[issuer]) return API_CLIENTS[issuer];
  if (issuer) {
    const m = manualIssuer(issuer);
    if (m) return manualClient(m);
  }
  if (iss && info.revocation !== 'none') return GOOGLE_ISSUERS.has(iss.replace(/\/+$/, '')) ? googleClient : oauthClient;
  if (issuer && API_CLIENTS[issuer] && info.revocation === undefined) return API_CLIENTS[issuer];
  return unknownManualClient(issuer ?? 'unknown', info.issuer ?? 'the issuer');
}
