// Findings → diagnostics in the Problems panel: source "Token Custody", code = rule id, a message
// naming the token type, issuer and validation result (never the token).

import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { issuerName } from '../engine/issuers';
import type { DiagnosticSeverityName, Settings } from '../config/settings';
import { Service } from '../util/disposable';
import type { FindingStore } from './findingStore';

export const DIAGNOSTIC_SOURCE = 'Token Custody';

export const SEVERITY: Record<DiagnosticSeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function diagnosticMessage(f: Finding): string {
  const issuer = issuerName(f.issuer);
  const validation = f.validation.status === 'valid' ? f.validation.detail : f.validation.status === 'invalid' ? `${f.validation.detail} (low confidence)` : f.validation.detail;
  const from = f.name.toLowerCase().includes(issuer.toLowerCase()) ? '' : ` (${issuer})`;
  return `${f.name}${from} — ${validation}: ${f.redacted}`;
}

export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.range.startLine, f.range.startCol, f.range.endLine, f.range.endCol);
}

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
    const severity = SEVERITY[this.settings().severity];
    this.collection.set(uri, findings.map((f) => {
      const d = new vscode.Diagnostic(findingRange(f), diagnosticMessage(f), severity);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.ruleId;
      return d;
    }));
  }
}
