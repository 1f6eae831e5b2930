// Runs only against the packaged .vsix (test/host/package.mjs): the installed extension is the
// package, not the project folder, and it activates and detects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { githubToken } from '../../support/fakes';
import { clickText, frameImages, realWorkbench, serveUrlPrefix, waitFor, workspacePath } from './channel';

describe('packaged extension (.vsix installed with --install-extension)', () => {
  before(function () {
    if (process.env.TC_TEST_VSIX !== '1') this.skip();
  });

  it('is installed from the package, with only the files it needs, and activates', async () => {
    const ext = vscode.extensions.getExtension('token-custody.token-custody');
    assert.ok(ext);
    const root = fs.realpathSync(ext.extensionPath);
    assert.ok(!fs.existsSync(path.join(root, 'src')), `the package contains src/ (${root})`);
    assert.ok(!fs.existsSync(path.join(root, 'node_modules')), 'the package contains node_modules/');
    assert.ok(!fs.existsSync(path.join(root, 'test')), 'the package contains test/');
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')));
    assert.ok(fs.existsSync(path.join(root, 'dist', 'cli.js')));
    assert.ok(fs.existsSync(path.join(root, 'media', 'icon.png')));
    await ext.activate();
    assert.ok(ext.isActive);
    // The bundles the extension loads on first use are in the package and load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (f: string): Record<string, unknown> => require(path.join(root, 'dist', f)) as Record<string, unknown>;
    assert.equal(typeof load('revocation.js').createRevocation, 'function');
    assert.equal(typeof load('keychain.js').createKeychainBackend, 'function');
    assert.equal(typeof load('history.js').HistoryCheck, 'function');
    // One engine and one copy of the shared host code: dist/shared.js is the browser build, and the
    // desktop entry, the lazy bundles and the CLI require it instead of carrying a copy.
    assert.ok(fs.existsSync(path.join(root, 'dist', 'shared.js')));
    assert.ok(!fs.existsSync(path.join(root, 'dist', 'engine.js')) && !fs.existsSync(path.join(root, 'dist', 'web')), 'no second copy of the engine');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser: string };
    assert.equal(pkg.browser, './dist/shared.js');
    assert.equal(typeof (load('shared.js').modules as Record<string, unknown>)['engine/index'], 'object');
    assert.ok(!fs.existsSync(path.join(root, 'dist', 'mcp.js')), 'the MCP server is part of dist/cli.js');
    assert.ok(!fs.existsSync(path.join(root, 'media', 'screenshots')), 'README screenshots are not packaged (the README links them)');
  });

  it('the packaged CLI scans with the shared engine and serves MCP', () => {
    const ext = vscode.extensions.getExtension('token-custody.token-custody')!;
    const cli = path.join(fs.realpathSync(ext.extensionPath), 'dist', 'cli.js');
    const gh = githubToken();
    const scan = spawnSync(process.execPath, ['--', cli, 'scan', '-', '--format', 'jsonl'], { input: `GITHUB_TOKEN=${gh}\n`, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(scan.status, 1, scan.stderr);
    assert.match(scan.stdout, /"ruleId":"github-pat-classic"/);
    assert.ok(!scan.stdout.includes(gh));
    const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'vsix-test', version: '0' } } });
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const mcp = spawnSync(process.execPath, ['--', cli, 'mcp', '--allow-run', 'never', '--cwd', workspacePath()], { input: `${init}\n${list}\n`, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(mcp.status, 0, mcp.stderr);
    const replies = mcp.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { serverInfo?: { name: string }; tools?: { name: string }[] } });
    assert.equal(replies[0]?.result.serverInfo?.name, 'token-custody');
    assert.deepEqual(replies[1]?.result.tools?.map((t) => t.name).sort(), ['tokenCustody_checkText', 'tokenCustody_listSecrets']);
  });

  it('the README links its images where vsce rewrote them: the repository, at files that exist', () => {
    const ext = vscode.extensions.getExtension('token-custody.token-custody')!;
    const root = fs.realpathSync(ext.extensionPath);
    const name = fs.readdirSync(root).find((f) => /^readme\.md$/i.test(f)); // vsce stores it as readme.md
    assert.ok(name, 'no README in the package');
    const readme = fs.readFileSync(path.join(root, name), 'utf8');
    const project = path.resolve(__dirname, '../../../..');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 5, `images: ${images.join(', ')}`);
    const base = 'https://github.com/token-custody/token-custody/raw/HEAD/';
    for (const url of images) {
      assert.ok(url.startsWith(base), `not rewritten to the repository: ${url}`);
      assert.ok(fs.existsSync(path.join(project, url.slice(base.length))), `no such file in the project: ${url}`);
    }
  });

  it('the extension page shows the README images (the repository served from this checkout: the harness is offline)', async function () {
    if (!realWorkbench()) this.skip();
    const base = 'https://github.com/token-custody/token-custody/raw/HEAD/';
    await serveUrlPrefix(base, path.resolve(__dirname, '../../../..'));
    // From the Installed list (`extension.open` asks the gallery first, and the harness is offline).
    await vscode.commands.executeCommand('workbench.extensions.search', '@installed Token Custody');
    await clickText('Token Custody', { timeoutMs: 20_000 });
    let seen: Awaited<ReturnType<typeof frameImages>> = [];
    try {
      await waitFor(async () => {
        seen = (await frameImages()).filter((i) => i.src.startsWith(base));
        return seen.length >= 5 && seen.every((i) => i.loaded) ? true : null;
      }, 'the README images on the extension page', 30_000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    assert.ok(seen.every((i) => i.width > 100), JSON.stringify(seen));
  });

  it('detects a token in an opened file', async () => {
    const file = path.join(workspacePath(), 'packaged.env');
    const gh = githubToken();
    fs.writeFileSync(file, `GITHUB_TOKEN=${gh}\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === 'Token Custody') ?? null, 'a diagnostic');
    assert.equal(doc.getText(d.range), gh);
  });
});
