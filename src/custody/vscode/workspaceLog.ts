// The custody log of the browser build: the same JSON Lines as the desktop's custody.jsonl, kept with
// `workspace.fs` under the extension's global storage (IndexedDB on vscode.dev). `workspace.fs` has
// no append, so each write rewrites the file; operations are serialised within the window. Windows
// of one browser do not share a lock (the desktop log's lock file needs a real file system): two
// windows writing at the same moment may lose one entry — acceptable for a record that the desktop
// keeps exactly.

import * as vscode from 'vscode';
import {
  appendGuarded, parseLog, recentLines, splitLines,
  type AppendOptions, type CustodyEntry, type CustodyInput, type CustodyLogStore, type LogSinks, type ReadResult, type RetentionResult,
} from '../log';

export class WorkspaceFsCustodyLog implements CustodyLogStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(entry: CustodyEntry) => void>();
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(private readonly uri: vscode.Uri, private readonly sinks: LogSinks = {}, private readonly now: () => Date = () => new Date()) {
    this.path = uri.toString();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private report(error: unknown): void {
    try {
      this.sinks.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // a failing error sink must not break the log
    }
  }

  private async readText(): Promise<string> {
    try {
      return this.decoder.decode(await vscode.workspace.fs.readFile(this.uri));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return '';
      throw e;
    }
  }

  private async writeText(text: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
    await vscode.workspace.fs.writeFile(this.uri, this.encoder.encode(text));
  }

  onAppend(listener: (entry: CustodyEntry) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** As the desktop log: refused (false) when the line would hold a known secret; never rejects. */
  append(input: CustodyInput, options: AppendOptions = {}): Promise<boolean> {
    return this.appendMany([input], options).then((n) => n === 1);
  }

  /** Several entries in one rewrite of the file (it has no append); each is guarded on its own. */
  appendMany(inputs: readonly CustodyInput[], options: AppendOptions = {}): Promise<number> {
    const write = (lines: string): Promise<void> => this.enqueue(async () => {
      const text = await this.readText();
      await this.writeText(`${text}${text && !text.endsWith('\n') ? '\n' : ''}${lines}`);
    });
    return appendGuarded(inputs, options, this.sinks, this.now(), { write, listeners: this.listeners, report: (e) => this.report(e) });
  }

  readAll(): Promise<ReadResult> {
    return this.enqueue(async () => parseLog(await this.readText()));
  }

  flush(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  applyRetention(days: number, now: Date = this.now()): Promise<RetentionResult> {
    return this.enqueue(async () => {
      const text = await this.readText();
      if (!(days > 0) || !Number.isFinite(days)) {
        return { kept: splitLines(text).filter((l) => l.trim()).length, dropped: 0, corrupt: 0, rewritten: false };
      }
      const { keep, dropped, corrupt } = recentLines(text, days, now);
      if (dropped === 0 && corrupt === 0) return { kept: keep.length, dropped, corrupt, rewritten: false };
      await this.writeText(keep.length ? keep.join('\n') + '\n' : '');
      return { kept: keep.length, dropped, corrupt, rewritten: true };
    });
  }
}
