// Ask the issuer whether a token is live (read-only): consent naming the host (a check sends the
// token too), progress, the result (login, scopes, expiry / not accepted / unknown with Retry),
// and a `checked` custody log entry.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import type { CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { serverText } from '../../issuers/http';
import type { CheckOutcome, EndpointTarget } from '../../issuers/types';
import { askConsent } from './consent';
import { isRemovable, moveToKeychain, openSetting, removeFromFile, showResult } from './followUps';
import type { IssuerAccess, Prepared } from './issuerAccess';
import type { RevokeFlow } from './revokeFlow';
import { waitWithProgress } from './revokeFlow';
import { checkedDetail } from '../custody';
import { checkResultMessage, confirmText, type ResultContext, type TokenLabel } from '../messages';
import { retryPlan } from '../retry';
import { errorMessage } from '../../errors';

const MAX_RETRY_WAIT_MS = 60_000;

export class CheckFlow {
  private readonly inFlight = new Set<string>();

  constructor(private readonly core: Core, private readonly access: IssuerAccess, private readonly revoker: RevokeFlow) {}

  async check(finding: Finding, where?: CustodyWhere, confirmedUrl?: string): Promise<void> {
    if (this.inFlight.has(finding.fingerprint)) return;
    this.inFlight.add(finding.fingerprint);
    try {
      await this.run(finding, where, confirmedUrl);
    } finally {
      this.inFlight.delete(finding.fingerprint);
    }
  }

  private async run(finding: Finding, where: CustodyWhere | undefined, confirmedUrl: string | undefined): Promise<void> {
    const token: TokenLabel = { name: finding.name, redacted: finding.redacted };
    const prep = await this.access.prepare(finding, 'check');
    if (!prep.ok) {
      void vscode.window.showErrorMessage(`Token Custody: could not check ${finding.redacted}: ${prep.reason} Nothing was sent.`, ...(prep.setting ? ['Open Settings'] : [])).then((c) => {
        if (c === 'Open Settings' && prep.setting) openSetting(prep.setting);
      });
      return;
    }
    const p = prep.prepared;
    const issuer = p.client.displayName;
    if (!p.target || !p.client.check) {
      const c = await vscode.window.showInformationMessage(
        `Token Custody: ${issuer} offers no safe read-only check for ${finding.name} ${finding.redacted}; nothing was sent. Treat it as live until it is revoked.`,
        'Revoke…',
      );
      if (c === 'Revoke…') await this.revoker.revoke(finding, where);
      return;
    }
    const target = p.target;
    if (confirmedUrl !== target.url && !(await askConsent(confirmText('check', token, issuer, target)))) {
      this.core.log.info(`check ${finding.fingerprint} (${finding.redacted}): cancelled at the confirmation; nothing was sent`);
      return;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Token Custody: checking ${token.redacted} at ${issuer} (${target.host})…`, cancellable: true },
      (_progress, cancel) => this.callClient(p, target, cancel),
    );
    this.core.custody.record({ event: 'checked', where, detail: checkedDetail(result) }, { finding });
    this.core.log.info(`check ${finding.fingerprint} (${finding.redacted}) at ${result.endpointHost ?? target.host}: ${result.state}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}`);
    const ctx: ResultContext = { token, issuer, where, removable: isRemovable(this.core, finding, where) };
    void this.present(finding, where, result, ctx, target);
  }

  private async callClient(p: Prepared, target: EndpointTarget, cancel: vscode.CancellationToken): Promise<CheckOutcome> {
    const abort = new AbortController();
    const sub = cancel.onCancellationRequested(() => abort.abort());
    try {
      return await p.client.check!(p.secret, { ...p.ctx, signal: abort.signal }, { ...p.info, confirmedEndpoint: target.url });
    } catch (e) {
      return { state: 'unknown', issuer: p.client.id, endpointHost: target.host, detail: serverText(errorMessage(e), p.secret), retryable: true };
    } finally {
      sub.dispose();
    }
  }

  private async present(finding: Finding, where: CustodyWhere | undefined, result: CheckOutcome, ctx: ResultContext, target: EndpointTarget): Promise<void> {
    const failedAt = Date.now();
    const choice = await showResult(checkResultMessage(result, ctx));
    switch (choice) {
      case 'Revoke…':
        await this.revoker.revoke(finding, where);
        break;
      case 'Move to Keychain':
        await moveToKeychain(this.core, finding, where);
        break;
      case 'Remove from File':
        await removeFromFile(this.core, finding, where);
        break;
      case 'Show Log':
        this.core.log.show();
        break;
      case 'Retry': {
        const plan = retryPlan(result, failedAt, Date.now(), MAX_RETRY_WAIT_MS);
        if (plan.kind === 'later') {
          void vscode.window.showWarningMessage(`Token Custody: ${target.host} asked to wait until ${new Date(plan.at).toLocaleTimeString()} before checking again.`);
          break;
        }
        if (plan.kind === 'wait' && !(await waitWithProgress(plan.ms, `Token Custody: ${target.host} asked to wait; checking again in`))) break;
        await this.check(finding, where, target.url);
        break;
      }
      default:
        break;
    }
  }
}
