// The lint check that keeps user-facing text translatable: `token-custody/no-literal-ui-text`
// (scripts/eslint-l10n-rule.mjs) fails on planted literals and is on for src/** in eslint.config.mjs.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../../..');

interface LintMessage { ruleId: string | null; line: number; message: string }
interface RuleModule {
  lintSnippet(code: string): Promise<LintMessage[]>;
  settingFor(cwd: string, file: string): Promise<unknown[] | undefined>;
}
// Runtime paths, so that the bundler leaves ESLint and the rule alone.
const ruleModule = (): Promise<RuleModule> => import(pathToFileURL(path.join(root, 'scripts', 'eslint-l10n-rule.mjs')).href) as Promise<RuleModule>;

/** The lines the rule reports in `code` (fails on any other problem, such as a parse error). */
async function reported(code: string): Promise<number[]> {
  const messages = await (await ruleModule()).lintSnippet(code);
  for (const m of messages) assert.equal(m.ruleId, 'token-custody/no-literal-ui-text', m.message);
  return messages.map((m) => m.line);
}

describe('lint: no literal user-facing text', () => {
  it('reports literals passed as messages, buttons, details, titles, placeholders and prompts', async () => {
    const planted = [
      "vscode.window.showInformationMessage('Token Custody: done.');", // 1 message
      'void vscode.window.showErrorMessage(`Token Custody: could not read ${name}.`);', // 2 template message
      "vscode.window.showWarningMessage(vscode.l10n.t('Sure?'), { modal: true, detail: 'It is sent.' }, 'Revoke');", // 3 detail + button (2 reports)
      "window.showErrorMessage(msg, ...(setting ? ['Open Settings'] : []));", // 4 button through a spread
      "vscode.window.showInformationMessage(ok ? vscode.l10n.t('Yes') : 'no token there');", // 5 one branch
      "vscode.window.showQuickPick(items, { title: 'Export', placeHolder: vscode.l10n.t('Format') });", // 6 title
      'vscode.window.showInputBox({ prompt: `Paste the token to ${op}.`, password: true });', // 7 prompt
      "vscode.window.withProgress({ location: 15, title: 'Token Custody: scanning' }, run);", // 8 progress title
      "const qp = vscode.window.createQuickPick(); qp.placeholder = 'Pick one';", // 9 assigned placeholder
      "vscode.window.setStatusBarMessage('Token Custody: copied', 3000);", // 10 status bar
      "vscode.window.showErrorMessage('Token Custody: ' + detail);", // 11 concatenation
    ].join('\n');
    assert.deepEqual(await reported(planted), [1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('accepts translated text, variables and templates that only join translated parts', async () => {
    const fine = [
      "vscode.window.showInformationMessage(vscode.l10n.t('Token Custody: {0} copied.', redacted));",
      "const open = vscode.l10n.t('Open'); void vscode.window.showInformationMessage(text, open);",
      'vscode.window.showErrorMessage(`${msg.text} ${msg.detail}`, ...items);',
      "vscode.window.showWarningMessage(t('Revoke {0}?', who), { modal: true, detail: loc.t('Sent to {0}.', host) }, t('Revoke'));",
      "vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export'), placeHolder: placeholder, matchOnDetail: true });",
      "vscode.window.showInputBox({ prompt: vscode.l10n.t('Name'), value: 'GITHUB_TOKEN', validateInput: check });",
      "item.label = 'JSON Lines'; log.info('Token Custody: a log line is not a notification');",
    ].join('\n');
    assert.deepEqual(await reported(fine), []);
  });

  it('is on for every source file in eslint.config.mjs', async () => {
    const rule = await ruleModule();
    for (const file of ['src/revocation/vscode/pick.ts', 'src/custody/vscode/exportCommand.ts', 'src/extension.ts', 'src/revocation/messages.ts']) {
      assert.equal((await rule.settingFor(root, file))?.[0], 2, `${file}: the rule is not an error`);
    }
  });
});
