// Hover over a finding: token type, issuer, validation, decoded metadata, fingerprint, owner,
// classification, and command links to act on it.

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { issuerName } from '../../engine/issuerNames';
import { CommandId } from '../../commandIds';
import { classify } from '../../custody/classify';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { targetArg } from '../../findings/vscode/target';
import type { MaskingService } from './masking';

const METADATA_LABELS: Record<string, string> = {
  iss: 'Issuer (iss)', aud: 'Audience (aud)', sub: 'Subject (sub)', expiresAt: 'Expires', azp: 'Authorized party', scope: 'Scope', scp: 'Scopes',
  client_id: 'Client id', owner: 'Owner', account: 'AWS account', accessKeyId: 'Access key id', keyType: 'Key type', tokenType: 'Token type',
  username: 'User name', host: 'Host', scheme: 'Scheme', location: 'Location', encoding: 'Encoding', container: 'Found inside', instance: 'Instance',
};
const HIDDEN_METADATA = new Set(['exp', 'iat', 'nbf', 'pairedWith']);

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function commandLink(title: string, id: string, arg: unknown, tooltip?: string): string {
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([arg]))}${tooltip ? ` "${tooltip}"` : ''})`;
}

export const HOVER_COMMANDS = [CommandId.RevealTokens, CommandId.MaskTokens, CommandId.MoveToKeychain, CommandId.RevokeToken, CommandId.CheckToken, CommandId.IgnoreToken];

export function findingHover(uri: vscode.Uri, f: Finding, owner: string | undefined, masked: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportThemeIcons = true;
  md.appendMarkdown(`$(shield) **${esc(f.name)}** — ${esc(issuerName(f.issuer))}\n\n`);
  md.appendMarkdown(`\`${f.redacted}\` · ${esc(f.validation.detail)} · confidence ${f.confidence}\n\n`);
  const c = classify(f, { now: new Date() });
  md.appendMarkdown(`${esc(c.summary)}\n\n`);
  const rows: string[] = [];
  for (const [k, v] of Object.entries(f.metadata)) {
    if (HIDDEN_METADATA.has(k)) continue;
    rows.push(`| ${esc(METADATA_LABELS[k] ?? k)} | ${esc(String(v))} |`);
  }
  if (owner) rows.push(`| Owner | ${esc(owner)} |`);
  rows.push(`| Fingerprint | \`${f.fingerprint}\` |`);
  md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n\n`);
  const arg = targetArg(uri, f);
  const links = [
    masked ? commandLink('$(eye) Reveal', CommandId.RevealTokens, { uri: uri.toString() }, 'Show the tokens of this editor for a while') : commandLink('$(eye-closed) Mask', CommandId.MaskTokens, { uri: uri.toString() }),
    commandLink('$(key) Move to keychain', CommandId.MoveToKeychain, arg, 'Store the token in the keychain and put a reference here'),
    commandLink('$(circle-slash) Revoke…', CommandId.RevokeToken, arg, 'Revoke the token at its issuer (asks first)'),
    commandLink('$(pulse) Check…', CommandId.CheckToken, arg, 'Ask the issuer whether the token is live (asks first)'),
    commandLink('$(mute) Ignore…', CommandId.IgnoreToken, arg),
  ];
  md.appendMarkdown(links.join(' · '));
  return md;
}

export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: FindingStore, private readonly masking: MaskingService, private readonly ownerOf: (f: Finding) => string | undefined) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const offset = document.offsetAt(position);
    const f = this.store.findingAt(document.uri, offset);
    if (!f) return undefined;
    const range = new vscode.Range(f.range.startLine, f.range.startCol, f.range.endLine, f.range.endCol);
    return new vscode.Hover(findingHover(document.uri, f, this.ownerOf(f), this.masking.isMasked(document.uri)), range);
  }
}
