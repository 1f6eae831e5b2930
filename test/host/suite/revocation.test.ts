import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CustodyEntryOf, CustodyEvent } from '../../../src/custody/log';
import type { Finding } from '../../../src/engine/types';
import type { TokenCustodyApi } from '../../../src/extension';
import { githubToken } from '../../support/fakes';
import { startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import { clickButton, dialog, insertText, notifications, press, realWorkbench, screenshot, type, waitFor, waitForSelector, workspacePath } from './channel';

const EXTENSION_ID = 'token-custody.token-custody';

async function coreApi(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

function hostOf(base: string): string {
  return new URL(base).host;
}

describe('revocation (real extension host)', function () {
  let api: TokenCustodyApi;
  let fake: FakeIssuers;
  let hostile: FakeIssuers;
  const created: string[] = [];

  const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');

  async function openToken(token: string): Promise<{ uri: vscode.Uri; finding: Finding; range: vscode.Range }> {
    const file = path.join(workspacePath(), `revoke-${randomBytes(4).toString('hex')}.env`);
    fs.writeFileSync(file, `# deploy\nGITHUB_TOKEN=${token}\n`);
    created.push(file);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const finding = await waitFor(() => api.core.store.findings(doc.uri).find((f) => f.secret === token), 'the token to be detected');
    return { uri: doc.uri, finding, range: new vscode.Range(doc.positionAt(finding.range.start), doc.positionAt(finding.range.end)) };
  }

  async function confirmation(): Promise<NonNullable<Awaited<ReturnType<typeof dialog>>>> {
    return waitFor(() => dialog(), 'the confirmation dialog', 15_000);
  }

  /** A notification matching `re`: a visible toast, else (toasts can be hidden by the workbench) in the notification center. */
  async function toast(re: RegExp): Promise<string> {
    let seen: string[] = [];
    const deadline = Date.now() + 5_000;
    let opened = false;
    try {
      return await waitFor(async () => {
        if (!opened && Date.now() > deadline) {
          opened = true;
          await screenshot(`revocation-no-toast-${Date.now()}`);
          await vscode.commands.executeCommand('notifications.showList');
        }
        return (seen = await notifications()).find((n) => re.test(n));
      }, `a notification matching ${re}`, 15_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}; notifications: ${JSON.stringify(seen)}`, { cause: e });
    }
  }

  function entries<E extends CustodyEvent>(fp: string, event: E): CustodyEntryOf<E>[] {
    return api.core.custody.allEntries().filter((e): e is CustodyEntryOf<E> => e.fingerprint === fp && e.event === event);
  }

  before(async function () {
    if (!realWorkbench()) this.skip();
    api = await coreApi();
    fake = await startFakeIssuers();
    hostile = await startFakeIssuers();
    await cfg().update('endpoints.github', `${fake.base}/github`, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.core.settings().endpoints.github === `${fake.base}/github`, 'the user-level endpoint setting to be read');
  });

  after(async () => {
    if (!api) return;
    await cfg().update('endpoints.github', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    fs.rmSync(path.join(workspacePath(), '.vscode'), { recursive: true, force: true });
    for (const f of created) fs.rmSync(f, { force: true });
    await fake?.close();
    await hostile?.close();
  });

  beforeEach(async () => {
    fake.reset();
    hostile.reset();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('Quick Fix "Revoke": the modal names the host, Revoke sends the token once to /credentials/revoke, the log keeps the host and no token', async () => {
    const token = githubToken();
    fake.addToken('github', token);
    const { uri, finding, range } = await openToken(token);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const revoke = actions.find((a) => a.title.startsWith('Revoke '));
    assert.ok(revoke?.command, `code actions: ${actions.map((a) => a.title).join(' | ')}`);
    const done = vscode.commands.executeCommand(revoke.command.command, ...(revoke.command.arguments ?? []));

    const d = await confirmation();
    assert.ok(d.buttons.includes('Revoke'), `buttons: ${d.buttons.join(', ')}`);
    assert.ok(`${d.message}\n${d.detail}`.includes(hostOf(fake.base)), `dialog: ${d.message}\n${d.detail}`);
    assert.ok(!`${d.message}\n${d.detail}`.includes(token));
    assert.equal(fake.requests.length, 0, 'nothing is sent before consent');
    await clickButton('Revoke');
    await done;

    const sent = fake.requestsCarrying(token);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.method, 'POST');
    assert.equal(sent[0]!.path, '/github/credentials/revoke');
    assert.deepEqual((sent[0]!.body as { credentials: string[] }).credentials, [token]);
    assert.equal(sent[0]!.headers.authorization, undefined);
    assert.equal(fake.isLive('github', token), false);
    const msg = await toast(/revoked .* at GitHub/);
    assert.ok(!msg.includes(token));

    const logged = entries(finding.fingerprint, 'revoked');
    assert.equal(logged.length, 1);
    assert.deepEqual({ result: logged[0]!.detail?.result, host: logged[0]!.detail?.endpointHost }, { result: 'revoked', host: hostOf(fake.base) });
    assert.equal(api.core.custody.token(finding.fingerprint)?.custody.state, 'revoked');
    const onDisk = await waitFor(() => {
      const text = fs.existsSync(api.core.custody.log.path) ? fs.readFileSync(api.core.custody.log.path, 'utf8') : '';
      return text.split('\n').some((l) => l.includes(finding.fingerprint) && l.includes('"revoked"')) ? text : '';
    }, 'the revoked entry on disk');
    assert.ok(!onDisk.includes(token), 'the custody log file never holds the token');
  });

  it('Cancel in the modal sends nothing ({ fingerprint } argument, as from a terminal warning)', async () => {
    const token = githubToken();
    fake.addToken('github', token);
    const { finding } = await openToken(token);
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken', { fingerprint: finding.fingerprint });
    await confirmation();
    await clickButton('Cancel');
    await done;
    assert.equal(fake.requests.length, 0);
    assert.equal(entries(finding.fingerprint, 'revoked').length, 0);
    assert.equal(fake.isLive('github', token), true);
  });

  it('command palette: "Enter a token…" in a password box identifies the issuer and revokes after consent', async () => {
    const token = githubToken();
    fake.addToken('github', token);
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken');
    await waitForSelector('.quick-input-widget');
    await type('Enter a token');
    // The pick lists every exposed token (thousands after the large-document tests): press Enter only
    // once the filter has put "Enter a token…" under the cursor.
    await waitForSelector('.quick-input-list .monaco-list-row.focused:has-text("Enter a token")');
    await press('Enter');
    await waitForSelector('.quick-input-widget input[type="password"]');
    await insertText(token);
    await press('Enter');
    const d = await confirmation();
    assert.match(`${d.message}\n${d.detail}`, /GitHub/);
    assert.ok(d.detail.includes(hostOf(fake.base)));
    await clickButton('Revoke');
    await done;
    const sent = fake.requestsCarrying(token);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.path, '/github/credentials/revoke');
    await toast(/revoked .* at GitHub/);
  });

  it('command palette: an unknown token format is refused and nothing is sent', async () => {
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken');
    await waitForSelector('.quick-input-widget');
    await type('Enter a token');
    // The pick lists every exposed token (thousands after the large-document tests): press Enter only
    // once the filter has put "Enter a token…" under the cursor.
    await waitForSelector('.quick-input-list .monaco-list-row.focused:has-text("Enter a token")');
    await press('Enter');
    await waitForSelector('.quick-input-widget input[type="password"]');
    await insertText(`hello-${randomBytes(6).toString('hex')}`);
    await press('Enter');
    await done;
    await toast(/not a token format Token Custody knows/);
    assert.equal(fake.requests.length, 0);
    assert.equal(await dialog(), null);
  });

  it('a workspace .vscode/settings.json cannot redirect a token: the modal names the user-level host and the other server gets nothing', async () => {
    const vsdir = path.join(workspacePath(), '.vscode');
    fs.mkdirSync(vsdir, { recursive: true });
    const hostileUrl = `${hostile.base}/github`;
    fs.writeFileSync(path.join(vsdir, 'settings.json'), JSON.stringify({ 'tokenCustody.endpoints.github': hostileUrl, 'tokenCustody.issuers': [] }, null, 2));
    // Wait until the window has read the workspace file (VS Code may also drop machine-scoped workspace values itself).
    await waitFor(() => {
      const i = cfg().inspect<string>('endpoints.github');
      return i?.workspaceValue === hostileUrl || i?.workspaceFolderValue === hostileUrl ? true : fs.existsSync(path.join(vsdir, 'settings.json'));
    }, 'the workspace settings file');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(api.core.settings().endpoints.github, `${fake.base}/github`);

    const token = githubToken();
    fake.addToken('github', token);
    const { uri, range } = await openToken(token);
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken', { uri: uri.toString(), range: [{ line: range.start.line, character: range.start.character }, { line: range.end.line, character: range.end.character }] });
    const d = await confirmation();
    const text = `${d.message}\n${d.detail}`;
    assert.ok(text.includes(hostOf(fake.base)), text);
    assert.ok(!text.includes(hostOf(hostile.base)), text);
    await clickButton('Revoke');
    await done;
    assert.equal(hostile.requests.length, 0, 'the workspace-configured server received nothing');
    assert.equal(fake.requestsCarrying(token).length, 1);
    fs.rmSync(vsdir, { recursive: true, force: true });
  });

  it('429 with Retry-After: a clear failure, the token stays exposed, Retry sends again (no second modal) and succeeds', async () => {
    const token = githubToken();
    fake.addToken('github', token);
    fake.override('github', { status: 429, headers: { 'retry-after': '1' }, body: { message: 'API rate limit exceeded' } });
    const { uri, finding, range } = await openToken(token);
    const done = vscode.commands.executeCommand('tokenCustody.revokeToken', { uri, range, fingerprint: finding.fingerprint });
    await confirmation();
    await clickButton('Revoke');
    await done;
    const failed = await toast(/could not revoke .*rate limit/i);
    assert.match(failed, /still exposed/);
    assert.equal(fake.requestsFor('github').length, 1);
    assert.equal(entries(finding.fingerprint, 'revoked')[0]?.detail?.result, 'failed');
    assert.equal(api.core.custody.token(finding.fingerprint)?.custody.state, 'exposed');

    await clickButton('Retry');
    await waitFor(() => fake.requestsFor('github').length === 2, 'the retried request', 15_000);
    await toast(/revoked .* at GitHub/);
    assert.equal(await dialog(), null, 'the retry to the confirmed host needs no second modal');
    assert.equal(fake.requestsCarrying(token).length, 2);
    await waitFor(() => api.core.custody.token(finding.fingerprint)?.custody.state === 'revoked', 'the token to be revoked in custody');
  });

  it('Check: the modal names the host, the result shows login and scopes, and the check is logged', async () => {
    const token = githubToken();
    fake.addToken('github', token, { login: 'octo-user', scopes: ['repo', 'gist'] });
    const { uri, finding, range } = await openToken(token);
    const done = vscode.commands.executeCommand('tokenCustody.checkToken', { uri, range });
    const d = await confirmation();
    assert.ok(d.buttons.includes('Check'));
    assert.ok(d.detail.includes(hostOf(fake.base)));
    await clickButton('Check');
    await done;
    const req = fake.requestsCarrying(token);
    assert.equal(req.length, 1);
    assert.equal(req[0]!.path, '/github/user');
    await toast(/LIVE at GitHub \(account octo-user; scopes: repo, gist/);
    const logged = entries(finding.fingerprint, 'checked');
    assert.equal(logged[0]?.detail?.result, 'live');
    assert.equal(logged[0]?.detail?.endpointHost, hostOf(fake.base));
    assert.equal(fake.isLive('github', token), true, 'a check changes nothing');
  });

  it('auto-revoke (api.revoke with automatic): no modal, an announcement, and an auto-revoked log entry', async () => {
    const token = githubToken();
    fake.addToken('github', token);
    const { finding } = await openToken(token);
    const revocation = api.core.areas.revocation;
    assert.ok(revocation);
    await revocation.revoke(finding, { kind: 'terminal', terminal: 'bash', place: 'output' }, { automatic: true });
    assert.equal(await dialog(), null);
    assert.equal(fake.requestsCarrying(token).length, 1);
    await toast(/automatically/);
    const logged = entries(finding.fingerprint, 'auto-revoked');
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.detail?.result, 'revoked');
    assert.equal(logged[0]!.detail?.endpointHost, hostOf(fake.base));
  });
});
