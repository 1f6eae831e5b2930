// Agents area: the language-model tools (tools.ts) and the MCP server definition (mcp.ts), both
// guarded at runtime so the extension activates on VS Code builds without those APIs.
import type * as vscode from 'vscode';
import type { Core } from '../../core';
import { registerMcpProvider } from './mcp';
import { AgentTools, type AgentToolsDeps } from './tools';

export function registerAgents(core: Core, deps: AgentToolsDeps): vscode.Disposable {
  const tools = new AgentTools(core, deps);
  const mcp = registerMcpProvider(core, core.custody.log.path);
  return { dispose: () => { tools.dispose(); mcp?.dispose(); } };
}
