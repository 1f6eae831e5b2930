// `tokenCustody.policy.autoRevoke` (opt-in, user/machine settings only): revoke a token without
// asking when the policy names its rule or issuer and the place it showed up. At most one automatic
// revocation per token per window; every one is announced and logged as `auto-revoked`.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { AutoRevokeApi, AutoRevokePlace, Core } from '../../core';
import type { Finding } from '../../engine';
import { Service } from '../../util/vscode/disposable';
import { fileWhere, type AutoRevokedDetail, type CustodyEntry, type CustodyWhere } from '../log';
import { formatOwner, ownerFor, parseOwners } from '../owners';
import { autoRevokeBlocked, matchAutoRevoke, parseAutoRevokePolicy, type AutoRevokeRule } from '../policy';
import { errorMessage } from '../../errors';

function placeLabel(place: AutoRevokePlace): string {
  switch (place) {
    case 'terminal-output': return vscode.l10n.t('terminal output');
    case 'terminal-command': return vscode.l10n.t('a terminal command line');
    case 'terminal-paste': return vscode.l10n.t('a terminal paste');
    case 'file': return vscode.l10n.t('a file');
    case 'agent-terminal': return vscode.l10n.t('an AI agent\'s terminal');
  }
}

function placeText(place: AutoRevokePlace, where: CustodyWhere | undefined): string {
  if (where?.kind === 'terminal') {
    return where.agent
      ? vscode.l10n.t('{0} (terminal “{1}”, {2})', placeLabel(place), where.terminal, where.agent.label ?? where.agent.name)
      : vscode.l10n.t('{0} (terminal “{1}”)', placeLabel(place), where.terminal);
  }
  if (where?.kind === 'file') return where.path ?? placeLabel(place);
  return placeLabel(place);
}

export class AutoRevoker extends Service implements AutoRevokeApi {
  /** Fingerprints revoked (or attempted) automatically in this window. */
  private readonly attempted = new Set<string>();
  private policyRaw: unknown;
  private policy: AutoRevokeRule[] = [];
  private readonly warned = new Set<string>();
  /** Running revocations (tests wait for them). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly core: Core) {
    super();
    // Findings in open documents: the "file" place.
    this.own(core.store.onDidChange((e) => {
      if (!e.count || !this.rules().length) return;
      const rel = e.uri.scheme === 'file' ? vscode.workspace.asRelativePath(e.uri, false) : undefined;
      // After a keystroke only the findings it added were not considered before.
      for (const f of e.edit?.added ?? e.findings) this.consider(f, 'file', fileWhere(e.uri.toString(), f.range, rel));
    }));
  }

  private rules(): AutoRevokeRule[] {
    const raw = this.core.settings().autoRevoke;
    if (raw !== this.policyRaw) {
      this.policyRaw = raw;
      const { rules, errors } = parseAutoRevokePolicy(raw);
      this.policy = rules;
      for (const e of errors) {
        if (this.warned.has(e)) continue;
        this.warned.add(e);
        this.core.log.warn(`${e} This entry is not applied.`);
      }
    }
    return this.policy;
  }

  consider(finding: Finding, place: AutoRevokePlace, where?: CustodyWhere): void {
    if (this.attempted.has(finding.fingerprint)) return;
    const rules = this.rules();
    if (!rules.length) return;
    // Only built-in findings or issuers the user declared, never OAuth discovery to an undeclared
    // `iss` host, never from files of an untrusted workspace (issue 11 #3, #9).
    const gate = { declaredIssuers: this.core.settings().issuers, workspaceTrusted: vscode.workspace.isTrusted };
    const blocked = autoRevokeBlocked(finding, place, gate);
    if (blocked && matchAutoRevoke(rules, finding, place)) {
      if (!this.warned.has(`blocked:${finding.fingerprint}`)) {
        this.warned.add(`blocked:${finding.fingerprint}`);
        this.core.log.info(`tokenCustody.policy.autoRevoke covers ${finding.redacted} (${finding.fingerprint}) but it is not revoked automatically: ${blocked}. Revoke it by hand if it is yours.`);
      }
      return;
    }
    const rule = matchAutoRevoke(rules, finding, place, gate);
    if (!rule) return;
    if (this.core.custody.token(finding.fingerprint)?.custody.state === 'revoked') return;
    this.attempted.add(finding.fingerprint);
    const run = this.revoke(finding, place, where, rule).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves when every automatic revocation started so far has finished (tests). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async revoke(finding: Finding, place: AutoRevokePlace, where: CustodyWhere | undefined, rule: AutoRevokeRule): Promise<void> {
    const policy = rule.match.join(', ');
    const api = this.core.areas.revocation;
    const what = `${finding.name} ${finding.redacted}`;
    if (!api) {
      this.core.log.warn(`automatic revocation of ${finding.redacted} (${finding.fingerprint}) skipped: revocation is not available in this window`);
      return;
    }
    await this.core.custody.whenReady();
    const from = this.core.custody.allEntries().length;
    this.core.log.info(`policy tokenCustody.policy.autoRevoke (${policy}) matched ${finding.redacted} (${finding.fingerprint}) in ${place}: revoking automatically`);
    let failure: string | undefined;
    try {
      await api.revoke(finding, where, { automatic: true });
    } catch (e) {
      failure = errorMessage(e);
      this.core.log.error(`automatic revocation of ${finding.redacted} failed`, e);
    }
    // The revocation area logs what the issuer answered; the `auto-revoked` entry (with the policy
    // and place) is ours unless it already wrote one.
    const during = this.core.custody.allEntries().slice(from).filter((e) => e.fingerprint === finding.fingerprint);
    const own = during.find((e): e is Extract<CustodyEntry, { event: 'auto-revoked' }> => e.event === 'auto-revoked');
    const theirs = during.find((e): e is Extract<CustodyEntry, { event: 'revoked' }> => e.event === 'revoked');
    let detail: AutoRevokedDetail;
    if (own?.detail) detail = own.detail;
    else {
      detail = theirs?.detail
        ? { ...theirs.detail, policy, place }
        : { result: 'failed', message: failure ?? 'the issuer gave no answer', policy, place };
      this.core.custody.record({ event: 'auto-revoked', ...(where ? { where } : {}), detail }, { finding });
    }
    const owners = parseOwners(this.core.settings().owners).owners;
    const owner = ownerFor(owners, finding);
    const ownerText = owner ? ` ${vscode.l10n.t('Owner: {0}.', formatOwner(owner))}` : '';
    const seen = placeText(place, where);
    const at = detail.endpointHost;
    const showCustody = vscode.l10n.t('Show Custody');
    if (detail.result === 'revoked' || detail.result === 'already-invalid') {
      const how = detail.result === 'revoked'
        ? at ? vscode.l10n.t('revoked {0} at {1}', what, at) : vscode.l10n.t('revoked {0}', what)
        : at ? vscode.l10n.t('found {0} already invalid at {1}', what, at) : vscode.l10n.t('found {0} already invalid', what);
      void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody automatically {0}: it appeared in {1} and {2} covers "{3}".', how, seen, 'tokenCustody.policy.autoRevoke', policy) + ownerText, showCustody).then((c) => {
        if (c) void vscode.commands.executeCommand(CommandId.ShowCustody);
      });
    } else {
      const why = detail.result === 'manual' ? vscode.l10n.t('this issuer has no revocation API; revoke it in its console') : (detail.message ?? vscode.l10n.t('it failed'));
      const revoke = vscode.l10n.t('Revoke…');
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody could not revoke {0} automatically (seen in {1}; policy "{2}"): {3}.', what, seen, policy, why) + ownerText, revoke, showCustody).then((c) => {
        if (c === revoke) void vscode.commands.executeCommand(CommandId.RevokeToken, { fingerprint: finding.fingerprint });
        else if (c === showCustody) void vscode.commands.executeCommand(CommandId.ShowCustody);
      });
    }
  }
}
