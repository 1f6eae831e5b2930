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
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([arg]))} "${tooltip.replace(/["\\]/g, '\\$&')}")`;
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
  md.appendMarkdown(`$(key) **${esc(vscode.l10n.t('Keychain reference'))}** \`${r.name}\` — ${esc(backendLabel(backend))}\n\n`);
  const row = (name: string, value: string): string => `| ${esc(name)} | ${value} |`;
  const rows: string[] = [row(vscode.l10n.t('Name'), `\`${r.name}\``), row(vscode.l10n.t('Stored in'), esc(backendLabel(backend)))];
  if (i.state === 'stored') {
    if (i.finding) {
      rows.push(row(vscode.l10n.t('Token'), esc(i.finding.name)), row(vscode.l10n.t('Issuer'), esc(issuerName(i.finding.issuer))));
    } else {
      rows.push(row(vscode.l10n.t('Token'), esc(vscode.l10n.t('not a recognised token type'))));
    }
    rows.push(row(vscode.l10n.t('Value'), `\`${i.redacted}\``), row(vscode.l10n.t('Fingerprint'), `\`${i.fingerprint}\``));
  } else if (i.state === 'missing') {
    rows.push(row(vscode.l10n.t('Value'), `**${esc(vscode.l10n.t('not found'))}**: ${esc(vscode.l10n.t('nothing is stored under this name, so the reference does not resolve'))}`));
  } else {
    rows.push(row(vscode.l10n.t('Value'), esc(vscode.l10n.t('could not be read: {0}', i.message))));
  }
  md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n\n`);
  if (i.state === 'stored') {
    const arg = refArg(uri, r);
    const links = [
      link(`$(copy) ${esc(vscode.l10n.t('Copy value'))}`, CommandId.VaultCopyValue, arg, vscode.l10n.t('Copy the secret to the clipboard')),
      link(`$(terminal) ${esc(vscode.l10n.t('Insert into terminal'))}`, CommandId.VaultInsertIntoTerminal, arg, vscode.l10n.t('Type the secret into the active terminal (asks first)')),
      link(`$(circle-slash) ${esc(vscode.l10n.t('Revoke…'))}`, CommandId.VaultRevokeStored, arg, vscode.l10n.t('Revoke the token at its issuer (asks first)')),
      link(`$(trash) ${esc(vscode.l10n.t('Delete from keychain…'))}`, CommandId.VaultDeleteStored, arg, vscode.l10n.t('Delete the stored secret (asks first)')),
      link(`$(discard) ${esc(vscode.l10n.t('Restore value into the file'))}`, CommandId.VaultRestoreValue, arg, vscode.l10n.t('Replace this reference by the secret again (undoable)')),
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
      action(vscode.l10n.t('Copy value'), CommandId.VaultCopyValue, vscode.l10n.t('Copy the secret to the clipboard'));
      action(vscode.l10n.t('Insert into terminal'), CommandId.VaultInsertIntoTerminal, vscode.l10n.t('Type the secret into the active terminal (asks first)'));
      action(vscode.l10n.t('Revoke…'), CommandId.VaultRevokeStored, vscode.l10n.t('Revoke the token at its issuer (asks first)'));
      action(vscode.l10n.t('Delete…'), CommandId.VaultDeleteStored, vscode.l10n.t('Delete the stored secret (asks first)'));
      action(vscode.l10n.t('Restore value'), CommandId.VaultRestoreValue, vscode.l10n.t('Replace this reference by the secret again (undoable)'));
    }
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof InfoLens)) return lens;
    const { scheme, name } = lens.arg;
    const backend = this.vault.backendForScheme(scheme);
    const i = await this.vault.inspect(scheme, name);
    const where = backend.id === 'keychain' ? vscode.l10n.t('keychain') : 'SecretStorage';
    const title =
      i.state === 'stored'
        ? `$(key) ${where} · ${name} · ${i.finding ? `${i.finding.name} · ${issuerName(i.finding.issuer)}` : vscode.l10n.t('secret')} · ${i.fingerprint}`
        : i.state === 'missing'
          ? `$(warning) ${where} · ${name} · ${vscode.l10n.t('not found')}`
          : `$(warning) ${where} · ${name} · ${vscode.l10n.t('unreadable')}`;
    lens.command = { title, command: CommandId.VaultReferenceActions, arguments: [lens.arg], tooltip: i.state === 'error' ? i.message : vscode.l10n.t('Stored in {0}', backendLabel(backend)) };
    return lens;
  }
}

/** The commands behind the links and lenses. */
export function registerReferenceCommands(core: Core, vault: VaultService): vscode.Disposable[] {
  const readValue = async (arg: ReferenceArg): Promise<string | undefined> => {
    const backend = vault.backendForScheme(arg.scheme);
    try {
      const value = await backend.get(arg.name);
      if (value === undefined) void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: nothing is stored as "{0}" in {1}.', arg.name, backendLabel(backend)));
      return value;
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not read "{0}" from {1}: {2}', arg.name, backendLabel(backend), errorMessage(err)));
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
    void vscode.window.showWarningMessage(vscode.l10n.t('Token Custody: the clipboard now holds the secret {0}. Paste it only where it is needed, then copy something else.', await label(arg)));
  };

  const insert = async (arg: ReferenceArg): Promise<void> => {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: open a terminal first; the secret is typed into the active terminal.'));
    const insertButton = vscode.l10n.t('Insert');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Insert the secret {0} into the terminal "{1}"?', await label(arg), terminal.name),
      { modal: true, detail: vscode.l10n.t('It is typed at the prompt without Enter. It will be visible in the terminal and may end up in the shell history.') },
      insertButton,
    );
    if (choice !== insertButton) return;
    const value = await readValue(arg);
    if (value === undefined) return;
    const refusal = terminalInsertRefusal(value, vscode.l10n.t);
    if (refusal) return void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: the secret "{0}" was not inserted: {1}', arg.name, refusal));
    terminal.show(false);
    terminal.sendText(value, false);
  };

  const revoke = async (arg: ReferenceArg): Promise<void> => {
    const i = await vault.inspect(arg.scheme, arg.name);
    if (i.state !== 'stored') return void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: "{0}" could not be read, so it cannot be revoked.', arg.name));
    if (!i.finding) return void vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: the secret "{0}" is not a token type Token Custody knows; revoke it where it was issued.', arg.name));
    const revocation = core.areas.revocation;
    if (!revocation) return void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: revocation is not available in this window.'));
    await revocation.revoke(i.finding, fileWhere(arg.uri));
  };

  const del = async (arg: ReferenceArg): Promise<void> => {
    const backend = vault.backendForScheme(arg.scheme);
    const deleteButton = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the secret {0} from {1}?', await label(arg), backendLabel(backend)),
      { modal: true, detail: vscode.l10n.t('Every reference to it stops resolving. Deleting does not revoke the token: it stays valid at its issuer until it is revoked.') },
      deleteButton,
    );
    if (choice !== deleteButton) return;
    try {
      const existed = await backend.delete(arg.name);
      void vscode.window.showInformationMessage(existed ? vscode.l10n.t('Token Custody: deleted "{0}" from {1}.', arg.name, backendLabel(backend)) : vscode.l10n.t('Token Custody: nothing was stored as "{0}" in {1}.', arg.name, backendLabel(backend)));
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not delete "{0}": {1}', arg.name, errorMessage(err)));
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
      void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: the reference to "{0}" is no longer in {1}.', arg.name, vscode.workspace.asRelativePath(uri, false)));
      return false;
    }
    const we = new vscode.WorkspaceEdit();
    we.replace(uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), value);
    const ok = await vscode.workspace.applyEdit(we);
    if (!ok) void vscode.window.showErrorMessage(vscode.l10n.t('Token Custody: could not edit {0}; the reference is unchanged.', vscode.workspace.asRelativePath(uri, false)));
    return ok;
  };

  const actions = async (arg: ReferenceArg): Promise<void> => {
    const items: (vscode.QuickPickItem & { run: (a: ReferenceArg) => Promise<unknown> })[] = [
      { label: `$(copy) ${vscode.l10n.t('Copy value')}`, description: vscode.l10n.t('to the clipboard'), run: copy },
      { label: `$(terminal) ${vscode.l10n.t('Insert into terminal')}`, description: vscode.l10n.t('asks first'), run: insert },
      { label: `$(circle-slash) ${vscode.l10n.t('Revoke…')}`, description: vscode.l10n.t('at its issuer, asks first'), run: revoke },
      { label: `$(trash) ${vscode.l10n.t('Delete from keychain…')}`, description: vscode.l10n.t('asks first'), run: del },
      { label: `$(discard) ${vscode.l10n.t('Restore value into the file')}`, description: vscode.l10n.t('undoable'), run: restore },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Keychain reference {0}: {1}', arg.name, await label(arg)) });
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
