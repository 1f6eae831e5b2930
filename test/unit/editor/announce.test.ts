// Screen-reader announcements (src/editor/announce.ts): when, once per token and document, and only
// redacted forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Announced, announcementText, screenReaderOn } from '../../../src/editor/announce';

const tok = (fp: string, line: number) => ({ fingerprint: fp, name: 'GitHub personal access token (classic)', redacted: `ghp_••••${fp}`, line });

describe('screen-reader announcements', () => {
  it('only editor.accessibilitySupport "on" turns them on', () => {
    assert.equal(screenReaderOn('on'), true);
    for (const v of ['off', 'auto', undefined, true]) assert.equal(screenReaderOn(v), false);
  });

  it('each token is announced once per document, again after the document closed', () => {
    const a = new Announced();
    assert.deepEqual(a.take('file:///a', [tok('AAAA', 1), tok('AAAA', 4), tok('BBBB', 2)]).map((t) => t.line), [1, 2]);
    assert.deepEqual(a.take('file:///a', [tok('AAAA', 1), tok('CCCC', 9)]).map((t) => t.fingerprint), ['CCCC']);
    assert.equal(a.take('file:///b', [tok('AAAA', 1)]).length, 1, 'another document announces it too');
    a.forget('file:///a');
    assert.equal(a.take('file:///a', [tok('AAAA', 1)]).length, 1);
  });

  it('names the file, the type, the line and the redacted form', () => {
    assert.equal(announcementText('.env', [tok('3kQz', 3)]), 'Token Custody: .env, line 3, holds a GitHub personal access token (classic), masked as ghp_••••3kQz. A screen reader reads its real characters.');
    assert.equal(
      announcementText('x.yaml', [tok('AAAA', 1), tok('BBBB', 7)]),
      'Token Custody: x.yaml holds 2 tokens: GitHub personal access token (classic) ghp_••••AAAA on line 1; GitHub personal access token (classic) ghp_••••BBBB on line 7. They are masked on screen; a screen reader reads their real characters.',
    );
    assert.match(announcementText('f', [tok('AAAA', 1)], { t: (m) => `«${m}»`, language: 'fr' }), /^«Token Custody: \{0\}, line/);
  });
});
