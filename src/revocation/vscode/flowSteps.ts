// The skeleton the revoke and check flows share: one operation per token at a time, the send with a
// cancellable progress notification (a throw becomes a result whose text is redacted of the
// token), and the wait before a retry when the issuer sent Retry-After.

import * as vscode from 'vscode';
import { errorMessage } from '../../errors';
import { serverText } from '../../issuers/http';
import type { CheckOutcome, RevokeOutcome } from '../../issuers/types';
import { retryPlan } from '../retry';

/** Longest Retry-After a retry waits out with a progress notification. */
export const MAX_RETRY_WAIT_MS = 60_000;

/** The tokens (by fingerprint) with an operation under way. */
export class PerToken {
  private readonly busy = new Set<string>();

  has(fingerprint: string): boolean {
    return this.busy.has(fingerprint);
  }

  /** Runs `fn` unless an operation on the token is under way; false when it did not run. */
  async run(fingerprint: string, fn: () => Promise<void>): Promise<boolean> {
    if (this.busy.has(fingerprint)) return false;
    this.busy.add(fingerprint);
    try {
      await fn();
    } finally {
      this.busy.delete(fingerprint);
    }
    return true;
  }
}

/**
 * Sends with an abort signal tied to `cancel`; never rejects: a throw becomes `onThrow(detail)`,
 * its detail with every occurrence of `secret` redacted.
 */
export async function sendCancellable<T>(cancel: vscode.CancellationToken | undefined, secret: string, send: (signal: AbortSignal) => Promise<T>, onThrow: (detail: string) => T): Promise<T> {
  const abort = new AbortController();
  const sub = cancel?.onCancellationRequested(() => abort.abort());
  try {
    return await send(abort.signal);
  } catch (e) {
    return onThrow(serverText(errorMessage(e), secret));
  } finally {
    sub?.dispose();
  }
}

/** The progress notification around a send (cancellable: cancelling aborts the request). */
export function withSendProgress<T>(title: string, send: (cancel: vscode.CancellationToken) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancel) => send(cancel));
}

export type RetryGate =
  | { go: true }
  /** Cancelled during the countdown. */
  | { go: false }
  /** The issuer asked for a longer pause: not before this (local) time. */
  | { go: false; later: string };

/** Whether a retry may be sent now: waits out a short Retry-After (cancellable countdown titled `waitTitle`). */
export async function retryGate(failed: Pick<RevokeOutcome | CheckOutcome, 'retryAfterSeconds'>, failedAt: number, waitTitle: string): Promise<RetryGate> {
  const plan = retryPlan(failed, failedAt, Date.now(), MAX_RETRY_WAIT_MS);
  if (plan.kind === 'later') return { go: false, later: new Date(plan.at).toLocaleTimeString() };
  if (plan.kind === 'wait' && !(await waitWithProgress(plan.ms, waitTitle))) return { go: false };
  return { go: true };
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
      progress.report({ message: vscode.l10n.t('{0} s', Math.ceil(left / 1000)) });
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
