// Revoke a token at its issuer: consent naming the endpoint host (or the auto-revoke announcement),
// progress, the result with next steps and a retry path, and one custody log entry per attempt.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { terminalCustodyPlace, type CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { serverText } from '../../issuers/http';
import type { EndpointTarget, RevokeOutcome } from '../../issuers/types';
import { askConsent } from './consent';
import { isRemovable, openConsole, openSetting, removeFromFile, showResult } from './followUps';
import type { IssuerAccess, Prepared } from './issuerAccess';
import { revokedDetail } from '../custody';
import { autoRevokeAnnouncement, confirmText, revokeResultMessage, type ResultContext, type TokenLabel } from '../messages';
import { retryPlan } from '../retry';
import { errorMessage } from '../../errors';

export interface RevokeOptions {
  /** Under `tokenCustody.policy.autoRevoke`: no confirmation; announced and logged as `auto-revoked`. */
  automatic?: boolean;
  /** The policy entry that matched (logged with an automatic revocation). */
  policy?: string;
}

/** Longest Retry-After the Retry button waits out with a progress notification. */
const MAX_RETRY_WAIT_MS = 60_000;

export class RevokeFlow {
  private readonly inFlight = new Set<string>();

  constructor(private readonly core: Core, private readonly access: IssuerAccess) {}

  /** Confirms (unless automatic), revokes, shows the result and logs it. Resolves once the result is shown. */
  async revoke(finding: Finding, where?: CustodyWhere, opts: RevokeOptions = {}): Promise<void> {
    if (this.inFlight.has(finding.fingerprint)) {
      if (!opts.automatic) void vscode.window.showInformationMessage(`Token Custody: ${finding.redacted} is already being revoked.`);
      return;
    }
    this.inFlight.add(finding.fingerprint);
    try {
      await this.run(finding, where, opts);
    } finally {
      this.inFlight.delete(finding.fingerprint);
    }
  }

  private async run(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, confirmedUrl?: string): Promise<void> {
    const token: TokenLabel = { name: finding.name, redacted: finding.redacted };
    const prep = await this.access.prepare(finding, 'revoke');
    if (!prep.ok) {
      this.record(finding, where, opts, { state: 'failed', issuer: finding.issuer, endpointHost: '', detail: prep.reason, retryable: false });
      const actions = prep.setting ? ['Open Settings'] : [];
      void vscode.window.showErrorMessage(`Token Custody: ${finding.redacted} was not revoked: ${prep.reason} Nothing was sent.`, ...actions).then((c) => {
        if (c === 'Open Settings' && prep.setting) openSetting(prep.setting);
      });
      return;
    }
    const p = prep.prepared;
    const issuer = p.client.displayName;
    const ctx: ResultContext = { token, issuer, where };

    if (!p.target) {
      // No revocation API: the client only builds the console link and the steps; nothing is sent.
      const result = await this.callClient(p, undefined);
      this.record(finding, where, opts, result);
      this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}) at ${issuer}: manual steps shown`);
      void this.present(finding, where, opts, result, ctx, undefined, !opts.automatic);
      return;
    }

    const target = p.target;
    if (opts.automatic) {
      void vscode.window.showInformationMessage(autoRevokeAnnouncement(token, issuer, target.host, where));
      this.core.log.info(`auto-revoke ${finding.fingerprint} (${finding.redacted}) at ${target.host}${opts.policy ? ` (policy ${opts.policy})` : ''}`);
    } else if (confirmedUrl !== target.url) {
      const previous = this.core.custody.token(finding.fingerprint)?.custody;
      if (!(await askConsent(confirmText('revoke', token, issuer, target, previous)))) {
        this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}): cancelled at the confirmation; nothing was sent`);
        return;
      }
    }

    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Token Custody: revoking ${token.redacted} at ${issuer} (${target.host})…`, cancellable: true },
      (_progress, cancel) => this.callClient(p, target, cancel),
    );
    this.record(finding, where, opts, result);
    this.core.log.info(`revoke ${finding.fingerprint} (${finding.redacted}) at ${result.endpointHost || target.host}: ${result.state}${result.httpStatus ? ` (HTTP ${result.httpStatus})` : ''}${result.state === 'failed' ? ` — ${result.detail}` : ''}`);
    ctx.removable = isRemovable(this.core, finding, where);
    void this.present(finding, where, opts, result, ctx, target, false);
  }

  /** Calls the client; never rejects (an unexpected throw becomes a failed result without the token). */
  private async callClient(p: Prepared, target: EndpointTarget | undefined, cancel?: vscode.CancellationToken): Promise<RevokeOutcome> {
    const abort = new AbortController();
    const sub = cancel?.onCancellationRequested(() => abort.abort());
    try {
      return await p.client.revoke(p.secret, { ...p.ctx, signal: abort.signal }, target ? { ...p.info, confirmedEndpoint: target.url } : p.info);
    } catch (e) {
      return { state: 'failed', issuer: p.client.id, endpointHost: target?.host ?? '', detail: serverText(errorMessage(e), p.secret), retryable: true };
    } finally {
      sub?.dispose();
    }
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
    const msg = revokeResultMessage(result, ctx);
    const choice = await showResult(msg, modal && result.state === 'manual');
    switch (choice) {
      case 'Open Console':
        if (result.manual?.consoleUrl) await openConsole(result.manual.consoleUrl);
        break;
      case 'Remove from File':
        await removeFromFile(this.core, finding, where);
        break;
      case 'Show Log':
        this.core.log.show();
        break;
      case 'Retry':
        await this.retry(finding, where, opts, target?.url, result, failedAt);
        break;
      default:
        break;
    }
  }

  /**
   * Sends again after a failure. The user's click is the consent as long as the endpoint is the one
   * confirmed before; a changed endpoint is confirmed again. A short Retry-After is waited out.
   */
  private async retry(finding: Finding, where: CustodyWhere | undefined, opts: RevokeOptions, confirmedUrl: string | undefined, failed: RevokeOutcome, failedAt: number): Promise<void> {
    if (this.inFlight.has(finding.fingerprint)) return;
    const plan = retryPlan(failed, failedAt, Date.now(), MAX_RETRY_WAIT_MS);
    if (plan.kind === 'later') {
      const when = new Date(plan.at).toLocaleTimeString();
      const c = await vscode.window.showWarningMessage(`Token Custody: ${failed.endpointHost || 'the issuer'} asked to wait until ${when} before trying again. ${finding.redacted} is still exposed.`, 'Retry');
      if (c === 'Retry') await this.retry(finding, where, opts, confirmedUrl, failed, failedAt);
      return;
    }
    this.inFlight.add(finding.fingerprint);
    try {
      if (plan.kind === 'wait' && !(await waitWithProgress(plan.ms, `Token Custody: ${failed.endpointHost || 'the issuer'} asked to wait; retrying in`))) return;
      // A retry is the user's action: logged as `revoked`, even after an automatic attempt.
      await this.run(finding, where, { ...opts, automatic: false }, opts.automatic ? undefined : confirmedUrl);
    } finally {
      this.inFlight.delete(finding.fingerprint);
    }
  }
}

/** A cancellable countdown; false when cancelled. */
export function waitWithProgress(ms: number, title: string): Thenable<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancel) => new Promise<boolean>((resolve) => {
    const end = Date.now() + ms;
    const tick = (): void => {
      const left = end - Date.now();
      if (left <= 0) {
        clearInterval(timer);
        sub.dispose();
        resolve(true);
        return;
      }
      progress.report({ message: `${Math.ceil(left / 1000)} s` });
    };
    const timer = setInterval(tick, 250);
    const sub = cancel.onCancellationRequested(() => {
      clearInterval(timer);
      sub.dispose();
      resolve(false);
    });
    tick();
  }));
}
