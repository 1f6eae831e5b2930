// AI agents in a real VS Code: a terminal created the way VS Code creates its Copilot agent terminals
// (`env: { COPILOT_AGENT: '1' }`) prints a token → the warning names the agent and says the token
// reached a model, the custody entry carries the agent (place `agent-terminal`), and an auto-revoke
// policy for `agent-terminal` revokes it once at a loopback issuer.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CustodyEntryOf } from '../../../src/custody/log';
import type { VaultAreaApi } from '../../../src/vault/vscode/register';
import type { TokenCustodyApi } from '../../../src/extension';
import { githubToken } from '../../support/fakes';
import { startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import * as channel from './channel';
import { nextEnd } from './shellEvents';

const EXTENSION_ID = 'token-custody.token-custody';
const tag = (): string => randomBytes(4).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}


describe('AI agents (real host)', function () {
  let a: TokenCustodyApi;
  let fake: FakeIssuers;
  const secrets: string[] = [];
  const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');

  before(async () => {
    a = await api();
    fake = await startFakeIssuers();
    await cfg().update('endpoints.github', `${fake.base}/github`, vscode.ConfigurationTarget.Global);
    await cfg().update('policy.autoRevoke', [{ match: 'github', places: ['agent-terminal'] }], vscode.ConfigurationTarget.Global);
    await channel.waitFor(() => a.core.settings().autoRevoke.length === 1 && a.core.settings().endpoints.github === `${fake.base}/github`, 'the user-level settings to be read');
  });

  after(async () => {
    await cfg().update('policy.autoRevoke', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('endpoints.github', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('a Copilot agent terminal: the warning names the agent, custody has agent-terminal, the policy revokes once', async () => {
    const token = githubToken();
    secrets.push(token);
    fake.addToken('github', token);
    const file = path.join(channel.workspacePath(), `agent-${tag()}.txt`);
    fs.writeFileSync(file, `token: ${token}\n`);
    const terminal = vscode.window.createTerminal({ name: `agent ${tag()}`, cwd: channel.workspacePath(), env: { COPILOT_AGENT: '1' } });
    try {
      terminal.show(false);
      await channel.waitFor(() => terminal.shellIntegration, 'shell integration in the agent terminal', 30_000);
      const ended = nextEnd(terminal);
      // A short pause first, as the terminal suite does: the watcher's execution.read() must be attached before output arrives.
      terminal.shellIntegration!.executeCommand(`sleep 0.5; cat '${file}'`);
      await ended;

      const detected = await channel.waitFor(
        () => a.core.custody.allEntries().find((e): e is CustodyEntryOf<'detected'> => e.event === 'detected' && e.where?.kind === 'terminal' && e.where.terminal === terminal.name),
        'a detected entry for the agent terminal',
        15_000,
      );
      assert.equal(detected.where?.kind === 'terminal' && detected.where.agent?.name, 'copilot');
      assert.equal(detected.where?.kind === 'terminal' && detected.where.agent?.evidence, 'env COPILOT_AGENT');

      const revoked = await channel.waitFor(
        () => a.core.custody.allEntries().find((e): e is CustodyEntryOf<'auto-revoked'> => e.event === 'auto-revoked' && e.fingerprint === detected.fingerprint),
        'the auto-revoked entry',
        20_000,
      );
      assert.equal(revoked.detail?.place, 'agent-terminal');
      assert.equal(revoked.detail?.result, 'revoked');
      assert.equal(fake.isLive('github', token), false, 'the loopback issuer revoked the token');
      assert.equal(fake.requestsFor('github').filter((r) => r.path.endsWith('/credentials/revoke')).length, 1);

      if (channel.realWorkbench()) {
        const warning = await channel.waitFor(async () => (await channel.notifications()).find((n) => n.includes(detected.redacted) && n.includes('GitHub Copilot')), 'the terminal warning naming the agent', 15_000);
        assert.match(warning, /reached a model/);
        assert.ok(!warning.includes(token));
      }

      // Printed again: no second revocation.
      const again = nextEnd(terminal);
      // A short pause first, as the terminal suite does: the watcher's execution.read() must be attached before output arrives.
      terminal.shellIntegration!.executeCommand(`sleep 0.5; cat '${file}'`);
      await again;
      await sleep(1500);
      assert.equal(fake.requestsFor('github').filter((r) => r.path.endsWith('/credentials/revoke')).length, 1, 'revoked once');
      const onDisk = fs.readFileSync(a.core.custody.log.path, 'utf8');
      assert.ok(onDisk.includes('"agent":{"name":"copilot"'), 'the log file names the agent');
      for (const s of secrets) assert.ok(!onDisk.includes(s), 'no token in the custody log');
    } finally {
      terminal.dispose();
      fs.rmSync(file, { force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  describe('language-model tools', () => {
    const name = `AGENT_${tag()}`;
    let dir: string;
    let value: string;

    const textOf = (r: vscode.LanguageModelToolResult): string => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

    /** Invokes a tool; answers VS Code's confirmation dialog (if one is shown) with its first button. */
    async function invoke(tool: string, input: object, answer?: (d: channel.DialogInfo) => string): Promise<{ text: string; dialog?: channel.DialogInfo }> {
      const pending = vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined });
      let settled = false;
      const done = Promise.resolve(pending).finally(() => { settled = true; });
      let seen: channel.DialogInfo | undefined;
      if (answer && channel.realWorkbench()) {
        while (!settled) {
          const d = await channel.dialog();
          if (d) {
            seen = d;
            await channel.clickButton(answer(d));
            break;
          }
          await sleep(150);
        }
      }
      return { text: textOf(await done), ...(seen ? { dialog: seen } : {}) };
    }

    before(async function () {
      if (typeof vscode.lm?.invokeTool !== 'function') this.skip();
      value = githubToken();
      secrets.push(value);
      await (a.core.areas.vault as VaultAreaApi).backendForScheme('vscode-secret').set(name, value);
      dir = path.join(channel.workspacePath(), `agent-run-${tag()}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.env'), `# secrets for the agent\nAGENT_TOKEN=vscode-secret://token-custody/${name}\nPLAIN=1\n`);
    });

    after(async () => {
      await (a.core.areas.vault as VaultAreaApi | undefined)?.backendForScheme('vscode-secret').delete(name);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      await cfg().update('agents.allowRun', undefined, vscode.ConfigurationTarget.Global);
    });

    it('contributes and registers the three tools', () => {
      const names = vscode.lm.tools.map((t) => t.name);
      for (const n of ['tokenCustody_checkText', 'tokenCustody_listSecrets', 'tokenCustody_runWithSecrets']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    });

    it('tokenCustody_checkText answers with kinds and redacted forms only, and records custody', async () => {
      const token = githubToken();
      secrets.push(token);
      const { text } = await invoke('tokenCustody_checkText', { text: `export GH=${token}\necho done` });
      assert.ok(!text.includes(token), 'no token in the answer');
      assert.match(text, /1 credential\(s\) found/);
      assert.match(text, /line 1, column 11: GitHub/);
      const entry = await channel.waitFor(() => a.core.custody.allEntries().find((e): e is CustodyEntryOf<'agent-flagged'> => e.event === 'agent-flagged' && text.includes(e.redacted)), 'an agent-flagged entry');
      assert.deepEqual(entry.detail, { agent: 'vscode-extension', via: 'lm-tool', tool: 'tokenCustody_checkText', outcome: 'reported' });
      assert.equal((await invoke('tokenCustody_checkText', { text: 'nothing to see' })).text, 'No credential found in the text.');
    });

    it('tokenCustody_listSecrets lists names and references, never values', async () => {
      const { text } = await invoke('tokenCustody_listSecrets', {});
      assert.ok(text.includes(`${name} (VS Code secret storage) vscode-secret://token-custody/${name}`), text);
      assert.ok(!text.includes(value));
    });

    it('tokenCustody_runWithSecrets: confirmation names the command and the secret; the echoed token comes back redacted', async () => {
      const cmd = 'echo "token=$AGENT_TOKEN"; printf %s "$AGENT_TOKEN" | base64; echo plain=$PLAIN';
      const { text, dialog } = await invoke('tokenCustody_runWithSecrets', { command: cmd, cwd: path.basename(dir) }, (d) => d.buttons.find((b) => /continue|allow|run|yes/i.test(b)) ?? d.buttons[0]!);
      if (channel.realWorkbench()) {
        assert.ok(dialog, 'VS Code showed the confirmation');
        const shown = `${dialog.message}\n${dialog.detail}`;
        assert.match(shown, /AGENT_TOKEN/);
        assert.ok(shown.includes(`vscode-secret://token-custody/${name}`), shown);
        assert.ok(!shown.includes(value));
        await channel.screenshot('agents-run-confirmation').catch(() => '');
      }
      assert.ok(!text.includes(value), `no token in the result: ${text.replace(value, '<TOKEN>')}`);
      assert.ok(!text.includes(Buffer.from(value).toString('base64')), 'no base64 form of the token');
      assert.match(text, /Exit code 0/);
      assert.match(text, new RegExp(`token=\\[secret ${name}\\]`));
      assert.match(text, /plain=\s*$|plain=\n/m, 'plain .env lines are not applied');
      const used = await channel.waitFor(() => a.core.custody.allEntries().find((e): e is CustodyEntryOf<'agent-used'> => e.event === 'agent-used' && e.detail?.secret === name), 'an agent-used entry');
      assert.equal(used.detail?.outcome, 'ran');
      assert.equal(used.detail?.variable, 'AGENT_TOKEN');
      assert.equal(used.detail?.exitCode, 0);
      const onDisk = fs.readFileSync(a.core.custody.log.path, 'utf8');
      for (const s of secrets) assert.ok(!onDisk.includes(s), 'no token in the custody log');
    });

    it('tokenCustody_runWithSecrets honours tokenCustody.agents.allowRun = never', async () => {
      await cfg().update('agents.allowRun', 'never', vscode.ConfigurationTarget.Global);
      await channel.waitFor(() => a.core.settings().agentsAllowRun === 'never', 'the setting');
      const marker = path.join(dir, 'ran.txt');
      const { text } = await invoke('tokenCustody_runWithSecrets', { command: `touch '${marker}'`, cwd: path.basename(dir) });
      assert.match(text, /Refused: tokenCustody.agents.allowRun is "never"/);
      assert.equal(fs.existsSync(marker), false, 'nothing ran');
    });
  });
});
