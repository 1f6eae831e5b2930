// A small evaluator of VS Code `when` clauses (the subset package.json uses: `!`, `&&`, `||`,
// parentheses, `==`, `!=`, `=~ /regex/`, `in`-less keys, quoted or bare values), so unit tests can
// check which keybindings and menu entries apply on each platform without a VS Code.
// Semantics follow VS Code's: a bare key is true when its value is truthy; `==`/`!=` compare as
// strings ('true'/'false' compare with booleans).

export type Context = Record<string, unknown>;

type Tok = { t: 'op'; v: string } | { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'regex'; v: RegExp };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const two = src.slice(i, i + 2);
    if (['&&', '||', '==', '!=', '=~'].includes(two)) { out.push({ t: 'op', v: two }); i += 2; continue; }
    if (c === '!' || c === '(' || c === ')') { out.push({ t: 'op', v: c }); i++; continue; }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated string in: ${src}`);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '/' && out[out.length - 1]?.v === '=~') {
      let j = i + 1;
      while (j < src.length && src[j] !== '/') j += src[j] === '\\' ? 2 : 1;
      const m = /^[a-z]*/.exec(src.slice(j + 1))![0];
      out.push({ t: 'regex', v: new RegExp(src.slice(i + 1, j), m) });
      i = j + 1 + m.length;
      continue;
    }
    const m = /^[^\s!()=&|']+/.exec(src.slice(i));
    if (!m) throw new Error(`cannot read "${src.slice(i)}" in: ${src}`);
    out.push({ t: 'word', v: m[0] });
    i += m[0].length;
  }
  return out;
}

/** Evaluates `when` against `ctx` (undefined or empty `when` is true). Throws on syntax it does not know. */
export function evaluateWhen(when: string | undefined, ctx: Context): boolean {
  if (!when || !when.trim()) return true;
  const toks = tokenize(when);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()!.v === v;
  const value = (key: string): unknown => (key === 'true' ? true : key === 'false' ? false : ctx[key]);
  const asString = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

  const or = (): boolean => {
    let v = and();
    while (isOp('||')) { p++; const r = and(); v = v || r; }
    return v;
  };
  const and = (): boolean => {
    let v = unary();
    while (isOp('&&')) { p++; const r = unary(); v = v && r; }
    return v;
  };
  const unary = (): boolean => {
    if (isOp('!')) { p++; return !unary(); }
    return primary();
  };
  const primary = (): boolean => {
    if (isOp('(')) {
      p++;
      const v = or();
      if (!isOp(')')) throw new Error(`missing ) in: ${when}`);
      p++;
      return v;
    }
    const k = toks[p++];
    if (!k || k.t !== 'word') throw new Error(`expected a key in: ${when}`);
    const left = value(k.v);
    if (isOp('==') || isOp('!=')) {
      const neg = peek()!.v === '!=';
      p++;
      const r = toks[p++];
      if (!r || (r.t !== 'word' && r.t !== 'str')) throw new Error(`expected a value in: ${when}`);
      const eq = asString(left) === r.v;
      return neg ? !eq : eq;
    }
    if (isOp('=~')) {
      p++;
      const r = toks[p++];
      if (!r || r.t !== 'regex') throw new Error(`expected /regex/ in: ${when}`);
      return r.v.test(asString(left));
    }
    return Boolean(left);
  };
  const v = or();
  if (p !== toks.length) throw new Error(`unexpected "${JSON.stringify(toks[p])}" in: ${when}`);
  return v;
}
