// The tokenCustody_checkText language-model tool's answer, shared by the desktop tools (tools.ts) and
// the browser build (src/web/vscode/agentTools.ts): the kinds and redacted forms of the credentials in
// the text, each recorded in custody as flagged by the calling agent.

import * as vscode from 'vscode';
import type { Core } from '../../core';
import { checkText, TOOL_CHECK_TEXT } from '../checkText';

/** The agent behind a tool call: VS Code's chat (Copilot) passes a chat token; anything else is an extension. */
export function callerOf(options: { toolInvocationToken?: unknown }): string {
  return options.toolInvocationToken !== undefined ? 'copilot' : 'vscode-extension';
}

export function toolResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

export function invokeCheckText(core: Core, o: vscode.LanguageModelToolInvocationOptions<{ text: string }>): vscode.LanguageModelToolResult {
  const text = typeof o.input?.text === 'string' ? o.input.text : '';
  const r = checkText(core.scanners.scanner, text);
  const agent = callerOf(o);
  for (const f of r.findings) core.custody.record({ event: 'agent-flagged', detail: { agent, via: 'lm-tool', tool: TOOL_CHECK_TEXT, outcome: 'reported' } }, { finding: f });
  core.log.info(`${TOOL_CHECK_TEXT} (${agent}): ${r.credentials.length} credential(s)${r.credentials.length ? `: ${r.credentials.map((c) => c.redacted).join(', ')}` : ''}`);
  return toolResult(r.text);
}
