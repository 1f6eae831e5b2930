// Tunes the keyword prefilter's buckets for the built-in keywords on real text and writes
// scripts/prefilter-tuned.json, whose tables scripts/prefilter-tables.mjs gives the build (extended
// to any keyword added since: src/engine/prefilterTuned.ts).
//
// The engine places keyword prefixes in its 8 buckets greedily, by a model of text
// (src/engine/prefilter.ts, tablesOf): that is what a scanner with custom keywords computes at start.
// Here the built-in keywords' groups (prefixes sharing their first two characters) start where the
// greedy placement put them and move, one at a time, to the bucket where the share of positions the
// tables accept in the training text falls most (then single prefixes, then swaps of two groups), until
// no move lowers it, and again from RESTARTS random kicks (fixed seed). Fewer accepted positions
// are fewer candidates for the module's second pass and its trie walk; the result is the same (the
// tables only ever over-approximate: every bucket accepts each of its prefixes).
//
// Training text: this repository's own sources and documents (src/**/*.ts without rule fixtures, the
// Markdown files at the top), each file's first 64 KB: real code and prose, none of the bench's
// corpus or terminal mixes, which measure the result. Run `node scripts/tune-prefilter.mjs` (about two
// minutes) after adding keywords (the build places keywords the tuned tables miss greedily, which
// costs speed, never a finding), and commit the JSON.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEngineModule } from './prefilter-tables.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TUNED_FILE = join(root, 'scripts', 'prefilter-tuned.json');
const BUCKETS = 8;
const PER_FILE = 65536;
/** Random restarts of the search (each a kick of KICK groups). */
const RESTARTS = Number(process.env.RESTARTS ?? 8);
const KICK = 12;

/** The engine's keyword prefixes, its greedy tables, and its functions that read and build tables (src/engine/prefilterTuned.ts). */
function engine() {
  return runEngineModule(
    "import { builtinSearchKeywords } from './src/engine/rules';\nimport { computedTables, prefixesOf } from './src/engine/prefilter';\nimport { acceptingBuckets, bucketAccepts, bucketsOf, tablesOfAssignment } from './src/engine/prefilterTuned';\nconst k = builtinSearchKeywords();\nconst greedy = computedTables(k.words, k.exactCase);\nmodule.exports = { keywords: k.words.length, prefixes: prefixesOf(k.words, k.exactCase), greedy, greedyBuckets: bucketsOf(greedy), bucketAccepts, tablesOfAssignment, acceptingBuckets };",
  );
}

function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.includes('fixtures')) out.push(p);
  }
  return out;
}

/** The training text's 4-byte windows, counted: [windows (little-endian u32), counts]. */
function trainingWindows() {
  const files = [...walk(join(root, 'src'), []), ...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'SECURITY.md'].map((f) => join(root, f))];
  const counts = new Map();
  let bytes = 0;
  for (const f of files) {
    const b = readFileSync(f).subarray(0, PER_FILE);
    bytes += b.length;
    for (let i = 0; i + 3 < b.length; i++) {
      const w = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return { files: files.length, bytes, windows: Uint32Array.from(counts.keys()), weights: Float64Array.from(counts.values()) };
}

/** Share of the training positions the tables accept (`accepting`: acceptingBuckets). */
function acceptance(t, training, accepting) {
  const [a0, a1, a2, a3] = accepting(t);
  const { windows, weights } = training;
  let n = 0;
  let total = 0;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i];
    total += weights[i];
    if (a0[w & 255] & a1[(w >>> 8) & 255] & a2[(w >>> 16) & 255] & a3[w >>> 24]) n += weights[i];
  }
  return n / total;
}

async function main() {
  const { keywords, prefixes: sorted, greedy, greedyBuckets, bucketAccepts, tablesOfAssignment, acceptingBuckets } = await engine();
  // Groups of the prefixes sharing their first two characters, as the greedy placement groups them.
  const byGroup = new Map();
  for (const p of sorted) {
    const g = p.text.slice(0, 2).toLowerCase();
    byGroup.set(g, [...(byGroup.get(g) ?? []), p]);
  }
  const groups = [...byGroup.values()];
  // Where the greedy placement put each group: the first of its buckets accepting all its prefixes.
  const assign = groups.map((g) => {
    const k = greedyBuckets.findIndex((b) => g.every((p) => bucketAccepts(b, p)));
    if (k < 0) throw new Error(`no bucket of the greedy tables accepts the group ${g[0].text}`);
    return k;
  });
  const training = trainingWindows();
  const before = acceptance(greedy, training, acceptingBuckets);
  // From here on each prefix has its own bucket (starting with its group's): moves of whole groups,
  // then of single prefixes, then swaps of two groups, until none lowers the share.
  const prefixes = groups.flat();
  const at = groups.flatMap((g, gi) => g.map(() => assign[gi]));
  const groupOf = groups.flatMap((g, gi) => g.map(() => gi));
  const tables = () => tablesOfAssignment(prefixes, at);
  let best = acceptance(tables(), training, acceptingBuckets);
  let moves = 0;
  /** Tries every bucket for the prefixes `members` (indices), keeping the best; whether they moved. */
  const place = (members) => {
    const from = members.map((i) => at[i]);
    let bestAt;
    for (let k = 0; k < BUCKETS; k++) {
      if (members.every((i) => at[i] === k)) continue;
      for (const i of members) at[i] = k;
      const a = acceptance(tables(), training, acceptingBuckets);
      if (a < best - 1e-9) {
        best = a;
        bestAt = k;
      }
    }
    members.forEach((i, j) => (at[i] = bestAt ?? from[j]));
    if (bestAt !== undefined) moves++;
    return bestAt !== undefined;
  };
  const membersOf = groups.map((_, gi) => at.map((_, i) => i).filter((i) => groupOf[i] === gi));
  /** Local search from the current placement until no move or swap lowers the share. */
  const descend = () => {
    for (let round = 0; round < 10; round++) {
      let moved = false;
      for (let sweep = 0; sweep < 20; sweep++) {
        let any = false;
        for (const m of membersOf) any = place(m) || any;
        moved ||= any;
        if (!any) break;
      }
      for (let sweep = 0; sweep < 20; sweep++) {
        let any = false;
        for (let i = 0; i < at.length; i++) any = place([i]) || any;
        moved ||= any;
        if (!any) break;
      }
      // Swaps of two groups each in one bucket (a move alone can raise the share where the swap lowers it).
      for (let g = 0; g < membersOf.length; g++) {
        for (let h = g + 1; h < membersOf.length; h++) {
          const mg = membersOf[g];
          const mh = membersOf[h];
          const kg = at[mg[0]];
          const kh = at[mh[0]];
          if (kg === kh || !mg.every((i) => at[i] === kg) || !mh.every((i) => at[i] === kh)) continue;
          for (const i of mg) at[i] = kh;
          for (const i of mh) at[i] = kg;
          const a = acceptance(tables(), training, acceptingBuckets);
          if (a < best - 1e-9) {
            best = a;
            moves++;
            moved = true;
          } else {
            for (const i of mg) at[i] = kg;
            for (const i of mh) at[i] = kh;
          }
        }
      }
      if (!moved) break;
    }
  };
  descend();
  // Then kicks: RESTARTS times, a few groups moved at random (a fixed seed: the same text gives the
  // same tables) and the search run again from there, kept only when it ends lower.
  let seed = 0x2545f491;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let r = 0; r < RESTARTS; r++) {
    const saved = at.slice();
    const savedBest = best;
    for (let j = 0; j < KICK; j++) {
      const k = Math.floor(random() * BUCKETS);
      for (const i of membersOf[Math.floor(random() * membersOf.length)]) at[i] = k;
    }
    best = acceptance(tables(), training, acceptingBuckets);
    descend();
    if (best >= savedBest - 1e-9) {
      at.splice(0, at.length, ...saved);
      best = savedBest;
    }
  }
  const tuned = tables();
  const out = {
    about: 'Keyword prefilter tables for the built-in keywords, tuned by scripts/tune-prefilter.mjs; the build extends them to keywords added since (src/engine/prefilterTuned.ts).',
    tables: Buffer.from(tuned).toString('base64'),
    training: `${training.files} files of ${relative(root, join(root, 'src'))}/ and the top-level Markdown, the first ${PER_FILE / 1024} KB of each: ${training.bytes} bytes`,
    acceptedPositions: { greedy: Number(before.toFixed(4)), tuned: Number(best.toFixed(4)) },
    keywords,
    moves,
  };
  writeFileSync(TUNED_FILE, JSON.stringify(out, null, 2) + '\n');
  console.log(`prefilter tables: ${groups.length} prefix groups, ${moves} moves; positions of the training text accepted ${(100 * before).toFixed(1)}% (greedy) → ${(100 * best).toFixed(1)}% (tuned); wrote ${relative(root, TUNED_FILE)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
