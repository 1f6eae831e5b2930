// Ask the issuer whether a token is live (read-only): consent naming the host (a check sends the
// token too), progress, the result (login, scopes, expiry / not accepted / unknown with Retry),
// and a `checked` custody log entry.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import type { CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import type { CheckOutcome, EndpointTarget } from '../../issuers/types';
import { askConsent } from './consent';
import { PerToken, retryGate, sendCancellable, withSendProgress } from './flowSteps';
import { commonFollowUp, isRemovable, showErrorOfferingSetting, showResult } from './followUps';
import type { IssuerAccess, Prepared } from './issuerAccess';
import type { RevokeFlow } from './revokeFlow';
import { checkedDetail } from '../custody';
import { checkResultMessage, confirmText, type ResultContext, type TokenLabel } from '../messages';

export class CheckFlow {
  private readonly inFlight = new PerToken();

  constructor(private readonly core: Core, private readonly access: IssuerAccess, private readonly revoker: RevokeFlow) {}

  async check(finding: Finding, where?: CustodyWhere, confirmedUrl?: string): Promise<void> {
    await this.inFlight.run(finding.fingerprint, () => this.run(finding, where, confirmedUrl));
  }

  private async run(finding: Finding, where: CustodyWhere | undefined, confirmedUrl: string | undefined): Promise<void> {
    const t = vscode.l10n.t;
    const token: TokenLabel = { name: finding.name, redacted: finding.redacted };
    const prep = await this.access.prepare(finding, 'check');
    if (!prep.ok) {
      showErrorOfferingSetting(t('Token Custody: could not check {0}: {1} Nothing was sent.', finding.redacted, prep.reason), prep.setting);
      return;
    }
    const p = prep.prepared;
    const issuer = p.client.displayName;
    if (!p.target || !p.client.check) {
      const revoke = t('Revoke…');
      const c = await vscode.window.showInformationMessage(
        t('Token Custody: {0} offers no safe read-only check for {1} {2}; nothing was sent. Treat it as live until it is revoked.', issuer, finding.name, finding.redacted),
        revoke,
      );
      if (c === revoke) await this.revoker.revoke(finding, where);
      return;
    }
    const target = p.target;
    if (confirmedUrl !== target.url && !(await askConsent(confirmText('check', token, issuer, target, undefined, t)))) {
      this.core.log.info(`check ${finding.fingerprint} (${finding.redacted}): cancelled at the confirmation; nothing was sent`);
      return;
    }
    const result = await withSendProgress(t('Token Custody: checking {0} at {1} ({2})…', token.redacted, issuer, target.host), (cancel) => this.send(p, target, cancel));
    this.core.custody.record({ event: 'checked', where, detail: checkedDetail(result) }, { finding });
    this.core.log.info(`check ${finding.fingerprint} (${finding.redacted}) at ${result.endpointHost ?? target.host}: ${result.state}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}`);
    const ctx: ResultContext = { token, issuer, where, removable: isRemovable(this.core, finding, where) };
    void this.present(finding, where, result, ctx, target);
  }

  /** Calls the client; never rejects (an unexpected throw becomes an unknown result without the token). */
  private send(p: Prepared, target: EndpointTarget, cancel: vscode.CancellationToken): Promise<CheckOutcome> {
    return sendCancellable<CheckOutcome>(
      cancel,
      p.secret,
      (signal) => p.client.check!(p.secret, { ...p.ctx, signal }, { ...p.info, confirmedEndpoint: target.url }),
      (detail) => ({ state: 'unknown', issuer: p.client.id, endpointHost: target.host, detail, retryable: true }),
    );
  }

  private async present(finding: Finding, where: CustodyWhere | undefined, result: CheckOutcome, ctx: ResultContext, target: EndpointTarget): Promise<void> {
    const failedAt = Date.now();
    const choice = await showResult(checkResultMessage(result, ctx, vscode.l10n.t));
    if (choice === 'Revoke…') {
      await this.revoker.revoke(finding, where);
    } else if (choice === 'Retry') {
      const gate = await retryGate(result, failedAt, vscode.l10n.t('Token Custody: {0} asked to wait; checking again in', target.host));
      if ('later' in gate) void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: {0} asked to wait until {1} before checking again.', target.host, gate.later));
      else if (gate.go) await this.check(finding, where, target.url);
    } else {
      await commonFollowUp(this.core, choice, finding, where);
    }
  }
}
