import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipShellFix } from '../../../src/terminal/skipShell';

const ID = 'tokenCustody.terminalPaste';

describe('commandsToSkipShell check', () => {
  it('nothing to fix when the effective list holds the guard (default, user or workspace)', () => {
    assert.equal(skipShellFix({ defaultValue: [ID] }, ID), undefined);
    assert.equal(skipShellFix({ defaultValue: [ID], globalValue: ['a', ID] }, ID), undefined);
    assert.equal(skipShellFix({ defaultValue: [ID], globalValue: ['a'], workspaceValue: [ID] }, ID), undefined);
  });

  it('a user list without the guard hides the default: add it there, keeping the user entries', () => {
    assert.deepEqual(skipShellFix({ defaultValue: [ID], globalValue: ['workbench.action.quickOpen'] }, ID), { target: 'global', value: ['workbench.action.quickOpen', ID] });
    assert.deepEqual(skipShellFix({ defaultValue: [ID], globalValue: [] }, ID), { target: 'global', value: [ID] });
  });

  it('a workspace list wins over the user list: the fix goes to the workspace', () => {
    assert.deepEqual(skipShellFix({ defaultValue: [ID], globalValue: [ID], workspaceValue: ['x'] }, ID), { target: 'workspace', value: ['x', ID] });
  });

  it('a "-command" entry is the user removing it on purpose: not offered', () => {
    assert.equal(skipShellFix({ defaultValue: [ID], globalValue: [`-${ID}`] }, ID), undefined);
  });

  it('a default without the guard (configurationDefaults not applied) is fixed in user settings', () => {
    assert.deepEqual(skipShellFix({ defaultValue: [] }, ID), { target: 'global', value: [ID] });
  });

  it('malformed values are read as lists of their strings', () => {
    assert.deepEqual(skipShellFix({ defaultValue: [ID], globalValue: 'oops' }, ID), { target: 'global', value: [ID] });
    assert.deepEqual(skipShellFix({ defaultValue: [ID], globalValue: ['a', 3, null] }, ID), { target: 'global', value: ['a', ID] });
  });
});
