// Quick Fixes on Token Custody diagnostics: move to keychain, revoke, check (where this window has
// those areas: not in the browser build), ignore (line / everywhere).

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { issuerName } from '../../engine/issuerNames';
import { CommandId } from '../../commandIds';
import { DIAGNOSTIC_SOURCE } from '../../findings/vscode/diagnostic';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { targetArg } from '../../findings/vscode/target';
import { NO_COMMENT_LANGUAGES } from '../../findings/comments';
import type { TokenActions } from './hover';

function short(f: Finding): string {
  return `${f.name} ${f.redacted}`;
}

export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: FindingStore, private readonly actions: () => TokenActions = () => ({ keychain: true, issuer: true })) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const s = document.offsetAt(d.range.start);
      const e = document.offsetAt(d.range.end);
      const f = this.store.findingWithRange(document.uri, s, e);
      if (!f) continue;
      const arg = targetArg(document.uri, f);
      const add = (title: string, command: string, args: unknown, preferred = false): void => {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.command = { title, command, arguments: [args] };
        a.isPreferred = preferred;
        out.push(a);
      };
      const { keychain, issuer } = this.actions();
      if (keychain) add(vscode.l10n.t('Move {0} to keychain', short(f)), CommandId.MoveToKeychain, arg, true);
      if (issuer && f.revocation !== 'none') add(vscode.l10n.t('Revoke {0} at {1}…', short(f), issuerName(f.issuer)), CommandId.RevokeToken, arg);
      if (issuer) add(vscode.l10n.t('Check whether {0} is live…', short(f)), CommandId.CheckToken, arg);
      if (!NO_COMMENT_LANGUAGES.has(document.languageId)) add(vscode.l10n.t('Ignore this occurrence (inline comment)'), CommandId.IgnoreToken, { ...arg, how: 'line' });
      add(vscode.l10n.t('Ignore {0} everywhere ({1})', f.redacted, '.tokencustodyignore'), CommandId.IgnoreToken, { ...arg, how: 'everywhere' });
    }
    return out;
  }
}
