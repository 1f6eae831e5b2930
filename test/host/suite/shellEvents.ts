// Waits for the next shell-integration command start / end in one terminal (shared by the host suites).
import * as vscode from 'vscode';

export function nextStart(terminal: vscode.Terminal, timeoutMs = 20_000): Promise<vscode.TerminalShellExecution> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no command started in "${terminal.name}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.window.onDidStartTerminalShellExecution((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.execution);
    });
  });
}

export function nextEnd(terminal: vscode.Terminal, timeoutMs = 20_000): Promise<vscode.TerminalShellExecutionEndEvent> {
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
