// How a finding looks in the Problems panel: source "Token Custody", the severity setting, the range
// and a message naming the token type, issuer and validation result (never the token). Shared by the
// editor's diagnostics (open documents) and the workspace scan (files not open).

import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { issuerName } from '../../engine/issuerNames';
import { findingSeverity } from '../severity';
import type { DiagnosticSeverityName, LowConfidenceSeverityName } from '../../config/vscode/settings';

export const DIAGNOSTIC_SOURCE = 'Token Custody';

export const SEVERITY: Record<DiagnosticSeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * The severity of one finding: the `diagnostics.severity` setting, except that a low-confidence
 * finding (a value that only looks like a secret) is shown as `diagnostics.lowConfidence` says,
 * never more severe than the setting. (vscode.DiagnosticSeverity: Error 0 … Hint 3.)
 */
export function severityOf(f: Pick<Finding, 'confidence'>, severity: DiagnosticSeverityName, lowConfidence: LowConfidenceSeverityName = 'information'): vscode.DiagnosticSeverity {
  return SEVERITY[findingSeverity(f.confidence, severity, lowConfidence)];
}

export function diagnosticMessage(f: Finding): string {
  const issuer = issuerName(f.issuer);
  const validation = f.validation.status === 'valid' ? f.validation.detail : f.validation.status === 'invalid' ? vscode.l10n.t('{0} (low confidence)', f.validation.detail) : f.validation.detail;
  const from = f.name.toLowerCase().includes(issuer.toLowerCase()) ? '' : ` (${issuer})`;
  return `${f.name}${from} — ${validation}: ${f.redacted}`;
}

export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.range.startLine, f.range.startCol, f.range.endLine, f.range.endCol);
}
