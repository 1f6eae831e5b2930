// Issue 11 #11: Move to keychain compares the fingerprint of the text it is about to store with the
// finding's; a stale range (document edited while a background scan was pending) is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScanner } from '../../../src/engine';
import { findingStillAt } from '../../../src/vault/verifyTarget';
import { githubToken, npmToken } from '../../support/fakes';

const { scanner } = createScanner();

void describe('issue 11 #11: the text to store is still the finding', () => {
  void it('accepts the finding at its range, refuses a stale range or another token there', () => {
    const gh = githubToken('ghp');
    const text = `# settings\nGITHUB_TOKEN=${gh}\nNPM_TOKEN=${npmToken()}\n`;
    const finding = scanner.scan(text).find((f) => f.range.start === text.indexOf(gh));
    assert.ok(finding, 'the GitHub token is found');
    assert.equal(findingStillAt(scanner, text, finding), true);

    // Lines inserted above (a background scan pending, store not updated): the old range now holds other text.
    const shifted = `# inserted line one\n# inserted line two\n${text}`;
    assert.equal(findingStillAt(scanner, shifted, finding), false);

    // Another token of the same type at exactly the same range: same range, different fingerprint.
    const other = githubToken('ghp');
    const swapped = text.replace(gh, other);
    assert.equal(findingStillAt(scanner, swapped, finding), false);

    // Out of bounds.
    assert.equal(findingStillAt(scanner, text.slice(0, finding.range.start + 3), finding), false);
  });
});
