// Keychain-backed references in a real VS Code: Move Token to Keychain (with the fallback offer when
// no OS keychain is reachable — the harness starts no Secret Service), the reference's hover and
// CodeLens, undo, Open Terminal with Keychain Secrets, Restore, Delete, and that no file the
// extension writes holds the token.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import type { VaultAreaApi } from '../../../src/vault/vscode/register';
import { githubToken } from '../../support/fakes';
import * as channel from './channel';
import { acceptSecretStorageFallback, activateTokenCustody, deleteStoredSecret, filesContaining, userDataDir } from './keychainFixture';

const NAME = 'GITHUB_TOKEN';
const REFERENCE = `vscode-secret://token-custody/${NAME}`;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function tokenCustodyDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Token Custody');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('vault: keychain-backed references', function () {
  let api: TokenCustodyApi;
  let vault: VaultAreaApi;
  let token: string;
  let doc: vscode.TextDocument;
  let fingerprint: string;
  const envPath = (): string => path.join(channel.workspacePath(), '.env');
  /** Replaces the whole text of an open document (an edit in its buffer, not saved). */
  async function setText(d: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(d.uri, new vscode.Range(d.positionAt(0), d.positionAt(d.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  /** The workspace .env once its token was moved: the line holds the reference. */
  const referenceText = `# app settings\n${NAME}=${REFERENCE}\nDEBUG=1\n`;

  /**
   * The state the Move test leaves behind, established by the tests that need it (a --grep such as
   * "terminal" runs them without the Move test): GITHUB_TOKEN stored in SecretStorage, the workspace
   * .env saved with its reference, open in `doc`, and `fingerprint`. After the Move test it is already so.
   */
  async function useStoredReference(): Promise<void> {
    await vault.backendForScheme('vscode-secret').set(NAME, token);
    const finding = api.core.scanners.scanner.scan(`${NAME}=${token}`)[0];
    assert.ok(finding, 'the fixture token is detected');
    fingerprint = finding.fingerprint;
    if (!fs.existsSync(envPath())) fs.writeFileSync(envPath(), referenceText);
    doc = await vscode.workspace.openTextDocument(envPath());
    if (doc.getText() !== referenceText) await setText(doc, referenceText);
    if (doc.isDirty) assert.ok(await doc.save());
    await vscode.window.showTextDocument(doc);
  }

  before(async function () {
    if (!channel.realWorkbench()) this.skip(); // the fallback offer and Delete are modal dialogs
    api = await activateTokenCustody();
    vault = api.core.areas.vault as VaultAreaApi;
    assert.ok(vault, 'the vault area published its API');
    await vscode.workspace.getConfiguration('tokenCustody').update('vault.backend', 'auto', vscode.ConfigurationTarget.Global);
    token = githubToken('ghp');
  });

  after(async function () {
    if (!api) return;
    await vscode.workspace.getConfiguration('tokenCustody').update('vault.backend', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    // Nothing for the suites after this one: the secret (when Delete did not run) and the .env with its reference.
    await vault.backendForScheme('vscode-secret').delete(NAME);
    fs.rmSync(envPath(), { force: true });
  });

  /** Set by moveTokenToKeychain(): the Move's edit (token → reference) is on `doc`'s undo stack. */
  let movedInDoc = false;

  /**
   * The Move test's steps: the workspace .env with the token, Move to keychain at it, the fallback offer
   * accepted (`checkDialog` sees the dialog first) and the prefilled name taken. Also run by the undo
   * test when the Move test did not run before it (a --grep such as "undo").
   */
  async function moveTokenToKeychain(checkDialog?: (dialog: channel.DialogInfo) => void): Promise<void> {
    const text = `# app settings\n${NAME}=${token}\nDEBUG=1\n`;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === envPath());
    if (open) {
      // Already open (a test before this one): edit the buffer, as a write under it would reach it later.
      await setText(open, text);
      assert.ok(await open.save());
    } else fs.writeFileSync(envPath(), text);
    await vault.backendForScheme('vscode-secret').delete(NAME); // (stored by a test before this one)
    doc = await vscode.workspace.openTextDocument(envPath());
    await vscode.window.showTextDocument(doc);
    const finding = await channel.waitFor(() => api.core.store.findings(doc.uri)[0], 'the fake GitHub token to be detected', 20_000);
    fingerprint = finding.fingerprint;
    await channel.waitFor(() => tokenCustodyDiagnostics(doc.uri).length === 1, 'a Token Custody diagnostic');
    const range = new vscode.Range(finding.range.startLine, finding.range.startCol, finding.range.endLine, finding.range.endCol);

    const moved = vscode.commands.executeCommand<boolean>('tokenCustody.moveToKeychain', { uri: doc.uri, range });
    // No Secret Service on the session bus: a modal says so and offers the fallback (never a silent downgrade).
    const dialog = await channel.waitFor(() => channel.dialog(), 'the keychain fallback dialog', 20_000);
    checkDialog?.(dialog);
    await channel.clickButton('Use VS Code SecretStorage instead');
    // The name box, prefilled from the context (GITHUB_TOKEN=…): accept it with Enter.
    await channel.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await channel.waitFor(async () => (await channel.activeElement())?.startsWith('input'), 'focus in the name box');
    await channel.press('Enter');
    assert.equal(await moved, true);
    movedInDoc = true;
  }

  it('auto without a Secret Service: Move to keychain offers SecretStorage, stores, verifies and puts the reference in the buffer', async () => {
    await moveTokenToKeychain((dialog) => {
      assert.match(dialog.message, /can't use the OS keychain/);
      // It names the machine whose keychain was tried: the extension host's (the remote host in a remote window).
      assert.ok(dialog.message.includes(`"${os.hostname()}"`), dialog.message);
      assert.ok(!dialog.message.includes(token) && !dialog.detail.includes(token));
      assert.ok(dialog.buttons.includes('Use VS Code SecretStorage instead'), `buttons: ${JSON.stringify(dialog.buttons)}`);
    });

    assert.equal(doc.getText(), `# app settings\n${NAME}=${REFERENCE}\nDEBUG=1\n`);
    const info = await vault.inspect('vscode-secret', NAME);
    assert.equal(info.state, 'stored');
    assert.ok(info.state === 'stored' && info.fingerprint === fingerprint, 'SecretStorage holds exactly the token (same salted SHA-256 fingerprint)');
    const entry = api.core.custody.allEntries().find((e) => e.event === 'moved-to-keychain' && e.fingerprint === fingerprint);
    assert.ok(entry, 'a moved-to-keychain custody entry');
    assert.deepEqual(entry.detail, { reference: REFERENCE, backend: 'secretStorage' });
  });

  it('the reference is not flagged, has a hover and a CodeLens with the stored token’s metadata', async () => {
    await useStoredReference();
    await channel.waitFor(() => api.core.store.findings(doc.uri).length === 0 && tokenCustodyDiagnostics(doc.uri).length === 0, 'the diagnostic to go away');
    const refOffset = doc.getText().indexOf(REFERENCE);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(refOffset + 5));
    const text = hoverText(hovers);
    assert.match(text, /Keychain reference/);
    assert.ok(text.includes(NAME) && text.includes(fingerprint) && text.includes('VS Code SecretStorage') && text.includes('GitHub'), text);
    assert.match(text, /Copy value[\s\S]*Insert into terminal[\s\S]*Revoke[\s\S]*Delete from keychain[\s\S]*Restore value into the file/);
    assert.ok(!text.includes(token), 'the hover never shows the value');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes(NAME) && t.includes(fingerprint)), JSON.stringify(titles));
    assert.ok(titles.includes('Copy value') && titles.includes('Restore value'), JSON.stringify(titles));
    assert.ok(!titles.join('\n').includes(token));
  });

  it('undo restores the token in one step; redo puts the reference back', async () => {
    // It undoes the Move test's edit; run without that test (--grep "undo"), it makes the Move itself.
    if (!movedInDoc) await moveTokenToKeychain();
    assert.ok(doc.getText().includes(REFERENCE), 'the Move\'s edit is in the buffer');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await channel.waitFor(() => doc.getText().includes(token), 'undo to bring the token back');
    assert.equal(doc.getText(), `# app settings\n${NAME}=${token}\nDEBUG=1\n`);
    await vscode.commands.executeCommand('redo');
    await channel.waitFor(() => doc.getText().includes(REFERENCE), 'redo');
    assert.ok(await doc.save());
    assert.ok(!fs.readFileSync(envPath(), 'utf8').includes(token));
  });

  it('Open Terminal with Keychain Secrets: the terminal has the resolved value and the CLI on PATH', async () => {
    await useStoredReference();
    const outDir = fs.mkdtempSync(path.join(channel.workspacePath(), 'out-'));
    const opening = vscode.commands.executeCommand<vscode.Terminal | undefined>('tokenCustody.openTerminalWithSecrets');
    // Issue 11 #1: a modal lists variable → secret before anything is resolved.
    const dialog = await channel.waitFor(() => channel.dialog(), 'the secrets-terminal confirmation', 20_000);
    assert.match(dialog.message, /Open a terminal with 1 secret from (workspace\/)?\.env in its environment/);
    assert.ok(dialog.detail.includes(`${NAME} ← ${REFERENCE}`), dialog.detail);
    assert.ok(!dialog.message.includes(token) && !dialog.detail.includes(token));
    await channel.clickButton('Open Terminal');
    const terminal = await opening;
    assert.ok(terminal, 'a terminal was opened');
    try {
      await channel.waitFor(() => terminal.shellIntegration, 'shell integration in the secrets terminal', 30_000);
      const hashFile = path.join(outDir, 'hash');
      const cliFile = path.join(outDir, 'cli');
      // The value itself never touches a file: only its SHA-256.
      terminal.shellIntegration!.executeCommand(`sleep 0.5; printf %s "$${NAME}" | sha256sum | cut -c1-64 > '${hashFile}'; { command -v token-custody; token-custody --version; } > '${cliFile}' 2>&1`);
      const hash = await channel.waitFor(() => (fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8').trim() : ''), 'the hash of $GITHUB_TOKEN', 20_000);
      assert.equal(hash, sha256(token));
      const cli = await channel.waitFor(() => {
        const t = fs.existsSync(cliFile) ? fs.readFileSync(cliFile, 'utf8') : '';
        return t.split('\n').length >= 3 ? t : '';
      }, 'token-custody on PATH', 20_000);
      const bin = path.join(api.core.context.globalStorageUri.fsPath, 'bin', 'token-custody');
      assert.equal(cli.split('\n')[0], bin, cli);
      assert.match(cli.split('\n')[1] ?? '', /^\d+\.\d+\.\d+/, cli);
    } finally {
      terminal.dispose();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('issue 11 #1: a .env that sets PROMPT_COMMAND with a reference is refused by name, no terminal, no dialog', async () => {
    await useStoredReference();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), `PROMPT_COMMAND=curl -s http://127.0.0.1:9/c?t=${REFERENCE}\nBASH_ENV=${REFERENCE}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const terminalsBefore = vscode.window.terminals.length;
      const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('tokenCustody.openTerminalWithSecrets');
      assert.equal(terminal, undefined);
      assert.equal(vscode.window.terminals.length, terminalsBefore);
      assert.equal(await channel.dialog(), null, 'no confirmation was shown');
      const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('PROMPT_COMMAND')), 'the refusal message');
      assert.match(toast, /PROMPT_COMMAND \(line \d+\), BASH_ENV \(line \d+\)/);
      assert.match(toast, /No terminal was opened/);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await channel.waitFor(() => !doc.getText().includes('PROMPT_COMMAND'), 'undo of the added lines');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('an unresolvable reference: a message naming it, no terminal', async () => {
    await useStoredReference();
    const missing = `NOPE_${randomBytes(3).toString('hex')}`;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), `OTHER=vscode-secret://token-custody/${missing}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const terminalsBefore = vscode.window.terminals.length;
      const opening = vscode.commands.executeCommand<vscode.Terminal | undefined>('tokenCustody.openTerminalWithSecrets');
      await channel.waitFor(() => channel.dialog(), 'the secrets-terminal confirmation', 20_000);
      await channel.clickButton('Open Terminal');
      const terminal = await opening;
      assert.equal(terminal, undefined);
      assert.equal(vscode.window.terminals.length, terminalsBefore);
      const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(missing)), 'the unresolved-reference message');
      assert.match(toast, new RegExp(`OTHER \\(vscode-secret://token-custody/${missing}: not stored\\)`));
      assert.match(toast, /No terminal was opened/);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await channel.waitFor(() => !doc.getText().includes(missing), 'undo of the added line');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('issue 11 #15: Insert into terminal refuses a multi-line secret', async () => {
    const name = `PEM_${randomBytes(3).toString('hex')}`;
    await api.core.context.secrets.store(`token-custody/${name}`, 'first-line-of-secret\nsecond-line-of-secret');
    const terminal = vscode.window.createTerminal({ name: 'Token Custody test: insert' });
    terminal.show();
    try {
      await channel.waitFor(() => vscode.window.activeTerminal === terminal, 'the test terminal to be active');
      const inserting = vscode.commands.executeCommand('tokenCustody.vault.insertIntoTerminal', { uri: vscode.Uri.file(envPath()).toString(), scheme: 'vscode-secret', name, start: 0, text: `vscode-secret://token-custody/${name}` });
      await channel.waitFor(() => channel.dialog(), 'the insert confirmation', 20_000);
      await channel.clickButton('Insert');
      await inserting;
      const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('was not inserted')), 'the multi-line refusal');
      assert.match(toast, /several lines/);
      assert.ok(!toast.includes('second-line-of-secret'));
    } finally {
      terminal.dispose();
      await api.core.context.secrets.delete(`token-custody/${name}`);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('Move to keychain with nothing at the cursor: a clear message, nothing changed', async () => {
    await useStoredReference();
    const before = doc.getText();
    const moved = await vscode.commands.executeCommand<boolean>('tokenCustody.moveToKeychain', { uri: doc.uri, range: new vscode.Range(0, 0, 0, 1) });
    assert.equal(moved, false);
    await channel.waitFor(async () => (await channel.notifications()).some((n) => n.includes('put the cursor on a detected token')), 'the nothing-to-move message');
    assert.equal(doc.getText(), before);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Restore value into the file (undoable), then Delete from keychain after a modal confirmation', async () => {
    await useStoredReference();
    const start = doc.getText().indexOf(REFERENCE);
    const arg = { uri: doc.uri.toString(), scheme: 'vscode-secret', name: NAME, start, text: REFERENCE };
    assert.equal(await vscode.commands.executeCommand('tokenCustody.vault.restoreValue', arg), true);
    assert.equal(doc.getText(), `# app settings\n${NAME}=${token}\nDEBUG=1\n`);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await channel.waitFor(() => doc.getText().includes(REFERENCE), 'undo of the restore');
    await doc.save();

    const deleted = vscode.commands.executeCommand('tokenCustody.vault.deleteStored', arg);
    const dialog = await channel.waitFor(() => channel.dialog(), 'the delete confirmation', 20_000);
    assert.match(dialog.message, new RegExp(`Delete the secret "${NAME}"`));
    assert.ok(dialog.buttons.includes('Delete'));
    await channel.clickButton('Delete');
    await deleted;
    assert.deepEqual(await vault.inspect('vscode-secret', NAME), { state: 'missing' });
  });

  it('VaultApi.storeToken: editor paste stores after the fallback offer; a terminal paste without an OS keychain is refused', async () => {
    const pasted = githubToken('ghp');
    const finding = api.core.scanners.scanner.scan(`token: ${pasted}`)[0];
    assert.ok(finding);
    const stored = vault.storeToken(finding, { suggestedName: 'PASTED', reason: 'editor-paste' });
    await acceptSecretStorageFallback();
    const ref = 'vscode-secret://token-custody/PASTED';
    assert.deepEqual(await stored, { name: 'PASTED', backend: 'secretStorage', reference: ref, shellExpression: ref });
    const info = await vault.inspect('vscode-secret', 'PASTED');
    assert.ok(info.state === 'stored' && info.fingerprint === finding.fingerprint);
    // The caller (terminal or editor paste) records the custody event, not storeToken: no duplicate entries.
    assert.ok(!api.core.custody.allEntries().some((e) => e.event === 'paste-replaced' && e.fingerprint === finding.fingerprint));

    assert.equal(await vault.storeToken(finding, { reason: 'terminal-paste' }), undefined);
    await channel.waitFor(async () => (await channel.notifications()).some((n) => n.includes('Nothing was pasted or stored')), 'the terminal-paste refusal');
    await vscode.commands.executeCommand('notifications.clearAll');

    // Delete from keychain as a reference's CodeLens in the workspace .env would run it (no document of another test).
    await deleteStoredSecret('PASTED', vscode.Uri.file(envPath()));
    assert.deepEqual(await vault.inspect('vscode-secret', 'PASTED'), { state: 'missing' });
    assert.deepEqual(filesContaining(userDataDir(api), pasted), []);
  });

  it('no file the extension wrote (globalStorage, custody log, user data, workspace) holds the token', async () => {
    // Self-contained: its own token, detected in a file outside the workspace and user data, revealed,
    // masked and stored in SecretStorage here (no state from the tests above).
    const own = githubToken('ghp');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-vault-own-'));
    const file = path.join(dir, 'own.env');
    fs.writeFileSync(file, `OWN_TOKEN=${own}\n`);
    try {
      const ownDoc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(ownDoc);
      const finding = await channel.waitFor(() => api.core.store.findings(ownDoc.uri)[0], 'the token in own.env', 20_000);
      await vscode.commands.executeCommand('tokenCustody.revealTokens', { uri: ownDoc.uri.toString() });
      await vscode.commands.executeCommand('tokenCustody.maskTokens', { uri: ownDoc.uri.toString() });
      const stored = vault.storeToken(finding, { suggestedName: 'OWN_TOKEN', reason: 'editor-paste' });
      await acceptSecretStorageFallback();
      assert.equal((await stored)?.name, 'OWN_TOKEN');
      assert.equal((await vault.inspect('vscode-secret', 'OWN_TOKEN')).state, 'stored');
      await api.core.custody.whenReady();
      await api.core.custody.log.flush();

      const globalStorage = api.core.context.globalStorageUri.fsPath;
      const custodyLog = fs.readFileSync(path.join(globalStorage, 'custody.jsonl'), 'utf8');
      const ownLines = custodyLog.split('\n').filter((l) => l.includes(finding.fingerprint));
      for (const event of ['detected', 'revealed', 'masked']) assert.ok(ownLines.some((l) => l.includes(`"event":"${event}"`)), `a ${event} entry`);
      const userData = userDataDir(api);
      assert.ok(filesContaining(userData, finding.fingerprint).some((p) => p.endsWith('custody.jsonl')), `the search covers ${userData}`);
      const hits = [...filesContaining(userData, own), ...filesContaining(channel.workspacePath(), own)];
      assert.deepEqual(hits, []);

      await deleteStoredSecret('OWN_TOKEN', ownDoc.uri);
      assert.deepEqual(await vault.inspect('vscode-secret', 'OWN_TOKEN'), { state: 'missing' });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
