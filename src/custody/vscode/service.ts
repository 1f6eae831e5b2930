// The custody hub of a window: every area reports what it sees and does here. It appends events to
// the custody log (fingerprints and redacted forms only), folds them into each token's state, and
// keeps — in memory, for this window only — the secret of each token seen, so that actions taken
// later from a view or a quick pick (revoke, move, check) can act on it. Secrets are never persisted.

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { detectedDetail, findingFields, type CustodyEntry, type CustodyInput, type CustodyLogStore, type CustodyWhere, type FileWhere, type LogSinks } from '../log';
import { CustodyFold, foldInSlices, type MoreTokens, type TokenCustody } from '../state';
import { yieldToHost } from '../../util/immediate';
import { SecretIndex } from '../redact';
import { DetectionLedger } from '../detections';
import type { Logger } from '../../util/vscode/outputChannel';
import { errorMessage } from '../../errors';

export interface RecordOptions {
  /** The finding (its secret guards the log and is kept in memory for later actions). */
  finding?: Finding;
}

export interface SeenToken {
  custody: TokenCustody;
  /** Latest finding seen this session (carries the secret, non-enumerable), if any. */
  finding?: Finding;
}

export class CustodyService implements vscode.Disposable {
  readonly log: CustodyLogStore;
  private entries: CustodyEntry[] = [];
  /** The entries folded into each token's state, one entry at a time as they are recorded. */
  private fold = new CustodyFold();
  /** fingerprint → latest finding seen in this window. */
  private readonly findings = new Map<string, Finding>();
  /** The secrets of `findings`, indexed for the log guard (searching each per entry was quadratic). */
  private readonly secrets = new SecretIndex();
  /** Detections recorded in this window: one `detected` entry per token and file (or terminal place). */
  private detections = new DetectionLedger();
  /** Files whose `detected-more` entry was recorded in this window. */
  private summarized = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private ready: Promise<void>;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `openLog` opens the log where this host keeps it (a file beside the extension's global storage on
   * the desktop, `workspace.fs` in the browser build) with the service's guard and error sink.
   */
  constructor(openLog: (sinks: Required<LogSinks>) => CustodyLogStore, private readonly logger: Logger, private readonly ownerOf: (f: Pick<Finding, 'ruleId' | 'issuer'>) => string | undefined, private readonly workspaceName: () => string | undefined, retentionDays: number) {
    this.log = openLog({
      knownSecrets: () => [],
      knownSecretIndex: this.secrets,
      onError: (e) => logger.error('custody log', e),
    });
    this.ready = this.load(retentionDays);
  }

  private async load(retentionDays: number): Promise<void> {
    // Corrupt lines are reported once: retention removes them from the file (so the next start-up is
    // quiet); if it cannot rewrite the file, reading still goes on and reports them.
    let reportedCorrupt = false;
    try {
      const r = await this.log.applyRetention(retentionDays);
      if (r.corrupt) {
        reportedCorrupt = true;
        this.logger.warn(`custody log: removed ${r.corrupt} corrupt line(s); the rest is kept`);
      }
    } catch (e) {
      this.logger.warn(`custody log: retention could not be applied (${errorMessage(e)}); reading it as is`);
    }
    try {
      const all = await this.log.readAll();
      if (all.skipped && !reportedCorrupt) this.logger.warn(`custody log: skipped ${all.skipped} unreadable line(s); the rest is kept`);
      this.entries = [...all.entries, ...this.entries];
      // Folded in slices (100,000 entries took 1.6–2.4 s in one task); until then the entries of
      // this window are shown. Entries recorded meanwhile are pushed to `entries` and caught up.
      const next = await foldInSlices(this.entries, { yieldNow: yieldToHost });
      for (let i = next.count; i < this.entries.length; i++) next.add(this.entries[i]!);
      for (const p of this.detections.filePlaces()) next.relocate(p.fingerprint, p.where);
      this.fold = next;
      this.fire();
    } catch (e) {
      this.logger.error('custody log could not be read', e);
    }
  }

  /** Resolves once the log on disk has been read (tests, export). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private get folded(): Map<string, TokenCustody> {
    return this.fold.tokens;
  }

  /** Keeps `f` as the latest finding of its fingerprint (and its secret in the log guard). */
  private keep(f: Finding): void {
    const old = this.findings.get(f.fingerprint);
    if (old === f) return;
    if (old) this.secrets.delete(old);
    this.findings.set(f.fingerprint, f);
    this.secrets.add(f);
  }

  private entryFor(input: Omit<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer' | 'owner' | 'workspace'> & Partial<Pick<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer'>>, f: Finding | undefined, ts: string): CustodyEntry {
    const ids = f ? findingFields(f) : { fingerprint: input.fingerprint ?? '', redacted: input.redacted ?? '', ruleId: input.ruleId ?? '', issuer: input.issuer ?? '' };
    const owner = this.ownerOf({ ruleId: ids.ruleId, issuer: ids.issuer });
    return { ...input, ...ids, ...(owner ? { owner } : {}), workspace: this.workspaceName(), ts } as CustodyEntry;
  }

  /** Appends an event. The finding's secret (if given) guards the log line. */
  record(input: Omit<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer' | 'owner' | 'workspace'> & Partial<Pick<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer'>>, opts: RecordOptions = {}): void {
    const f = opts.finding;
    if (f) this.keep(f);
    const entry = this.entryFor(input, f, new Date().toISOString());
    this.entries.push(entry);
    this.fold.add(entry);
    // f.secret is gone once the finding dropped it (document closed, TTL); the guard then has the redacted form only.
    void this.log.append(entry, { secrets: f?.secret !== undefined ? [f.secret] : [] });
    this.fire();
  }

  /**
   * Appends one event per finding in one log write (a reveal of a document with 2,500 tokens wrote
   * 2,500 entries one by one, each taking the log's lock). Each finding's secret guards the log
   * through the service's secret index.
   */
  recordMany(items: readonly { input: Omit<CustodyInput, 'fingerprint' | 'redacted' | 'ruleId' | 'issuer' | 'owner' | 'workspace'>; finding: Finding }[]): void {
    if (!items.length) return;
    const ts = new Date().toISOString();
    const entries = items.map(({ input, finding }) => {
      this.keep(finding);
      return this.entryFor(input, finding, ts);
    });
    for (const e of entries) {
      this.entries.push(e);
      this.fold.add(e);
    }
    void this.log.appendMany(entries);
    this.fire();
  }

  /** Records a detection once per token and file (or terminal place) in this window. Returns true when it was new. */
  detected(finding: Finding, where: CustodyWhere): boolean {
    return this.detectedMany([{ finding, where }]) === 1;
  }

  /**
   * Records many detections (a document's findings) with one log write, each folded into the state
   * as it is recorded: the cost grows with the number of findings, not with its square nor with the
   * log's length. A token already recorded in the same file only has its place moved (in memory).
   * Returns how many were new.
   */
  detectedMany(items: Iterable<{ finding: Finding; where: CustodyWhere }>): number {
    const fresh: CustodyEntry[] = [];
    const ts = new Date().toISOString();
    for (const { finding, where } of items) {
      this.keep(finding);
      const note = this.detections.note(finding.fingerprint, where);
      if (note === 'moved' && where.kind === 'file') this.fold.relocate(finding.fingerprint, where);
      if (note !== 'new') continue;
      fresh.push(this.entryFor({ event: 'detected', where, detail: detectedDetail(finding) }, finding, ts));
    }
    if (!fresh.length) return 0;
    for (const e of fresh) {
      this.entries.push(e);
      this.fold.add(e);
    }
    void this.log.appendMany(fresh);
    this.fire();
    return fresh.length;
  }

  /**
   * Clear Custody History: removes from the log (every window's entries, on disk and in memory) the
   * entries recorded so far of this workspace (`workspace`: those naming it, or naming none when no
   * folder is open) or of every workspace (`all`). Detections of this window are forgotten too, so
   * the tokens still in open editors are recorded again when the caller republishes them. Nothing is
   * written but the rewritten log. Resolves to the number of entries removed; rejects (nothing
   * removed in memory) when the log could not be rewritten.
   */
  async clearHistory(scope: 'workspace' | 'all'): Promise<number> {
    await this.ready;
    const cutoff = new Date().toISOString();
    const name = this.workspaceName();
    const drop = (e: CustodyEntry): boolean => e.ts <= cutoff && (scope === 'all' || e.workspace === name);
    const removed = await this.log.removeEntries(drop);
    this.entries = this.entries.filter((e) => !drop(e));
    const fold = await foldInSlices(this.entries, { yieldNow: yieldToHost });
    for (let i = fold.count; i < this.entries.length; i++) fold.add(this.entries[i]!);
    this.fold = fold;
    this.detections = new DetectionLedger();
    this.summarized = new Set();
    this.fire();
    return removed;
  }

  /** How many entries a clear of `scope` would remove (for the confirmation), and about how many tokens. */
  historySize(scope: 'workspace' | 'all'): { entries: number; tokens: number } {
    const name = this.workspaceName();
    const tokens = new Set<string>();
    let entries = 0;
    for (const e of this.entries) {
      if (scope === 'workspace' && e.workspace !== name) continue;
      entries++;
      tokens.add(e.fingerprint);
    }
    return { entries, tokens: tokens.size };
  }

  /**
   * A file holds `count` tokens, more than are recorded one by one (the first `recorded`): one
   * `detected-more` entry per file in this window. Returns true when it was recorded now.
   */
  detectedMore(where: FileWhere, count: number, recorded: number): boolean {
    if (this.summarized.has(where.uri)) return false;
    this.summarized.add(where.uri);
    this.record({ event: 'detected-more', fingerprint: '', redacted: '', ruleId: '', issuer: '', where, detail: { count, recorded } });
    return true;
  }

  /** Every token known to the log (this window's and earlier ones), most urgent first. */
  tokens(): SeenToken[] {
    return [...this.folded.values()].map((custody) => ({ custody, finding: this.findings.get(custody.fingerprint) }));
  }

  /** Files with more tokens than were recorded one by one (their latest `detected-more` entries). */
  moreTokens(): MoreTokens[] {
    return [...this.fold.more.values()];
  }

  token(fingerprint: string): SeenToken | undefined {
    const custody = this.folded.get(fingerprint);
    return custody ? { custody, finding: this.findings.get(fingerprint) } : undefined;
  }

  /** The latest finding for a fingerprint seen in this window (holds the secret in memory). */
  findingFor(fingerprint: string): Finding | undefined {
    return this.findings.get(fingerprint);
  }

  /** Remember a finding without recording an event (e.g. a token typed into the revoke box). */
  remember(finding: Finding): void {
    this.keep(finding);
  }

  allEntries(): readonly CustodyEntry[] {
    return this.entries;
  }

  /** Coalesces bursts of events into one change notification. */
  private fire(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.emitter.fire();
    }, 50);
  }

  dispose(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.emitter.dispose();
  }
}
