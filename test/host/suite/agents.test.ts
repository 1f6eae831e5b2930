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
import type { TokenCustodyApi } from '../../../src/extension';
import { githubToken } from '../../support/fakes';
import { startFakeIssuers, type FakeIssuers } from '../../support/issuerServers';
import * as channel from './channel';

const EXTENSION_ID = 'token-custody.token-custody';
const tag = (): string => randomBytes(4).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function api(): Promise<TokenCustodyApi> {
  const ext = vscode.extensions.getExtension<TokenCustodyApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

function nextEnd(terminal: vscode.Terminal, timeoutMs = 20_000): Promise<vscode.TerminalShellExecutionEndEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no command ended in "${terminal.name}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
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
      terminal.shellIntegration!.executeCommand(`cat '${file}'`);
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
      terminal.shellIntegration!.executeCommand(`cat '${file}'`);
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
});
