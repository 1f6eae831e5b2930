// `npm run eval`: how well the engine finds credentials, measured (never asserted).
//  1. Peers' public fixtures (gitleaks tps/fps, secretlint snapshots, detect-secrets plugin tables and
//     test_data, TruffleHog pattern shapes), expanded with fresh fake tokens (test/eval/cases/).
//  2. Our own realistic contexts (configs, shell, terminal, chat, CI, source; test/eval/contexts.ts).
//  Both scanned by our engine and by secretlint 13 + preset-recommend (in-process), with precision
//  and recall per token kind, per context and per source, by-design drops apart from misses, and
//  precision per confidence level.
//  3. Real code with no planted secrets: this repo's node_modules, /usr/lib/python3*, /usr/share/doc
//     and, when present, /usr/include, global npm packages, Perl modules, /usr/share/javascript:
//     findings per rule, per confidence level and per 100 MB, with samples to review; private keys
//     that parse as keys are true positives (published test keys) and listed apart.
// Options: EVAL_SECRETLINT=0 skips secretlint; EVAL_REAL=0 skips the real-code pass; EVAL_REAL_DIRS
// (colon-separated) replaces its directories; EVAL_SAMPLES=N samples per list (default 12);
// EVAL_ONLY=peers|own limits the labelled part; EVAL_JSON=FILE writes the summary numbers as JSON.

import { createPrivateKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { builtinRules, createScanner, isProbablyBinary, redact, type Confidence, type Finding } from '../../src/engine';
import { isDocumentationExample, isPlaceholder } from '../../src/engine/filters';
import { VALIDATORS } from '../../src/engine/validators';
import { COVERED, isOtherRulesPositive, loadPeerCases, type EvalCase } from './cases';
import { ownCases } from './contexts';
import { random } from '../support/seed';

/** The repository root (`npm run eval` runs from it). */
const ROOT = process.cwd();
const SAMPLES = Number(process.env.EVAL_SAMPLES ?? 12);
const { scanner } = createScanner();
const RULES = builtinRules();

// ---------------------------------------------------------------------------------------------
// Scoring one case

interface Outcome {
  c: EvalCase;
  ours: Finding[];
  /** Positives: a finding overlaps the secret. Negatives: any finding. */
  hit: boolean;
  /** Positives missed on purpose: why. */
  drop?: string;
  theirs?: { hit: boolean; ids: string[] };
}

const overlaps = (a: [number, number], s: number, e: number): boolean => s < a[1] && e > a[0];
const PLACEHOLDER_TEXT = /example|x{5,}|X{5,}|\*{4,}|<[^>\s]{2,40}>|your[_-]|placeholder|dummy|fake|0{8,}|1234567890|abcdef/i;

/**
 * Why a missed positive was dropped on purpose, if it was: a rule's regex matched the secret but its
 * checksum failed, or the value is a documented example or a placeholder.
 */
function byDesign(c: EvalCase): string | undefined {
  if (c.text.length > 50_000) return undefined;
  let why: string | undefined;
  for (const r of RULES) {
    const re = new RegExp(r.re.source, r.re.flags.includes('g') ? r.re.flags : r.re.flags + 'g');
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = re.exec(c.text)) !== null && n++ < 50) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const g = r.secretGroup;
      const secret = typeof g === 'number' ? m[g] : m.groups?.[g];
      const span = typeof g === 'number' ? m.indices?.[g] : m.indices?.groups?.[g];
      if (!secret || !span || !overlaps(c.span, span[0], span[1])) continue;
      const spec = r.spec;
      if (spec.validator && spec.decode !== 'base64') {
        const v = VALIDATORS[spec.validator](secret, { text: c.text, start: span[0], end: span[1] });
        if (v.status === 'invalid' && (spec.onInvalid ?? 'drop') === 'drop') return `checksum/format invalid (${spec.validator})`;
      }
      if (isDocumentationExample(secret)) return 'documented example key';
      if (isPlaceholder(secret, spec.prefix)) why ??= 'placeholder';
    }
  }
  if (why) return why;
  if (PLACEHOLDER_TEXT.test(c.text.slice(c.span[0], c.span[1]))) return 'placeholder (text)';
  return undefined;
}

function scoreOurs(c: EvalCase): Outcome {
  const ours = scanner.scan(c.text, { now: EVAL_NOW });
  if (c.label === 'neg') return { c, ours, hit: ours.length > 0 };
  const hit = ours.some((f) => overlaps(c.span, f.range.start, f.range.end));
  return { c, ours, hit, drop: hit ? undefined : byDesign(c) };
}

// ---------------------------------------------------------------------------------------------
// secretlint, in-process

type Lint = (text: string, ext: string) => Promise<{ range: readonly [number, number]; id: string }[]>;

async function loadSecretlint(): Promise<Lint | undefined> {
  if (process.env.EVAL_SECRETLINT === '0') return undefined;
  try {
    const core = await import('@secretlint/core');
    const preset = await import('@secretlint/secretlint-rule-preset-recommend');
    const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
    return async (text, ext) => {
      const r = await core.lintSource({ source: { content: text, filePath: path.join(ROOT, 'eval-case' + ext), ext, contentType: 'text' }, options: { config, maskSecrets: true } });
      return r.messages.map((m) => ({ range: m.range, id: `${m.ruleId.replace('@secretlint/secretlint-rule-', '')}/${m.messageId ?? ''}` }));
    };
  } catch (e) {
    console.log(`(secretlint not available: ${(e as Error).message})`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Tally {
  pos: number;
  found: number;
  drops: number;
  neg: number;
  flagged: number;
  flaggedOther: number;
  slFound: number;
  slFoundPlausible: number;
  slFlagged: number;
}

const empty = (): Tally => ({ pos: 0, found: 0, drops: 0, neg: 0, flagged: 0, flaggedOther: 0, slFound: 0, slFoundPlausible: 0, slFlagged: 0 });

/** Did a flagged negative only get findings of another kind (another rule's positive)? */
function flaggedOtherKind(o: Outcome): boolean {
  return o.ours.length > 0 && o.ours.every((f) => isOtherRulesPositive(o.c.kind, o.c.peerRule, f.ruleId, f.issuer));
}

function add(t: Tally, o: Outcome): void {
  if (o.c.label === 'pos') {
    t.pos++;
    if (o.hit) t.found++;
    else if (o.drop) t.drops++;
    if (o.theirs?.hit) {
      t.slFound++;
      if (o.hit || !o.drop) t.slFoundPlausible++;
    }
  } else {
    t.neg++;
    if (o.hit) {
      t.flagged++;
      if (flaggedOtherKind(o)) t.flaggedOther++;
    }
    if (o.theirs?.hit) t.slFlagged++;
  }
}

const pct = (n: number, d: number): string => (d ? (n / d).toFixed(3) : '  -  ');

function printTable(title: string, groups: Map<string, Tally>, withSecretlint: boolean, minCases = 1): void {
  const rows: string[][] = [[title, 'pos', 'found', 'by-design', 'missed', 'recall', 'recall*', 'neg', 'flagged', '(other kind)', 'precision']];
  if (withSecretlint) rows[0]!.push('| secretlint recall*', 'flagged', 'precision');
  const keys = [...groups.keys()].sort((a, b) => (groups.get(b)!.pos + groups.get(b)!.neg) - (groups.get(a)!.pos + groups.get(a)!.neg) || a.localeCompare(b));
  const total = empty();
  for (const k of keys) {
    const t = groups.get(k)!;
    for (const f of Object.keys(total) as (keyof Tally)[]) total[f] += t[f];
    if (t.pos + t.neg < minCases) continue;
    rows.push(row(k, t, withSecretlint));
  }
  rows.push(row('TOTAL', total, withSecretlint));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  console.log('');
  for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

function row(name: string, t: Tally, withSecretlint: boolean): string[] {
  const plausible = t.pos - t.drops;
  const r = [
    name.length > 44 ? name.slice(0, 43) + '…' : name,
    String(t.pos), String(t.found), String(t.drops), String(plausible - t.found),
    pct(t.found, t.pos), pct(t.found, plausible),
    String(t.neg), String(t.flagged), String(t.flaggedOther),
    pct(t.found, t.found + t.flagged),
  ];
  if (withSecretlint) r.push('| ' + pct(t.slFoundPlausible, plausible), String(t.slFlagged), pct(t.slFound, t.slFound + t.slFlagged));
  return r;
}

function groupBy(outcomes: Outcome[], key: (o: Outcome) => string): Map<string, Tally> {
  const m = new Map<string, Tally>();
  for (const o of outcomes) {
    const k = key(o);
    let t = m.get(k);
    if (!t) m.set(k, (t = empty()));
    add(t, o);
  }
  return m;
}

/** The case text on one line, with the secret (or each finding) replaced by its redacted form. */
function show(o: Outcome, ranges: { start: number; end: number; label: string }[]): string {
  let text = o.c.text;
  for (const r of [...ranges].sort((a, b) => b.start - a.start)) text = text.slice(0, r.start) + `«${r.label}»` + text.slice(r.end);
  text = text.replace(/\u001b/g, '␛').replace(/\r?\n/g, '⏎');
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}

function sampleList(title: string, outcomes: Outcome[], ranges: (o: Outcome) => { start: number; end: number; label: string }[], limit = SAMPLES): void {
  if (!outcomes.length) return;
  console.log(`\n${title} (${outcomes.length}${outcomes.length > limit ? `, ${limit} shown` : ''}):`);
  for (const o of outcomes.slice(0, limit)) console.log(`  [${o.c.source} ${o.c.peerRule} · ${o.c.context}] ${show(o, ranges(o))}`);
}

const secretRange = (o: Outcome): { start: number; end: number; label: string }[] => [{ start: o.c.span[0], end: o.c.span[1], label: redact(o.c.text.slice(o.c.span[0], o.c.span[1])) }];
const findingRanges = (o: Outcome): { start: number; end: number; label: string }[] => o.ours.map((f) => ({ start: f.range.start, end: f.range.end, label: `${f.ruleId}:${f.redacted}` }));

// ---------------------------------------------------------------------------------------------
// Real code with no planted secrets

/** More real code when present: C headers, globally installed npm packages, Perl modules, Debian's JavaScript. */
const EXTRA_REAL_DIRS = ['/usr/include', '/usr/lib/node_modules', '/usr/share/perl', '/usr/share/perl5', '/usr/share/javascript'];

function realCode(): void {
  if (process.env.EVAL_REAL === '0') return;
  const dirs = process.env.EVAL_REAL_DIRS
    ? process.env.EVAL_REAL_DIRS.split(':')
    : [path.join(ROOT, 'node_modules'), ...listPython(), '/usr/share/doc', ...EXTRA_REAL_DIRS].filter((d) => existsSync(d));
  let bytes = 0;
  let files = 0;
  const perRule = new Map<string, { n: number; samples: string[] }>();
  const perLevel = new Map<Confidence, number>();
  /** Findings that are real key material (a private key that parses): true positives, published or not. */
  const realKeys: string[] = [];
  const t0 = Date.now();
  const seen = new Set<string>();
  const walk = (d: string): void => {
    let ents;
    try {
      ents = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of ents) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) continue;
      if (e.isDirectory()) {
        if (e.name === '.git' || e.name === '__pycache__') continue;
        walk(p);
        continue;
      }
      if (!e.isFile()) continue;
      let size: number;
      try {
        size = statSync(p).size;
      } catch {
        continue;
      }
      if (size === 0 || size > 8 * 1024 * 1024 || /\.(?:gz|zip|png|jpe?g|gif|ico|woff2?|ttf|pyc|so|node|wasm|mo)$/i.test(e.name)) continue;
      let buf: Buffer;
      try {
        buf = readFileSync(p);
      } catch {
        continue;
      }
      if (isProbablyBinary(buf.subarray(0, 8192))) continue;
      const text = buf.toString('utf8');
      bytes += buf.length;
      files++;
      for (const f of scanner.scan(text)) {
        const key = f.fingerprint + f.ruleId;
        const keyKind = f.kind === 'private-key' ? privateKeyMaterial(text.slice(f.range.start, f.range.end)) : undefined;
        if (keyKind) {
          realKeys.push(`${path.relative('/', p)}:${f.range.startLine + 1} ${keyKind}`);
          continue;
        }
        perLevel.set(f.confidence, (perLevel.get(f.confidence) ?? 0) + 1);
        let r = perRule.get(f.ruleId);
        if (!r) perRule.set(f.ruleId, (r = { n: 0, samples: [] }));
        r.n++;
        if (seen.has(key)) continue;
        seen.add(key);
        if (r.samples.length < SAMPLES) {
          const ls = text.lastIndexOf('\n', f.range.start) + 1;
          let le = text.indexOf('\n', f.range.end);
          if (le < 0) le = text.length;
          const line = (text.slice(Math.max(ls, f.range.start - 80), f.range.start) + `«${f.redacted}»` + text.slice(f.range.end, Math.min(le, f.range.end + 60))).replace(/\s+/g, ' ');
          r.samples.push(`${path.relative('/', p)}:${f.range.startLine + 1} [${f.confidence}] ${line}`);
        }
      }
    }
  };
  for (const d of dirs) walk(d);
  const mb = bytes / (1024 * 1024);
  const total = [...perRule.values()].reduce((s, r) => s + r.n, 0);
  console.log(`\n== Real code with no planted secrets: ${dirs.join(', ')}`);
  console.log(`${files} files, ${mb.toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${total} findings = ${((total / mb) * 100).toFixed(1)} per 100 MB (every one to be reviewed: most are false alarms, a few are real test credentials)`);
  console.log(`  by confidence: ${(['high', 'medium', 'low'] as Confidence[]).map((l) => `${l} ${perLevel.get(l) ?? 0}`).join(', ')} (the editor shows low as Information)`);
  if (realKeys.length) {
    console.log(`  not counted: ${realKeys.length} real private keys (the block parses as a key: true positives, published as test or example keys)`);
    for (const k of realKeys.slice(0, SAMPLES)) console.log(`      ${k}`);
  }
  for (const [id, r] of [...perRule.entries()].sort((a, b) => b[1].n - a[1].n)) {
    console.log(`  ${id}: ${r.n} (${((r.n / mb) * 100).toFixed(2)} per 100 MB)`);
    for (const s of r.samples) console.log(`      ${s.length > 220 ? s.slice(0, 219) + '…' : s}`);
  }
  summary.real = { mb: Math.round(mb), findings: total, per100MB: Number(((total / mb) * 100).toFixed(2)), realPrivateKeys: realKeys.length, perLevel: Object.fromEntries(perLevel), perRule: Object.fromEntries([...perRule.entries()].map(([k, v]) => [k, v.n])) };
}

/**
 * What a private-key finding holds when it is real key material: the PEM block parses as a private
 * key (an encrypted one asks for its passphrase), or an OpenSSH block carries the `openssh-key-v1`
 * magic. A block that does neither (truncated, a template, `...`) is a false alarm and stays counted.
 */
function privateKeyMaterial(block: string): string | undefined {
  const pem = block.includes('\\n') ? block.replace(/\\n/g, '\n') : block;
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1] ?? '';
  if (label === 'OPENSSH PRIVATE KEY') {
    const body = pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
    return Buffer.from(body, 'base64').subarray(0, 15).toString('latin1') === 'openssh-key-v1\u0000' ? 'OpenSSH key' : undefined;
  }
  try {
    const key = createPrivateKey({ key: pem, format: 'pem', passphrase: '' });
    return `${key.asymmetricKeyType ?? 'private'} key`;
  } catch (e) {
    // An encrypted key (PKCS#8 or legacy `Proc-Type: 4,ENCRYPTED`) fails on the empty passphrase,
    // which OpenSSL reports as a bad decrypt or a cancelled prompt, not as a malformed key.
    const code = (e as { code?: string }).code ?? '';
    return /BAD_DECRYPT|INTERRUPTED_OR_CANCELLED|PASSPHRASE/i.test(code + (e as Error).message) ? 'encrypted key' : undefined;
  }
}

function listPython(): string[] {
  try {
    return readdirSync('/usr/lib').filter((n) => /^python3(?:\.\d+)?$/.test(n)).map((n) => path.join('/usr/lib', n));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------

const summary: Record<string, unknown> = {};

async function main(): Promise<void> {
  const only = process.env.EVAL_ONLY;
  const t0 = Date.now();
  const cases = atEvalClock(() => [...(only === 'own' ? [] : loadPeerCases(ROOT)), ...(only === 'peers' ? [] : ownCases())]);
  const lint = await loadSecretlint();
  const outcomes: Outcome[] = [];
  for (const c of cases) {
    const o = scoreOurs(c);
    if (lint) {
      const ext = /^file(\.[a-z]+)$/.exec(c.context)?.[1] ?? '.txt';
      const msgs = await lint(c.text, ext);
      o.theirs = { hit: c.label === 'pos' ? msgs.some((m) => overlaps(c.span, m.range[0], m.range[1])) : msgs.length > 0, ids: msgs.map((m) => m.id) };
    }
    outcomes.push(o);
  }
  console.log(`${cases.length} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s (fresh fake tokens each run: numbers move by a case or two between runs; TC_TEST_SEED=<seed> repeats a run's cases)`);
  console.log('recall = found / positives; recall* = found / (positives − by-design drops); precision = found / (found + flagged negatives)');
  console.log('by-design = a rule matched but dropped the value on purpose (checksum invalid, documented example, placeholder); "other kind" = the flagged negative holds another kind\'s credential');

  const peers = outcomes.filter((o) => o.c.source !== 'own');
  const own = outcomes.filter((o) => o.c.source === 'own');
  const inScope = (o: Outcome): boolean => COVERED.has(o.c.kind);

  if (peers.length) {
    console.log('\n== Peers\' fixtures (kinds we cover)');
    printTable('source', groupBy(peers.filter(inScope), (o) => `${o.c.source} (${o.c.licence.split(' ')[0]})`), !!lint);
    printTable('kind', groupBy(peers.filter(inScope), (o) => o.c.kind), !!lint);
    printTable('context', groupBy(peers.filter(inScope), (o) => o.c.context), !!lint, 20);
    const out = peers.filter((o) => !inScope(o));
    const t = groupBy(out, () => 'out of scope');
    printTable('kinds we do not cover', t, !!lint);
    const outKinds = groupBy(out.filter((o) => o.c.label === 'pos'), (o) => o.c.kind);
    console.log(`  out-of-scope kinds: ${[...outKinds.entries()].sort((a, b) => b[1].pos - a[1].pos).map(([k, v]) => `${k.replace('other:', '')} ${v.found}/${v.pos}`).join(', ')}`);
    const tot = groupBy(peers.filter(inScope), () => 'all')?.get('all') ?? empty();
    summary.peers = { positives: tot.pos, found: tot.found, byDesign: tot.drops, recallPlausible: Number(pct(tot.found, tot.pos - tot.drops)), negatives: tot.neg, flagged: tot.flagged, flaggedOtherKind: tot.flaggedOther, secretlintRecallPlausible: Number(pct(tot.slFoundPlausible, tot.pos - tot.drops)) };
  }
  if (own.length) {
    console.log('\n== Our realistic contexts');
    printTable('kind', groupBy(own, (o) => o.c.kind), !!lint);
    printTable('context group', groupBy(own, (o) => o.c.context.split(':')[0]!), !!lint);
    printTable('context', groupBy(own, (o) => o.c.context), !!lint);
    const tot = groupBy(own, () => 'all').get('all') ?? empty();
    summary.own = { positives: tot.pos, found: tot.found, byDesign: tot.drops, recall: Number(pct(tot.found, tot.pos)), precision: Number(pct(tot.found, tot.found + tot.flagged)), secretlintRecall: Number(pct(tot.slFound, tot.pos)), secretlintPrecision: Number(pct(tot.slFound, tot.slFound + tot.slFlagged)) };
  }

  // Confidence calibration: every finding on a positive's secret is a true positive, every finding on a negative a false one.
  const conf = new Map<Confidence, { tp: number; fp: number }>();
  for (const o of outcomes) {
    if (o.c.label === 'pos' && !inScope(o) && o.c.source !== 'own') continue;
    for (const f of o.ours) {
      const e = conf.get(f.confidence) ?? { tp: 0, fp: 0 };
      if (o.c.label === 'pos' && overlaps(o.c.span, f.range.start, f.range.end)) e.tp++;
      else if (o.c.label === 'neg' && !flaggedOtherKind(o)) e.fp++;
      else continue;
      conf.set(f.confidence, e);
    }
  }
  console.log('\n== Precision per confidence level (findings on all labelled cases; negatives holding another kind\'s credential left out)');
  for (const level of ['high', 'medium', 'low'] as Confidence[]) {
    const e = conf.get(level) ?? { tp: 0, fp: 0 };
    console.log(`  ${level.padEnd(6)} ${String(e.tp).padStart(6)} true  ${String(e.fp).padStart(5)} false  precision ${pct(e.tp, e.tp + e.fp)}`);
  }
  summary.confidence = Object.fromEntries(conf);

  const missed = (o: Outcome): boolean => o.c.label === 'pos' && !o.hit && !o.drop && (inScope(o) || o.c.source === 'own');
  const byKind = new Map<string, Outcome[]>();
  for (const o of outcomes.filter(missed)) byKind.set(o.c.kind, [...(byKind.get(o.c.kind) ?? []), o]);
  console.log('\n== Missed positives per kind (samples; the secret shown redacted)');
  for (const [k, list] of [...byKind.entries()].sort((a, b) => b[1].length - a[1].length)) sampleList(`${k}`, shuffle(list), secretRange, Math.min(SAMPLES, 6));
  const drops = outcomes.filter((o) => o.c.label === 'pos' && !o.hit && o.drop);
  const dropWhy = new Map<string, number>();
  for (const o of drops) dropWhy.set(o.drop!, (dropWhy.get(o.drop!) ?? 0) + 1);
  console.log(`\n== By-design drops: ${[...dropWhy.entries()].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  sampleList('by-design drops (samples)', shuffle(drops), secretRange, 8);
  const flagged = outcomes.filter((o) => o.c.label === 'neg' && o.hit);
  sampleList('Flagged negatives, same kind or no kind (to review)', flagged.filter((o) => !flaggedOtherKind(o)), findingRanges, 60);
  sampleList('Flagged negatives holding another kind\'s credential', flagged.filter(flaggedOtherKind), findingRanges, 10);

  realCode();
  if (process.env.EVAL_JSON) writeFileSync(process.env.EVAL_JSON, JSON.stringify(summary, null, 2) + '\n');
}

function shuffle<T>(xs: T[]): T[] {
  return xs.map((x) => [random(), x] as const).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
}

/**
 * The clock the cases are made and scanned at: the start of today (UTC), so that runs with one
 * TC_TEST_SEED on one day make the same cases (fake JWTs carry `iat`/`exp` from the clock, which
 * changed their text, hence their entropy and findings, from second to second: two runs of one build
 * and seed found 1,746 and 1,748), while expiry is still judged against about the real date.
 */
const EVAL_NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000;

/** `make()` with Date.now reading EVAL_NOW (the fake-token generators take their times from it). */
function atEvalClock<T>(make: () => T): T {
  const real = Date.now;
  Date.now = () => EVAL_NOW;
  try {
    return make();
  } finally {
    Date.now = real;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
