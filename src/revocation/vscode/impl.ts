// The revocation flows (issuer clients, consent, retries, follow-ups): loaded on first use, from
// their own bundle (dist/revocation.js), so that activation does not parse them.
import * as vscode from 'vscode';
import type { Core } from '../../core';
import type { CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { CheckFlow } from './checkFlow';
import { IssuerAccess } from './issuerAccess';
import { pickToken } from './pick';
import { RevokeFlow, type RevokeOptions } from './revokeFlow';
import type { IssuerOp } from '../model';

export interface RevocationImpl {
  run(op: IssuerOp, arg?: unknown): Promise<void>;
  revoke(finding: Finding, where?: CustodyWhere, opts?: RevokeOptions): Promise<void>;
  check(finding: Finding, where?: CustodyWhere): Promise<void>;
}

export function createRevocation(core: Core): RevocationImpl {
  const access = new IssuerAccess(core);
  const revoker = new RevokeFlow(core, access);
  const checker = new CheckFlow(core, access, revoker);
  return {
    async run(op, arg) {
      try {
        const picked = await pickToken(core, arg, op);
        if (!picked) return;
        if (op === 'revoke') await revoker.revoke(picked.finding, picked.where);
        else await checker.check(picked.finding, picked.where);
      } catch (e) {
        core.log.error(`${op === 'revoke' ? 'Revoke Token' : 'Check Token'} failed`, e);
        void vscode.window.showErrorMessage(op === 'revoke'
          ? vscode.l10n.t('Token Custody: revocation failed unexpectedly (see the "Token Custody" output). The token\'s state is unchanged.')
          : vscode.l10n.t('Token Custody: the check failed unexpectedly (see the "Token Custody" output). The token\'s state is unchanged.'));
      }
    },
    revoke: (finding, where, opts) => revoker.revoke(finding, where, opts),
    check: (finding, where) => checker.check(finding, where),
  };
}
