// Output formats for findings, shared by the CLI (`token-custody scan --format …`) and the custody
// export: JSON Lines, SARIF 2.1.0 and a readable terminal text format.
// Pure TypeScript, no `vscode`. Never reads `Finding.secret`: every output carries the fingerprint and
// the redacted form only, and every human-facing string goes through `scrubText` (last line of defence).
import { scrubText } from './scrub';
import type { Confidence, CredentialKind, Finding, Severity, Validation } from './types';

export const TOOL_NAME = 'Token Custody';
export const TOOL_INFORMATION_URI = 'https://marketplace.visualstudio.com/items?itemName=token-custody.token-custody';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** Key of our entry in SARIF `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'tokenCustody/v1';
export const SRCROOT = '%SRCROOT%';

/** The findings of one scanned file (or stream). `file` is the path as it should be shown. */
export interface FileFindings {
  file: string;
  findings: readonly Finding[];
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/** One line of `--format jsonl`. Lines and columns are 1-based UTF-16 code units, `endCol` exclusive. */
export interface JsonLineFinding {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  ruleId: string;
  issuer: string;
  confidence: Confidence;
  fingerprint: string;
  redacted: string;
}

/** The JSON Lines record of one finding, keys in the contract's order. */
export function toJsonLineRecord(file: string, finding: Finding): JsonLineFinding {
  const r = finding.range;
  return {
    file,
    line: r.startLine + 1,
    col: r.startCol + 1,
    endLine: r.endLine + 1,
    endCol: r.endCol + 1,
    ruleId: finding.ruleId,
    issuer: finding.issuer,
    confidence: finding.confidence,
    fingerprint: finding.fingerprint,
    redacted: finding.redacted,
  };
}

/** JSON Lines for many files: one object per finding, each line ending in `\n` ('' when none). */
export function formatJsonLines(results: readonly FileFindings[]): string {
  let out = '';
  for (const { file, findings } of results) {
    for (const f of findings) out += JSON.stringify(toJsonLineRecord(file, f)) + '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

export interface TextOptions {
  /** Colour with ANSI escapes (only when writing to a TTY). */
  color?: boolean;
}

/** Control characters (C0, DEL, C1) in names taken from files would let a file name drive the terminal. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function paint(on: boolean | undefined, code: string, s: string): string {
  return on ? `\u001b[${code}m${s}\u001b[0m` : s;
}

/** `path:line:col  ruleId  name (issuer)  redacted  [confidence, validation]` (1-based line and column). */
export function formatTextLine(file: string, finding: Finding, options: TextOptions = {}): string {
  const r = finding.range;
  const where = paint(options.color, '1', `${printable(file)}:${r.startLine + 1}:${r.startCol + 1}`);
  const rule = paint(options.color, '33', printable(finding.ruleId));
  const validation = scrubText(finding.validation.detail || finding.validation.status);
  return `${where}  ${rule}  ${printable(finding.name)} (${printable(finding.issuer)})  ${printable(finding.redacted)}  [${finding.confidence}, ${printable(validation)}]`;
}

/** One line per finding plus a summary line (`No tokens found.` when there is nothing). */
export function formatText(results: readonly FileFindings[], options: TextOptions = {}): string {
  let out = '';
  let count = 0;
  let files = 0;
  for (const { file, findings } of results) {
    if (findings.length) files++;
    for (const f of findings) {
      out += formatTextLine(file, f, options) + '\n';
      count++;
    }
  }
  if (count === 0) return 'No tokens found.\n';
  return out + `\n${count} ${count === 1 ? 'token' : 'tokens'} found in ${files} ${files === 1 ? 'file' : 'files'}.\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
      return 'note';
  }
}

/** GitHub code scanning reads `security-severity` (0–10) from a rule's properties. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** A 0-based region (a `TextRange` without offsets); end column exclusive. */
export interface ReportRegion {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface ReportLocation {
  /** A path (relative to the source root, or absolute) or a URI such as `file:///…`. */
  file: string;
  region?: ReportRegion;
}

export interface ReportLogicalLocation {
  name: string;
  kind: string;
  fullyQualifiedName?: string;
}

/** One reported token: a finding of a scan, or a token of the custody log with its latest state. */
export interface ReportItem {
  ruleId: string;
  issuer: string;
  /** Human name of the token type. */
  name: string;
  severity: Severity;
  confidence: Confidence;
  kind: CredentialKind;
  fingerprint: string;
  redacted: string;
  validation?: Validation;
  /** Custody state (exposed, vaulted, revoked, ignored) when known. */
  state?: string;
  locations: readonly ReportLocation[];
  /** Places that are not files (terminals). */
  logicalLocations?: readonly ReportLogicalLocation[];
  /** Extra properties for the result's property bag (must never hold a token). */
  properties?: Readonly<Record<string, unknown>>;
}

export interface RuleInfo {
  description?: string;
  helpUri?: string;
  tags?: readonly string[];
}

export interface SarifOptions {
  /** Version of the extension / CLI. */
  toolVersion: string;
  informationUri?: string;
  /** Absolute source root: absolute paths under it become relative to `%SRCROOT%` (also written as the run's `originalUriBaseIds`). */
  root?: string;
  /** Rule descriptions and help links (from the rule registry). */
  ruleInfo?: (ruleId: string) => RuleInfo | undefined;
}

export function findingsToItems(results: readonly FileFindings[]): ReportItem[] {
  const items: ReportItem[] = [];
  for (const { file, findings } of results) {
    for (const f of findings) {
      items.push({
        ruleId: f.ruleId,
        issuer: f.issuer,
        name: f.name,
        severity: f.severity,
        confidence: f.confidence,
        kind: f.kind,
        fingerprint: f.fingerprint,
        redacted: f.redacted,
        validation: f.validation,
        locations: [{ file, region: f.range }],
      });
    }
  }
  return items;
}

/** Minimal SARIF types: the parts this module writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
export interface SarifRun {
  tool: { driver: SarifDriver };
  columnKind: 'utf16CodeUnits';
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: SarifResult[];
}
export interface SarifDriver {
  name: string;
  informationUri: string;
  version: string;
  rules: SarifRule[];
}
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { issuer: string; tags: string[]; 'security-severity': string };
}
export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  logicalLocations?: ReportLogicalLocation[];
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

function isWindowsAbsolute(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function encodeSegments(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function absoluteFileUri(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  if (slashed.startsWith('//')) return 'file:' + encodeSegments(slashed); // UNC: //server/share/…
  const drive = /^[A-Za-z]:/.exec(slashed);
  if (drive) return 'file:///' + drive[0] + encodeSegments(slashed.slice(2));
  return 'file://' + encodeSegments(slashed);
}

/**
 * SARIF artifact location of a path: relative paths (forward slashes, percent-encoded) against
 * `%SRCROOT%`; absolute paths under `root` are made relative; other absolute paths become `file:` URIs;
 * anything that is already a URI (`scheme:` with two or more letters) is kept.
 */
export function artifactLocation(file: string, root?: string): { uri: string; uriBaseId?: string } {
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(file) && !isWindowsAbsolute(file)) return { uri: file };
  let p = file.replace(/\\/g, '/');
  const absolute = p.startsWith('/') || isWindowsAbsolute(file);
  if (absolute && root) {
    let r = root.replace(/\\/g, '/');
    if (!r.endsWith('/')) r += '/';
    const caseless = isWindowsAbsolute(root);
    if ((caseless ? p.toLowerCase() : p).startsWith(caseless ? r.toLowerCase() : r)) {
      p = p.slice(r.length);
      return { uri: encodeSegments(p), uriBaseId: SRCROOT };
    }
  }
  if (absolute) return { uri: absoluteFileUri(file) };
  while (p.startsWith('./')) p = p.slice(2);
  return { uri: encodeSegments(p), uriBaseId: SRCROOT };
}

function sarifRegion(r: ReportRegion): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.startLine + 1, startColumn: r.startCol + 1, endLine: r.endLine + 1, endColumn: r.endCol + 1 };
}

/** `GitHub personal access token (classic) from github: ghp_••••3kQz (checksum valid)`. Never the token. */
export function resultMessage(item: ReportItem): string {
  let text = `${item.name} from ${item.issuer}: ${item.redacted}`;
  const detail = item.validation?.detail;
  if (detail) text += ` (${detail})`;
  if (item.state) text += ` — ${item.state}`;
  return scrubText(text);
}

/** A SARIF 2.1.0 log with one run. */
export function toSarif(items: readonly ReportItem[], options: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const item of items) {
    let index = ruleIndex.get(item.ruleId);
    if (index === undefined) {
      const info = options.ruleInfo?.(item.ruleId);
      const tags = ['security', 'secret', item.kind, ...(info?.tags ?? [])];
      const rule: SarifRule = {
        id: item.ruleId,
        name: item.name,
        shortDescription: { text: item.name },
        defaultConfiguration: { level: sarifLevel(item.severity) },
        properties: { issuer: item.issuer, tags: [...new Set(tags)], 'security-severity': SECURITY_SEVERITY[item.severity] },
      };
      if (info?.description) rule.fullDescription = { text: info.description };
      if (info?.helpUri) rule.helpUri = info.helpUri;
      index = rules.length;
      rules.push(rule);
      ruleIndex.set(item.ruleId, index);
    }
    const locations: SarifLocation[] = item.locations.map((l) => {
      const physicalLocation: NonNullable<SarifLocation['physicalLocation']> = { artifactLocation: artifactLocation(l.file, options.root) };
      if (l.region) physicalLocation.region = sarifRegion(l.region);
      return { physicalLocation };
    });
    if (item.logicalLocations?.length) {
      for (const logical of item.logicalLocations) locations.push({ logicalLocations: [{ ...logical }] });
    }
    const properties: Record<string, unknown> = {
      confidence: item.confidence,
      redacted: item.redacted,
      validation: item.validation?.status ?? 'unchecked',
      kind: item.kind,
      issuer: item.issuer,
    };
    if (item.validation?.detail) properties.validationDetail = scrubText(item.validation.detail);
    if (item.state) properties.state = item.state;
    if (item.properties) Object.assign(properties, item.properties);
    results.push({
      ruleId: item.ruleId,
      ruleIndex: index,
      level: sarifLevel(item.severity),
      message: { text: resultMessage(item) },
      locations,
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: item.fingerprint },
      properties,
    });
  }
  const run: SarifRun = {
    tool: {
      driver: { name: TOOL_NAME, informationUri: options.informationUri ?? TOOL_INFORMATION_URI, version: options.toolVersion, rules },
    },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (options.root && (options.root.startsWith('/') || isWindowsAbsolute(options.root))) {
    const uri = absoluteFileUri(options.root);
    run.originalUriBaseIds = { [SRCROOT]: { uri: uri.endsWith('/') ? uri : uri + '/' } };
  }
  return { $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs: [run] };
}

/** SARIF of scan results, serialised (2-space indent, trailing newline). */
export function formatSarif(results: readonly FileFindings[], options: SarifOptions): string {
  return JSON.stringify(toSarif(findingsToItems(results), options), null, 2) + '\n';
}
