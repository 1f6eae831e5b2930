// When a token in an untitled document shows in the title VS Code makes of its first line
// (src/editor/untitledTitle.ts): the decision behind the warning, without vscode.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelFormatShowsContent, shouldWarnUntitledTitle, titledByContent, titleShowsColumn, type UntitledTitleCase } from '../../../src/editor/untitledTitle';
import { githubToken } from '../../support/fakes';

const UNTITLED = { scheme: 'untitled', path: 'Untitled-1' };

/** A document whose first line is `before` + a fake token (+ `after`), and the case it makes. */
function caseOf(before: string, over: Partial<UntitledTitleCase> = {}, after = ''): UntitledTitleCase {
  const firstLine = `${before}${githubToken('ghp')}${after}`;
  return { uri: UNTITLED, first: { line: 0, col: before.length }, firstLine, labelFormat: 'content', dismissed: false, shownThisSession: false, ...over };
}

describe('untitled editor titles: a token on the first line', () => {
  it('warns for a token on line 1 of an untitled document titled by content (the default)', () => {
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=')), true);
    assert.equal(shouldWarnUntitledTitle(caseOf('')), true);
    assert.equal(shouldWarnUntitledTitle(caseOf('export GITHUB_TOKEN=', {}, ' # mine')), true);
    // Not set (undefined) or an unknown value: VS Code keeps titles by content.
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { labelFormat: undefined })), true);
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { labelFormat: 'short' })), true);
  });

  it('says nothing when the first finding is on a later line or there is none', () => {
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { first: { line: 1, col: 3 } })), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { first: undefined })), false);
  });

  it('says nothing when untitled editors are titled by name', () => {
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { labelFormat: 'name' })), false);
    assert.equal(labelFormatShowsContent('name'), false);
    assert.equal(labelFormatShowsContent('content'), true);
  });

  it('says nothing for saved files or an untitled document with a file path (titled by its file name)', () => {
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { uri: { scheme: 'file', path: '/home/me/.env' } })), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { uri: { scheme: 'untitled', path: '/home/me/new.env' } })), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { uri: { scheme: 'vscode-notebook-cell', path: 'Untitled-1.ipynb' } })), false);
    assert.equal(titledByContent(UNTITLED), true);
    assert.equal(titledByContent({ scheme: 'untitled', path: 'Untitled-12' }), true);
  });

  it('once per session, and never after "Don\'t Show Again"', () => {
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { shownThisSession: true })), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('T0=', { dismissed: true })), false);
  });

  it('follows how VS Code cuts the title: 40 characters of the first 400, trimmed, white space runs as one space', () => {
    // 39 characters before the token: its first character is the title's 40th.
    assert.equal(titleShowsColumn(`${'x'.repeat(39)}ghp_abc`, 39), true);
    assert.equal(titleShowsColumn(`${'x'.repeat(40)}ghp_abc`, 40), false);
    // Leading white space is trimmed and runs count as one space.
    assert.equal(titleShowsColumn(`${' '.repeat(100)}ghp_abc`, 100), true);
    assert.equal(titleShowsColumn(`a${' '.repeat(100)}b${'\t'.repeat(50)}ghp_abc`, 152), true);
    // Past the 400 units VS Code reads, nothing of the token is in the title.
    assert.equal(titleShowsColumn(`${' '.repeat(400)}ghp_abc`, 400), false);
    assert.equal(titleShowsColumn(`${' '.repeat(399)}ghp_abc`, 399), true);
    // A column past the line (a stale position) is not a token in the title.
    assert.equal(titleShowsColumn('short', 10), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('x'.repeat(45))), false);
    assert.equal(shouldWarnUntitledTitle(caseOf('x'.repeat(20))), true);
  });
});
