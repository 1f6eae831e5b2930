// The `token-custody` launcher that integrated terminals find on PATH: it runs the extension's
// bundled CLI (dist/cli.js) with the extension host's own Node (code-server's Node; in desktop VS
// Code the Electron binary, run as Node). Pure: no `vscode` import.

export interface ShimInput {
  /** `process.execPath` of the extension host. */
  nodePath: string;
  /** Absolute path of dist/cli.js. */
  cliPath: string;
  platform: NodeJS.Platform;
  /** The host is Electron (`process.versions.electron`): it must be told to behave as Node. */
  electron: boolean;
}

export interface Shim {
  /** File name inside the bin directory. */
  file: string;
  content: string;
}

/** Double-quoted POSIX shell word. */
function shQuote(s: string): string {
  return `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** Double-quoted cmd.exe word (`%` doubled so paths are not expanded). */
function cmdQuote(s: string): string {
  return `"${s.replace(/%/g, '%%').replace(/"/g, '')}"`;
}

export function shimScript(input: ShimInput): Shim {
  if (input.platform === 'win32') {
    const lines = ['@echo off', 'setlocal'];
    if (input.electron) lines.push('set ELECTRON_RUN_AS_NODE=1');
    // `--` ends Node's own options: Node must not read our `run --env-file` (nodejs/node#54232).
    lines.push(`${cmdQuote(input.nodePath)} -- ${cmdQuote(input.cliPath)} %*`);
    return { file: 'token-custody.cmd', content: lines.join('\r\n') + '\r\n' };
  }
  const env = input.electron ? 'ELECTRON_RUN_AS_NODE=1\nexport ELECTRON_RUN_AS_NODE\n' : '';
  return {
    file: 'token-custody',
    content: `#!/bin/sh\n# Written by the Token Custody extension: runs its bundled CLI.\n${env}exec ${shQuote(input.nodePath)} -- ${shQuote(input.cliPath)} "$@"\n`,
  };
}
