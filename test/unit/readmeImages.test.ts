// The README's screenshots, in the one form VS Code's extension details page shows: the page keeps an
// image only when its src is an absolute https URL (test/host/suite/package.test.ts shows it in the real
// host), so the README links each PNG by a path relative to the project, which `vsce package` rewrites
// to the repository's https URL, and the PNGs stay out of the .vsix (VS Code would never load them from
// there). They are the palette PNGs `npm run screenshots` writes (pngquant), not full-colour captures.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, link: m[2]! }));
const dir = 'media/screenshots';
const files = readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.png')).sort();
// The five shots: 70 KB as palette PNGs (168 KB as captured).
const SCREENSHOTS_BUDGET = 100 * 1024;

describe('README screenshots', () => {
  it('are linked by relative paths to PNG files under media/screenshots/ (vsce makes them https URLs), each with alt text', () => {
    assert.ok(images.length >= 5, JSON.stringify(images));
    assert.ok(!/<img\b/i.test(readme), 'an <img> tag: use Markdown image syntax');
    for (const { alt, link } of images) {
      assert.ok(alt.trim().length > 0, `no alt text: ${link}`);
      assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('/'), `not a relative link (VS Code shows only https images, and vsce rewrites only relative ones): ${link}`);
      assert.match(link, /^media\/screenshots\/[a-z0-9-]+\.png$/, `not a PNG under ${dir}/: ${link}`);
      assert.ok(files.includes(path.posix.basename(link)), `no such file: ${link}`);
    }
  });

  it('has no file the README does not show', () => {
    const linked = new Set(images.map((i) => path.posix.basename(i.link)));
    assert.deepEqual(files.filter((f) => !linked.has(f)), []);
  });

  it('are palette PNGs (the pngquant output of npm run screenshots), within the size budget', () => {
    let total = 0;
    for (const f of files) {
      const png = readFileSync(path.join(root, dir, f));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', f);
      assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR', f);
      assert.equal(png[25], 3, `${f} is PNG colour type ${png[25]}, not a palette: run npm run screenshots (it quantizes with pngquant)`);
      total += png.length;
    }
    assert.ok(total <= SCREENSHOTS_BUDGET, `the screenshots total ${(total / 1024).toFixed(1)} KB > ${SCREENSHOTS_BUDGET / 1024} KB`);
  });

  it('are not packaged: .vscodeignore denies everything and re-includes nothing under media/screenshots/', () => {
    const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    const media = lines.filter((l) => l.startsWith('!media'));
    assert.ok(media.length > 0);
    for (const l of media) assert.ok(!/^!media\/(\*\*|screenshots)/.test(l), `.vscodeignore packages the screenshots: ${l}`);
  });
});
