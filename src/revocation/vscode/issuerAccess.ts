// Everything an operation at an issuer needs, read fresh from the settings for each operation:
// the token (from the finding, in memory only), the issuer client, the context (endpoints from
// user/machine settings only) and the exact endpoint that would receive the token.

import * as vscode from 'vscode';
import { errorMessage, settingOf } from '../../errors';
import type { Core } from '../../core';
import type { Finding } from '../../engine';
import { resolveIssuerClient } from '../../issuers/registry';
import type { EndpointTarget, IssuerClient, IssuerContext, TokenInfo } from '../../issuers/types';
import { issuerContextFrom, tokenInfoOf, type IssuerOp } from '../model';

export interface Prepared {
  secret: string;
  info: TokenInfo;
  ctx: IssuerContext;
  client: IssuerClient;
  /** Where the token goes; undefined when the operation sends nothing (manual issuer, no check). */
  target?: EndpointTarget;
}

export type PrepareOutcome =
  | { ok: true; prepared: Prepared }
  /** Nothing was sent. `setting` names the setting to fix, when one is at fault. */
  | { ok: false; reason: string; setting?: string };

export class IssuerAccess {
  private readonly reported = new Set<string>();

  constructor(private readonly core: Core) {}

  async prepare(finding: Finding, op: IssuerOp): Promise<PrepareOutcome> {
    const secret = finding.secret;
    if (typeof secret !== 'string' || !secret) {
      return { ok: false, reason: vscode.l10n.t('the value of {0} is not known in this window (it is never stored). Open the file where it appears, or use "{1}".', finding.redacted, vscode.l10n.t('Enter a token…')) };
    }
    let ctx: IssuerContext;
    try {
      const built = issuerContextFrom(this.core.settings(), {
        userAgent: `token-custody/${String(this.core.context.extension.packageJSON.version ?? '0')} (VS Code ${vscode.version})`,
      });
      ctx = built.ctx;
      for (const e of built.issuerErrors) {
        if (this.reported.has(e)) continue;
        this.reported.add(e);
        this.core.log.warn(`${e} This issuer is ignored.`);
      }
    } catch (e) {
      return { ok: false, reason: errorMessage(e), setting: settingOf(e) };
    }
    const info = tokenInfoOf(finding);
    const client = resolveIssuerClient(info, ctx, secret);
    let target: EndpointTarget | undefined;
    try {
      target = await client.endpointFor(op, info, ctx, secret);
    } catch (e) {
      return { ok: false, reason: errorMessage(e), setting: settingOf(e) ?? settingFor(client.id) };
    }
    return { ok: true, prepared: { secret, info, ctx, client, target } };
  }
}

function settingFor(issuer: string): string | undefined {
  return ['github', 'gitlab', 'slack', 'npm', 'vault', 'doppler'].includes(issuer) ? `tokenCustody.endpoints.${issuer}` : undefined;
}
