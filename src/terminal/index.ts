// Terminal area (issue: terminal guard). Being built; registers nothing yet.
import type * as vscode from 'vscode';
import type { Core } from '../core';

export function registerTerminal(_core: Core): vscode.Disposable {
  return { dispose: () => undefined };
}
