// Revoke a token at its issuer: consent naming the endpoint host (or the auto-revoke announcement),
// progress, the result with next steps and a retry path, and one custody log entry per attempt.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { terminalCustodyPlace, type CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import type { EndpointTarget, RevokeOutcome } from '../../issuers/types';
import { askConsent } from './consent';
import { PerToken, retryGate, sendCancellable, withSendProgress } from './flowSteps';
import { commonFollowUp, isRemovable, showErrorOfferingSetting, showResult } from './followUps';
import type { IssuerAccess, Prepared } from './issuerAccess';
import { revokedDetail } from '../custody';
import { autoRevokeAnnouncement, confirmText, revokeResultMessage, type ResultContext, type TokenLabel } from '../messages';

export interface RevokeOptions {
  /** Under `tokenCustody.policy.autoRevoke`: no confirmation; announced and logged as `auto-revoked`. */
  automatic?: boolean;
  /** The policy entry that matched (logged with an automatic revocation). */
  policy?: string;
}

export class RevokeFlow {
  private readonly inFlight = new PerToken();

  constructor(private readonly core: Core, private readonly access: IssuerAccess) {}

  /** Confirms (unless automatic), revokes, shows the result and logs it. Resolves once the result is shown. */
  async revoke(finding: Finding, where?: CustodyWhere, opts: RevokeOptions = {}): Promise<void> {
    const ran = await this.inFlight.run(finding.fingerprint, () => this.run(finding, where, opts));
    if (!ran && !opts.automatic) void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0} is already being revoked.', finding.redacted));
  }

  private async run(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, confirmedUrl?: string): Promise<void> {
    const t = vscode.l10n.t;
    const token: TokenLabel = { name: finding.name, redacted: finding.redacted };
    const prep = await this.access.prepare(finding, 'revoke');
    if (!prep.ok) {
      this.record(finding, where, opts, { state: 'failed', issuer: finding.issuer, endpointHost: '', detail: prep.reason, retryable: false });
      showErrorOfferingSetting(t('Token Custody: {0} was not revoked: {1} Nothing was sent.', finding.redacted, prep.reason), prep.setting);
      return;
    }
    const p = prep.prepared;
    const issuer = p.client.displayName;
    const ctx: ResultContext = { token, issuer, where };

    if (!p.target) {
      // No revocation API: the client only builds the console link and the steps; nothing is sent.
      const result = await this.send(p, undefined);
      this.record(finding, where, opts, result);
      this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}) at ${issuer}: manual steps shown`);
      void this.present(finding, where, opts, result, ctx, undefined, !opts.automatic);
      return;
    }

    const target = p.target;
    if (opts.automatic) {
      void vscode.window.showInformationMessage(autoRevokeAnnouncement(token, issuer, target.host, where, t));
      this.core.log.info(`auto-revoke ${finding.fingerprint} (${finding.redacted}) at ${target.host}${opts.policy ? ` (policy ${opts.policy})` : ''}`);
    } else if (confirmedUrl !== target.url) {
      const previous = this.core.custody.token(finding.fingerprint)?.custody;
      if (!(await askConsent(confirmText('revoke', token, issuer, target, previous, t)))) {
        this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}): cancelled at the confirmation; nothing was sent`);
        return;
      }
    }

    const result = await withSendProgress(t('Token Custody: revoking {0} at {1} ({2})…', token.redacted, issuer, target.host), (cancel) => this.send(p, target, cancel));
    this.record(finding, where, opts, result);
    this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}) at ${result.endpointHost || target.host}: ${result.state}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}${result.state === 'failed' ? ` — ${result.detail}` : ''}`);
    ctx.removable = isRemovable(this.core, finding, where);
    void this.present(finding, where, opts, result, ctx, target, false);
  }

  /** Calls the client; never rejects (an unexpected throw becomes a failed result without the token). */
  private send(p: Prepared, target: EndpointTarget | undefined, cancel?: vscode.CancellationToken): Promise<RevokeOutcome> {
    return sendCancellable<RevokeOutcome>(
      cancel,
      p.secret,
      (signal) => p.client.revoke(p.secret, { ...p.ctx, signal }, target ? { ...p.info, confirmedEndpoint: target.url } : p.info),
      (detail) => ({ state: 'failed', issuer: p.client.id, endpointHost: target?.host ?? '', detail, retryable: true }),
    );
  }

  private record(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, result: RevokeOutcome): void {
    const detail = revokedDetail(result);
    if (opts.automatic) {
      const place = where?.kind === 'terminal' ? terminalCustodyPlace(where) : where ? 'file' : undefined;
      this.core.custody.record({ event: 'auto-revoked', where, detail: { ...detail, ...(opts.policy ? { policy: opts.policy } : {}), ...(place ? { place } : {}) } }, { finding });
    } else {
      this.core.custody.record({ event: 'revoked', where, detail }, { finding });
    }
  }

  /** Shows the result and handles its buttons (not awaited by callers: a toast may stay open). */
  private async present(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, result: RevokeOutcome, ctx: ResultContext, target: EndpointTarget | undefined, modal: boolean): Promise<void> {
    const failedAt = Date.now();
    const choice = await showResult(revokeResultMessage(result, ctx, vscode.l10n.t), modal && result.state === 'manual');
    if (choice === 'Retry') await this.retry(finding, where, opts, target?.url, result, failedAt);
    else await commonFollowUp(this.core, choice, finding, where, result.manual?.consoleUrl);
  }

  /**
   * Sends again after a failure. The user's click is the consent as long as the endpoint is the one
   * confirmed before; a changed endpoint is confirmed again. A short Retry-After is waited out.
   */
  private async retry(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, confirmedUrl: string | undefined, failed: RevokeOutcome, failedAt: number): Promise<void> {
    if (this.inFlight.has(finding.fingerprint)) return;
    const t = vscode.l10n.t;
    const host = failed.endpointHost;
    await this.inFlight.run(finding.fingerprint, async () => {
      const gate = await retryGate(failed, failedAt, host ? t('Token Custody: {0} asked to wait; retrying in', host) : t('Token Custody: the issuer asked to wait; retrying in'));
      if ('later' in gate) {
        const retry = t('Retry');
        const text = host
          ? t('Token Custody: {0} asked to wait until {1} before trying again. {2} is still exposed.', host, gate.later, finding.redacted)
          : t('Token Custody: the issuer asked to wait until {0} before trying again. {1} is still exposed.', gate.later, finding.redacted);
        // Not awaited inside the in-flight section: the toast may stay open.
        void vscode.window.showWarningMessage(text, retry).then((c) => c === retry ? this.retry(finding, where, opts, confirmedUrl, failed, failedAt) : undefined);
        return;
      }
      if (!gate.go) return;
      // A retry is the user's action: logged as `revoked`, even after an automatic attempt.
      await this.run(finding, where, { ...opts, automatic: false }, opts.automatic ? undefined : confirmedUrl);
    });
  }
}
