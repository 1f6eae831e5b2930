// The Problems-panel severity of a finding (issue 12 item 6): low confidence is shown as Information
// (or Hint) unless the user asks for the same severity, and never more severely than the setting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingSeverity } from '../../../src/findings/severity';

describe('findingSeverity', () => {
  it('shows high and medium confidence at the configured severity', () => {
    for (const severity of ['error', 'warning', 'information', 'hint'] as const) {
      assert.equal(findingSeverity('high', severity), severity);
      assert.equal(findingSeverity('medium', severity, 'hint'), severity);
    }
  });
  it('shows low confidence as Information by default, as Hint or the same when asked', () => {
    assert.equal(findingSeverity('low', 'warning'), 'information');
    assert.equal(findingSeverity('low', 'error', 'information'), 'information');
    assert.equal(findingSeverity('low', 'warning', 'hint'), 'hint');
    assert.equal(findingSeverity('low', 'warning', 'same'), 'warning');
    assert.equal(findingSeverity('low', 'error', 'same'), 'error');
  });
  it('never shows low confidence more severely than the setting', () => {
    assert.equal(findingSeverity('low', 'hint', 'information'), 'hint');
    assert.equal(findingSeverity('low', 'information', 'hint'), 'hint');
  });
  it('reads an unknown severity setting as warning', () => {
    assert.equal(findingSeverity('high', 'loud'), 'warning');
    assert.equal(findingSeverity('low', 'loud'), 'information');
  });
});
