// Turns peers' fixture text into case templates for the evaluation harness (test/eval/).
// Token-like runs are replaced by generator parts (`{ re }` a character class and a length, `{ jwt }`
// the decoded header and claims, `{ pem }` an armour label and body size), so the committed cases hold
// no live-looking literal: what is kept verbatim is short pieces, words, placeholders and known prefixes.
//
// A case is `{ parts }` where a part is a string (verbatim, not secret), `{ t }` (verbatim, inside the
// secret), `{ re }` (generated from a regex at run time, inside the secret), `{ jwt: [header, claims],
// sig }` or `{ pem, lines, width }` (generated, secret).

/** Words that make a whole run a documented example or placeholder: kept verbatim. */
const RUN_PLACEHOLDER = /example|sample|dummy|fake|placeholder|redacted|your|x{4}|X{4}|changeme|notreal|replace|insert|<|>/;
/** Words that make a piece a non-random part: kept verbatim. */
const PIECE_WORD = /test|foo|bar|baz|1234|abcd|secret|password|passwd|token|demo|mock|invalid|hello|world|admin|user|pass/i;
/** Known literal prefixes glued to the random part without a separator. */
const GLUED_PREFIXES = [
  'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'A3T',
  'AIza', 'ya29', 'GOCSPX', 'EAACEdEose0cBA', 'EAA', 'AC', 'SK', 'SG', 'dapi', 'PMAK', 'glpat', 'glptt', 'glrt', 'gldt',
  'GR1348941', 'ATATT3', 'ATCTT3', 'ATBB', 'ATATT', 'ATCTT', 'AgEIcHlwaS5vcmc', 'AgENdGVzdC5weXBpLm9yZw',
  'sntrys', 'sntryu', 'EZAK', 'EZTK', 'sq0atp', 'sq0csp', 'xox', 'shpat', 'shpss', 'shpca', 'shppa', 'dckr', 'hvs', 'hvb', 'hvr',
  'npm', 'ghp', 'gho', 'ghu', 'ghs', 'ghr', 'sk', 'pk', 'rk', 'whsec', 'rnd', 'sbp', 'lin', 'hf', 'api', 'org',
];

export function shannon(s) {
  const m = new Map();
  for (const c of s) m.set(c, (m.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of m.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

function escapeClass(c) {
  return /[\\\]\[^-]/.test(c) ? '\\' + c : c;
}

/** The character class regex of a piece: hex when it is hex, else the union of its classes. */
export function classOf(piece) {
  if (/^[0-9a-f]+$/.test(piece) && /[a-f]/.test(piece) && /[0-9]/.test(piece)) return '[0-9a-f]';
  if (/^[0-9A-F]+$/.test(piece) && /[A-F]/.test(piece) && /[0-9]/.test(piece)) return '[0-9A-F]';
  let cls = '';
  if (/[a-z]/.test(piece)) cls += 'a-z';
  if (/[A-Z]/.test(piece)) cls += 'A-Z';
  if (/[0-9]/.test(piece)) cls += '0-9';
  const other = [...new Set(piece.replace(/[A-Za-z0-9]/g, ''))];
  cls += other.map(escapeClass).join('');
  return `[${cls}]`;
}

/** Does a piece of a run look random (a secret part) rather than a word, identifier, number or placeholder? */
export function looksRandom(piece, force = false) {
  if (piece.length < (force ? 6 : 8)) return false;
  if (PIECE_WORD.test(piece) && !force) return false;
  if (/(.)\1{3}/.test(piece)) return false;
  if (/^[0-9]+$/.test(piece)) return piece.length >= 8;
  if (force) return true;
  if (/^[a-z]+$|^[A-Z]+$|^[A-Z][a-z]+$/.test(piece) && piece.length < 20) return false;
  const segs = piece.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/);
  if (segs.length <= 5 && segs.filter((s) => /[A-Za-z]{3,}/.test(s)).every((s) => /[aeiouy]/i.test(s))) return false;
  return shannon(piece) >= 2.8;
}

function b64urlJson(s) {
  try {
    const v = JSON.parse(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Splits one run of token characters into parts. */
function shapeRun(run, force) {
  if (!force && RUN_PLACEHOLDER.test(run)) return [run];
  const jwt = /^(eyJ[A-Za-z0-9_-]{4,})\.(eyJ[A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]*)$/.exec(run);
  if (jwt) {
    const h = b64urlJson(jwt[1]);
    const p = b64urlJson(jwt[2]);
    if (h && p) return [{ jwt: [h, p], sig: jwt[3].length }];
  }
  const out = [];
  // Split on separators, keeping them; randomise the pieces that look random.
  for (const tok of run.split(/([-_./+=~:])/)) {
    if (tok === '') continue;
    // A known prefix given on its own (`"pypi-AgEIcHlwaS5vcmc" + secrets.NewSecret(…)`) is kept verbatim.
    if (GLUED_PREFIXES.includes(tok)) {
      out.push(tok);
      continue;
    }
    let piece = tok;
    let prefix = '';
    for (const p of GLUED_PREFIXES) {
      if (piece.startsWith(p) && piece.length >= p.length + 8) {
        prefix = p;
        piece = piece.slice(p.length);
        break;
      }
    }
    if (prefix) out.push(prefix);
    if (looksRandom(piece, force)) out.push({ re: `${classOf(piece)}{${piece.length}}` });
    else out.push(piece);
  }
  return out;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]{2,40})-----([\s\S]*?)-----END \1-----/g;

/**
 * Text → parts. `secretRanges` (optional, [start, end) offsets) marks what the peer reported as the
 * secret: pieces there are randomised whenever they are long enough, and they are marked as secret.
 */
export function shape(text, secretRanges = []) {
  const inSecret = (s, e) => secretRanges.some(([a, b]) => s < b && e > a);
  const out = [];
  const push = (p, secret) => {
    if (typeof p === 'string') {
      if (p === '') return;
      const last = out[out.length - 1];
      if (!secret && typeof last === 'string') out[out.length - 1] = last + p;
      else if (secret && last && typeof last === 'object' && 't' in last) last.t += p;
      else out.push(secret ? { t: p } : p);
    } else out.push(p);
  };
  let at = 0;
  const runs = /[A-Za-z0-9+/=_.~:-]{6,}/g;
  const emit = (from, to) => {
    const seg = text.slice(from, to);
    let i = 0;
    runs.lastIndex = 0;
    let m;
    while ((m = runs.exec(seg)) !== null) {
      const s = from + m.index;
      const e = s + m[0].length;
      const secret = inSecret(s, e);
      push(seg.slice(i, m.index), inSecret(from + i, s));
      const parts = shapeRun(m[0], secret);
      const random = parts.some((p) => typeof p === 'object');
      for (const p of parts) push(p, secret || random);
      i = m.index + m[0].length;
    }
    push(seg.slice(i), inSecret(from + i, to));
  };
  PEM_RE.lastIndex = 0;
  let m;
  while ((m = PEM_RE.exec(text)) !== null) {
    emit(at, m.index);
    const body = m[2].replace(/^\s+|\s+$/g, '');
    const headers = /^(?:[A-Za-z-]+: .*\n)+\n?/.exec(body)?.[0] ?? '';
    const lines = body.slice(headers.length).split(/\r?\n/).filter(Boolean);
    const width = Math.max(0, ...lines.map((l) => l.trim().length));
    if (lines.length && width >= 16) out.push({ pem: m[1], lines: lines.length, width, ...(headers ? { headers: headers.trimEnd().split('\n') } : {}) });
    else out.push(m[0]);
    at = m.index + m[0].length;
  }
  emit(at, text.length);
  return out;
}

/** Does a template hold anything generated? */
export function hasGenerated(parts) {
  return parts.some((p) => typeof p === 'object' && !('t' in p));
}
