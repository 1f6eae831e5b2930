// Which token a revoke/check command acts on: the finding named by `{ uri, range, fingerprint }`,
// a token seen this window by `{ fingerprint }`, or — with no argument — a quick pick of the tokens
// seen plus "Enter a token…" (a password box whose text is identified by the scanner).

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { fileWhere, type CustodyWhere } from '../../custody/log';
import { createScanner, type Finding } from '../../engine';
import { resolveTarget } from '../../findings/vscode/target';
import type { FindingTarget } from '../../findings/target';
import { customIssuerRules } from '../../issuers/custom';
import { latestWhere, pickRows, type IssuerOp } from '../model';

export interface PickedToken {
  finding: Finding;
  where?: CustodyWhere;
}

interface TokenItem extends vscode.QuickPickItem {
  fingerprint?: string;
  enter?: boolean;
  reason?: string;
}

function title(op: IssuerOp): string {
  return op === 'revoke' ? vscode.l10n.t('Token Custody: Revoke Token') : vscode.l10n.t('Token Custody: Check Whether Token Is Live');
}

function hasTarget(arg: unknown): arg is FindingTarget {
  return typeof arg === 'object' && arg !== null && ('uri' in arg || 'fingerprint' in arg || 'range' in arg);
}

/** The token a command argument names; undefined (after telling the user why) when there is none. */
export async function pickToken(core: Core, arg: unknown, op: IssuerOp): Promise<PickedToken | undefined> {
  if (hasTarget(arg)) return fromTarget(core, arg);
  return fromQuickPick(core, op);
}

function fromTarget(core: Core, arg: FindingTarget): PickedToken | undefined {
  if (arg.uri !== undefined) {
    const t = resolveTarget(core.store, arg);
    if (t) {
      const rel = t.uri.scheme === 'file' ? vscode.workspace.asRelativePath(t.uri, false) : undefined;
      return { finding: t.finding, where: fileWhere(t.uri.toString(), t.finding.range, rel) };
    }
  }
  if (arg.fingerprint) {
    const finding = core.custody.findingFor(arg.fingerprint);
    if (finding) return { finding, where: latestWhere(core.custody.token(arg.fingerprint)?.custody) };
    const known = core.custody.token(arg.fingerprint)?.custody;
    void vscode.window.showInformationMessage(known
      ? vscode.l10n.t('Token Custody: the value of {0} is not known in this window (it is never stored). Open the file where it appears, or use "{1}".', known.redacted, vscode.l10n.t('Enter a token…'))
      : vscode.l10n.t('Token Custody: that token is not known in this window.'));
    return undefined;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: no token there any more (it may have been edited or removed).'));
  return undefined;
}

async function fromQuickPick(core: Core, op: IssuerOp): Promise<PickedToken | undefined> {
  const rows = pickRows(core.custody.tokens().map((t) => t.custody), (fp) => core.custody.findingFor(fp) !== undefined, vscode.l10n.t);
  const items: TokenItem[] = [];
  const actionable = rows.filter((r) => r.actionable);
  const other = rows.filter((r) => !r.actionable);
  if (actionable.length) items.push({ label: vscode.l10n.t('Tokens seen in this window'), kind: vscode.QuickPickItemKind.Separator });
  for (const r of actionable) items.push({ label: `$(key) ${r.label}`, description: r.description, detail: r.detail, fingerprint: r.fingerprint });
  if (other.length) items.push({ label: vscode.l10n.t('Seen earlier (value not kept)'), kind: vscode.QuickPickItemKind.Separator });
  for (const r of other) items.push({ label: `$(circle-slash) ${r.label}`, description: r.description, detail: r.detail, fingerprint: r.fingerprint, reason: r.reason });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(edit) ${vscode.l10n.t('Enter a token…')}`, description: vscode.l10n.t('typed into a password box; identified here, sent only after you confirm'), enter: true });

  const picked = await vscode.window.showQuickPick(items, {
    title: title(op),
    placeHolder: rows.length ? vscode.l10n.t('Pick a token seen, or enter one') : vscode.l10n.t('No tokens seen yet: enter one'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.enter) return enterToken(core, op);
  if (picked.reason) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0}', picked.reason));
    return undefined;
  }
  const finding = picked.fingerprint ? core.custody.findingFor(picked.fingerprint) : undefined;
  if (!finding) return undefined;
  return { finding, where: latestWhere(core.custody.token(finding.fingerprint)?.custody) };
}

async function enterToken(core: Core, op: IssuerOp): Promise<PickedToken | undefined> {
  const text = await vscode.window.showInputBox({
    title: title(op),
    prompt: op === 'revoke'
      ? vscode.l10n.t('Paste the token to revoke. It is identified here and kept in memory only; nothing is sent before you confirm.')
      : vscode.l10n.t('Paste the token to check. It is identified here and kept in memory only; nothing is sent before you confirm.'),
    placeHolder: vscode.l10n.t('token'),
    password: true,
    ignoreFocusOut: true,
  });
  const value = text?.trim();
  if (!value) return undefined;
  const finding = identifyToken(core, value);
  if (!finding) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: this is not a token format Token Custody knows, so it cannot tell which issuer it belongs to. Nothing was sent.'));
    return undefined;
  }
  core.custody.remember(finding);
  return { finding };
}

/** The finding that best covers the typed text: built-in and custom rules, then custom issuers' patterns. */
export function identifyToken(core: Core, value: string): Finding | undefined {
  const best = (found: Finding[]): Finding | undefined => {
    let top: Finding | undefined;
    for (const f of found) if (!top || f.range.end - f.range.start > top.range.end - top.range.start) top = f;
    return top;
  };
  const opts = { inlineIgnore: false };
  const found = best(core.scanners.scanner.scan(value, opts));
  if (found) return found;
  const rules = customIssuerRules(core.settings().issuers);
  return rules.length ? best(createScanner(rules).scanner.scan(value, opts).filter((f) => f.ruleId.startsWith('custom-issuer-'))) : undefined;
}
