// Findings of open documents → diagnostics in the Problems panel (code = rule id; wording and
// severity in findings/vscode/diagnostic.ts, shared with the workspace scan).

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import type { Settings } from '../../config/vscode/settings';
import { Service } from '../../util/vscode/disposable';
import { DIAGNOSTIC_SOURCE, diagnosticMessage, findingRange, severityOf } from '../../findings/vscode/diagnostic';
import type { FindingStore } from '../../findings/vscode/findingStore';
import { capDiagnostics, moreDiagnosticsMessage } from '../publish';

export class DiagnosticsService extends Service {
  private readonly collection = this.own(vscode.languages.createDiagnosticCollection('tokenCustody'));

  constructor(private readonly store: FindingStore, private readonly settings: () => Settings) {
    super();
    this.own(store.onDidChange((e) => this.publish(e.uri, e.findings)));
    this.refresh();
  }

  refresh(): void {
    this.collection.clear();
    for (const e of this.store.all()) this.publish(e.uri, e.findings);
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[]): void {
    if (!findings.length) {
      this.collection.delete(uri);
      return;
    }
    const { severity, lowConfidence } = this.settings();
    // At most MAX_DIAGNOSTICS_PER_DOCUMENT per document, then one summary (a 20 MB file can hold 100k tokens).
    const { listed, more } = capDiagnostics(findings);
    const diagnostics = listed.map((f) => {
      const d = new vscode.Diagnostic(findingRange(f), diagnosticMessage(f), severityOf(f, severity, lowConfidence));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    });
    const first = findings[listed.length];
    if (more && first) {
      const d = new vscode.Diagnostic(findingRange(first), moreDiagnosticsMessage(more), vscode.DiagnosticSeverity.Information);
      d.source = DIAGNOSTIC_SOURCE;
      diagnostics.push(d);
    }
    this.collection.set(uri, diagnostics);
  }
}
