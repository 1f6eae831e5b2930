// The custody log of the browser build: the same JSON Lines as the desktop's custody.jsonl, kept with
// `workspace.fs` under the extension's global storage (IndexedDB on vscode.dev). `workspace.fs` has
// no append, so each write rewrites the file; operations are serialised within the window. Windows
// of one browser do not share a lock (the desktop log's lock file needs a real file system): two
// windows writing at the same moment may lose one entry — acceptable for a record that the desktop
// keeps exactly.

import * as vscode from 'vscode';
import {
  GuardedCustodyLog, linesWithout, parseLog, recentLines, splitLines,
  type CustodyEntry, type CustodyLogStore, type LogSinks, type ReadResult, type RetentionResult,
} from '../log';

export class WorkspaceFsCustodyLog extends GuardedCustodyLog implements CustodyLogStore {
  readonly path: string;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(private readonly uri: vscode.Uri, sinks: LogSinks = {}, now: () => Date = () => new Date()) {
    super(sinks, now);
    this.path = uri.toString();
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

  /** A batch of entries in one rewrite of the file (`workspace.fs` has no append). */
  protected async writeLines(lines: string): Promise<void> {
    const text = await this.readText();
    await this.writeText(`${text}${text && !text.endsWith('\n') ? '\n' : ''}${lines}`);
  }

  readAll(): Promise<ReadResult> {
    return this.enqueue(async () => parseLog(await this.readText()));
  }

  removeEntries(drop: (entry: CustodyEntry) => boolean): Promise<number> {
    return this.enqueue(async () => {
      const { keep, removed } = linesWithout(await this.readText(), drop);
      if (removed) await this.writeText(keep.length ? keep.join('\n') + '\n' : '');
      return removed;
    });
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
