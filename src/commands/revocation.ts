// Revocation area: `tokenCustody.revokeToken` and `tokenCustody.checkToken`, and the RevocationApi
// other areas use (the custody area's auto-revoke policy calls `revoke(…, { automatic: true })`).
// A token goes only to its own issuer's endpoint, taken from user/machine settings, over HTTPS
// (HTTP only to loopback), after a modal naming the host — or under the explicit auto-revoke policy.

import * as vscode from 'vscode';
import type { Core, RevocationApi } from '../core';
import type { CustodyWhere } from '../custody/log';
import type { Finding } from '../engine';
import { CheckFlow } from './checkToken';
import { CommandId } from './ids';
import { IssuerAccess } from './issuerAccess';
import { pickToken } from './revokePick';
import { RevokeFlow, type RevokeOptions } from './revokeToken';
import type { IssuerOp } from './revokeModel';

export { customIssuerRules } from './revokeModel';

export interface RevocationArea extends vscode.Disposable {
  readonly api: RevocationApi & {
    /** Same as RevocationApi.revoke; `policy` names the auto-revoke policy entry that matched (logged). */
    revoke(finding: Finding, where?: CustodyWhere, opts?: RevokeOptions): Promise<void>;
  };
}

export function registerRevocation(core: Core): RevocationArea {
  const access = new IssuerAccess(core);
  const revoker = new RevokeFlow(core, access);
  const checker = new CheckFlow(core, access, revoker);

  const run = (op: IssuerOp) => async (arg?: unknown): Promise<void> => {
    try {
      const picked = await pickToken(core, arg, op);
      if (!picked) return;
      if (op === 'revoke') await revoker.revoke(picked.finding, picked.where);
      else await checker.check(picked.finding, picked.where);
    } catch (e) {
      core.log.error(`${op === 'revoke' ? 'Revoke Token' : 'Check Token'} failed`, e);
      void vscode.window.showErrorMessage(`Token Custody: ${op === 'revoke' ? 'revocation' : 'the check'} failed unexpectedly (see the "Token Custody" output). The token's state is unchanged.`);
    }
  };

  const subscriptions = [
    vscode.commands.registerCommand(CommandId.RevokeToken, run('revoke')),
    vscode.commands.registerCommand(CommandId.CheckToken, run('check')),
  ];

  return {
    api: {
      revoke: (finding, where, opts) => revoker.revoke(finding, where, opts),
      check: (finding, where) => checker.check(finding, where),
    },
    dispose: () => {
      for (const d of subscriptions.splice(0)) d.dispose();
    },
  };
}
