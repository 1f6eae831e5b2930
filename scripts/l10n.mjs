// Localisation bundle: extracts every message the extension translates and writes l10n/bundle.l10n.json
// (the English source that translators copy to bundle.l10n.<lang>.json).
// Usage: node scripts/l10n.mjs            writes l10n/bundle.l10n.json
//        node scripts/l10n.mjs --check    exits 1 when the bundle is out of date or a message is not a literal
//
// A translated message is the first argument of `vscode.l10n.t(...)` in host code, or of `t(...)` /
// `loc.t(...)` in plain Node modules that take a `Translate` or a `Locale` (src/util/l10n.ts): any call
// of a function named `t` or of `<anything>.t`, and of a name the same file binds to a translator
// (`const tr = loc.t`, `const { t: say } = loc`, `say: Translate`). It must be a string
// literal (or a template literal without substitutions): placeholders are `{0}`, `{1}`… passed as
// further arguments, as vscode.l10n.t formats them. The TypeScript compiler parses the sources, so
// comments and strings that merely contain `t(` are not taken. A call of any other name whose first
// argument is a literal with a `{0}` placeholder is a problem: it reads like a message the extractor
// does not see (a translator under a name it does not know).
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** True for `t`, `<anything>.t` (`vscode.l10n.t`, `l10n.t`, `loc.t` of a `Locale`) and the file's aliases. */
function isTranslator(e, aliases) {
  if (ts.isParenthesizedExpression(e)) return isTranslator(e.expression, aliases);
  if (ts.isIdentifier(e)) return e.text === 't' || aliases.has(e.text);
  return ts.isPropertyAccessExpression(e) && e.name.text === 't';
}

/** A type written `Translate` or `Locale['t']`. */
function isTranslateType(type) {
  if (!type) return false;
  if (ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) && type.typeName.text === 'Translate';
  return ts.isIndexedAccessTypeNode(type) && ts.isLiteralTypeNode(type.indexType) && ts.isStringLiteral(type.indexType.literal) && type.indexType.literal.text === 't';
}

/**
 * Names the file binds to a translator, whatever their scope: `const tr = loc.t` (or `= t`, or
 * `= vscode.l10n.t`), `const { t: say } = loc` (also in parameters), and variables or parameters
 * typed `Translate`. Repeated until no name is added (an alias of an alias).
 */
function translatorAliases(sf) {
  const aliases = new Set();
  let added = true;
  const add = (name) => {
    if (ts.isIdentifier(name) && name.text !== 't' && !aliases.has(name.text)) {
      aliases.add(name.text);
      added = true;
    }
  };
  const visit = (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) {
      if (isTranslateType(node.type) || (node.initializer && isTranslator(node.initializer, aliases))) add(node.name);
    }
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key) && key.text === 't') add(node.name);
    }
    ts.forEachChild(node, visit);
  };
  while (added) {
    added = false;
    visit(sf);
  }
  return aliases;
}

/**
 * A string literal (or template without substitutions) that reads like a message with placeholders:
 * words, a space and `{0}`…`{9}` (a regular expression's `{20}` or `[a-z]{4}` has no such shape).
 */
function looksLikeMessage(arg) {
  return !!arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) && /(?<![\]\)}])\{\d\}/.test(arg.text) && /[A-Za-z]{2,} /.test(arg.text);
}

/**
 * The messages of one source text: `{ messages: [{message, line}], problems: [string] }`. A call whose
 * message is not a literal is a problem (its text could not be in the bundle).
 */
export function extractFrom(text, file = 'input.ts') {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const messages = [];
  const problems = [];
  const aliases = translatorAliases(sf);
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const arg = node.arguments[0];
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (isTranslator(node.expression, aliases)) {
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) messages.push({ message: arg.text, line });
        else problems.push(`${file}:${line}: the message of ${node.expression.getText(sf)}(…) is not a string literal`);
      } else if (ts.isIdentifier(node.expression) && looksLikeMessage(arg)) {
        problems.push(`${file}:${line}: ${node.expression.text}(…) is given a message with placeholders but is not known as a translator (name it t, or bind it from a Translate / Locale)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { messages, problems };
}

/** Every message under src/, as the bundle object (sorted keys, message → message). */
export function extractAll(root = ROOT) {
  const bundle = {};
  const problems = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    const r = extractFrom(readFileSync(file, 'utf8'), relative(root, file));
    problems.push(...r.problems);
    for (const m of r.messages) bundle[m.message] = m.message;
  }
  const sorted = Object.fromEntries(Object.keys(bundle).sort().map((k) => [k, bundle[k]]));
  return { bundle: sorted, problems };
}

export function serialize(bundle) {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bundle, problems } = extractAll();
  for (const p of problems) console.error(p);
  const text = serialize(bundle);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BUNDLE, 'utf8');
    } catch {
      // a missing bundle is out of date
    }
    if (current !== text) console.error(`${relative(ROOT, BUNDLE)} is out of date: run node scripts/l10n.mjs`);
    process.exitCode = problems.length || current !== text ? 1 : 0;
  } else {
    mkdirSync(dirname(BUNDLE), { recursive: true });
    writeFileSync(BUNDLE, text);
    console.log(`${relative(ROOT, BUNDLE)}: ${Object.keys(bundle).length} messages`);
    if (problems.length) process.exitCode = 1;
  }
}
