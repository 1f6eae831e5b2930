import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  artifactLocation,
  findingsToItems,
  formatJsonLines,
  formatSarif,
  formatText,
  formatTextLine,
  toSarif,
  type SarifLog,
} from '../../../src/engine/report';
import { fakeGithubToken, fakeNpmToken, findingIn } from '../custody/fakes';

// ---------------------------------------------------------------------------------------------
// A structural checker for the parts of the SARIF 2.1.0 schema we write (no network, no schema lib).
// It mirrors the schema's required properties, enums, minimums and `additionalProperties: false`.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(errors: string[], at: string, o: Obj, allowed: string[], required: string[] = []): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) errors.push(`${at}: unexpected property ${k}`);
  for (const k of required) if (!(k in o)) errors.push(`${at}: missing ${k}`);
}
const isUri = (s: unknown): boolean => typeof s === 'string' && s.length > 0 && !/[\s\\]/.test(s);
const isInt = (v: unknown, min: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min;
const LEVELS = ['none', 'note', 'warning', 'error'];

function checkMessage(errors: string[], at: string, m: unknown): void {
  if (!isObj(m)) return void errors.push(`${at}: not an object`);
  checkKeys(errors, at, m, ['text', 'markdown', 'id', 'arguments', 'properties']);
  if (typeof m.text !== 'string' && typeof m.id !== 'string') errors.push(`${at}: needs text or id`);
}

function checkPropertyBag(errors: string[], at: string, p: unknown): void {
  if (!isObj(p)) return void errors.push(`${at}: property bag must be an object`);
  if ('tags' in p) {
    const tags = p.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string') || new Set(tags).size !== tags.length) {
      errors.push(`${at}.tags: must be unique strings`);
    }
  }
}

function checkRegion(errors: string[], at: string, r: unknown): void {
  if (!isObj(r)) return void errors.push(`${at}: not an object`);
  checkKeys(errors, at, r, ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties']);
  for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) if (k in r && !isInt(r[k], 1)) errors.push(`${at}.${k}: integer >= 1`);
  if (isInt(r.endLine, 1) && isInt(r.startLine, 1) && (r.endLine as number) < (r.startLine as number)) errors.push(`${at}: endLine < startLine`);
  if (r.endLine === r.startLine && isInt(r.endColumn, 1) && (r.endColumn as number) < (r.startColumn as number)) errors.push(`${at}: endColumn < startColumn`);
}

function checkLocation(errors: string[], at: string, l: unknown): void {
  if (!isObj(l)) return void errors.push(`${at}: not an object`);
  checkKeys(errors, at, l, ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties']);
  if ('physicalLocation' in l) {
    const p = l.physicalLocation;
    if (!isObj(p)) return void errors.push(`${at}.physicalLocation: not an object`);
    checkKeys(errors, `${at}.physicalLocation`, p, ['address', 'artifactLocation', 'region', 'contextRegion', 'properties']);
    if (!('address' in p) && !('artifactLocation' in p)) errors.push(`${at}.physicalLocation: needs artifactLocation`);
    const a = p.artifactLocation;
    if (isObj(a)) {
      checkKeys(errors, `${at}.artifactLocation`, a, ['uri', 'uriBaseId', 'index', 'description', 'properties']);
      if (!isUri(a.uri)) errors.push(`${at}.artifactLocation.uri: not a URI reference: ${String(a.uri)}`);
      if ('uriBaseId' in a && typeof a.uriBaseId !== 'string') errors.push(`${at}.uriBaseId: string`);
      if (typeof a.uri === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(a.uri) && 'uriBaseId' in a) errors.push(`${at}: absolute uri with uriBaseId`);
    }
    if ('region' in p) checkRegion(errors, `${at}.region`, p.region);
  }
  if ('logicalLocations' in l) {
    if (!Array.isArray(l.logicalLocations)) errors.push(`${at}.logicalLocations: array`);
    else
      l.logicalLocations.forEach((ll: unknown, i) => {
        if (!isObj(ll)) return void errors.push(`${at}.logicalLocations[${i}]: object`);
        checkKeys(errors, `${at}.logicalLocations[${i}]`, ll, ['name', 'index', 'fullyQualifiedName', 'decoratedName', 'parentIndex', 'kind', 'properties']);
      });
  }
}

function checkSarif(log: unknown): string[] {
  const errors: string[] = [];
  if (!isObj(log)) return ['log: not an object'];
  checkKeys(errors, 'log', log, ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'], ['version', 'runs']);
  if (log.version !== '2.1.0') errors.push('log.version must be 2.1.0');
  if (!isUri(log.$schema)) errors.push('log.$schema: uri');
  if (!Array.isArray(log.runs)) return [...errors, 'log.runs: array'];
  log.runs.forEach((run: unknown, ri) => {
    const at = `runs[${ri}]`;
    if (!isObj(run)) return void errors.push(`${at}: object`);
    checkKeys(errors, at, run, ['tool', 'results', 'columnKind', 'originalUriBaseIds', 'invocations', 'artifacts', 'properties', 'automationDetails', 'language'], ['tool']);
    if ('columnKind' in run && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string)) errors.push(`${at}.columnKind: enum`);
    if ('originalUriBaseIds' in run) {
      for (const [k, v] of Object.entries(run.originalUriBaseIds as Obj)) {
        if (!isObj(v) || !isUri(v.uri) || !String(v.uri).endsWith('/')) errors.push(`${at}.originalUriBaseIds.${k}: uri ending in /`);
      }
    }
    const tool = run.tool;
    if (!isObj(tool) || !isObj(tool.driver)) return void errors.push(`${at}.tool.driver: required`);
    checkKeys(errors, `${at}.tool`, tool, ['driver', 'extensions', 'properties'], ['driver']);
    const d = tool.driver;
    checkKeys(errors, `${at}.tool.driver`, d, ['name', 'fullName', 'version', 'semanticVersion', 'informationUri', 'rules', 'notifications', 'taxa', 'organization', 'product', 'properties', 'guid'], ['name']);
    if (typeof d.name !== 'string') errors.push('driver.name: string');
    if ('informationUri' in d && !isUri(d.informationUri)) errors.push('driver.informationUri: uri');
    const rules = Array.isArray(d.rules) ? (d.rules as unknown[]) : [];
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      const rat = `${at}.rules[${i}]`;
      if (!isObj(r)) return void errors.push(`${rat}: object`);
      checkKeys(errors, rat, r, ['id', 'deprecatedIds', 'guid', 'name', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'], ['id']);
      if (typeof r.id !== 'string') errors.push(`${rat}.id: string`);
      else if (ids.has(r.id)) errors.push(`${rat}.id: duplicate ${r.id}`);
      else ids.add(r.id);
      for (const k of ['shortDescription', 'fullDescription']) {
        if (k in r && (!isObj(r[k]) || typeof r[k].text !== 'string')) errors.push(`${rat}.${k}: { text }`);
      }
      if ('helpUri' in r && !isUri(r.helpUri)) errors.push(`${rat}.helpUri: uri`);
      if ('defaultConfiguration' in r) {
        const c = r.defaultConfiguration as Obj;
        if (!isObj(c) || !LEVELS.includes(c.level as string)) errors.push(`${rat}.defaultConfiguration.level: enum`);
      }
      if ('properties' in r) checkPropertyBag(errors, `${rat}.properties`, r.properties);
    });
    if (!Array.isArray(run.results)) return void errors.push(`${at}.results: array`);
    run.results.forEach((res: unknown, i) => {
      const rat = `${at}.results[${i}]`;
      if (!isObj(res)) return void errors.push(`${rat}: object`);
      checkKeys(errors, rat, res, ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'locations', 'partialFingerprints', 'fingerprints', 'properties', 'relatedLocations', 'guid', 'suppressions', 'baselineState', 'rank'], ['message']);
      checkMessage(errors, `${rat}.message`, res.message);
      if ('level' in res && !LEVELS.includes(res.level as string)) errors.push(`${rat}.level: enum`);
      if ('ruleIndex' in res) {
        if (!isInt(res.ruleIndex, -1)) errors.push(`${rat}.ruleIndex: integer`);
        else if ((rules[res.ruleIndex as number] as Obj | undefined)?.id !== res.ruleId) errors.push(`${rat}.ruleIndex does not point at ruleId`);
      }
      if ('partialFingerprints' in res) {
        if (!isObj(res.partialFingerprints) || Object.values(res.partialFingerprints).some((v) => typeof v !== 'string')) errors.push(`${rat}.partialFingerprints: map of strings`);
      }
      if ('locations' in res) {
        if (!Array.isArray(res.locations)) errors.push(`${rat}.locations: array`);
        else res.locations.forEach((l: unknown, li) => checkLocation(errors, `${rat}.locations[${li}]`, l));
      }
      if ('properties' in res) checkPropertyBag(errors, `${rat}.properties`, res.properties);
    });
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------

describe('report: JSON Lines', () => {
  it('writes the contract keys in order with 1-based, end-exclusive UTF-16 columns', () => {
    const token = fakeGithubToken();
    const text = `line one\nexport GITHUB_TOKEN=${token}\n`;
    const f = findingIn(text, token);
    const out = formatJsonLines([{ file: 'config/.env', findings: [f] }]);
    assert.ok(out.endsWith('\n'));
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const rec = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(rec), ['file', 'line', 'col', 'endLine', 'endCol', 'ruleId', 'issuer', 'confidence', 'fingerprint', 'redacted']);
    assert.equal(rec.file, 'config/.env');
    assert.equal(rec.line, 2);
    assert.equal(rec.col, 'export GITHUB_TOKEN='.length + 1);
    assert.equal(rec.endLine, 2);
    assert.equal(rec.endCol, 'export GITHUB_TOKEN='.length + token.length + 1);
    assert.equal(rec.fingerprint, f.fingerprint);
    assert.equal(rec.redacted, f.redacted);
    assert.ok(!out.includes(token), 'the token must never be printed');
  });

  it('counts non-BMP characters as two UTF-16 code units', () => {
    const token = fakeGithubToken();
    const prefix = '🔑🚀 key: ';
    assert.equal(prefix.length, 2 + 2 + 6);
    const text = `# notes\n${prefix}${token} ✓\n`;
    const f = findingIn(text, token);
    const rec = JSON.parse(formatJsonLines([{ file: 'notes.md', findings: [f] }])) as { line: number; col: number; endCol: number };
    assert.equal(rec.line, 2);
    assert.equal(rec.col, 11); // 2 + 2 + 6 code units before the token, 1-based
    assert.equal(rec.endCol, 11 + token.length);
    const line = text.split('\n')[rec.line - 1] ?? '';
    assert.equal(line.slice(rec.col - 1, rec.endCol - 1), token, 'columns select exactly the token');
  });

  it('writes one line per finding across files and nothing for no findings', () => {
    const a = fakeGithubToken();
    const b = fakeNpmToken();
    const text = `${a}\n${b}\n`;
    const out = formatJsonLines([
      { file: 'a.txt', findings: [findingIn(text, a), findingIn(text, b, { ruleId: 'npm-access-token', issuer: 'npm' })] },
      { file: 'b.txt', findings: [] },
    ]);
    assert.equal(out.split('\n').filter(Boolean).length, 2);
    assert.equal(formatJsonLines([{ file: 'x', findings: [] }]), '');
  });
});

describe('report: text', () => {
  it('prints path:line:col, rule, name, issuer, redacted form and confidence', () => {
    const token = fakeGithubToken();
    const text = `a\n  token = ${token}`;
    const f = findingIn(text, token);
    assert.equal(
      formatTextLine('src/app.ts', f),
      `src/app.ts:2:11  github-pat-classic  GitHub personal access token (classic) (github)  ${f.redacted}  [high, checksum valid]`,
    );
    const all = formatText([{ file: 'src/app.ts', findings: [f] }]);
    assert.match(all, /1 token found in 1 file\.\n$/);
    assert.ok(!all.includes(token));
    assert.equal(formatText([]), 'No tokens found.\n');
  });

  it('neutralises control characters in file names', () => {
    const token = fakeGithubToken();
    const f = findingIn(token, token);
    const line = formatTextLine('evil\u001b[2Jname\n.txt', f);
    assert.ok(!line.includes('\u001b') && !line.includes('\n'));
    assert.match(line, /evil\\x1b\[2Jname\\x0a\.txt:1:1/);
  });

  it('colours only when asked', () => {
    const token = fakeGithubToken();
    const f = findingIn(token, token);
    assert.ok(formatTextLine('a', f, { color: true }).includes('\u001b['));
    assert.ok(!formatTextLine('a', f).includes('\u001b['));
  });
});

describe('report: SARIF 2.1.0', () => {
  function sample(): { log: SarifLog; tokens: string[]; text: string } {
    const t1 = fakeGithubToken();
    const t2 = fakeNpmToken();
    const t3 = fakeGithubToken();
    const text = `GH=${t1}\n😀 NPM=${t2}\nGH2=${t3}\n`;
    const findings = [
      findingIn(text, t1),
      findingIn(text, t2, { ruleId: 'npm-access-token', issuer: 'npm', name: 'npm access token', severity: 'medium', confidence: 'low', validation: { status: 'invalid', detail: 'checksum failed' } }),
      findingIn(text, t3),
    ];
    const log = toSarif(findingsToItems([{ file: 'dir with space/.env', findings }]), {
      toolVersion: '0.1.0',
      root: '/home/me/project',
      ruleInfo: (id) => (id === 'github-pat-classic' ? { description: 'Classic PAT, ghp_ prefix, CRC32 checksum.', helpUri: 'https://docs.example.test/rules/github-pat-classic' } : undefined),
    });
    return { log, tokens: [t1, t2, t3], text };
  }

  it('passes the structural schema check', () => {
    const { log } = sample();
    assert.deepEqual(checkSarif(log), []);
    assert.deepEqual(checkSarif(JSON.parse(formatSarif([], { toolVersion: '1.2.3' }))), []);
  });

  it('the checker catches broken logs (so it can fail)', () => {
    const { log } = sample();
    const broken = JSON.parse(JSON.stringify(log));
    broken.version = '2.0.0';
    broken.runs[0].results[0].ruleIndex = 1;
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].tool.driver.rules[0].bogus = true;
    const errors = checkSarif(broken);
    assert.ok(errors.some((e) => e.includes('version')));
    assert.ok(errors.some((e) => e.includes('ruleIndex')));
    assert.ok(errors.some((e) => e.includes('startLine')));
    assert.ok(errors.some((e) => e.includes('bogus')));
  });

  it('describes the tool, one rule per rule id and one result per finding', () => {
    const { log } = sample();
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'Token Custody');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['github-pat-classic', 'npm-access-token']);
    const gh = run.tool.driver.rules[0]!;
    assert.equal(gh.shortDescription.text, 'GitHub personal access token (classic)');
    assert.equal(gh.fullDescription?.text, 'Classic PAT, ghp_ prefix, CRC32 checksum.');
    assert.equal(gh.helpUri, 'https://docs.example.test/rules/github-pat-classic');
    assert.equal(gh.properties.issuer, 'github');
    assert.ok(gh.properties.tags.includes('security'));
    assert.equal(gh.defaultConfiguration.level, 'error');
    const npm = run.tool.driver.rules[1]!;
    assert.equal(npm.fullDescription, undefined);
    assert.equal(npm.defaultConfiguration.level, 'warning');
    assert.deepEqual(run.results.map((r) => r.ruleIndex), [0, 1, 0]);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///home/me/project/' } });
  });

  it('writes 1-based, end-exclusive UTF-16 regions, relative URIs, fingerprints and properties', () => {
    const { log, text, tokens } = sample();
    const r = log.runs[0]!.results[1]!;
    const loc = r.locations[0]!.physicalLocation!;
    assert.deepEqual(loc.artifactLocation, { uri: 'dir%20with%20space/.env', uriBaseId: '%SRCROOT%' });
    const line = text.split('\n')[loc.region!.startLine - 1] ?? '';
    assert.equal(loc.region!.startColumn, '😀 NPM='.length + 1);
    assert.equal(line.slice(loc.region!.startColumn - 1, loc.region!.endColumn - 1), tokens[1]);
    assert.equal(loc.region!.endLine, loc.region!.startLine);
    assert.equal(r.level, 'warning');
    assert.deepEqual(Object.keys(r.partialFingerprints), ['tokenCustody/v1']);
    assert.match(r.partialFingerprints['tokenCustody/v1'] ?? '', /^sha256:[0-9a-f]{32}$/);
    assert.equal(r.properties.confidence, 'low');
    assert.equal(r.properties.validation, 'invalid');
    assert.equal(r.properties.kind, 'personal-token');
    assert.equal(typeof r.properties.redacted, 'string');
    assert.ok(r.message.text.includes('npm access token') && r.message.text.includes('npm') && r.message.text.includes(String(r.properties.redacted)));
  });

  it('never contains a token', () => {
    const { log, tokens } = sample();
    const json = JSON.stringify(log);
    for (const t of tokens) {
      assert.ok(!json.includes(t), 'SARIF output contains a raw token');
      assert.ok(!json.includes(t.slice(4)), 'SARIF output contains the token body');
    }
  });

  it('maps paths to artifact locations', () => {
    assert.deepEqual(artifactLocation('./a/b.txt'), { uri: 'a/b.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('a\\b c.txt'), { uri: 'a/b%20c.txt', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/srv/x/y.log', '/srv/x'), { uri: 'y.log', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/srv/xy/y.log', '/srv/x'), { uri: 'file:///srv/xy/y.log' });
    assert.deepEqual(artifactLocation('C:\\work\\a b\\k.env'), { uri: 'file:///C:/work/a%20b/k.env' });
    assert.deepEqual(artifactLocation('c:\\Work\\k.env', 'C:\\work'), { uri: 'k.env', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('file:///tmp/a.txt'), { uri: 'file:///tmp/a.txt' });
    assert.deepEqual(artifactLocation('a#1?.txt'), { uri: 'a%231%3F.txt', uriBaseId: '%SRCROOT%' });
  });
});
