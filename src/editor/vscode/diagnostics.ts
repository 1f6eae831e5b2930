// Findings of open documents → diagnostics in the Problems panel (code = rule id; wording and
// severity in findings/vscode/diagnostic.ts, shared with the workspace scan).

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import type { Settings } from '../../config/vscode/settings';
import { Service } from '../../util/vscode/disposable';
import { DIAGNOSTIC_SOURCE, diagnosticMessage, findingRange, severityOf } from '../../findings/vscode/diagnostic';
import type { DocumentFindings, FindingStore } from '../../findings/vscode/findingStore';
import { MAX_DIAGNOSTICS_PER_DOCUMENT, moreDiagnosticsMessage } from '../publish';

export class DiagnosticsService extends Service {
  private readonly collection = this.own(vscode.languages.createDiagnosticCollection('tokenCustody'));

  constructor(private readonly store: FindingStore, private readonly settings: () => Settings) {
    super();
    this.own(store.onDidChange((e) => this.publish(e, e.edit?.firstChanged)));
    this.refresh();
  }

  refresh(): void {
    this.collection.clear();
    this.last.clear();
    for (const e of this.store.all()) this.publish(e);
  }

  /** The diagnostics last set per document, and how many findings they were built from. */
  private readonly last = new Map<string, { diagnostics: vscode.Diagnostic[]; total: number }>();

  private publish(e: DocumentFindings, firstChanged?: number): void {
    const { uri, count } = e;
    const key = uri.toString();
    if (!count) {
      this.last.delete(key);
      this.collection.delete(uri);
      return;
    }
    // At most MAX_DIAGNOSTICS_PER_DOCUMENT per document, then one summary (a 20 MB file can hold 100k
    // tokens): only those and the summary's anchor are read (made exact), not the whole list.
    const findings = e.live.prefix(MAX_DIAGNOSTICS_PER_DOCUMENT + 1);
    const listed = findings.slice(0, Math.min(count, MAX_DIAGNOSTICS_PER_DOCUMENT));
    const rest = count - listed.length;
    // An edit past the listed findings and the summary's anchor changes nothing listed: keep them.
    const prev = this.last.get(key);
    if (prev && firstChanged !== undefined && firstChanged > listed.length && rest) {
      if (prev.total === count) return;
      const diagnostics = [...prev.diagnostics.slice(0, listed.length), this.summary(findings[listed.length]!, rest)];
      this.last.set(key, { diagnostics, total: count });
      this.collection.set(uri, diagnostics);
      return;
    }
    const { severity, lowConfidence } = this.settings();
    const diagnostics = listed.map((f) => {
      const d = new vscode.Diagnostic(findingRange(f), diagnosticMessage(f), severityOf(f, severity, lowConfidence));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    });
    const first = findings[listed.length];
    if (rest && first) diagnostics.push(this.summary(first, rest));
    this.last.set(key, { diagnostics, total: count });
    this.collection.set(uri, diagnostics);
  }

  private summary(first: Finding, more: number): vscode.Diagnostic {
    const d = new vscode.Diagnostic(findingRange(first), moreDiagnosticsMessage(more), vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    return d;
  }
}
