// Builds the peer-fixture cases of the evaluation harness from local checkouts of the peers' repos.
// Run by hand when refreshing the cases (the output is committed under test/eval/cases/):
//   node scripts/eval-extract.mjs gitleaks     <dir of gitleaks/gitleaks>      <commit>
//   node scripts/eval-extract.mjs secretlint   <dir of secretlint/secretlint>  <commit>
//   node scripts/eval-extract.mjs detect-secrets <dir of Yelp/detect-secrets> <commit>
//   node scripts/eval-extract.mjs trufflehog   <dir of trufflesecurity/trufflehog> <commit>
// Every token-like literal is turned into a generator template by eval-shape.mjs. TruffleHog is
// AGPL-3.0: only the shape of its pattern constants (prefix, character class, length) and the
// detector's keyword are kept; the surrounding text is our own.

import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { shape, hasGenerated, classOf } from './eval-shape.mjs';

const [, , source, dir, commit = 'unknown'] = process.argv;
const OUT = new URL('../test/eval/cases/', import.meta.url).pathname;

function walk(d, pred, out = []) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** ROT13 on letters and ROT5 on digits: verbatim text is stored so that no scanner reads a peer's placeholder or near-miss literal as a credential. Its own inverse. */
export function rot(s) {
  return s.replace(/[A-Za-z0-9]/g, (c) => {
    const n = c.charCodeAt(0);
    if (n <= 57) return String.fromCharCode(48 + ((n - 48 + 5) % 10));
    const base = n <= 90 ? 65 : 97;
    return String.fromCharCode(base + ((n - base + 13) % 26));
  });
}

const encodeParts = (parts) =>
  parts.map((p) => {
    if (typeof p === 'string') return rot(p);
    if ('t' in p) return { t: rot(p.t) };
    if ('jwt' in p) return { jwt: p.jwt.map((j) => rot(JSON.stringify(j))), sig: p.sig };
    return p;
  });

function write(name, meta, cases) {
  const seen = new Set();
  const unique = [];
  for (const c of cases) {
    const key = JSON.stringify([c.rule, c.label, c.parts]);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(c);
  }
  const encoded = unique.map((c) => ({ ...c, parts: encodeParts(c.parts) }));
  const body = JSON.stringify({ ...meta, encoding: 'rot13+rot5 of verbatim parts (strings, t, and the JSON of jwt header and claims); re and pem are plain', cases: encoded }, null, 0).replace(/\{"path"/g, '\n{"path"');
  writeFileSync(join(OUT, name), body + '\n');
  console.log(`${name}: ${unique.length} cases (${unique.filter((c) => c.label === 'pos').length} positive)`);
}

// ---------------------------------------------------------------------------------------------
// Go: a tokenizer and a small evaluator for the expressions gitleaks builds its tps/fps from.

function goTokens(src) {
  const toks = [];
  let i = 0;
  let nl = false;
  const push = toks.push.bind(toks);
  toks.push = (t) => { t.nl = nl; nl = false; return push(t); };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') nl = true;
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i) + 2; continue; }
    if (c === '`') { const j = src.indexOf('`', i + 1); toks.push({ s: src.slice(i + 1, j) }); i = j + 1; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (src[j] !== '"') {
        if (src[j] === '\\') {
          const n = src[j + 1];
          const map = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
          if (n in map) { s += map[n]; j += 2; }
          else if (n === 'x') { s += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)); j += 4; }
          else if (n === 'u') { s += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16)); j += 6; }
          else { s += n; j += 2; }
        } else s += src[j++];
      }
      toks.push({ s });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i, i + 200));
    if (id) { toks.push({ id: id[0] }); i += id[0].length; continue; }
    const num = /^[0-9]+/.exec(src.slice(i, i + 20));
    if (num) { toks.push({ n: Number(num[0]) }); i += num[0].length; continue; }
    const p = /^(?::=|\.\.\.|==|!=|&&|\|\||[-+*/(){}\[\],;:=<>!&|.])/.exec(src.slice(i, i + 3));
    toks.push({ p: p ? p[0] : c });
    i += p ? p[0].length : 1;
  }
  return toks;
}

/** A template value: array of parts (`string` or `{ re }`), lists of templates, or opaque. */
const OPAQUE = { opaque: true };
const lit = (s) => [s];
const cat = (a, b) => [...a, ...b];
const isTpl = (v) => Array.isArray(v) && !v.list;
const list = (xs) => Object.assign(xs, { list: true });

class GoEval {
  constructor(files, samples) {
    this.globals = new Map(); // name → token slice
    this.samples = samples;
    this.funcs = [];
    for (const [path, src] of files) {
      const t = goTokens(src);
      for (let i = 0; i < t.length; i++) {
        if (t[i].id === 'func' && t[i + 1]?.id && t[i + 2]?.p === '(') {
          let j = i;
          while (t[j].p !== '{') j++;
          const end = this.matchBrace(t, j);
          this.funcs.push({ path, name: t[i + 1].id, body: t.slice(j + 1, end) });
          i = end;
        } else if ((t[i].id === 'var' || t[i].id === 'const') && t[i + 1]?.id && t[i + 2]?.p === '=') {
          const end = this.exprEnd(t, i + 3);
          this.globals.set(t[i + 1].id, t.slice(i + 3, end));
        }
      }
    }
  }

  matchBrace(t, j) {
    let d = 0;
    for (let k = j; k < t.length; k++) {
      if (t[k].p === '{' || t[k].p === '(' || t[k].p === '[') d++;
      else if (t[k].p === '}' || t[k].p === ')' || t[k].p === ']') { d--; if (d === 0) return k; }
    }
    return t.length;
  }

  /** End of an expression starting at i: the first top-level `,` `;` `)` `}` or a newline-less statement start. */
  exprEnd(t, i, stopAtComma = false) {
    let d = 0;
    for (let k = i; k < t.length; k++) {
      const p = t[k].p;
      if (p === '(' || p === '{' || p === '[') d++;
      else if (p === ')' || p === '}' || p === ']') { if (d === 0) return k; d--; }
      else if (d === 0 && (p === ';' || (stopAtComma && p === ','))) return k;
      else if (d === 0 && k > i && t[k].nl && !['+', ',', '(', '{', '[', '=', ':=', '&&', '||'].includes(t[k - 1].p)) return k; // next statement
    }
    return t.length;
  }

  evalFunc(f) {
    const env = new Map();
    const t = f.body;
    let ruleId;
    let result;
    for (let i = 0; i < t.length; i++) if (t[i].id === 'RuleID' && t[i + 1]?.p === ':' && t[i + 2]?.s !== undefined) ruleId ??= t[i + 2].s;
    for (let i = 0; i < t.length; i++) {
      if (t[i].id && (t[i + 1]?.p === ':=' || (t[i + 1]?.p === '=' && t[i - 1]?.p !== ':'))) {
        const end = this.exprEnd(t, i + 2);
        try { env.set(t[i].id, this.evalExpr(t.slice(i + 2, end), env)); } catch { env.set(t[i].id, OPAQUE); }
        i = end - 1;
        continue;
      }
      if (t[i].id === 'var' && t[i + 1]?.id && t[i + 2]?.id && t[i + 3]?.p === '=') {
        const end = this.exprEnd(t, i + 4);
        try { env.set(t[i + 1].id, this.evalExpr(t.slice(i + 4, end), env)); } catch { env.set(t[i + 1].id, OPAQUE); }
        i = end - 1;
        continue;
      }
      if (/^utils\.Validate/.test(t[i].id ?? '') && t[i + 1]?.p === '(') {
        const end = this.matchBrace(t, i + 1);
        const args = this.splitArgs(t.slice(i + 2, end));
        const val = (a) => { try { return a ? this.evalExpr(a, env) : list([]); } catch { return list([]); } };
        result = { tps: val(args[1]), fps: val(args[2]) };
      }
    }
    return ruleId && result ? { ruleId, ...result } : undefined;
  }

  splitArgs(t) {
    const args = [];
    let d = 0;
    let s = 0;
    for (let k = 0; k < t.length; k++) {
      const p = t[k].p;
      if (p === '(' || p === '{' || p === '[') d++;
      else if (p === ')' || p === '}' || p === ']') d--;
      else if (p === ',' && d === 0) { args.push(t.slice(s, k)); s = k + 1; }
    }
    if (s < t.length) args.push(t.slice(s));
    return args.filter((a) => a.length);
  }

  evalExpr(t, env) {
    // a + b + c at top level
    const terms = [];
    let d = 0;
    let s = 0;
    for (let k = 0; k < t.length; k++) {
      const p = t[k].p;
      if (p === '(' || p === '{' || p === '[') d++;
      else if (p === ')' || p === '}' || p === ']') d--;
      else if (p === '+' && d === 0) { terms.push(t.slice(s, k)); s = k + 1; }
    }
    terms.push(t.slice(s));
    let v = this.evalTerm(terms[0], env);
    for (const term of terms.slice(1)) {
      const w = this.evalTerm(term, env);
      if (!isTpl(v) || !isTpl(w)) throw new Error('concat of non-strings');
      v = cat(v, w);
    }
    return v;
  }

  evalTerm(t, env) {
    if (t.length === 1 && t[0].s !== undefined) return lit(t[0].s);
    if (t.length === 1 && t[0].n !== undefined) return lit(String(t[0].n));
    if (t.length === 1 && t[0].id === 'nil') return list([]);
    if (t[0].p === '(' && this.matchBrace(t, 0) === t.length - 1) return this.evalExpr(t.slice(1, -1), env);
    if (t.length === 1 && t[0].id) {
      if (env.has(t[0].id)) return env.get(t[0].id);
      if (this.globals.has(t[0].id)) return this.evalExpr(this.globals.get(t[0].id), env);
      throw new Error('unknown ' + t[0].id);
    }
    // []string{ ... }
    if (t[0].p === '[' && t[1]?.p === ']' && t[2]?.id === 'string' && t[3]?.p === '{') {
      const end = this.matchBrace(t, 3);
      const out = [];
      for (const a of this.splitArgs(t.slice(4, end))) {
        try {
          const v = this.evalExpr(a, env);
          if (isTpl(v)) out.push(v);
          else if (v.list) out.push(...v);
        } catch { /* skip items we cannot evaluate */ }
      }
      return list(out);
    }
    // map[string]string{ "file.tf": expr, … } (ValidateWithPaths): the values, keyed contexts.
    if (t[0].id === 'map' && t[1]?.p === '[') {
      const open = t.findIndex((x) => x.p === '{');
      const end = this.matchBrace(t, open);
      const out = [];
      for (const a of this.splitArgs(t.slice(open + 1, end))) {
        if (a[0]?.s === undefined || a[1]?.p !== ':') continue;
        try {
          const v = this.evalExpr(a.slice(2), env);
          if (isTpl(v)) out.push(Object.assign([...v], { context: 'file ' + a[0].s }));
        } catch { /* skip */ }
      }
      return list(out);
    }
    if (t[0].id && t[1]?.p === '(' && this.matchBrace(t, 1) === t.length - 1) {
      const args = this.splitArgs(t.slice(2, -1));
      const ev = (k) => this.evalExpr(args[k], env);
      const str = (k) => { const v = ev(k); if (!isTpl(v) || v.some((p) => typeof p !== 'string')) throw new Error('not a literal'); return v.join(''); };
      switch (t[0].id) {
        case 'append': {
          const base = ev(0);
          const out = list([...base]);
          for (let k = 1; k < args.length; k++) {
            const a = args[k];
            const spread = a[a.length - 1]?.p === '...';
            try {
              const v = this.evalExpr(spread ? a.slice(0, -1) : a, env);
              if (v.list) out.push(...v); else out.push(v);
            } catch { /* skip */ }
          }
          return out;
        }
        case 'secrets.NewSecret': return [{ re: str(0) }];
        case 'utils.Numeric': return lit(`[0-9]{${str(0)}}`);
        case 'utils.Hex': return lit(`[a-f0-9]{${str(0)}}`);
        case 'utils.AlphaNumeric': return lit(`[a-z0-9]{${str(0)}}`);
        case 'utils.AlphaNumericExtendedShort': return lit(`[a-z0-9_-]{${str(0)}}`);
        case 'utils.AlphaNumericExtended': return lit(`[a-z0-9=_\\-]{${str(0)}}`);
        case 'utils.AlphaNumericExtendedLong': return lit(`[a-z0-9\\/=_\\+\\-]{${str(0)}}`);
        case 'utils.Hex8_4_4_4_12': return lit('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}');
        case 'strings.Repeat': return lit(str(0).repeat(Number(str(1))));
        case 'fmt.Sprintf': {
          const f = str(0);
          let k = 1;
          const out = [];
          const pieces = f.split(/(%[sdv])/);
          for (const piece of pieces) {
            if (/^%[sdv]$/.test(piece)) { const v = ev(k++); if (!isTpl(v)) throw new Error('sprintf arg'); out.push(...v); }
            else if (piece) out.push(piece.replace(/%%/g, '%'));
          }
          return out;
        }
        case 'utils.GenerateSampleSecret': {
          const id = str(0);
          return [`${id}_api_token = "`, { secret: ev(1) }, '"'];
        }
        case 'utils.GenerateSampleSecrets': {
          const id = str(0);
          const secret = ev(1);
          const out = [];
          for (const [ctx, tpl] of this.samples) {
            const parts = [];
            for (const piece of tpl.split(/(\{[iIs]\})/)) {
              if (piece === '{i}') parts.push(id);
              else if (piece === '{I}') parts.push(id.toUpperCase());
              else if (piece === '{s}') parts.push({ secret });
              else if (piece) parts.push(piece);
            }
            out.push(Object.assign(parts, { context: ctx }));
          }
          return list(out);
        }
        default:
          throw new Error('unsupported call ' + t[0].id);
      }
    }
    throw new Error('unsupported expression');
  }
}

/** Gitleaks template (strings, `{ re }`, `{ secret: template }`) → case parts. */
function toParts(tpl) {
  const out = [];
  let secretMarked = false;
  const add = (p, inSecret) => {
    if (typeof p === 'string') {
      if (inSecret) {
        // Literal pieces of a generated secret: shape them (they may hold a real-looking literal) and mark them.
        for (const q of shape(p, [[0, p.length]])) out.push(typeof q === 'string' ? { t: q } : q);
      } else out.push(...shape(p));
    } else if (p.re !== undefined) out.push({ re: p.re });
    else if (p.secret) { secretMarked = true; for (const q of p.secret) add(q, true); }
  };
  for (const p of tpl) add(p, false);
  // Merge adjacent strings.
  const merged = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p && typeof p === 'object' && 't' in p && last && typeof last === 'object' && 't' in last) last.t += p.t;
    else merged.push(p);
  }
  return { parts: merged, secretMarked };
}

function gitleaks() {
  const rulesDir = join(dir, 'cmd/generate/config/rules');
  const gen = readFileSync(join(dir, 'cmd/generate/config/utils/generate.go'), 'utf8');
  const samples = [];
  const block = gen.slice(gen.indexOf('samples := map[string]string{'));
  for (const line of block.slice(0, block.indexOf('replacer :=')).split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    const m = /^\s*"([^"]+)":\s*(.+),\s*(?:\/\/.*)?$/.exec(line);
    if (!m) continue;
    const t = goTokens(m[2]);
    if (t.length === 1 && t[0].s !== undefined) samples.push([m[1], t[0].s]);
  }
  const files = walk(rulesDir, (p) => p.endsWith('.go') && !p.endsWith('_test.go')).map((p) => [p, readFileSync(p, 'utf8')]);
  const ev = new GoEval(files, samples);
  const cases = [];
  let funcs = 0;
  for (const f of ev.funcs) {
    let r;
    try { r = ev.evalFunc(f); } catch { r = undefined; }
    if (!r) continue;
    funcs++;
    const path = relative(dir, f.path);
    // Keys the rule allowlists by their exact text (`regexp.MustCompile(\`AIzaSy…\`)`, Firebase's
    // published sample keys): a negative that is one of them is a negative only as that exact text,
    // so it is kept verbatim (ROT-encoded like every verbatim part) instead of being reshaped into a
    // fresh random key, which would be a true positive.
    const allowlisted = new Set();
    for (let k = 0; k + 2 < f.body.length; k++) {
      const literal = f.body[k + 2].s;
      if (f.body[k].id === 'MustCompile' && f.body[k + 1].p === '(' && typeof literal === 'string' && /^[A-Za-z0-9_-]{16,}$/.test(literal)) allowlisted.add(literal);
    }
    for (const [label, items] of [['pos', r.tps], ['neg', r.fps]]) {
      if (!items?.list) continue;
      for (const tpl of items) {
        if (!isTpl(tpl)) continue;
        const { parts } = label === 'neg' && tpl.length === 1 && allowlisted.has(tpl[0]) ? { parts: [tpl[0]] } : toParts(tpl);
        cases.push({ path, rule: r.ruleId, label, context: tpl.context ? (tpl.context.startsWith('file ') ? tpl.context : 'gitleaks: ' + tpl.context) : 'literal', parts });
      }
    }
  }
  console.log(`gitleaks: ${funcs} rules with tps/fps; ${samples.length} sample contexts`);
  write('gitleaks.json', { source: 'gitleaks', repo: 'gitleaks/gitleaks', commit, licence: 'MIT', from: 'cmd/generate/config/rules/*.go (tps, fps); contexts from cmd/generate/config/utils/generate.go' }, cases);
}

// ---------------------------------------------------------------------------------------------

function secretlint() {
  const base = join(dir, 'packages/@secretlint');
  const cases = [];
  for (const pkg of readdirSync(base).filter((n) => n.startsWith('secretlint-rule-'))) {
    const snaps = join(base, pkg, 'test/snapshots');
    if (!existsSync(snaps)) continue;
    for (const name of readdirSync(snaps)) {
      const d = join(snaps, name);
      const input = readdirSync(d).find((n) => n.startsWith('input'));
      if (!input || !existsSync(join(d, 'output.json'))) continue;
      const text = readFileSync(join(d, input), 'utf8');
      const out = JSON.parse(readFileSync(join(d, 'output.json'), 'utf8'));
      const ranges = (out.messages ?? []).map((m) => m.range).filter(Boolean);
      const ext = input.slice('input'.length) || '.txt';
      const rule = pkg.replace('secretlint-rule-', '');
      const path = relative(dir, join(d, input));
      if (ranges.length) cases.push({ path, rule, label: 'pos', context: 'file' + ext, parts: shape(text, ranges), messages: out.messages.map((m) => m.messageId) });
      else cases.push({ path, rule, label: 'neg', context: 'file' + ext, parts: shape(text) });
    }
  }
  write('secretlint.json', { source: 'secretlint', repo: 'secretlint/secretlint', commit, licence: 'MIT', from: 'packages/@secretlint/secretlint-rule-*/test/snapshots/*/input.* and output.json (ranges)' }, cases);
}

// ---------------------------------------------------------------------------------------------

function pyStrings(src) {
  // Python string literals (single/double, optional r/b/f prefix), with their concatenation.
  const re = /\b([rbfu]{0,2})('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
  return re;
}

function unPy(prefix, lit) {
  const q = lit.startsWith("'''") || lit.startsWith('"""') ? 3 : 1;
  const body = lit.slice(q, -q);
  if (prefix.includes('r')) return body;
  return body.replace(/\\(n|t|r|\\|'|"|x[0-9a-fA-F]{2})/g, (_m, e) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' })[e] ?? String.fromCharCode(parseInt(e.slice(1), 16)));
}

function detectSecrets() {
  const cases = [];
  // Parametrize tables read with Python's own parser (scripts/eval-pytables.py).
  const rows = JSON.parse(execFileSync('python3', [new URL('./eval-pytables.py', import.meta.url).pathname, dir], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  for (const r of rows) {
    if (!['payload', 'line', 'file_content'].includes(r.names?.[0])) continue;
    const text = r.values[0];
    if (typeof text !== 'string' || !text || text.length > 4000) continue;
    const flag = r.values[1];
    let label;
    if (typeof flag === 'boolean') label = flag ? 'pos' : 'neg';
    else if (r.values.length === 1) label = r.asserts.some((a) => /== 1|^assert (?:output|logic)|== 1\)/.test(a)) ? 'pos' : r.asserts.some((a) => /== 0|assert not/.test(a)) ? 'neg' : undefined;
    if (!label) continue;
    const rule = r.file.split('/').pop().replace(/_test\.py$/, '');
    cases.push({ path: r.file, rule, label, context: 'line', parts: shape(text) });
  }
  // test_data: files known to hold secrets (whole-file positives) or none.
  const data = [
    ['test_data/files/file_with_no_secrets.py', 'neg'],
    ['test_data/files/private_key', 'pos'],
    ['test_data/config.ini', 'pos'],
    ['test_data/config.yaml', 'pos'],
    ['test_data/config.env', 'pos'],
    ['test_data/short_files/first_line.php', 'pos'],
    ['test_data/short_files/last_line.ini', 'pos'],
    ['test_data/short_files/middle_line.yml', 'pos'],
    ['test_data/each_secret.py', 'pos'],
  ];
  for (const [p, label] of data) {
    if (!existsSync(join(dir, p))) continue;
    const text = readFileSync(join(dir, p), 'utf8');
    // One case per non-empty line for multi-secret files, so a line is a unit; the private key stays whole.
    if (label === 'pos' && !/PRIVATE KEY/.test(text)) {
      for (const line of text.split('\n')) {
        const parts = shape(line);
        if (!line.trim() || /^\s*[#;]/.test(line)) continue;
        cases.push({ path: p, rule: 'test_data', label: hasGenerated(parts) ? 'pos' : 'neg?', context: 'file' + (p.match(/\.[a-z]+$/)?.[0] ?? ''), parts });
      }
    } else cases.push({ path: p, rule: 'test_data', label, context: 'file', parts: shape(text) });
  }
  write('detect-secrets.json', { source: 'detect-secrets', repo: 'Yelp/detect-secrets', commit, licence: 'Apache-2.0', from: 'tests/plugins/*_test.py parametrize tables; test_data/ (lines)' }, cases.filter((c) => c.label !== 'neg?'));
}

// ---------------------------------------------------------------------------------------------

/** TruffleHog (AGPL-3.0): only shapes. Pattern constants → `{ re }` per piece, contexts are ours. */
function trufflehog() {
  const cases = [];
  const tests = walk(join(dir, 'pkg/detectors'), (p) => p.endsWith('_test.go') && !p.endsWith('_integration_test.go'));
  for (const file of tests) {
    const src = readFileSync(file, 'utf8');
    const detector = relative(join(dir, 'pkg/detectors'), file).split('/')[0];
    const kw = /keyword\s*=\s*"([^"]+)"/.exec(src)?.[1] ?? detector;
    // `validPattern = "…"`, `invalidPattern = "…"` and friends in the var block.
    const re = /^\s*([A-Za-z0-9_]*[Pp]attern[A-Za-z0-9_]*)\s*=\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)/gm;
    let m;
    while ((m = re.exec(src)) !== null) {
      const name = m[1];
      const raw = m[2].startsWith('`') ? m[2].slice(1, -1) : JSON.parse(m[2]);
      if (raw.length < 8 || raw.length > 400 || /%[sd]/.test(raw)) continue;
      const invalid = /invalid|bad|wrong|false/i.test(name);
      const positive = !invalid && /valid|pattern/i.test(name);
      // Only the shape: every run becomes a class + length (keeping short pieces and known prefixes).
      const shaped = shape(raw, positive ? [[0, raw.length]] : []);
      const shapeOnly = shaped.map((p) => (typeof p === 'string' && p.length > 24 ? { re: `${classOf(p)}{${p.length}}` } : p));
      cases.push({ path: relative(dir, file), rule: detector, label: positive ? 'pos' : 'neg', context: 'keyword line (ours)', parts: [`${kw} token = '`, ...shapeOnly, "'"] });
    }
  }
  write('trufflehog.json', { source: 'trufflehog', repo: 'trufflesecurity/trufflehog', commit, licence: 'AGPL-3.0 (shapes only: prefix, character class and length of pattern constants; contexts are ours)', from: 'pkg/detectors/**/*_test.go pattern constants' }, cases);
}

const run = { gitleaks, secretlint, 'detect-secrets': detectSecrets, trufflehog }[source];
if (run) run();
else console.error('unknown source ' + source);
