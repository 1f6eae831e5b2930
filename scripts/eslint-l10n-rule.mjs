// ESLint rule `token-custody/no-literal-ui-text` (used by eslint.config.mjs for src/**): the text a
// person reads in a notification, a modal, a quick pick, an input box, a progress notification or the
// status bar must go through vscode.l10n.t (or a plain module's `Translate`), never be a string or
// template literal written in place. It reports a literal (or a template literal with words in its
// text parts) passed as:
// - any argument of `*.showInformationMessage` / `showWarningMessage` / `showErrorMessage` (the message
//   and the buttons), and the `detail` of their options;
// - `title`, `placeHolder`, `prompt` of an options object given to `*.showQuickPick`,
//   `*.showInputBox`, `*.withProgress`, `*.showOpenDialog` / `showSaveDialog` (`title`, `openLabel`,
//   `saveLabel`), and `title` / `placeholder` / `prompt` assigned to an object (a QuickPick or
//   InputBox from createQuickPick / createInputBox);
// - the message of `*.setStatusBarMessage`.
// Literals are looked for through `a ? 'x' : 'y'`, `a || 'x'`, `'x' + a`, arrays, spreads and the
// substitutions of a template; a call such as `vscode.l10n.t('x')` is where translation happens and
// is not looked into. Text without a letter (`' '`, `': '`) is not reported.
// `lintSnippet(code)` runs the rule alone on a snippet (test/unit/l10n/lintRule.test.ts).

const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const OPTION_CALLS = new Map([
  ['showQuickPick', new Set(['title', 'placeHolder'])],
  ['showInputBox', new Set(['title', 'placeHolder', 'prompt'])],
  ['withProgress', new Set(['title'])],
  ['showOpenDialog', new Set(['title', 'openLabel'])],
  ['showSaveDialog', new Set(['title', 'saveLabel'])],
]);
const ASSIGNED = new Set(['title', 'placeholder', 'prompt']);

const HAS_LETTER = /\p{L}/u;

/** The literal nodes with words in `node` (looking through conditionals, ||, +, arrays, spreads, templates). */
function literalsIn(node, out = []) {
  if (!node) return out;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string' && HAS_LETTER.test(node.value)) out.push(node);
      break;
    case 'TemplateLiteral':
      if (node.quasis.some((q) => HAS_LETTER.test(q.value.cooked ?? q.value.raw))) out.push(node);
      else for (const e of node.expressions) literalsIn(e, out);
      break;
    case 'ConditionalExpression':
      literalsIn(node.consequent, out);
      literalsIn(node.alternate, out);
      break;
    case 'LogicalExpression':
      literalsIn(node.left, out);
      literalsIn(node.right, out);
      break;
    case 'BinaryExpression':
      if (node.operator === '+') {
        literalsIn(node.left, out);
        literalsIn(node.right, out);
      }
      break;
    case 'ArrayExpression':
      for (const e of node.elements) literalsIn(e, out);
      break;
    case 'SpreadElement':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      literalsIn(node.argument ?? node.expression, out);
      break;
    default:
      break;
  }
  return out;
}

function calleeName(call) {
  const c = call.callee;
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') return c.property.name;
  if (c.type === 'Identifier') return c.name;
  return undefined;
}

function propName(p) {
  if (p.type !== 'Property' || p.computed) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal' && typeof p.key.value === 'string') return p.key.value;
  return undefined;
}

export const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'User-facing text goes through vscode.l10n.t (or a Translate), not a literal' },
    messages: {
      literal: 'User-facing text in {{where}} must go through vscode.l10n.t (or a plain module\'s Translate), not a literal: it would never be translated (l10n/bundle.l10n.json).',
    },
    schema: [],
  },
  create(context) {
    const report = (node, where) => {
      for (const lit of literalsIn(node)) context.report({ node: lit, messageId: 'literal', data: { where } });
    };
    const reportKeys = (obj, keys, where) => {
      if (obj?.type !== 'ObjectExpression') return;
      for (const p of obj.properties) {
        const k = propName(p);
        if (k && keys.has(k)) report(p.value, `the ${k} of ${where}`);
      }
    };
    return {
      CallExpression(call) {
        const name = calleeName(call);
        if (!name) return;
        if (MESSAGE_CALLS.has(name)) {
          for (const arg of call.arguments) {
            if (arg.type === 'ObjectExpression') reportKeys(arg, new Set(['detail']), name);
            else report(arg, `the message or a button of ${name}`);
          }
        } else if (OPTION_CALLS.has(name)) {
          for (const arg of call.arguments) reportKeys(arg, OPTION_CALLS.get(name), name);
        } else if (name === 'setStatusBarMessage') {
          report(call.arguments[0], name);
        }
      },
      AssignmentExpression(node) {
        const l = node.left;
        if (node.operator !== '=' || l.type !== 'MemberExpression' || l.computed || l.property.type !== 'Identifier') return;
        if (ASSIGNED.has(l.property.name)) report(node.right, `the ${l.property.name} assigned`);
      },
    };
  },
};

export const plugin = { meta: { name: 'token-custody' }, rules: { 'no-literal-ui-text': rule } };

/** Runs the rule alone on a TypeScript snippet; resolves with ESLint's messages. */
export async function lintSnippet(code) {
  const [{ Linter }, tseslint] = await Promise.all([import('eslint'), import('typescript-eslint')]);
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.default.parser },
    plugins: { 'token-custody': plugin },
    rules: { 'token-custody/no-literal-ui-text': 'error' },
  }], { filename: 'planted.ts' });
}

/** The rule's setting in the project's eslint.config.mjs for `file` (relative to `cwd`), e.g. `[2]`; undefined when off. */
export async function settingFor(cwd, file) {
  const { ESLint } = await import('eslint');
  const config = await new ESLint({ cwd }).calculateConfigForFile(file);
  return config?.rules?.['token-custody/no-literal-ui-text'];
}
