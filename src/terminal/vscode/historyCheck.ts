// Once per window, a little after activation: do the shell history files hold tokens? If so, one
// warning with a *Scrub History…* action: a modal confirmation, a backup next to each file (mode 0600),
// the token entries removed in the shell's own format, then a second prompt to delete or keep the
// backups. Files are read asynchronously and only up to a size cap.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Core } from '../../core';
import { fileWhere } from '../../custody/log';
import type { Finding } from '../../engine';
import { distinctTokens } from '../../findings/distinct';
import { displayPath, findHistoryTokens, historyLocations, scrubHistoryFile, type HistoryLocation, type TokenEntry } from '../history';
import { errorMessage } from '../../errors';

/** History files larger than this are not read (a warning in the log says so). */
export const HISTORY_MAX_BYTES = 16 * 1024 * 1024;

export interface HistoryCheckOptions {
  env?: Readonly<Record<string, string | undefined>>;
  home?: string;
  isIgnored?: (fingerprint: string) => boolean;
}

export interface HistoryFileReport {
  location: HistoryLocation;
  entries: TokenEntry[];
}

export interface ScrubReport {
  file: string;
  backup: string;
  removedEntries: number;
  removedLines: number;
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

export class HistoryCheck {
  private readonly home: string;
  private readonly env: Readonly<Record<string, string | undefined>>;

  constructor(private readonly core: Core, private readonly options: HistoryCheckOptions = {}) {
    this.home = options.home ?? os.homedir();
    this.env = options.env ?? process.env;
  }

  private scan(text: string): Finding[] {
    const isIgnored = this.options.isIgnored;
    return this.core.scanners.scanner.scan(text).filter((f) => !isIgnored?.(f.fingerprint));
  }

  private async read(file: string): Promise<string | undefined> {
    try {
      const st = await fs.stat(file);
      if (!st.isFile()) return undefined;
      if (st.size > HISTORY_MAX_BYTES) {
        this.core.log.warn(`shell history ${displayPath(file, this.home)} is larger than ${HISTORY_MAX_BYTES >> 20} MB: not checked for tokens`);
        return undefined;
      }
      return (await fs.readFile(file)).toString('latin1');
    } catch (e) {
      if (!isNotFound(e)) this.core.log.warn(`cannot read shell history ${displayPath(file, this.home)}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** The history files holding tokens (each finding recorded as detected in the custody log). */
  async find(): Promise<HistoryFileReport[]> {
    const out: HistoryFileReport[] = [];
    for (const location of historyLocations(this.env, this.home)) {
      const text = await this.read(location.path);
      if (!text) continue;
      const entries = findHistoryTokens(text, location.shell, (t) => this.scan(t));
      if (!entries.length) continue;
      out.push({ location, entries });
      const uri = vscode.Uri.file(location.path).toString();
      for (const e of entries) for (const f of e.findings) this.core.custody.detected(f, fileWhere(uri, f.range, displayPath(location.path, this.home)));
    }
    return out;
  }

  /** Checks the history files and, when tokens are found, warns (the returned promise settles when the user has acted). */
  async run(): Promise<void> {
    const reports = await this.find();
    if (!reports.length) return;
    const findings = distinctTokens(reports.flatMap((r) => r.entries.flatMap((e) => e.findings)));
    const lines = reports.reduce((n, r) => n + r.entries.reduce((m, e) => m + e.lines, 0), 0);
    const files = reports.map((r) => displayPath(r.location.path, this.home)).join(', ');
    const kinds = [...new Set(findings.map((f) => f.name))].join(', ');
    this.core.log.warn(`shell history: ${findings.length} token(s) on ${lines} line(s) of ${files}`);
    const t = vscode.l10n.t;
    const what = findings.length === 1 ? t('a token ({0} {1})', kinds, findings[0]!.redacted) : t('{0} tokens ({1})', findings.length, kinds);
    const scrub = t('Scrub History…');
    const choice = await vscode.window.showWarningMessage(
      lines === 1 ? t('Token Custody: your shell history ({0}) holds {1} on 1 line.', files, what) : t('Token Custody: your shell history ({0}) holds {1} on {2} lines.', files, what, lines),
      scrub,
    );
    if (choice === scrub) await this.confirmAndScrub(reports);
  }

  private async confirmAndScrub(reports: HistoryFileReport[]): Promise<void> {
    const lines = reports.reduce((n, r) => n + r.entries.reduce((m, e) => m + e.lines, 0), 0);
    const files = reports.map((r) => displayPath(r.location.path, this.home)).join(', ');
    const t = vscode.l10n.t;
    const scrub = t('Scrub');
    const confirm = await vscode.window.showWarningMessage(
      lines === 1 ? t('Remove the 1 line holding tokens from {0}?', files) : t('Remove the {0} lines holding tokens from {1}?', lines, files),
      {
        modal: true,
        detail: t('A backup of each file is written next to it first (readable only by you) and kept until you confirm the result. Shells that are still open keep their own history in memory and may write it back when they exit: run "{0}" there (fish: "{1}"), or close them.', 'history -c', 'history clear'),
      },
      scrub,
    );
    if (confirm !== scrub) return;
    const done: ScrubReport[] = [];
    for (const r of reports) {
      try {
        const result = await this.scrubFile(r.location);
        if (result) done.push(result);
      } catch (e) {
        void vscode.window.showErrorMessage(t('Token Custody: could not scrub {0}: {1}', displayPath(r.location.path, this.home), errorMessage(e)));
      }
    }
    if (!done.length) return;
    const removed = done.reduce((n, d) => n + d.removedLines, 0);
    const backups = done.map((d) => displayPath(d.backup, this.home)).join(', ');
    const scrubbed = done.map((d) => displayPath(d.file, this.home)).join(', ');
    const deleteBackup = t('Delete Backup');
    const keepBackup = t('Keep Backup');
    const after = await vscode.window.showInformationMessage(
      removed === 1 ? t('Scrubbed 1 line from {0}.', scrubbed) : t('Scrubbed {0} lines from {1}.', removed, scrubbed),
      { modal: true, detail: t('The backup ({0}) still holds the tokens. Delete it once you have checked the result.', backups) },
      deleteBackup,
      keepBackup,
    );
    if (after === deleteBackup) {
      for (const d of done) await fs.rm(d.backup, { force: true });
    } else {
      void vscode.window.showInformationMessage(done.length === 1
        ? t('Token Custody: kept the history backup {0}: it holds the tokens, delete it when you are done.', backups)
        : t('Token Custody: kept the history backups {0}: it holds the tokens, delete it when you are done.', backups));
    }
  }

  /**
   * Re-reads one file (it may have changed since the check), writes a backup next to it (0600), and
   * replaces the file with its token entries removed (same mode, atomic rename; a symlink's target
   * is rewritten, and commands appended meanwhile are kept: see `scrubHistoryFile`). Undefined when
   * it no longer holds tokens.
   */
  async scrubFile(location: HistoryLocation): Promise<ScrubReport | undefined> {
    if ((await this.read(location.path)) === undefined) return undefined; // missing, not a file, or over the size cap
    const result = await scrubHistoryFile(location.path, location.shell, (t) => this.scan(t));
    if (!result) return undefined;
    const { file, backup, entries } = result;
    const uri = vscode.Uri.file(file).toString();
    for (const f of distinctTokens(entries.flatMap((e) => e.findings))) {
      this.core.custody.record({ event: 'scrubbed', where: fileWhere(uri, undefined, displayPath(file, this.home)), detail: { target: 'file' } }, { finding: f });
    }
    const removedLines = result.removedLines;
    this.core.log.info(`scrubbed ${removedLines} line(s) holding tokens from ${displayPath(file, this.home)} (backup ${displayPath(backup, this.home)})`);
    return { file, backup, removedEntries: entries.length, removedLines };
  }
}
