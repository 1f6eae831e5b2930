// The language-model tools in the browser build: tokenCustody_checkText works as on the desktop (the
// engine runs here); tokenCustody_listSecrets and tokenCustody_runWithSecrets need the keychain and a
// shell, so they answer that they need VS Code desktop. Registered only when this workbench has
// `vscode.lm.registerTool`.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { TOOL_CHECK_TEXT, TOOL_LIST_SECRETS, TOOL_RUN_WITH_SECRETS } from '../../agents/checkText';
import { invokeCheckText, toolResult } from '../../agents/vscode/checkTextTool';
import { desktopOnlyMessage } from './desktopOnly';

export function registerWebAgentTools(core: Core): vscode.Disposable {
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  if (typeof lm?.registerTool !== 'function') {
    core.log.info('language-model tools are not available in this workbench: tokenCustody_* tools not registered');
    return new vscode.Disposable(() => undefined);
  }
  const desktopOnly = (what: string): vscode.LanguageModelTool<Record<string, unknown>> => ({
    invoke: () => {
      core.log.info(`${what}: asked by an agent; needs VS Code desktop`);
      return toolResult(desktopOnlyMessage(what));
    },
  });
  return vscode.Disposable.from(
    lm.registerTool<{ text: string }>(TOOL_CHECK_TEXT, { invoke: (o) => invokeCheckText(core, o) }),
    lm.registerTool(TOOL_LIST_SECRETS, desktopOnly(vscode.l10n.t('Listing the secrets stored in the keychain'))),
    lm.registerTool(TOOL_RUN_WITH_SECRETS, desktopOnly(vscode.l10n.t('Running a command with keychain secrets'))),
  );
}
