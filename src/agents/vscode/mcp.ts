// `contributes.mcpServerDefinitionProviders` `tokenCustody.mcp`: VS Code lists the Token Custody MCP
// server (the bundled CLI run as `token-custody mcp`) without any configuration. The API
// (`vscode.lm.registerMcpServerDefinitionProvider`, `vscode.McpStdioServerDefinition`) was finalized in
// VS Code 1.101; `engines.vscode` stays ^1.100, so both are looked up at runtime and the provider is
// simply not registered on older hosts. The server gets `tokenCustody.agents.allowRun` and the
// extension's custody log (`TOKEN_CUSTODY_LOG`), so its events land in the Custody view's log.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Core } from '../../core';

export const MCP_PROVIDER_ID = 'tokenCustody.mcp';

/** The parts of the 1.101 API used here (not in @types/vscode 1.100). */
interface McpApi {
  lm: { registerMcpServerDefinitionProvider(id: string, provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(): unknown[] }): vscode.Disposable };
  McpStdioServerDefinition: new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string) => { cwd?: vscode.Uri };
}

export function mcpApi(): McpApi | undefined {
  const v = vscode as unknown as Partial<McpApi> & { lm?: Partial<McpApi['lm']> };
  if (typeof v.lm?.registerMcpServerDefinitionProvider !== 'function' || typeof v.McpStdioServerDefinition !== 'function') return undefined;
  return v as McpApi;
}

export function registerMcpProvider(core: Core, custodyLogPath: string): vscode.Disposable | undefined {
  const api = mcpApi();
  if (!api) {
    core.log.info('MCP server definitions are not supported by this VS Code: tokenCustody.mcp not registered');
    return undefined;
  }
  const changed = new vscode.EventEmitter<void>();
  const sub = core.onDidChangeSettings((keys) => {
    if (keys.has('agents.allowRun')) changed.fire();
  });
  const cli = path.join(core.context.extensionPath, 'dist', 'cli.js');
  const version = String(core.context.extension.packageJSON.version ?? '');
  const provider = api.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      const env: Record<string, string> = { TOKEN_CUSTODY_LOG: custodyLogPath };
      if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
      const args = ['--', cli, 'mcp', '--allow-run', core.settings().agentsAllowRun];
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (folder) args.push('--cwd', folder.fsPath);
      const def = new api.McpStdioServerDefinition('Token Custody', process.execPath, args, env, version);
      if (folder) def.cwd = folder;
      return [def];
    },
  });
  return vscode.Disposable.from(provider, sub, changed);
}
