// Custody area in a real VS Code: the custody view and its state transitions, the workspace scan
// (with its speed on ~2,000 files, reported not asserted, and cancellation from the notification),
// the export in both formats, and the auto-revoke policy (user settings only).
// Screenshots for the README: `custody-view` (view with exposed/ignored/revoked/vaulted groups),
// `custody-scan-progress` (the scan's progress notification), `custody-scan-done` (Problems + view).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import type { RevocationApi } from '../../../src/core';
import type { Finding } from '../../../src/engine';
import type { FolderFs, WorkspaceScanResult } from '../../../src/custody/vscode/workspaceScan';
import type { EntryType } from '../../../src/custody/walk';
import type { CustodyNode } from '../../../src/custody/vscode/view';
import { exposedCount, GROUP_PAGE } from '../../../src/custody/viewModel';
import { githubToken, npmToken } from '../../support/fakes';
import { armClickProbe, channelAvailable, clickButton, clickProbe, clickText, dialogText, mouseToText, notifications, realWorkbench, screenshot, textContent, visibleText, waitFor, workspacePath } from './channel';

const EXTENSION_ID = 'token-custody.token-custody';
const SIDEBAR = '.part.sidebar';

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

function write(rel: string, text: string): string {
  const file = path.join(workspacePath(), rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function openFile(file: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
}

async function findingOf(a: TokenCustodyApi, uri: vscode.Uri): Promise<Finding> {
  return waitFor(() => a.core.store.findings(uri)[0], `a finding in ${uri.fsPath}`);
}

async function stateOf(a: TokenCustodyApi, fp: string): Promise<string | undefined> {
  return a.core.custody.token(fp)?.custody.state;
}

async function sidebarText(): Promise<string> {
  return (await textContent(SIDEBAR)) ?? '';
}

/** Where throughput numbers go (read by the lead; not asserted). */
function reportNumber(name: string, value: unknown): void {
  const line = `custody: ${name}: ${JSON.stringify(value)}`;
  console.log(line);
  const dir = process.env.TC_TEST_ARTIFACTS;
  if (dir) fs.appendFileSync(path.join(dir, 'custody-numbers.txt'), line + '\n');
}

/** Scan Workspace's service: the custody area's, found among the extension's subscriptions. */
function workspaceScanner(a: TokenCustodyApi): { folderFs: (root: vscode.Uri) => FolderFs } {
  const area = a.core.context.subscriptions.find((s) => typeof (s as { workspace?: { scan?: unknown } }).workspace?.scan === 'function') as { workspace: { folderFs?: unknown } } | undefined;
  assert.ok(area, 'the custody area (with its WorkspaceScanner) is among the extension\'s subscriptions');
  assert.equal(typeof area.workspace.folderFs, 'function', 'WorkspaceScanner reads each workspace folder through its folderFs');
  return area.workspace as { folderFs: (root: vscode.Uri) => FolderFs };
}

/**
 * A folder `dir` whose tree has no end: each level holds 200 plain 4.8 KB text files and one
 * subfolder `n`; everything else is read from the real folder. `stop()` empties it (a walk still in
 * it then ends).
 */
function endlessTree(dir: string): { wrap(real: FolderFs): FolderFs; read(): number; stop(): void } {
  const inside = (rel: string): boolean => rel === dir || rel.startsWith(`${dir}/`);
  const text = (rel: string): Uint8Array => Buffer.from(`line one ${rel}\nline two of a plain file with nothing secret in it\n`.repeat(80));
  const mtimeMs = Date.now() - 60_000;
  let read = 0;
  let stopped = false;
  const level: [string, EntryType][] = [...Array.from({ length: 200 }, (_, i): [string, EntryType] => [`f${i}.txt`, 'file']), ['n', 'directory']];
  return {
    wrap: (real) => ({
      ...real,
      readDirectory: (rel) => (inside(rel) ? Promise.resolve(stopped ? [] : level) : real.readDirectory(rel)),
      stat: (rel) => (inside(rel) ? (stopped ? Promise.reject(new Error('gone')) : Promise.resolve({ size: text(rel).length, mtimeMs })) : real.stat(rel)),
      // Local folders also stat synchronously (the walk prefers statNow when there is one): the
      // generated files must answer there too, or the walk skips them as missing.
      ...(real.statNow ? {
        statNow: (rel: string) => {
          if (!inside(rel)) return real.statNow!(rel);
          if (stopped) throw new Error('gone');
          return { size: text(rel).length, mtimeMs };
        },
      } : {}),
      // And they read synchronously (readNow) where the real file system does.
      ...(real.readNow ? {
        readNow: (rel: string, size: number, maxBytes: number) => {
          if (!inside(rel)) return real.readNow!(rel, size, maxBytes);
          if (stopped) throw new Error('gone');
          read++;
          return text(rel);
        },
      } : {}),
      readFile: (rel) => {
        if (!inside(rel)) return real.readFile(rel);
        if (stopped) return Promise.reject(new Error('gone'));
        read++;
        return Promise.resolve(text(rel));
      },
    }),
    read: () => read,
    stop: () => void (stopped = true),
  };
}

describe('custody (real extension host)', function () {
  this.timeout(180_000);
  const secrets: string[] = [];

  /** What the tests write into the workspace, removed by after(): nothing for the suites after this one. */
  const created = ['custody-view', 'custody-click', 'custody-page', 'custody-export', 'scan-ws', 'inc', 'auto', 'clear-history', '.tokencustodyignore'];

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of created) fs.rmSync(path.join(workspacePath(), rel), { recursive: true, force: true });
    for (const name of fs.readdirSync(workspacePath())) if (name.startsWith('export-')) fs.rmSync(path.join(workspacePath(), name), { recursive: true, force: true });
  });

  /**
   * The custody log's transitions that the first test records (a --grep such as "exports" runs the
   * export test without it): three tokens detected in a file, one ignored everywhere, one moved to the
   * keychain and one revoked (recorded as the vault and revocation areas record them).
   */
  async function recordTransitions(a: TokenCustodyApi): Promise<void> {
    const ghp = githubToken();
    const npm = npmToken();
    const moved = githubToken();
    secrets.push(ghp, npm, moved);
    const editor = await openFile(write('custody-export/.env', `GITHUB_TOKEN=${ghp}\nNPM_TOKEN=${npm}\n`));
    const findings = await waitFor(() => (a.core.store.findings(editor.document.uri).length >= 2 ? a.core.store.findings(editor.document.uri) : undefined), 'two findings');
    const gh = findings.find((f) => f.issuer === 'github')!;
    const np = findings.find((f) => f.issuer === 'npm')!;
    assert.ok(gh && np);
    await vscode.commands.executeCommand('tokenCustody.ignoreTokenEverywhere', { fingerprint: np.fingerprint });
    await waitFor(async () => (await stateOf(a, np.fingerprint)) === 'ignored', 'npm token ignored');
    const mf = await findingOf(a, (await openFile(write('custody-export/moved.sh', `export GH=${moved}\n`))).document.uri);
    a.core.custody.record({ event: 'moved-to-keychain', detail: { reference: 'vscode-secret://token-custody/GH' } }, { finding: mf });
    a.core.custody.record({ event: 'revoked', detail: { result: 'revoked', endpointHost: 'api.github.com' } }, { finding: gh });
    await waitFor(async () => (await stateOf(a, gh.fingerprint)) === 'revoked' && (await stateOf(a, mf.fingerprint)) === 'vaulted', 'revoked and vaulted states');
  }

  it('lists a file token in the custody view and follows ignore, keychain and revoke transitions', async () => {
    const a = await api();
    const ghp = githubToken();
    const npm = npmToken();
    secrets.push(ghp, npm);
    const file = write('custody-view/.env', `GITHUB_TOKEN=${ghp}\nNPM_TOKEN=${npm}\n`);
    const editor = await openFile(file);
    const findings = await waitFor(() => (a.core.store.findings(editor.document.uri).length >= 2 ? a.core.store.findings(editor.document.uri) : undefined), 'two findings');
    const gh = findings.find((f) => f.issuer === 'github')!;
    const np = findings.find((f) => f.issuer === 'npm')!;
    assert.ok(gh && np);
    await waitFor(async () => (await stateOf(a, gh.fingerprint)) === 'exposed' && (await stateOf(a, np.fingerprint)) === 'exposed', 'both tokens exposed in custody');
    assert.ok(a.core.custody.findingFor(gh.fingerprint), 'the finding is known in this window');

    await vscode.commands.executeCommand('tokenCustody.showCustody');
    if (channelAvailable()) {
      const text = await waitFor(async () => {
        const t = await sidebarText();
        return t.includes('Exposed') && t.includes(gh.redacted) && t.includes(np.redacted) ? t : null;
      }, 'the custody view listing both tokens');
      assert.ok(!text.includes(ghp) && !text.includes(npm), 'the view never shows a token');
      assert.match(text, /GitHub · seen (now|\d+ minutes? ago)/);
    }

    // Ignore everywhere (the view's action): fingerprint in .tokencustodyignore, state ignored.
    await vscode.commands.executeCommand('tokenCustody.ignoreTokenEverywhere', { fingerprint: np.fingerprint });
    const ignoreFile = fs.readFileSync(path.join(workspacePath(), '.tokencustodyignore'), 'utf8');
    assert.ok(ignoreFile.includes(np.fingerprint));
    assert.ok(!ignoreFile.includes(npm));
    await waitFor(async () => (await stateOf(a, np.fingerprint)) === 'ignored', 'npm token ignored');
    await waitFor(() => a.core.store.findings(editor.document.uri).every((f) => f.fingerprint !== np.fingerprint), 'the editor drops the ignored finding');

    // A second GitHub token moved to the keychain, and the first revoked (recorded as the vault and
    // revocation areas record them).
    const moved = githubToken();
    secrets.push(moved);
    const movedFile = write('custody-view/moved.sh', `export GH=${moved}\n`);
    const movedEditor = await openFile(movedFile);
    const mf = await findingOf(a, movedEditor.document.uri);
    a.core.custody.record({ event: 'moved-to-keychain', detail: { reference: 'vscode-secret://token-custody/GH' } }, { finding: mf });
    a.core.custody.record({ event: 'revoked', detail: { result: 'revoked', endpointHost: 'api.github.com' } }, { finding: gh });
    await waitFor(async () => (await stateOf(a, gh.fingerprint)) === 'revoked' && (await stateOf(a, mf.fingerprint)) === 'vaulted', 'revoked and vaulted states');

    if (channelAvailable()) {
      await vscode.commands.executeCommand('tokenCustody.showCustody');
      await waitFor(async () => {
        const t = await sidebarText();
        return ['Revoked', 'Ignored', 'In keychain'].every((g) => t.includes(g));
      }, 'groups Revoked, Ignored and In keychain in the view');
      await screenshot('custody-view');
    }
  });

  it('opens a file place from the view at the token (click through the real tree)', async function () {
    if (!realWorkbench()) this.skip();
    const a = await api();
    const tok = githubToken();
    secrets.push(tok);
    const file = write('custody-click/config.yaml', `# settings\nother: 1\ngithub_token: ${tok}\n`);
    const ed = await openFile(file);
    const f = await findingOf(a, ed.document.uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('tokenCustody.showCustody');
    await waitFor(async () => (await sidebarText()).includes(f.redacted), 'token row');
    // The row's tooltip is built when it is hovered (resolveTreeItem): the real hover shows it.
    await mouseToText(SIDEBAR, f.redacted);
    const hover = await waitFor(async () => {
      const t = (await visibleText('.workbench-hover, .monaco-hover')) ?? '';
      return t.includes('Issuer: GitHub') ? t : null;
    }, 'the token row\'s tooltip on hover', 20_000);
    assert.ok(hover.includes(f.redacted) && !hover.includes(tok), 'the tooltip names the token by its redacted form only');
    await clickText(f.redacted); // expands the row
    await clickText('custody-click/config.yaml:3');
    const active = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath === file ? vscode.window.activeTextEditor : undefined), 'the file opened from the view');
    assert.equal(active.selection.start.line, 2);
    assert.equal(active.selection.start.character, f.range.startCol);
    // masking stays on in the editor opened from the view
    assert.equal(a.core.masking.isMasked(active.document.uri), true);
  });

  it('scans a generated workspace of ~2,000 files (git-ignored .env included; node_modules, binaries skipped) into Problems and custody', async () => {
    const a = await api();
    const root = 'scan-ws';
    const tokens: { rel: string; token: string }[] = [];
    write(`${root}/.gitignore`, '.env\n*.secret\n');
    for (let i = 0; i < 1990; i++) {
      const dir = `${root}/pkg${Math.floor(i / 100)}/src`;
      const body = Array.from({ length: 30 }, (_, j) => `const value${j} = compute(${i}, ${j}); // line ${j} of a generated source file`).join('\n');
      if (i % 199 === 0) {
        const t = githubToken();
        tokens.push({ rel: `${dir}/file${i}.ts`, token: t });
        write(`${dir}/file${i}.ts`, `${body}\nconst token = "${t}";\n`);
      } else write(`${dir}/file${i}.ts`, body + '\n');
    }
    const envTok = npmToken();
    tokens.push({ rel: `${root}/.env`, token: envTok });
    write(`${root}/.env`, `NPM_TOKEN=${envTok}\n`);
    const skipped = githubToken();
    write(`${root}/node_modules/dep/index.js`, `module.exports = "${skipped}";\n`);
    fs.writeFileSync(path.join(workspacePath(), root, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(githubToken())]));
    secrets.push(...tokens.map((t) => t.token), skipped);

    const shot = channelAvailable() ? waitFor(async () => ((await notifications()).some((n) => /scanning workspace/i.test(n)) ? screenshot('custody-scan-progress') : null), 'the progress notification', 20_000).catch(() => undefined) : undefined;
    const result = await vscode.commands.executeCommand<{ files: number; tokens: number; cancelled: boolean; ms: number }>('tokenCustody.scanWorkspace');
    await shot;
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 1992, `scanned ${result.files} files`);
    reportNumber('workspace scan', { files: result.files, ms: Math.round(result.ms), filesPerSecond: Math.round(result.files / (result.ms / 1000)) });

    for (const t of tokens) {
      const uri = vscode.Uri.file(path.join(workspacePath(), t.rel));
      const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Token Custody');
      assert.equal(diags.length, 1, `one diagnostic in ${t.rel}`);
      assert.ok(!diags[0]!.message.includes(t.token));
    }
    const nm = vscode.Uri.file(path.join(workspacePath(), root, 'node_modules/dep/index.js'));
    assert.equal(vscode.languages.getDiagnostics(nm).length, 0, 'node_modules is not scanned');
    const env = a.core.custody.tokens().find((t) => t.custody.seen.some((s) => s.where.kind === 'file' && s.where.path === `${root}/.env`));
    assert.ok(env, 'the git-ignored .env token is in custody');
    assert.equal(env.custody.state, 'exposed');
    assert.ok(env.finding, 'its finding is live in this window (revoke/move enabled)');

    // Opening a scanned file hands it to the editor: no duplicate diagnostics.
    const first = vscode.Uri.file(path.join(workspacePath(), tokens[0]!.rel));
    await openFile(first.fsPath);
    await waitFor(() => vscode.languages.getDiagnostics(first).filter((d) => d.source === 'Token Custody').length === 1, 'exactly one diagnostic once open');
    if (channelAvailable()) {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('tokenCustody.showCustody');
      await screenshot('custody-scan-done');
    }
  });

  it('rescans incrementally: only changed files are read; a new token is found, a removed one (same size) and a deleted or renamed file are forgotten', async () => {
    type Result = { files: number; read: number; unchanged: number; tokens: number; cancelled: boolean };
    const scan = async (): Promise<Result> => (await vscode.commands.executeCommand<Result>('tokenCustody.scanWorkspace'));
    const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const diags = (rel: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(vscode.Uri.file(path.join(workspacePath(), rel))).filter((d) => d.source === 'Token Custody');
    const [t1, t2, t3] = [npmToken(), githubToken(), githubToken()];
    secrets.push(t1, t2, t3);
    const filler = Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    write('inc/a.env', `NPM_TOKEN=${t1}\n`);
    write('inc/b.ts', `${filler}\n`);
    write('inc/c.ts', `${filler}\nconst token = "${t2}";\n`);
    await pause(300); // older than the index's racy margin (100 ms) when the scan stats them

    // Which files of inc/ get their diagnostics sent again by a scan: the diagnostic objects of a file
    // the scan did not publish again are the very same ones. (Counting onDidChangeDiagnostics events
    // was a race: the workbench echoes marker changes back to the extension host a round trip later,
    // so a quick scan saw the echo of the previous scan's changes.)
    const republished = async <T>(fn: () => Promise<T>): Promise<{ value: T; rels: string[] }> => {
      const inc = path.join(workspacePath(), 'inc');
      const before = new Map(fs.readdirSync(inc).map((name) => [name, diags(`inc/${name}`)]));
      const value = await fn();
      const rels = new Set<string>();
      for (const name of new Set([...before.keys(), ...fs.readdirSync(inc)])) {
        const was = before.get(name) ?? [];
        const now = diags(`inc/${name}`);
        if (was.length !== now.length || was.some((d, i) => d !== now[i])) rels.add(name);
      }
      return { value, rels: [...rels].sort() };
    };
    const first = await scan();
    assert.equal(first.cancelled, false);
    const storageDir = (await api()).core.context.storageUri!.fsPath;
    const savedIndex = (): fs.Stats => fs.statSync(path.join(storageDir, fs.readdirSync(storageDir).find((f) => f.startsWith('scan-index-') && f.endsWith('.txt'))!));
    const indexBefore = savedIndex();
    await pause(50);
    const { value: again, rels: againSent } = await republished(scan);
    assert.deepEqual(againSent, [], 'an unchanged file keeps its published diagnostics (nothing sent again)');
    const indexAfter = savedIndex();
    assert.ok(indexAfter.ino === indexBefore.ino && indexAfter.mtimeMs === indexBefore.mtimeMs, 'a rescan that changed nothing does not write the saved index again');
    assert.equal(again.read, 0, `nothing changed, nothing read (read ${again.read} of ${again.files})`);
    assert.equal(again.unchanged, first.files);
    assert.equal(again.tokens, first.tokens, 'unchanged files keep their findings');
    assert.equal(diags('inc/a.env').length, 1);
    assert.equal(diags('inc/c.ts').length, 1);

    // b.ts gets a token (new size); c.ts loses its token with the same size (only the mtime moves).
    write('inc/b.ts', `${filler}\nconst token = "${t3}";\n`);
    write('inc/c.ts', `${filler}\nconst token = "${'x'.repeat(t2.length)}";\n`);
    await pause(300); // (a file modified just before its stat is read again by the next scan too)
    const { value: changed, rels: changedSent } = await republished(scan);
    assert.deepEqual(changedSent, ['b.ts', 'c.ts'], 'only the changed files get new diagnostics');
    assert.equal(changed.read, 2, `only the two changed files are read (read ${changed.read})`);
    assert.equal(changed.tokens, first.tokens, 'one token more, one less');
    assert.equal(diags('inc/b.ts').length, 1, 'the new token is found');
    assert.equal(diags('inc/c.ts').length, 0, 'the removed token is forgotten');
    assert.equal(diags('inc/a.env').length, 1, 'the unchanged file keeps its finding');

    // a.env deleted, b.ts renamed.
    fs.rmSync(path.join(workspacePath(), 'inc/a.env'));
    fs.renameSync(path.join(workspacePath(), 'inc/b.ts'), path.join(workspacePath(), 'inc/b2.ts'));
    const moved = await scan();
    assert.equal(moved.read, 1, `only the renamed file is read (read ${moved.read})`);
    assert.equal(moved.tokens, first.tokens - 1);
    assert.equal(diags('inc/a.env').length, 0, 'a deleted file loses its diagnostics');
    assert.equal(diags('inc/b.ts').length, 0, 'a renamed file loses its diagnostics under the old name');
    assert.equal(diags('inc/b2.ts').length, 1, '… and has them under the new one');
    reportNumber('incremental rescan', { files: moved.files, read: moved.read });

    // The saved index holds paths, sizes and times only: no token.
    const storage = (await api()).core.context.storageUri;
    assert.ok(storage);
    const saved = fs.readdirSync(storage.fsPath).filter((f) => f.startsWith('scan-index-'));
    assert.equal(saved.length, 1);
    const text = fs.readFileSync(path.join(storage.fsPath, saved[0]!), 'utf8');
    assert.match(text, /\tinc\/b2\.ts\n/);
    for (const t of [t1, t2, t3]) assert.ok(!text.includes(t));
  });

  it('cancels a long workspace scan from the notification’s Cancel button', async function () {
    if (!realWorkbench()) this.skip();
    // The scan must still be running when the click lands. With real files it raced the click: a scan
    // that got through its files before the click's cancellation reached the extension host completed,
    // and the toast (shown until the task ends, at least 800 ms) took the late click silently. So the
    // scan walks a tree without end under scan-big/ (generated files, depth first): it can only stop
    // when the Cancel click reaches it.
    const a = await api();
    const scanner = workspaceScanner(a);
    const realFs = scanner.folderFs;
    const endless = endlessTree('scan-big');
    fs.mkdirSync(path.join(workspacePath(), 'scan-big'), { recursive: true });
    scanner.folderFs = (root) => endless.wrap(realFs(root));
    // No earlier toast on screen: the workbench expands only one toast of a stack, and the previous
    // scan's "found … files" toast (still up in a full run) kept the progress toast collapsed, its
    // Cancel button hidden (CI: 'no visible button "Cancel"', buttons: Show Custody, Show Problems).
    await vscode.commands.executeCommand('notifications.clearAll');
    await waitFor(async () => ((await notifications()).length === 0 ? true : null), 'no notification on screen before the scan', 5_000).catch(() => undefined);
    let finished = false;
    const running = Promise.resolve(vscode.commands.executeCommand<WorkspaceScanResult>('tokenCustody.scanWorkspace')).finally(() => (finished = true));
    try {
      // The scan's own toast, once it counts files (not another toast's Cancel, not before the scan reads).
      await waitFor(async () => finished || (await notifications()).some((n) => /scanning workspace: [1-9]/i.test(n)), 'the progress notification counting files', 30_000);
      assert.equal(finished, false, 'a scan of an endless tree ended by itself');
      await armClickProbe('Cancel', 'scanning workspace');
      const t0 = Date.now();
      await clickButton('Cancel', 10_000, 'scanning workspace');
      const clickMs = Date.now() - t0;
      await waitFor(() => finished, 'the scan to end after the Cancel click (the tree has no end: only a cancellation stops it)', 60_000);
      const result = await running;
      // What the user sees (printed, never asserted): the DOM click → the cancellation in this host →
      // the scan stopped → the toast gone.
      const probe = await waitFor(async () => {
        const p = await clickProbe();
        return p?.goneAt ? p : null;
      }, 'the progress toast gone after the click', 10_000);
      await clickProbe(true);
      assert.ok(probe.clickAt > 0, 'the page saw the DOM click on the toast\'s Cancel button');
      assert.equal(result.cancelled, true, `the scan ended as cancelled (it covered ${result.files} files)`);
      assert.ok(endless.read() > 0 && result.files >= endless.read(), `the generated files were scanned (${endless.read()} read, ${result.files} covered)`);
      await waitFor(async () => !(await notifications()).some((n) => /scanning workspace/i.test(n)), 'the progress notification closed', 10_000);
      const ms = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x));
      reportNumber('cancelled scan', {
        filesBeforeCancel: result.files, generatedRead: endless.read(), driverClickMs: clickMs,
        clickToTokenMs: ms(result.cancelRequestedAt && result.cancelRequestedAt - probe.clickAt), tokenToStopMs: ms(result.cancelMs),
        stopToGoneMs: ms(probe.goneAt - result.endedAt), clickToGoneMs: ms(probe.goneAt - probe.clickAt),
        // performance.timeOrigin + now() minus Date.now(), in the page and here (why the probes use Date.now()).
        pageClockDriftMs: ms(probe.drift), hostClockDriftMs: ms(performance.timeOrigin + performance.now() - Date.now()),
      });
    } finally {
      endless.stop(); // ends a scan the click did not cancel (its walk finds nothing more)
      await running.catch(() => undefined);
      scanner.folderFs = realFs;
      fs.rmSync(path.join(workspacePath(), 'scan-big'), { recursive: true, force: true });
    }
  });

  it('exports the custody log as JSON Lines and SARIF without any token', async () => {
    const a = await api();
    await a.core.custody.whenReady();
    await recordTransitions(a);
    const dir = fs.mkdtempSync(path.join(workspacePath(), 'export-'));
    const jsonl = path.join(dir, 'custody.jsonl');
    const sarif = path.join(dir, 'custody.sarif');
    const r1 = await vscode.commands.executeCommand<{ path: string; entries: number }>('tokenCustody.exportCustodyLog', { format: 'jsonl', path: jsonl });
    const r2 = await vscode.commands.executeCommand<{ path: string }>('tokenCustody.exportCustodyLog', { format: 'sarif', path: sarif });
    assert.equal(r1.path, jsonl);
    assert.equal(r2.path, sarif);
    const lines = fs.readFileSync(jsonl, 'utf8').trimEnd().split('\n');
    assert.ok(lines.length >= 5, `${lines.length} events`);
    const events = lines.map((l) => JSON.parse(l) as { event: string; fingerprint: string });
    assert.ok(events.some((e) => e.event === 'ignored') && events.some((e) => e.event === 'revoked') && events.some((e) => e.event === 'detected'));
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { version: string; runs: { results: { ruleId: string; properties?: { state?: string } }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0]!.results.length >= 3);
    const all = fs.readFileSync(jsonl, 'utf8') + fs.readFileSync(sarif, 'utf8');
    for (const s of secrets) assert.ok(!all.includes(s), 'no token in the exports');
    // The log survives restarts: it is a file in global storage with the same events.
    const onDisk = fs.readFileSync(a.core.custody.log.path, 'utf8');
    assert.ok(onDisk.includes(events[events.length - 1]!.fingerprint));
    for (const s of secrets) assert.ok(!onDisk.includes(s), 'no token in the log file');
  });

  it('auto-revokes only under a user-level policy, once per token, and announces it', async () => {
    const a = await api();
    const calls: { fp: string; automatic: boolean }[] = [];
    const original = a.core.areas.revocation;
    const fake: RevocationApi = {
      revoke: (finding, where, opts) => {
        calls.push({ fp: finding.fingerprint, automatic: opts?.automatic === true });
        a.core.custody.record({ event: 'revoked', ...(where ? { where } : {}), detail: { result: 'revoked', endpointHost: 'api.github.com' } }, { finding });
        return Promise.resolve();
      },
      check: () => Promise.resolve(),
    };
    (a.core.areas as { revocation?: RevocationApi }).revocation = fake;
    const settingsDir = path.join(workspacePath(), '.vscode');
    const policy = [{ match: ['github'], places: ['file'] }];
    const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');
    try {
      // 1. Workspace settings: ignored (the policy decides where a token goes).
      fs.mkdirSync(settingsDir, { recursive: true });
      fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'tokenCustody.policy.autoRevoke': policy, 'tokenCustody.masking.revealSeconds': 31 }));
      await waitFor(() => cfg().get('masking.revealSeconds') === 31, 'the workspace settings file is loaded', 15_000);
      const t1 = githubToken();
      secrets.push(t1);
      const e1 = await openFile(write('auto/workspace-policy.env', `GH=${t1}\n`));
      const f1 = await findingOf(a, e1.document.uri);
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(a.core.settings().autoRevoke, [], 'a workspace policy is not read');
      assert.equal(calls.filter((c) => c.fp === f1.fingerprint).length, 0, 'no automatic revocation from a workspace policy');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      // 2. User settings: revokes once.
      await cfg().update('policy.autoRevoke', policy, vscode.ConfigurationTarget.Global);
      await waitFor(() => a.core.settings().autoRevoke.length === 1, 'the user-level policy is read');
      const t2 = githubToken();
      secrets.push(t2);
      const e2 = await openFile(write('auto/user-policy.env', `GH=${t2}\n`));
      const f2 = await findingOf(a, e2.document.uri);
      await waitFor(() => calls.some((c) => c.fp === f2.fingerprint), 'an automatic revocation');
      assert.equal(calls.find((c) => c.fp === f2.fingerprint)!.automatic, true);
      // seen again (edit, second file): not revoked again
      await e2.edit((b) => b.insert(new vscode.Position(0, 0), '# comment\n'));
      await openFile(write('auto/again.env', `GH2=${t2}\n`));
      await waitFor(() => a.core.custody.token(f2.fingerprint)?.custody.state === 'revoked', 'revoked state');
      await waitFor(() => a.core.custody.allEntries().some((e) => e.event === 'auto-revoked' && e.fingerprint === f2.fingerprint), 'an auto-revoked log entry');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(calls.filter((c) => c.fp === f2.fingerprint).length, 1, 'once per token per window');
      const entry = a.core.custody.allEntries().find((e) => e.event === 'auto-revoked' && e.fingerprint === f2.fingerprint);
      assert.deepEqual(entry?.detail && { result: (entry.detail as { result: string }).result, policy: (entry.detail as { policy?: string }).policy }, { result: 'revoked', policy: 'github' });
      if (realWorkbench()) {
        await waitFor(async () => (await notifications()).some((n) => n.includes('automatically revoked') && n.includes(f2.redacted)), 'the announcement');
        await screenshot('custody-auto-revoke');
      }
    } finally {
      await cfg().update('policy.autoRevoke', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(settingsDir, { recursive: true, force: true });
      (a.core.areas as { revocation?: RevocationApi }).revocation = original;
    }
  });

  it('lists a group\'s tokens a page at a time: "Show N more tokens" (through the real tree) lists the next page', async function () {
    const a = await api();
    const n = GROUP_PAGE + 20;
    const tokens = Array.from({ length: n }, () => githubToken());
    secrets.push(...tokens);
    const editor = await openFile(write('custody-page/many.env', tokens.map((t, i) => `TOKEN_${i}=${t}`).join('\n') + '\n'));
    await waitFor(() => (a.core.store.findings(editor.document.uri).length === n ? true : null), `${n} findings`, 60_000);
    const view = a.custodyView;
    const exposedRows = (): CustodyNode[] => {
      const group = view.provider.getChildren().find((g) => g.kind === 'group' && g.state === 'exposed');
      return group ? view.provider.getChildren(group) : [];
    };
    const total = await waitFor(() => {
      const count = exposedCount(view.provider.tokens());
      return count >= n ? count : null;
    }, `${n} exposed tokens in custody`, 60_000);
    let rows = exposedRows();
    assert.equal(rows.filter((r) => r.kind === 'token').length, GROUP_PAGE, 'the first page');
    const showMore = rows.find((r): r is Extract<CustodyNode, { kind: 'showMore' }> => r.kind === 'showMore');
    assert.ok(showMore, 'a "Show more" row');
    assert.equal(showMore.hidden, total - GROUP_PAGE);
    const label = `Show ${Math.min(GROUP_PAGE, total - GROUP_PAGE)} more tokens`;
    assert.equal(view.provider.getTreeItem(showMore).label, label);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    if (realWorkbench()) {
      // Scrolled to the row past the first page, shown, clicked: the tree lists the rest.
      await vscode.commands.executeCommand('tokenCustody.showCustody');
      await view.treeView.reveal(showMore, { select: false, focus: false });
      const text = await waitFor(async () => {
        const t = await sidebarText();
        return t.includes(label) ? t : null;
      }, 'the "Show more" row in the view', 30_000);
      assert.ok(text.includes(`${GROUP_PAGE} of ${total.toLocaleString('en-US')} listed`), 'the row says how many are listed');
      assert.ok(!tokens.some((t) => text.includes(t.slice(4, -4))), 'the view shows no token');
      await clickText(label);
    } else {
      await vscode.commands.executeCommand('tokenCustody.custodyView.showMore', 'exposed');
    }
    rows = await waitFor(() => {
      const r = exposedRows();
      return r.filter((x) => x.kind === 'token').length === Math.min(total, 2 * GROUP_PAGE) ? r : null;
    }, 'the next page listed', 30_000);
    assert.equal(rows.some((r) => r.kind === 'showMore'), total > 2 * GROUP_PAGE);
    if (realWorkbench()) {
      if (total <= 2 * GROUP_PAGE) await waitFor(async () => (!(await sidebarText()).includes(label) ? true : null), 'the row gone from the view once every token is listed', 30_000);
      // Back to the top of the view for the tests after this one.
      await view.treeView.reveal(view.provider.getChildren()[0]!, { select: false, focus: false });
    }
  });

  it('Clear Custody History asks first and says what is lost; Cancel keeps everything; clearing removes this workspace\'s entries from the log and the view, and records the open editors\' tokens again', async function () {
    if (!realWorkbench()) this.skip();
    const a = await api();
    await a.core.custody.whenReady();
    const gone = githubToken();
    const stays = githubToken();
    secrets.push(gone, stays);
    const closed = await openFile(write('clear-history/closed.env', `OLD_TOKEN=${gone}\n`));
    const old = await findingOf(a, closed.document.uri);
    await waitFor(() => (a.core.custody.token(old.fingerprint) ? true : null), 'the first token recorded');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const open = await openFile(write('clear-history/open.env', `OPEN_TOKEN=${stays}\n`));
    const live = await findingOf(a, open.document.uri);
    await waitFor(() => (a.core.custody.token(live.fingerprint) ? true : null), 'the second token recorded');
    await vscode.commands.executeCommand('tokenCustody.showCustody');
    await waitFor(async () => ((await sidebarText()).includes(old.redacted) ? true : null), 'the custody view listing the first token');

    // Cancel: nothing removed.
    const cancelled = vscode.commands.executeCommand<number | undefined>('tokenCustody.clearCustodyHistory');
    const text = await waitFor(() => dialogText(), 'the confirmation');
    assert.match(text, /Clear the custody history\?/);
    assert.match(text, /This workspace \(workspace\): \d+ entries about \d+ tokens/);
    assert.match(text, /deleted from the custody log for good/);
    assert.match(text, /Export the custody log first/);
    assert.ok(!text.includes(gone) && !text.includes(stays), 'the confirmation names no token');
    await clickButton('Cancel');
    assert.equal(await cancelled, undefined);
    assert.ok(a.core.custody.token(old.fingerprint), 'Cancel keeps the history');

    // Clear this workspace.
    const cleared = vscode.commands.executeCommand<number | undefined>('tokenCustody.clearCustodyHistory');
    await waitFor(() => dialogText(), 'the confirmation');
    await clickButton('Clear This Workspace');
    const removed = await cleared;
    assert.ok(removed !== undefined && removed >= 2, `entries removed: ${removed}`);
    assert.equal(a.core.custody.token(old.fingerprint), undefined, 'the closed file\'s token is forgotten');
    assert.ok(!a.core.custody.allEntries().some((e) => e.fingerprint === old.fingerprint));
    // The open editor's token is still there: recorded again.
    await waitFor(() => (a.core.custody.token(live.fingerprint) ? true : null), 'the open token recorded again');
    await a.core.custody.log.flush();
    const onDisk = fs.readFileSync(a.core.custody.log.path, 'utf8');
    assert.ok(!onDisk.includes(old.fingerprint), 'the log on disk holds no entry of the cleared token');
    assert.ok(onDisk.split('\n').some((l) => l.includes(live.fingerprint) && l.includes('"detected"')), 'the open token\'s new detection is on disk');
    assert.ok(!onDisk.includes(gone) && !onDisk.includes(stays), 'the log never holds a token');
    await waitFor(async () => {
      const t = await sidebarText();
      return !t.includes(old.redacted) && t.includes(live.redacted) ? true : null;
    }, 'the custody view refreshed: the cleared token gone, the open one listed');
  });
});
