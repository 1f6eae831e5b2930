// Relative times in the UI language (Intl.RelativeTimeFormat), in plain Node.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relativeTime, relativeUnit } from '../../../src/util/relativeTime';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const MIN = 60_000;
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const ahead = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('relative times', () => {
  it('English: past and future, the largest whole unit, "now" under a minute', () => {
    assert.equal(relativeTime(ago(30_000), NOW), 'now');
    assert.equal(relativeTime(ago(3 * MIN), NOW), '3 minutes ago');
    assert.equal(relativeTime(ago(59 * MIN), NOW), '59 minutes ago');
    assert.equal(relativeTime(ago(3 * 60 * MIN), NOW), '3 hours ago');
    assert.equal(relativeTime(ahead(2 * 60 * MIN + 5 * MIN), NOW), 'in 2 hours');
    assert.equal(relativeTime(ago(26 * 60 * MIN), NOW), 'yesterday');
    assert.equal(relativeTime(ago(3 * 24 * 60 * MIN), NOW.getTime()), '3 days ago');
    assert.equal(relativeTime(ahead(45 * 24 * 60 * MIN), NOW), 'in 45 days');
    assert.equal(relativeTime(ahead(125 * 24 * 60 * MIN), NOW), 'in 4 months');
    assert.equal(relativeTime(ago(800 * 24 * 60 * MIN).toISOString(), NOW), '2 years ago');
  });

  it('speaks the UI language it is given (VS Code language ids such as zh-cn and pt-br included)', () => {
    assert.equal(relativeTime(ago(3 * 24 * 60 * MIN), NOW, 'de'), 'vor 3 Tagen');
    assert.equal(relativeTime(ahead(2 * 60 * MIN), NOW, 'de'), 'in 2 Stunden');
    assert.equal(relativeTime(ago(26 * 60 * MIN), NOW, 'de'), 'gestern');
    assert.equal(relativeTime(ago(3 * 24 * 60 * MIN), NOW, 'zh-cn'), '3天前');
    assert.equal(relativeTime(ahead(61 * 24 * 60 * MIN), NOW, 'pt-br'), 'em 2 meses');
    assert.equal(relativeTime(ago(5 * MIN), NOW, 'ja'), '5 分前');
  });

  it('short style, and an unknown language tag falls back to English', () => {
    assert.equal(relativeTime(ahead(2 * 60 * MIN), NOW, 'en', 'short'), 'in 2 hr.');
    assert.equal(relativeTime(ago(3 * MIN), NOW, 'not a language tag'), '3 minutes ago');
  });

  it('a time that does not parse gives undefined', () => {
    assert.equal(relativeTime('not a date', NOW), undefined);
    assert.equal(relativeTime(Number.NaN, NOW), undefined);
  });

  it('units round toward zero and keep the sign', () => {
    assert.deepEqual(relativeUnit(-90 * MIN), { value: -1, unit: 'hour' });
    assert.deepEqual(relativeUnit(59_999), { value: 0, unit: 'second' });
    assert.deepEqual(relativeUnit(-59 * 24 * 60 * MIN), { value: -59, unit: 'day' });
    assert.deepEqual(relativeUnit(61 * 24 * 60 * MIN), { value: 2, unit: 'month' });
  });
});
