// The one place where text leaves the extension for humans (output channel, messages): every line is
// scanned with the engine and any credential in it is replaced by its redacted form first.

import * as vscode from 'vscode';
import type { Scanner } from '../../engine';

export interface Logger extends vscode.Disposable {
  trace(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
  show(): void;
}

/** Replaces every credential the scanner finds in `text` by its redacted form. */
export function redactText(scanner: Scanner, text: string): string {
  const found = scanner.scan(text, { inlineIgnore: false, positionAt: () => ({ line: 0, col: 0 }) });
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    if (f.range.start < at) continue;
    out += text.slice(at, f.range.start) + f.redacted;
    at = f.range.end;
  }
  return out + text.slice(at);
}

export function createLogger(name: string, scanner: () => Scanner): Logger {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  const clean = (s: string): string => redactText(scanner(), s);
  return {
    trace: (m) => channel.trace(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m, err) => channel.error(clean(err === undefined ? m : `${m}: ${err instanceof Error ? err.message : JSON.stringify(err)}`)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
