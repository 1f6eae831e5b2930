# Prints the parametrize tables of detect-secrets' plugin tests as JSON (used by eval-extract.mjs).
# Each row: file, test name, argument names, literal values (strings/bools/ints; others as null),
# and the test's assertion lines (to label single-argument tables).
import ast, json, sys, pathlib

rows = []
for path in sorted(pathlib.Path(sys.argv[1]).glob('tests/plugins/*_test.py')):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        asserts = [ast.unparse(n) for n in ast.walk(node) if isinstance(n, ast.Assert)]
        for dec in node.decorator_list:
            if not (isinstance(dec, ast.Call) and ast.unparse(dec.func).endswith('parametrize')) or len(dec.args) < 2:
                continue
            names = ast.literal_eval(dec.args[0]) if isinstance(dec.args[0], ast.Constant) else None
            if isinstance(names, str):
                names = [n.strip() for n in names.split(',')]
            try:
                values = ast.literal_eval(dec.args[1])
            except Exception:
                continue
            for v in values:
                if not isinstance(v, tuple):
                    v = (v,)
                vals = [x if isinstance(x, (str, bool, int)) else None for x in v]
                rows.append({'file': str(path.relative_to(sys.argv[1])), 'test': node.name, 'names': names, 'values': vals, 'asserts': asserts})
print(json.dumps(rows))
