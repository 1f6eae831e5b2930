// Hover and CodeLens on keychain references (`keychain://token-custody/NAME`,
// `vscode-secret://token-custody/NAME`, `$(token-custody secret get NAME)`) in any file: backend,
// name, token type, issuer and fingerprint of the stored value (never the value), and the actions
// Copy value, Insert into terminal, Revoke, Delete from keychain, Restore value into the file.

import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import type { Core } from '../../core';
import { fileWhere } from '../../custody/log';
import { issuerName } from '../../engine/issuerNames';
import { errorMessage } from '../backend';
import { type DocumentReference, findDocumentReferences, relocateReference } from '../documentRefs';
import type { ReferenceScheme } from '../reference';
import { type Inspection, type VaultService, backendLabel } from './service';
import { terminalInsertRefusal } from '../terminalText';

const LINK_COMMANDS = [CommandId.VaultCopyValue, CommandId.VaultInsertIntoTerminal, CommandId.VaultRevokeStored, CommandId.VaultDeleteStored, CommandId.VaultRestoreValue];

/** JSON-safe argument naming a reference in a document. */
export interface ReferenceArg {
  uri: string;
  scheme: ReferenceScheme;
  name: string;
  start: number;
  text: string;
}

function refArg(uri: vscode.Uri, r: DocumentReference): ReferenceArg {
  return { uri: uri.toString(), scheme: r.scheme, name: r.name, start: r.start, text: r.text };
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function link(title: string, id: string, arg: ReferenceArg, tooltip: string): string {
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([arg]))} "${tooltip}")`;
}

/** Documents larger than this get no CodeLenses (the editor area skips them too). */
function tooLarge(core: Core, document: vscode.TextDocument): boolean {
  return document.getText().length > core.settings().maxFileSizeMB * 1024 * 1024;
}

export function referenceHover(vault: VaultService, uri: vscode.Uri, r: DocumentReference, i: Inspection): vscode.MarkdownString {
  const backend = vault.backendForScheme(r.scheme);
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: LINK_COMMANDS };
  md.supportThemeIcons = true;
  md.appendMarkdown(`$(key) **Keychain reference** \`${r.name}\` — ${esc(backendLabel(backend))}\n\n`);
  const rows: string[] = [`| Name | \`${r.name}\` |`, `| Stored in | ${esc(backendLabel(backend))} |`];
  if (i.state === 'stored') {
    if (i.finding) {
      rows.push(`| Token | ${esc(i.finding.name)} |`, `| Issuer | ${esc(issuerName(i.finding.issuer))} |`);
    } else {
      rows.push('| Token | not a recognised token type |');
    }
    rows.push(`| Value | \`${i.redacted}\` |`, `| Fingerprint | \`${i.fingerprint}\` |`);
  } else if (i.state === 'missing') {
    rows.push(`| Value | **not found**: nothing is stored under this name, so the reference does not resolve |`);
  } else {
    rows.push(`| Value | could not be read: ${esc(i.message)} |`);
  }
  md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n\n`);
  if (i.state === 'stored') {
    const arg = refArg(uri, r);
    const links = [
      link('$(copy) Copy value', CommandId.VaultCopyValue, arg, 'Copy the secret to the clipboard'),
      link('$(terminal) Insert into terminal', CommandId.VaultInsertIntoTerminal, arg, 'Type the secret into the active terminal (asks first)'),
      link('$(circle-slash) Revoke…', CommandId.VaultRevokeStored, arg, 'Revoke the token at its issuer (asks first)'),
      link('$(trash) Delete from keychain…', CommandId.VaultDeleteStored, arg, 'Delete the stored secret (asks first)'),
      link('$(discard) Restore value into the file', CommandId.VaultRestoreValue, arg, 'Replace this reference by the secret again (undoable)'),
    ];
    md.appendMarkdown(links.join(' · '));
  }
  return md;
}

export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(private readonly vault: VaultService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const r = findDocumentReferences(line).find((x) => x.start <= position.character && position.character <= x.end);
    if (!r) return undefined;
    const lineStart = document.offsetAt(new vscode.Position(position.line, 0));
    const abs: DocumentReference = { ...r, start: r.start + lineStart, end: r.end + lineStart };
    const i = await this.vault.inspect(r.scheme, r.name);
    return new vscode.Hover(referenceHover(this.vault, document.uri, abs, i), new vscode.Range(position.line, r.start, position.line, r.end));
  }
}

class InfoLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly arg: ReferenceArg) {
    super(range);
  }
}

export class ReferenceCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly core: Core, private readonly vault: VaultService) {
    this.onDidChangeCodeLenses = vault.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (tooLarge(this.core, document)) return [];
    const text = document.getText();
    if (!text.includes('token-custody')) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const r of findDocumentReferences(text).slice(0, 500)) {
      const range = new vscode.Range(document.positionAt(r.start), document.positionAt(r.end));
      const arg = refArg(document.uri, r);
      lenses.push(new InfoLens(range, arg));
      const action = (title: string, command: string, tooltip: string): void => {
        lenses.push(new vscode.CodeLens(range, { title, command, tooltip, arguments: [arg] }));
      };
      action('Copy value', CommandId.VaultCopyValue, 'Copy the secret to the clipboard');
      action('Insert into terminal', CommandId.VaultInsertIntoTerminal, 'Type the secret into the active terminal (asks first)');
      action('Revoke…', CommandId.VaultRevokeStored, 'Revoke the token at its issuer (asks first)');
      action('Delete…', CommandId.VaultDeleteStored, 'Delete the stored secret (asks first)');
      action('Restore value', CommandId.VaultRestoreValue, 'Replace this reference by the secret again (undoable)');
    }
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof InfoLens)) return lens;
    const { scheme, name } = lens.arg;
    const backend = this.vault.backendForScheme(scheme);
    const i = await this.vault.inspect(scheme, name);
    const where = backend.id === 'keychain' ? 'keychain' : 'SecretStorage';
    const title =
      i.state === 'stored'
        ? `$(key) ${where} · ${name} · ${i.finding ? `${i.finding.name} · ${issuerName(i.finding.issuer)}` : 'secret'} · ${i.fingerprint}`
        : i.state === 'missing'
          ? `$(warning) ${where} · ${name} · not found`
          : `$(warning) ${where} · ${name} · unreadable`;
    lens.command = { title, command: CommandId.VaultReferenceActions, arguments: [lens.arg], tooltip: i.state === 'error' ? i.message : `Stored in ${backendLabel(backend)}` };
    return lens;
  }
}

/** The commands behind the links and lenses. */
export function registerReferenceCommands(core: Core, vault: VaultService): vscode.Disposable[] {
  const readValue = async (arg: ReferenceArg): Promise<string | undefined> => {
    const backend = vault.backendForScheme(arg.scheme);
    try {
      const value = await backend.get(arg.name);
      if (value === undefined) void vscode.window.showErrorMessage(`Token Custody: nothing is stored as "${arg.name}" in ${backendLabel(backend)}.`);
      return value;
    } catch (err) {
      void vscode.window.showErrorMessage(`Token Custody: could not read "${arg.name}" from ${backendLabel(backend)}: ${errorMessage(err)}`);
      return undefined;
    }
  };
  const label = async (arg: ReferenceArg): Promise<string> => {
    const i = await vault.inspect(arg.scheme, arg.name);
    return `"${arg.name}"${i.state === 'stored' ? ` (${vault.describe(i)})` : ''}`;
  };

  const copy = async (arg: ReferenceArg): Promise<void> => {
    const value = await readValue(arg);
    if (value === undefined) return;
    await vscode.env.clipboard.writeText(value);
    void vscode.window.showWarningMessage(`Token Custody: the clipboard now holds the secret ${await label(arg)}. Paste it only where it is needed, then copy something else.`);
  };

  const insert = async (arg: ReferenceArg): Promise<void> => {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) return void vscode.window.showInformationMessage('Token Custody: open a terminal first; the secret is typed into the active terminal.');
    const choice = await vscode.window.showWarningMessage(
      `Insert the secret ${await label(arg)} into the terminal "${terminal.name}"?`,
      { modal: true, detail: 'It is typed at the prompt without Enter. It will be visible in the terminal and may end up in the shell history.' },
      'Insert',
    );
    if (choice !== 'Insert') return;
    const value = await readValue(arg);
    if (value === undefined) return;
    const refusal = terminalInsertRefusal(value);
    if (refusal) return void vscode.window.showErrorMessage(`Token Custody: the secret "${arg.name}" was not inserted: ${refusal}`);
    terminal.show(false);
    terminal.sendText(value, false);
  };

  const revoke = async (arg: ReferenceArg): Promise<void> => {
    const i = await vault.inspect(arg.scheme, arg.name);
    if (i.state !== 'stored') return void vscode.window.showErrorMessage(`Token Custody: "${arg.name}" could not be read, so it cannot be revoked.`);
    if (!i.finding) return void vscode.window.showInformationMessage(`Token Custody: the secret "${arg.name}" is not a token type Token Custody knows; revoke it where it was issued.`);
    const revocation = core.areas.revocation;
    if (!revocation) return void vscode.window.showErrorMessage('Token Custody: revocation is not available in this window.');
    await revocation.revoke(i.finding, fileWhere(arg.uri));
  };

  const del = async (arg: ReferenceArg): Promise<void> => {
    const backend = vault.backendForScheme(arg.scheme);
    const choice = await vscode.window.showWarningMessage(
      `Delete the secret ${await label(arg)} from ${backendLabel(backend)}?`,
      { modal: true, detail: 'Every reference to it stops resolving. Deleting does not revoke the token: it stays valid at its issuer until it is revoked.' },
      'Delete',
    );
    if (choice !== 'Delete') return;
    try {
      const existed = await backend.delete(arg.name);
      void vscode.window.showInformationMessage(existed ? `Token Custody: deleted "${arg.name}" from ${backendLabel(backend)}.` : `Token Custody: nothing was stored as "${arg.name}" in ${backendLabel(backend)}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Token Custody: could not delete "${arg.name}": ${errorMessage(err)}`);
    } finally {
      vault.invalidate(arg.scheme, arg.name);
    }
  };

  const restore = async (arg: ReferenceArg): Promise<boolean> => {
    const uri = vscode.Uri.parse(arg.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const value = await readValue(arg);
    if (value === undefined) return false;
    const r = relocateReference(document.getText(), arg);
    if (!r) {
      void vscode.window.showErrorMessage(`Token Custody: the reference to "${arg.name}" is no longer in ${vscode.workspace.asRelativePath(uri, false)}.`);
      return false;
    }
    const we = new vscode.WorkspaceEdit();
    we.replace(uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), value);
    const ok = await vscode.workspace.applyEdit(we);
    if (!ok) void vscode.window.showErrorMessage(`Token Custody: could not edit ${vscode.workspace.asRelativePath(uri, false)}; the reference is unchanged.`);
    return ok;
  };

  const actions = async (arg: ReferenceArg): Promise<void> => {
    const items: (vscode.QuickPickItem & { run: (a: ReferenceArg) => Promise<unknown> })[] = [
      { label: '$(copy) Copy value', description: 'to the clipboard', run: copy },
      { label: '$(terminal) Insert into terminal', description: 'asks first', run: insert },
      { label: '$(circle-slash) Revoke…', description: 'at its issuer, asks first', run: revoke },
      { label: '$(trash) Delete from keychain…', description: 'asks first', run: del },
      { label: '$(discard) Restore value into the file', description: 'undoable', run: restore },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Keychain reference ${arg.name}: ${await label(arg)}` });
    if (pick) await pick.run(arg);
  };

  return [
    vscode.commands.registerCommand(CommandId.VaultReferenceActions, actions),
    vscode.commands.registerCommand(CommandId.VaultCopyValue, copy),
    vscode.commands.registerCommand(CommandId.VaultInsertIntoTerminal, insert),
    vscode.commands.registerCommand(CommandId.VaultRevokeStored, revoke),
    vscode.commands.registerCommand(CommandId.VaultDeleteStored, del),
    vscode.commands.registerCommand(CommandId.VaultRestoreValue, restore),
  ];
}
