// Hover over a finding: token type, issuer, validation, decoded metadata, fingerprint, owner,
// classification, and command links to act on it.

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { issuerName } from '../../engine/issuerNames';
import { CommandId } from '../../commandIds';
import { classify } from '../../custody/classify';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { uiLocale } from '../../util/vscode/l10n';
import { targetArg } from '../../findings/vscode/target';
import type { MaskingService } from './masking';

/** The hover's label of a metadata key, in the user's language (undefined: the key itself). */
function metadataLabel(key: string): string | undefined {
  const t = vscode.l10n.t;
  switch (key) {
    case 'iss': return t('Issuer (iss)');
    case 'aud': return t('Audience (aud)');
    case 'sub': return t('Subject (sub)');
    case 'expiresAt': return t('Expires');
    case 'azp': return t('Authorized party');
    case 'scope': return t('Scope');
    case 'scp': return t('Scopes');
    case 'client_id': return t('Client id');
    case 'owner': return t('Owner');
    case 'account': return t('AWS account');
    case 'accessKeyId': return t('Access key id');
    case 'keyType': return t('Key type');
    case 'tokenType': return t('Token type');
    case 'username': return t('User name');
    case 'host': return t('Host');
    case 'scheme': return t('Scheme');
    case 'location': return t('Location');
    case 'encoding': return t('Encoding');
    case 'container': return t('Found inside');
    case 'instance': return t('Instance');
    default: return undefined;
  }
}
const HIDDEN_METADATA = new Set(['exp', 'iat', 'nbf', 'pairedWith']);

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function commandLink(title: string, id: string, arg: unknown, tooltip?: string): string {
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([arg]))}${tooltip ? ` "${tooltip.replace(/["\\]/g, '\\$&')}"` : ''})`;
}

export const HOVER_COMMANDS = [CommandId.RevealTokens, CommandId.MaskTokens, CommandId.MoveToKeychain, CommandId.RevokeToken, CommandId.CheckToken, CommandId.IgnoreToken];

/**
 * Which actions on a token this window has: `keychain` (Move to keychain) and `issuer` (Revoke, Check)
 * are areas the browser build does not register, so its hover and Quick Fixes leave them out.
 */
export interface TokenActions {
  keychain: boolean;
  issuer: boolean;
}

const ALL_ACTIONS: TokenActions = { keychain: true, issuer: true };

export function findingHover(uri: vscode.Uri, f: Finding, owner: string | undefined, masked: boolean, actions: TokenActions = ALL_ACTIONS): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportThemeIcons = true;
  md.appendMarkdown(`$(shield) **${esc(f.name)}** — ${esc(issuerName(f.issuer))}\n\n`);
  md.appendMarkdown(`\`${f.redacted}\` · ${esc(f.validation.detail)} · ${esc(vscode.l10n.t('confidence {0}', f.confidence))}\n\n`);
  const c = classify(f, { now: new Date(), locale: uiLocale() });
  md.appendMarkdown(`${esc(c.summary)}\n\n`);
  const rows: string[] = [];
  for (const [k, v] of Object.entries(f.metadata)) {
    if (HIDDEN_METADATA.has(k)) continue;
    rows.push(`| ${esc(metadataLabel(k) ?? k)} | ${esc(String(v))} |`);
  }
  if (owner) rows.push(`| ${esc(vscode.l10n.t('Owner'))} | ${esc(owner)} |`);
  rows.push(`| ${esc(vscode.l10n.t('Fingerprint'))} | \`${f.fingerprint}\` |`);
  md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n\n`);
  const arg = targetArg(uri, f);
  const t = vscode.l10n.t;
  const links = [
    masked
      ? commandLink(`$(eye) ${esc(t('Reveal'))}`, CommandId.RevealTokens, { uri: uri.toString() }, t('Show the tokens of this editor for a while'))
      : commandLink(`$(eye-closed) ${esc(t('Mask'))}`, CommandId.MaskTokens, { uri: uri.toString() }),
    ...(actions.keychain ? [commandLink(`$(key) ${esc(t('Move to keychain'))}`, CommandId.MoveToKeychain, arg, t('Store the token in the keychain and put a reference here'))] : []),
    ...(actions.issuer
      ? [
          commandLink(`$(circle-slash) ${esc(t('Revoke…'))}`, CommandId.RevokeToken, arg, t('Revoke the token at its issuer (asks first)')),
          commandLink(`$(pulse) ${esc(t('Check…'))}`, CommandId.CheckToken, arg, t('Ask the issuer whether the token is live (asks first)')),
        ]
      : []),
    commandLink(`$(mute) ${esc(t('Ignore…'))}`, CommandId.IgnoreToken, arg),
  ];
  md.appendMarkdown(links.join(' · '));
  if (!actions.keychain || !actions.issuer) md.appendMarkdown(`\n\n${esc(vscode.l10n.t('Moving to the keychain, revoking and checking at the issuer need VS Code desktop.'))}`);
  return md;
}

export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: FindingStore, private readonly masking: MaskingService, private readonly ownerOf: (f: Finding) => string | undefined, private readonly actions: () => TokenActions = () => ALL_ACTIONS) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const f = this.store.findingAt(document.uri, offset);
    if (!f) return undefined;
    const range = new vscode.Range(f.range.startLine, f.range.startCol, f.range.endLine, f.range.endCol);
    return new vscode.Hover(findingHover(document.uri, f, this.ownerOf(f), this.masking.isMasked(document.uri), this.actions()), range);
  }
}
