import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendIgnoreEntry,
  formatIgnoreEntry,
  formatPathIgnoreEntry,
  IgnoreMatcher,
  parseIgnoreFile,
} from '../../../src/engine/ignore';
import { fakeFingerprint, fakeGithubToken } from '../custody/fakes';

const fp1 = fakeFingerprint(fakeGithubToken());
const fp2 = fakeFingerprint(fakeGithubToken());

describe('ignore file: parsing', () => {
  it('reads fingerprints, reasons, path globs, comments and blank lines', () => {
    const text = [
      '# team ignore list',
      '',
      `${fp1}  # rotated test token`,
      `   ${fp2.toUpperCase().replace('SHA256', 'sha256')}`,
      'path: test/fixtures/**   # fixtures are fake',
      'PATH:docs/*.md',
      'path: ./samples/#1/',
      '\t',
    ].join('\r\n');
    const { entries, warnings } = parseIgnoreFile(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(entries, [
      { kind: 'fingerprint', fingerprint: fp1, reason: 'rotated test token', line: 3 },
      { kind: 'fingerprint', fingerprint: fp2, line: 4 },
      { kind: 'path', glob: 'test/fixtures/**', reason: 'fixtures are fake', line: 5 },
      { kind: 'path', glob: 'docs/*.md', line: 6 },
      { kind: 'path', glob: 'samples/#1/', line: 7 },
    ]);
  });

  it('reports unknown lines as warnings with line numbers and never throws', () => {
    const text = `\uFEFF${fp1}\nsha256:abc\nghp_is_not_a_fingerprint\npath:\npath: ../outside/**\n${fp2}`;
    const { entries, warnings } = parseIgnoreFile(text);
    assert.deepEqual(entries.map((e) => e.line), [1, 6]);
    assert.deepEqual(warnings.map((w) => w.line), [2, 3, 4, 5]);
    assert.match(warnings[0]!.message, /line 2: .*32 hex/);
    assert.match(warnings[1]!.message, /line 3: expected a fingerprint/);
    assert.ok(!warnings[1]!.message.includes('ghp_is_not'), 'a warning does not echo an unknown line (it could be a token)');
    assert.match(warnings[2]!.message, /needs a glob/);
    assert.doesNotThrow(() => parseIgnoreFile('\u0000\u0001 garbage \uD800'));
  });
});

describe('ignore file: matching', () => {
  const { matcher } = IgnoreMatcher.fromText([`${fp1} # x`, 'path: test/fixtures/**', 'path: *.log', 'path: .env', 'path: vendor/', 'path: docs'].join('\n'));

  it('matches fingerprints', () => {
    assert.ok(matcher.hasFingerprint(fp1));
    assert.ok(matcher.hasFingerprint(fp1.toUpperCase().replace('SHA256', 'sha256')));
    assert.ok(!matcher.hasFingerprint(fp2));
    assert.ok(matcher.isIgnored({ fingerprint: fp1 }));
    assert.ok(!matcher.isIgnored({ fingerprint: fp2 }));
  });

  it('matches path globs relative to the folder, dot files included', () => {
    assert.equal(matcher.matchPath('test/fixtures/a/.secrets.json'), 'test/fixtures/**');
    assert.equal(matcher.matchPath('test\\fixtures\\b.txt'), 'test/fixtures/**');
    assert.equal(matcher.matchPath('./build.log'), '*.log');
    assert.equal(matcher.matchPath('deep/er/.hidden/run.log'), '*.log');
    assert.equal(matcher.matchPath('services/api/.env'), '.env');
    assert.equal(matcher.matchPath('vendor/lib/x.js'), 'vendor/');
    assert.equal(matcher.matchPath('docs/guide/setup.md'), 'docs');
    assert.equal(matcher.matchPath('src/main.ts'), undefined);
    assert.equal(matcher.matchPath('test/fixture.txt'), undefined);
    assert.equal(matcher.matchPath('.env.example'), undefined);
    assert.equal(matcher.matchPath('../test/fixtures/a'), undefined, 'outside the folder never matches');
    assert.ok(matcher.isIgnored({ fingerprint: fp2 }, 'test/fixtures/a'));
    assert.ok(!matcher.isIgnored({ fingerprint: fp2 }, undefined));
  });

  it('matches case-insensitively only when asked', () => {
    const { matcher: cs } = IgnoreMatcher.fromText('path: Secrets/**');
    const { matcher: ci } = IgnoreMatcher.fromText('path: Secrets/**', { nocase: true });
    assert.equal(cs.matchPath('secrets/a'), undefined);
    assert.equal(ci.matchPath('secrets/a'), 'Secrets/**');
  });

  it('an empty file ignores nothing', () => {
    const { matcher: empty } = IgnoreMatcher.fromText('# nothing\n');
    assert.ok(empty.isEmpty);
    assert.ok(!empty.isIgnored({ fingerprint: fp1 }, 'a.txt'));
  });
});

describe('ignore file: appending', () => {
  it('formats entries', () => {
    assert.equal(formatIgnoreEntry(fp1, 'test token'), `${fp1}  # test token`);
    assert.equal(formatIgnoreEntry(fp1), fp1);
    assert.equal(formatIgnoreEntry(fp1, 'multi\nline\treason'), `${fp1}  # multi line reason`);
    assert.equal(formatPathIgnoreEntry('test/**', 'fixtures'), 'path: test/**  # fixtures');
    assert.throws(() => formatIgnoreEntry('ghp_notafingerprint'), /not a token fingerprint/);
    assert.throws(() => formatPathIgnoreEntry('  '), /empty/);
  });

  it('keeps the existing text and its line endings', () => {
    const entry = formatIgnoreEntry(fp2, 'why');
    assert.equal(appendIgnoreEntry('', entry), `${entry}\n`);
    assert.equal(appendIgnoreEntry(`# list\n${fp1}\n`, entry), `# list\n${fp1}\n${entry}\n`);
    assert.equal(appendIgnoreEntry(`# list\n${fp1}`, entry), `# list\n${fp1}\n${entry}\n`);
    assert.equal(appendIgnoreEntry(`# list\r\n  weird line \r\n`, entry), `# list\r\n  weird line \r\n${entry}\r\n`);
    const again = appendIgnoreEntry(`${entry}\n`, formatIgnoreEntry(fp2, 'another reason'));
    assert.equal(again, `${entry}\n`, 'an already ignored fingerprint is not added twice');
    const path = formatPathIgnoreEntry('a/**');
    assert.equal(appendIgnoreEntry(`${path}  # old\n`, path), `${path}  # old\n`);
    const roundTrip = parseIgnoreFile(appendIgnoreEntry(`${fp1}\n`, entry));
    assert.deepEqual(roundTrip.entries.map((e) => (e.kind === 'fingerprint' ? e.fingerprint : e.glob)), [fp1, fp2]);
  });
});
