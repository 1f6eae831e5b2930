import * as vscode from 'vscode';

// Composition root (being built up issue by issue).
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Token Custody', { log: true });
  context.subscriptions.push(log);
  log.info('Token Custody activated');
}

export function deactivate(): void {}
