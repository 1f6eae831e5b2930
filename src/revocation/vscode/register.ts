// Revocation area: `tokenCustody.revokeToken` and `tokenCustody.checkToken`, and the RevocationApi
// other areas use (the custody area's auto-revoke policy calls `revoke(…, { automatic: true })`).
// A token goes only to its own issuer's endpoint, taken from user/machine settings, over HTTPS
// (HTTP only to loopback), after a modal naming the host — or under the explicit auto-revoke policy.

import * as vscode from 'vscode';
import type { Core, RevocationApi } from '../../core';
import type { CustodyWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { loadBundle } from '../../util/lazy';
import { CommandId } from '../../commandIds';
import type { RevocationImpl } from './impl';
import type { RevokeOptions } from './revokeFlow';


export interface RevocationArea extends vscode.Disposable {
  readonly api: RevocationApi & {
    /** Same as RevocationApi.revoke; `policy` names the auto-revoke policy entry that matched (logged). */
    revoke(finding: Finding, where?: CustodyWhere, opts?: RevokeOptions): Promise<void>;
  };
}

/**
 * Registers the commands now and loads the flows on first use, from their own bundle next to this
 * one (dist/revocation.js, built by scripts/build.mjs from src/revocation/vscode/impl.ts).
 */
export function registerRevocation(core: Core, load: () => typeof import('./impl') = loadImpl): RevocationArea {
  let impl: RevocationImpl | undefined;
  const get = (): RevocationImpl => (impl ??= load().createRevocation(core));
  const subscriptions = [
    vscode.commands.registerCommand(CommandId.RevokeToken, (arg?: unknown) => get().run('revoke', arg)),
    vscode.commands.registerCommand(CommandId.CheckToken, (arg?: unknown) => get().run('check', arg)),
  ];
  return {
    api: {
      revoke: (finding, where, opts) => get().revoke(finding, where, opts),
      check: (finding, where) => get().check(finding, where),
    },
    dispose: () => {
      for (const d of subscriptions.splice(0)) d.dispose();
    },
  };
}

/** The flows' bundle, next to dist/extension.js (a computed path: esbuild leaves it alone). */
function loadImpl(): typeof import('./impl') {
  return loadBundle<typeof import('./impl')>('revocation.js');
}
