// Terminal guard in a real VS Code: the paste keys go through tokenCustody.terminalPaste (real key
// presses, real modal), the shell receives exactly what it should (checked by the shell itself), the
// watcher warns once per token and terminal, and the shell history scrub removes exactly the token lines.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import { HistoryCheck } from '../../../src/terminal/vscode/historyCheck';
import { githubToken } from '../../support/fakes';
import * as channel from './channel';
import { nextEnd, nextStart } from './shellEvents';

const EXTENSION_ID = 'token-custody.token-custody';
const tag = (): string => randomBytes(4).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}



async function openBash(name: string): Promise<vscode.Terminal> {
  const terminal = vscode.window.createTerminal({ name, cwd: channel.workspacePath() });
  terminal.show(false);
  await channel.waitFor(() => terminal.shellIntegration, `shell integration in "${name}"`, 30_000);
  return terminal;
}

/**
 * Starts `read -r -N length X` in the shell: it ends by itself once `length` characters arrived (what
 * gets pasted or typed next), and writes them to `file`. Resolves with the end of that command.
 */
async function readInto(terminal: vscode.Terminal, file: string, length: number): Promise<{ ended: Promise<vscode.TerminalShellExecutionEndEvent> }> {
  const started = nextStart(terminal);
  terminal.sendText(`IFS= read -r -N ${length} X; printf '%s' "$X" > '${file}'`, true);
  await started;
  const ended = nextEnd(terminal, 30_000);
  await sleep(300);
  return { ended };
}

async function pressAndFinish(terminal: vscode.Terminal, keys: string, ended: Promise<unknown>): Promise<void> {
  await focus(terminal);
  await channel.press(keys);
  await sleep(300);
  assert.equal(await channel.dialogText(), null, `no dialog expected after ${keys}`);
  await ended;
}

/** Keyboard focus into the terminal (the API first: a click can land on a command decoration's hover). */
async function focus(terminal: vscode.Terminal): Promise<void> {
  terminal.show(false);
  const ok = await channel.waitFor(async () => /xterm-helper-textarea/.test((await channel.activeElement()) ?? ''), 'terminal focus', 3000).catch(() => false);
  if (!ok) await channel.focusTerminal();
}

async function count(text: string): Promise<number> {
  return (await channel.notifications()).filter((n) => n.includes(text)).length;
}

describe('terminal guard (real host)', function () {
  let terminal: vscode.Terminal;
  let core: TokenCustodyApi['core'];
  const dir = (): string => channel.workspacePath();

  before(async function () {
    if (!channel.realWorkbench()) this.skip(); // real keys, modals, toasts and clipboard
    core = (await api()).core;
    terminal = await openBash(`guard ${tag()}`);
  });

  after(async () => {
    terminal?.dispose();
    await vscode.workspace.getConfiguration('tokenCustody').update('terminal.interceptPaste', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('contributes the paste keys with when clauses and skips the shell for them', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { keybindings: { command: string; key: string; when: string }[] } };
    const mine = pkg.contributes.keybindings.filter((k) => k.command === 'tokenCustody.terminalPaste');
    assert.deepEqual(mine.map((k) => k.key).sort(), ['cmd+v', 'ctrl+shift+v', 'ctrl+v', 'ctrl+v', 'ctrl+v', 'shift+insert']);
    for (const k of mine) assert.match(k.when, /terminalFocus && config\.tokenCustody\.terminal\.interceptPaste/);
    const skip = vscode.workspace.getConfiguration('terminal.integrated').get<string[]>('commandsToSkipShell') ?? [];
    assert.ok(skip.includes('tokenCustody.terminalPaste'), `commandsToSkipShell: ${JSON.stringify(skip)}`);
  });

  for (const keys of ['Control+Shift+V', 'Shift+Insert', 'Control+V']) {
    it(`${keys}: a clean clipboard arrives in the shell unchanged, without a dialog`, async () => {
      const file = path.join(dir(), `clean-${tag()}.txt`);
      const text = `clean ${tag()} 'single' "double" $HOME \\back`;
      await vscode.env.clipboard.writeText(text);
      const { ended } = await readInto(terminal, file, text.length);
      await pressAndFinish(terminal, keys, ended);
      await channel.waitFor(() => fs.existsSync(file), file);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    });
  }

  it('a token in the clipboard opens the choice; Cancel sends nothing', async () => {
    const token = githubToken();
    const file = path.join(dir(), `cancel-${tag()}.txt`);
    await vscode.env.clipboard.writeText(`export GITHUB_TOKEN=${token}`);
    const marker = `after-cancel-${tag()}`;
    const { ended } = await readInto(terminal, file, marker.length);
    await focus(terminal);
    await channel.press('Control+V');
    const info = await channel.waitFor(() => channel.dialog(), 'the paste choice');
    const text = `${info.message}\n${info.detail}`;
    assert.match(text, /GitHub personal access token/);
    assert.ok(text.includes(`${token.slice(0, 4)}`) && text.includes(token.slice(-4)), `redacted form in: ${text}`);
    assert.ok(!text.includes(token), 'the dialog must not show the token');
    assert.ok(info.buttons.includes('Paste Anyway'), JSON.stringify(info.buttons));
    assert.equal(info.buttons.includes('Paste Reference Instead'), Boolean(core.areas.vault), JSON.stringify(info.buttons));
    await channel.clickButton('Cancel');
    await channel.waitFor(async () => (await channel.dialogText()) === null, 'the dialog to close');
    await focus(terminal);
    await channel.type(marker);
    await ended;
    assert.equal(fs.readFileSync(file, 'utf8'), marker);
    const fp = core.custody.tokens().find((t) => t.custody.redacted.endsWith(token.slice(-4)))?.custody;
    assert.ok(fp, 'the pasted token is in the custody log');
    assert.ok(core.custody.allEntries().some((e) => e.event === 'detected' && e.fingerprint === fp.fingerprint && e.where?.kind === 'terminal' && e.where.place === 'paste'));
  });

  it('Paste Anyway sends the exact text and is logged', async () => {
    const token = githubToken();
    const file = path.join(dir(), `anyway-${tag()}.txt`);
    const text = `Authorization: token ${token}`;
    await vscode.env.clipboard.writeText(text);
    const { ended } = await readInto(terminal, file, text.length);
    await focus(terminal);
    await channel.press('Control+Shift+V');
    await channel.waitFor(() => channel.dialog(), 'the paste choice');
    await channel.clickButton('Paste Anyway');
    await ended;
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    const entry = core.custody.allEntries().find((e) => e.event === 'pasted-anyway' && e.redacted.endsWith(token.slice(-4)));
    assert.ok(entry, 'a pasted-anyway custody event');
    assert.equal(entry.where?.kind, 'terminal');
    assert.ok(!JSON.stringify(core.custody.allEntries()).includes(token), 'the custody log never holds the token');
    // The user saw it on paste: the echo of the pasted line does not raise a second warning.
    await sleep(500);
    assert.equal(await count(token.slice(-4)), 0);
  });

  it('Paste Reference Instead stores the token through the vault API and pastes its shell expression', async () => {
    const original = core.areas.vault;
    const stored: string[] = [];
    // A stand-in for the vault area (this suite tests the terminal side of the contract only).
    core.areas.vault = {
      storeToken: (finding, opts) => {
        stored.push(`${finding.redacted}|${opts.suggestedName ?? ''}|${opts.reason}`);
        return Promise.resolve({ name: 'GITHUB_TOKEN', backend: 'keychain', reference: 'keychain://token-custody/GITHUB_TOKEN', shellExpression: '"$(token-custody secret get GITHUB_TOKEN)"' });
      },
    };
    try {
      const token = githubToken();
      const file = path.join(dir(), `reference-${tag()}.txt`);
      await vscode.env.clipboard.writeText(`export GITHUB_TOKEN=${token}`);
      const expected = 'export GITHUB_TOKEN="$(token-custody secret get GITHUB_TOKEN)"';
      const { ended } = await readInto(terminal, file, expected.length);
      await focus(terminal);
      await channel.press('Control+Shift+V');
      const info = await channel.waitFor(() => channel.dialog(), 'the paste choice');
      assert.ok(info.buttons.includes('Paste Reference Instead'), JSON.stringify(info.buttons));
      await channel.clickButton('Paste Reference Instead');
      await ended;
      assert.equal(fs.readFileSync(file, 'utf8'), expected);
      assert.equal(stored.length, 1);
      assert.match(stored[0]!, /\|GITHUB_TOKEN\|terminal-paste$/);
      assert.ok(core.custody.allEntries().some((e) => e.event === 'paste-replaced' && e.redacted.endsWith(token.slice(-4)) && e.detail?.reference === 'keychain://token-custody/GITHUB_TOKEN'));
    } finally {
      core.areas.vault = original;
    }
  });

  it('with interceptPaste off the keys paste natively (no dialog even for a token)', async () => {
    await vscode.workspace.getConfiguration('tokenCustody').update('terminal.interceptPaste', false, vscode.ConfigurationTarget.Global);
    try {
      await sleep(500);
      const token = githubToken();
      const file = path.join(dir(), `native-${tag()}.txt`);
      await vscode.env.clipboard.writeText(token);
      const { ended } = await readInto(terminal, file, token.length);
      await pressAndFinish(terminal, 'Control+Shift+V', ended);
      await channel.waitFor(() => fs.existsSync(file), file);
      assert.equal(fs.readFileSync(file, 'utf8'), token);
    } finally {
      await vscode.workspace.getConfiguration('tokenCustody').update('terminal.interceptPaste', undefined, vscode.ConfigurationTarget.Global);
      await sleep(300);
    }
  });

  it('warns once about a token in command output, split across chunks and wrapped in colours', async () => {
    const token = githubToken();
    const fixture = path.join(dir(), `out-${tag()}.bin`);
    fs.writeFileSync(fixture, `key: \u001b[1;31m${token}\u001b[0m\n`);
    const cut = 6 + 7 + 10; // inside the token
    const command = `sleep 0.5; for i in 1 2 3; do head -c ${cut} '${path.basename(fixture)}'; sleep 0.3; tail -c +${cut + 1} '${path.basename(fixture)}'; done`;
    const ended = nextEnd(terminal);
    terminal.sendText(command, true);
    await ended;
    const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(token.slice(-4))), 'the output warning', 15_000);
    assert.ok(msg.includes(`terminal "${terminal.name}"`), msg);
    assert.ok(msg.includes('GitHub personal access token'), msg);
    assert.ok(msg.includes('output of') && msg.includes('head -c'), msg);
    assert.ok(!msg.includes(token), 'the warning must not show the token');
    // the same token again (another command): still one warning
    const again = nextEnd(terminal);
    terminal.sendText(`sleep 0.5; cat '${path.basename(fixture)}'`, true);
    await again;
    await sleep(1000);
    assert.equal(await count(token.slice(-4)), 1);
    const detected = core.custody.allEntries().filter((e) => e.event === 'detected' && e.redacted.endsWith(token.slice(-4)) && e.where?.kind === 'terminal');
    assert.ok(detected.some((e) => e.where?.kind === 'terminal' && e.where.place === 'output' && e.where.terminal === terminal.name));
  });

  it('warns about a token in the output of a command that is still running (a small piece, scanned after a short wait)', async () => {
    const token = githubToken();
    const fixture = path.join(dir(), `out-${tag()}.bin`);
    fs.writeFileSync(fixture, `key: ${token}\n`);
    // The command waits for a line of input after printing the token: the warning must come before it ends.
    const ended = nextEnd(terminal, 60_000);
    let done = false;
    void ended.then(() => (done = true));
    terminal.sendText(`cat '${path.basename(fixture)}'; read -r tc_line; echo done`, true);
    const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(token.slice(-4))), 'the output warning while the command runs', 15_000);
    assert.equal(done, false, 'the command was still waiting for its input');
    assert.ok(msg.includes('output of') && msg.includes('read -r'), msg);
    assert.ok(!msg.includes(token), 'the warning must not show the token');
    terminal.sendText('', true);
    await ended;
  });

  it('warns about a token in a command line, with the command redacted', async () => {
    const token = githubToken();
    const ended = nextEnd(terminal);
    terminal.sendText(`TC_PROBE=${token} sleep 0.5; echo ok`, true);
    await ended;
    const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(token.slice(-4))), 'the command-line warning', 15_000);
    assert.ok(msg.includes('command line') && msg.includes('TC_PROBE='), msg);
    assert.ok(!msg.includes(token), 'the warning must not show the token');
    assert.ok(msg.includes(`terminal "${terminal.name}"`), msg);
  });

  it('Clear terminal from the warning clears that terminal and is logged', async () => {
    const token = githubToken();
    const ended = nextEnd(terminal);
    terminal.sendText(`sleep 0.5; echo '${token.slice(0, 10)}''${token.slice(10)}'`, true);
    await ended;
    await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(token.slice(-4))), 'the output warning', 15_000);
    await channel.clickButton('Clear terminal');
    await channel.waitFor(() => core.custody.allEntries().some((e) => e.event === 'scrubbed' && e.redacted.endsWith(token.slice(-4))), 'a scrubbed custody event');
  });
});

describe('terminal without shell integration (real host)', function () {
  before(function () {
    if (!channel.realWorkbench()) this.skip();
  });

  it('says once that commands and output are not checked there', async function () {
    this.timeout(40_000);
    const sh = vscode.window.createTerminal({ name: `plain sh ${tag()}`, shellPath: '/bin/sh' });
    try {
      sh.show(true);
      const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('shell integration is not active')), 'the no-shell-integration notice', 20_000, 500);
      assert.ok(msg.includes(`terminal "${sh.name}"`) && msg.includes('terminal.integrated.shellIntegration.enabled'), msg);
      assert.equal(sh.shellIntegration, undefined);
    } finally {
      sh.dispose();
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});

describe('shell history scrub (real host)', function () {
  before(function () {
    if (!channel.realWorkbench()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('warns about tokens in history files and removes exactly those lines after confirmation', async () => {
    const core = (await api()).core;
    const home = path.join(channel.workspacePath(), `home-${tag()}`);
    fs.mkdirSync(path.join(home, '.local', 'share', 'fish'), { recursive: true });
    const t1 = githubToken();
    const t2 = githubToken();
    const bash = path.join(home, 'custom_history');
    fs.writeFileSync(bash, `ls\n#1700000000\nexport GITHUB_TOKEN=${t1}\ngit status\n`, { mode: 0o600 });
    const fish = path.join(home, '.local', 'share', 'fish', 'fish_history');
    fs.writeFileSync(fish, `- cmd: ls\n  when: 1700000000\n- cmd: set -x GH ${t2}\n  when: 1700000001\n  paths:\n    - x\n- cmd: pwd\n  when: 1700000002\n`);
    const check = new HistoryCheck(core, { env: { HISTFILE: bash }, home });
    const done = check.run();
    const msg = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes('shell history')), 'the history warning', 15_000);
    assert.ok(msg.includes('~/custom_history') && msg.includes('~/.local/share/fish/fish_history'), msg);
    assert.ok(!msg.includes(t1) && !msg.includes(t2));
    await channel.clickButton('Scrub History…');
    const confirm = await channel.waitFor(() => channel.dialogText(), 'the scrub confirmation');
    assert.match(confirm, /Remove the 6 lines holding tokens/);
    await channel.clickButton('Scrub');
    const result = await channel.waitFor(async () => {
      const t = await channel.dialogText();
      return t?.startsWith('Scrubbed') ? t : null;
    }, 'the scrub result');
    assert.match(result, /^Scrubbed 6 lines/);
    assert.equal(fs.readFileSync(bash, 'utf8'), 'ls\ngit status\n');
    assert.equal(fs.readFileSync(fish, 'utf8'), '- cmd: ls\n  when: 1700000000\n- cmd: pwd\n  when: 1700000002\n');
    const backups = fs.readdirSync(home).filter((n) => n.startsWith('custom_history.token-custody-backup-'));
    assert.equal(backups.length, 1);
    const backup = path.join(home, backups[0]!);
    assert.equal(fs.statSync(backup).mode & 0o777, 0o600);
    assert.ok(fs.readFileSync(backup, 'utf8').includes(t1));
    await channel.clickButton('Delete Backup');
    await done;
    assert.ok(!fs.existsSync(backup), 'backup deleted on request');
    assert.equal(fs.readdirSync(path.dirname(fish)).filter((n) => n.includes('backup')).length, 0);
    assert.ok(core.custody.allEntries().some((e) => e.event === 'scrubbed' && e.redacted.endsWith(t1.slice(-4))));
    fs.rmSync(home, { recursive: true, force: true });
  });
});
