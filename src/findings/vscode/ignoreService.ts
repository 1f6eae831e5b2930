// `.tokencustodyignore` at each workspace folder's root (fingerprints and path globs), watched;
// and the Ignore command: an inline comment for one occurrence, the ignore file for "everywhere",
// or a path glob.

import * as vscode from 'vscode';
import { fingerprintsOf, type Finding } from '../../engine';
import { appendIgnoreEntry, formatIgnoreEntry, formatPathIgnoreEntry, IGNORE_FILE_NAME, IgnoreMatcher, parseIgnoreFile } from '../../engine/ignore';
import { honouredIgnoreEntries } from '../../config/trust';
import { Service } from '../../util/vscode/disposable';
import type { Logger } from '../../util/vscode/outputChannel';
import { suppressionLine } from '../comments';
import { errorMessage } from '../../errors';

export class IgnoreService extends Service {
  private readonly matchers = new Map<string, IgnoreMatcher>();
  private readonly emitter = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private readonly warned = new Set<string>();

  constructor(private readonly log: Logger) {
    super();
    const watcher = this.own(vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE_NAME}`));
    const reload = (): void => void this.loadAll().then(() => this.emitter.fire());
    this.own(watcher.onDidChange(reload));
    this.own(watcher.onDidCreate(reload));
    this.own(watcher.onDidDelete(reload));
    this.own(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    this.own(vscode.workspace.onDidGrantWorkspaceTrust(reload));
  }

  async loadAll(): Promise<void> {
    this.matchers.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME);
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const parsed = parseIgnoreFile(text);
        // An untrusted workspace's `path:` lines are not honoured; a trusted one that ignores every file is named (issue 11 #17).
        const honoured = honouredIgnoreEntries(parsed.entries, vscode.workspace.isTrusted, vscode.workspace.asRelativePath(uri));
        this.matchers.set(folder.uri.toString(), new IgnoreMatcher(honoured.entries));
        const messages = [...parsed.warnings.map((w) => ({ key: `${w.line}:${w.message}`, text: `${vscode.workspace.asRelativePath(uri)}: ${w.message}` })), ...honoured.notices.map((n) => ({ key: n, text: `protection: ${n}` }))];
        for (const m of messages) {
          const key = `${uri.toString()}:${m.key}`;
          if (this.warned.has(key)) continue;
          this.warned.add(key);
          this.log.warn(m.text);
        }
      } catch (e) {
        if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) this.log.warn(`cannot read ${vscode.workspace.asRelativePath(uri)}: ${errorMessage(e)}`);
      }
    }
  }

  /** Tells listeners that the ignore files have been (re)read. */
  notifyLoaded(): void {
    if (this.matchers.size) this.emitter.fire();
  }

  /** Whether `rel` (a path relative to the workspace folder `folder`) is ignored by a `path:` entry of that folder's ignore file. */
  isIgnoredPathIn(folder: vscode.Uri, rel: string): boolean {
    return Boolean(this.matchers.get(folder.toString())?.matchPath(rel));
  }

  /** Whether a finding in `uri` is ignored by the ignore file of its workspace folder (fingerprints apply everywhere). */
  isIgnored(uri: vscode.Uri | undefined, finding: Pick<Finding, 'fingerprint' | 'legacyFingerprint'>): boolean {
    return this.filterFor(uri)(finding);
  }

  /**
   * `isIgnored` for many findings of one document: the workspace folder and the path match are
   * resolved once here, not once per finding (a large document has tens of thousands).
   */
  filterFor(uri: vscode.Uri | undefined): (finding: Pick<Finding, 'fingerprint' | 'legacyFingerprint'>) => boolean {
    if (this.matchers.size === 0) return () => false;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    const own = folder ? this.matchers.get(folder.uri.toString()) : undefined;
    if (own && uri && own.matchPath(vscode.workspace.asRelativePath(uri, false))) return () => true;
    const matchers = [...this.matchers.values()];
    return (finding) => {
      const fps = fingerprintsOf(finding);
      return matchers.some((m) => fps.some((fp) => m.hasFingerprint(fp)));
    };
  }

  /** Inserts the suppression comment on the line before the finding. False when the language has no comments. */
  async ignoreLine(document: vscode.TextDocument, f: Finding): Promise<boolean> {
    const line = document.lineAt(f.range.startLine);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const text = suppressionLine(document.languageId, document.fileName, indent);
    if (text === undefined) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(f.range.startLine, 0), text + (document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
    return vscode.workspace.applyEdit(edit);
  }

  /** Appends the fingerprint (or a path glob) to the ignore file of the folder holding `uri` (or the first folder). */
  async appendEntry(uri: vscode.Uri | undefined, entry: { fingerprint: string; reason?: string } | { glob: string; reason?: string }): Promise<vscode.Uri> {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('Open a folder to use an ignore file (.tokencustodyignore lives at the folder root).');
    const file = vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME);
    let existing: string;
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      existing = '# Token Custody ignore file: one fingerprint per line (optional "# reason"), or "path: <glob>".\n';
    }
    const line = 'fingerprint' in entry ? formatIgnoreEntry(entry.fingerprint, entry.reason) : formatPathIgnoreEntry(entry.glob, entry.reason);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(appendIgnoreEntry(existing, line)));
    await this.loadAll();
    this.emitter.fire();
    return file;
  }
}
