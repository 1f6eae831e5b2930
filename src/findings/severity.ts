// The Problems-panel severity of one finding, by name (plain code: the host maps the name to
// vscode.DiagnosticSeverity in findings/vscode/diagnostic.ts). A low-confidence finding, a value
// that only looks like a secret, is shown less severely unless the user asks for the same severity.

import type { Confidence } from '../engine';

/** Severity names, most severe first (vscode.DiagnosticSeverity: Error 0 … Hint 3). */
export const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];
/** `tokenCustody.diagnostics.lowConfidence`: how a low-confidence finding is shown. */
export type LowConfidenceName = 'information' | 'hint' | 'same';

/**
 * `severity` (the `diagnostics.severity` setting; anything else reads as `warning`) for high and
 * medium confidence; for low confidence, `lowConfidence` (default Information), never more severe
 * than `severity`.
 */
export function findingSeverity(confidence: Confidence, severity: string, lowConfidence: LowConfidenceName = 'information'): SeverityName {
  const base = (SEVERITY_NAMES as readonly string[]).includes(severity) ? (severity as SeverityName) : 'warning';
  if (confidence !== 'low' || lowConfidence === 'same') return base;
  return SEVERITY_NAMES[Math.max(SEVERITY_NAMES.indexOf(base), SEVERITY_NAMES.indexOf(lowConfidence))]!;
}
