// Documents with thousands of tokens in a real VS Code (issue 11 item 5b): publishing in slices with
// the extension host answering, and masking decorations kept only around what the editor shows while
// it scrolls, jumps, folds, splits and toggles. Its documents put thousands of tokens into the
// window's custody state: the suite starts and ends with Clear Custody History (all workspaces), so
// it neither inherits other suites' tokens nor leaves its own to suites listing custody tokens (the
// revoke pick). Each test reverts and closes its documents. A file with more than 10,000 tokens gets
// a row in the custody view for the tokens past the first 10,000 (the detected-more entry). A masked
// file stays masked behind the modal "save changes?" dialog of Close All Editors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenCustodyApi } from '../../../src/extension';
import { githubToken } from '../../support/fakes';
import type { CustodyNode } from '../../../src/custody/vscode/view';
import { GROUP_PAGE } from '../../../src/custody/viewModel';
import { channelAvailable, clickButton, clickText, dialog, realWorkbench, textContent, visibleText, waitFor, workspacePath } from './channel';
import { profiled } from './profile';
import { closeEditorsWithoutSaving, newUntitled } from './editors';

const SOURCE = 'Token Custody';

async function api(): Promise<TokenCustodyApi> {
  return vscode.extensions.getExtension<TokenCustodyApi>('token-custody.token-custody')!.activate();
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Rendered text of every editor's lines (innerText: what a person sees). */
async function rendered(): Promise<string> {
  return (await visibleText('.monaco-editor .view-lines')) ?? '';
}

/**
 * Waits until the store holds `n` findings of `doc`; a timeout says what the extension host had
 * (the store's entry, the document, the untitled documents open), so a failure on a CI machine can
 * be told apart: never scanned, scanned as another text, stuck pending, or skipped.
 */
async function waitForFindings(a: TokenCustodyApi, doc: vscode.TextDocument, n: number, what: string, ms: number): Promise<void> {
  try {
    await waitFor(() => (a.core.store.findings(doc.uri).length === n ? true : null), what, ms);
  } catch (e) {
    const entry = a.core.store.get(doc.uri);
    const state = entry ? { version: entry.version, count: entry.count, pending: entry.pending ?? false, skipped: entry.skipped ?? null } : 'none';
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' || d.uri.toString() === doc.uri.toString()).map((d) => ({ uri: d.uri.toString(), version: d.version, chars: d.getText().length, closed: d.isClosed, same: d === doc }));
    const { fullScans, backgroundScans, incrementalScans, previewScans } = a.documents.stats;
    throw new Error(`${(e as Error).message}; ${doc.uri.toString()} (version ${doc.version}, ${doc.getText().length} characters, closed ${doc.isClosed}): store entry ${JSON.stringify(state)}; documents ${JSON.stringify(open)}; scans ${JSON.stringify({ fullScans, backgroundScans, incrementalScans, previewScans })}`, { cause: e });
  }
}

/** Gaps between 10 ms timer ticks in the extension host (these tests run in it). */
function gapMeter(): { stop: () => { longest: number; over50: number[] } } {
  let last = performance.now();
  const t0 = last;
  let longest = 0;
  const over50: number[] = [];
  const tick = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    longest = Math.max(longest, gap);
    if (gap > 50) over50.push(Math.round(last - t0), Math.round(gap));
    last = now;
  }, 10);
  return {
    stop: () => {
      clearInterval(tick);
      return { longest, over50 };
    },
  };
}

describe('large documents: publish in slices, masking around the visible ranges', function () {
  this.timeout(240_000);

  // The API the command runs (the command itself, with its confirmation, is tested in custody.test.ts).
  before(async () => {
    await (await api()).core.custody.clearHistory('all');
    // The editors get the whole height: a panel left open by an earlier suite (the custody suite's
    // Problems) left the settings-change test's editor too short to show token 3's line, and it
    // waited 120 s for it (run with --grep "custody|large documents").
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
  after(async () => void (await (await api()).core.custody.clearHistory('all')));

  afterEach(async () => {
    // Revert before closing so an edited untitled document never asks to be saved.
    await closeEditorsWithoutSaving();
  });

  it('a 4 MB document with 2,500 tokens publishes in slices: capped diagnostics with a summary, every token recorded, the extension host keeps answering', async () => {
    const filler = 'const value = compute(input, options); // ordinary code with words and numbers 12345\n';
    const parts: string[] = [];
    for (let i = 0; i < 2500; i++) parts.push(filler.repeat(19), `const t${i} = "${githubToken('ghp')}";\n`);
    const a = await api();
    // Untitled URIs are reused (`Untitled-1` again after an earlier test closed its own): count only
    // the entries this document adds.
    const entriesBefore = a.core.custody.allEntries().length;
    const meter = gapMeter();
    const t0 = performance.now();
    let gaps = { longest: 0, over50: [] as number[] };
    let keystrokeMs = -1;
    await profiled('publish-4mb', async () => {
      try {
        const doc = await newUntitled(parts.join(''), 'typescript');
        await vscode.window.showTextDocument(doc);
        await waitFor(() => {
          const e = a.core.store.get(doc.uri);
          return e && !e.pending && e.findings.length === 2500 ? e : null;
        }, 'the background scan of 4 MB with 2,500 tokens', 120_000);
        const diags = await waitFor(() => (ours(doc.uri).length > 1000 ? ours(doc.uri) : null), 'diagnostics of 4 MB', 60_000);
        assert.equal(diags.length, 1001, 'the first 1,000 tokens and one summary');
        assert.match(diags[1000]!.message, /1,500 more tokens in this file are not listed/);
        const recorded = await waitFor(() => {
          const n = a.core.custody.allEntries().slice(entriesBefore).filter((e) => e.event === 'detected' && e.where?.kind === 'file' && e.where.uri === doc.uri.toString()).length;
          return n >= 2500 ? n : null;
        }, 'custody entries of 2,500 tokens', 60_000);
        assert.equal(recorded, 2500);
        // A line shift above every token: places move, no entry is appended (one per token and file).
        const editor = vscode.window.activeTextEditor!;
        const count = a.core.custody.allEntries().length;
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), '\n'));
        await waitFor(() => (a.core.store.findings(doc.uri)[0]?.range.startLine === 20 ? true : null), 'the findings shifted one line');
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(a.core.custody.allEntries().length - count, 0, 'a newline above 2,500 tokens appends no custody entry');
        keystrokeMs = a.documents.stats.changeHandlerMs[a.documents.stats.changeHandlerMs.length - 1] ?? -1;
      } finally {
        gaps = meter.stop();
      }
    });
    const ms = performance.now() - t0;
    const out = process.env.TC_TEST_ARTIFACTS;
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, 'publish-metrics.json'), JSON.stringify({ tokens: 2500, publishedMs: ms, longestGapMs: gaps.longest, gapsOver50Ms: gaps.over50, newlineAboveAllMs: keystrokeMs, load: os.loadavg()[0] }, null, 2));
    }
    console.log(`      4 MB, 2,500 tokens: published in ${ms.toFixed(0)} ms; longest extension-host gap ${gaps.longest.toFixed(0)} ms; gaps over 50 ms (at, ms): ${JSON.stringify(gaps.over50)}`);
    // Printed, never asserted (a loaded machine deschedules the host for seconds): `npm run bench`
    // measures the longest task on the CPU clock.
  });

  it('3,000 tokens are masked around what the editor shows: scrolling, a jump, a fold, a split editor and reveal/mask keep every shown token hidden', async function () {
    if (!channelAvailable()) this.skip();
    // Every step waits on what it checks (a rendered line, the extension host having seen a scroll),
    // each with a bound far above its usual second: after the whole editor suite on a loaded machine
    // the workbench answers slowly, and nothing here is a measure of time.
    this.timeout(900_000);
    const WAIT = 120_000;
    const a = await api();
    const tokens = Array.from({ length: 3000 }, () => githubToken('ghp'));
    // 20 lines per token: token i is on line 20 i + 19.
    const text = tokens.map((t, i) => `// block ${i}\n${'x = 1;\n'.repeat(18)}const t${i} = "${t}";\n`).join('');
    const lineOf = (i: number): number => 20 * i + 19;
    const doc = await newUntitled(text, 'typescript');
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await waitForFindings(a, doc, 3000, '3,000 findings', WAIT);
    const masking = a.core.masking;
    /** Token i's line is rendered and its characters are not. */
    const hidden = (i: number) => async (): Promise<true | null> => {
      const r = await rendered();
      return r.includes(`const t${i} = `) && !r.includes(tokens[i]!.slice(4, -4)) ? true : null;
    };
    const noTokenRendered = async (): Promise<void> => {
      const r = await rendered();
      const shown = tokens.findIndex((t) => r.includes(t.slice(4, -4)));
      assert.equal(shown, -1, `token ${shown} is rendered`);
    };
    await waitFor(hidden(0), 'token 0 rendered masked', WAIT);
    const decorated = masking.decoratedCount(editor);
    assert.ok(decorated > 0 && decorated < 200, `decorations around the top, not all 3,000: ${decorated}`);

    // Page down within the margin, then past it: the window follows. Each page is checked as soon as
    // it is shown (it was decorated before), then the test waits until the extension host has seen
    // the scroll: its visible-ranges listener (the masking's redraw once less than a screen of margin
    // is left) runs in the task that updates editor.visibleRanges, so the redraw is sent before the
    // next page is asked for. Paging again before the host heard of the last page would outrun it.
    for (let i = 0; i < 8; i++) {
      const before = editor.visibleRanges[0]!.start.line;
      await vscode.commands.executeCommand('editorScroll', { to: 'down', by: 'page', value: 1 });
      await noTokenRendered();
      await waitFor(() => (editor.visibleRanges[0]!.start.line > before ? true : null), `the extension host sees page ${i + 1}`, WAIT);
    }
    const afterPaging = editor.visibleRanges[0]!.start.line;
    assert.ok(afterPaging > 100, `scrolled to line ${afterPaging}`);
    const first = Math.ceil((afterPaging - 19) / 20);
    await waitFor(hidden(first), `token ${first} rendered masked after paging`, WAIT);

    // A jump far down (Go to Line).
    editor.revealRange(new vscode.Range(lineOf(2500), 0, lineOf(2500), 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(hidden(2500), 'token 2,500 rendered masked after a jump', WAIT);
    await noTokenRendered();
    assert.ok(masking.decoratedCount(editor) < 200, `still a window: ${masking.decoratedCount(editor)}`);

    // A fold of lines 0..50,000 (a fold brings far lines next to the top).
    editor.selection = new vscode.Selection(0, 0, 50_000, 0);
    await vscode.commands.executeCommand('editor.createFoldingRangeFromSelection');
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => (editor.visibleRanges.length > 1 ? true : null), 'a fold in the visible ranges', WAIT);
    const afterFold = Math.ceil((50_001 - 19) / 20);
    await waitFor(hidden(afterFold), `token ${afterFold} (right below the fold) rendered masked`, WAIT);
    await noTokenRendered();
    await vscode.commands.executeCommand('editor.unfoldAll');

    // The same document in a split editor, shown at another place: each editor has its own window.
    const right = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Two, preserveFocus: false });
    right.revealRange(new vscode.Range(lineOf(1200), 0, lineOf(1200), 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(hidden(1200), 'token 1,200 rendered masked in the split editor', WAIT);
    await noTokenRendered();

    // Reveal shows the tokens where the editors are; mask hides them again.
    await vscode.commands.executeCommand('tokenCustody.revealTokens', { uri: doc.uri.toString() });
    await waitFor(async () => ((await rendered()).includes(tokens[1200]!) ? true : null), 'token 1,200 rendered after reveal', WAIT);
    await vscode.commands.executeCommand('tokenCustody.maskTokens', { uri: doc.uri.toString() });
    await waitFor(hidden(1200), 'token 1,200 masked again', WAIT);
    // Both editors are redrawn by the mask (one setDecorations each): wait until neither shows a token.
    await waitFor(async () => {
      const r = await rendered();
      return tokens.some((t) => r.includes(t.slice(4, -4))) ? null : true;
    }, 'no token rendered in either editor after mask', WAIT);
    assert.ok(masking.stats.windowed > 0);
  });

  it('a file with 12,345 tokens: its first 10,000 are listed one by one and the view adds a row "and 2,345 more tokens in dump.env" under Exposed that opens the file', async () => {
    const a = await api();
    // Only this test's tokens in the view (the earlier tests' documents are closed, their tokens kept).
    await a.core.custody.clearHistory('all');
    const tokens = Array.from({ length: 12_345 }, () => githubToken('ghp'));
    const file = path.join(workspacePath(), 'dump.env');
    // Over 1 MB (a comment line per token), so the editor scans it in slices: one scan call reports
    // at most 10,000 findings (the engine's cap), a sliced scan all of them.
    fs.writeFileSync(file, tokens.map((t, i) => `# generated entry ${i} of the dump, nothing secret on this line\nTOKEN_${i}=${t}\n`).join(''));
    assert.ok(fs.statSync(file).size > 1024 * 1024);
    try {
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      let found = 0;
      await waitFor(() => {
        const e = a.core.store.get(doc.uri);
        found = e?.findings.length ?? -1;
        return e && !e.pending && found === 12_345 ? true : null;
      }, '12,345 findings', 120_000).catch((err: Error) => assert.fail(`${err.message}; findings: ${found}`));
      // Every one of the first 10,000 is recorded before the test ends (no recording left running
      // into the suite's Clear Custody History).
      const uri = doc.uri.toString();
      const entries = await waitFor(() => {
        const mine = a.core.custody.allEntries().filter((e) => e.where?.kind === 'file' && e.where.uri === uri);
        return mine.filter((e) => e.event === 'detected').length >= 10_000 ? mine : null;
      }, 'custody entries of the first 10,000 tokens', 180_000);
      assert.equal(entries.filter((e) => e.event === 'detected').length, 10_000);
      assert.deepEqual(entries.filter((e) => e.event === 'detected-more').map((e) => e.detail), [{ count: 12_345, recorded: 10_000 }]);

      // The view's Exposed group: its first page of tokens, "Show more", then the row of the count.
      const view = a.custodyView;
      const groups = view.provider.getChildren();
      const exposed = groups.find((g) => g.kind === 'group' && g.state === 'exposed');
      assert.ok(exposed, 'an Exposed group');
      const rows = view.provider.getChildren(exposed);
      const more = rows.filter((r): r is Extract<CustodyNode, { kind: 'more' }> => r.kind === 'more');
      assert.equal(more.length, 1, 'one row for the file\'s tokens past the first 10,000');
      // GROUP_PAGE, or more after an earlier suite's "Show more" (the custody suite's).
      const listed = view.provider.limit('exposed');
      assert.ok(listed >= GROUP_PAGE && listed < 10_000);
      assert.equal(rows.filter((r) => r.kind === 'token').length, listed, 'the exposed tokens listed, a page or a few');
      const showMore = rows.find((r): r is Extract<CustodyNode, { kind: 'showMore' }> => r.kind === 'showMore');
      assert.equal(showMore?.hidden, (exposed as Extract<CustodyNode, { kind: 'group' }>).tokens.length - listed, 'then "Show more" counting the rest');
      assert.equal(rows.length, listed + 2);
      assert.equal(rows[rows.length - 1], more[0], 'after the exposed tokens');
      const item = view.provider.getTreeItem(more[0]!);
      assert.equal(item.label, 'and 2,345 more tokens in dump.env');
      assert.equal(item.command?.command, 'vscode.open');
      assert.equal((item.command?.arguments?.[0] as vscode.Uri).toString(), uri);
      assert.equal(item.tooltip, undefined, 'the tooltip is resolved on hover, not with the row');
      const tooltip = (view.provider.resolveTreeItem(item, more[0]!).tooltip as vscode.MarkdownString).value;
      assert.match(tooltip, /held 12,345 tokens: the first 10,000 are listed one by one/);
      assert.ok(!JSON.stringify({ label: item.label, tooltip }).includes('ghp_'), 'the row names no token');
      await closeEditorsWithoutSaving();

      if (realWorkbench()) {
        // Through the real tree: scrolled to the row (past 10,000 rows), shown, clicked, the file opens.
        await vscode.commands.executeCommand('tokenCustody.showCustody');
        await view.treeView.reveal(more[0]!, { select: false, focus: false });
        const text = await waitFor(async () => {
          const t = (await textContent('.part.sidebar')) ?? '';
          return t.includes('and 2,345 more tokens in dump.env') ? t : null;
        }, 'the row in the custody view', 30_000);
        assert.ok(!tokens.some((t) => text.includes(t.slice(4, -4))), 'the view shows no token');
        await clickText('and 2,345 more tokens in dump.env');
        await waitFor(() => (vscode.window.activeTextEditor?.document.uri.fsPath === file ? true : null), 'dump.env opened from the row', 30_000);
        assert.equal(a.core.masking.isMasked(vscode.window.activeTextEditor!.document.uri), true, 'masked when opened from the view');
      }
    } finally {
      await closeEditorsWithoutSaving();
      fs.rmSync(file, { force: true });
    }
  });
  it('a document under 1 MB with 12,345 tokens (scanned in one call): every token is found and the last one is masked', async function () {
    this.timeout(900_000);
    const a = await api();
    const tokens = Array.from({ length: 12_345 }, () => githubToken('ghp'));
    const content = tokens.map((t, i) => `T${i}=${t}\n`).join('');
    assert.ok(content.length < 1024 * 1024, 'under the threshold of sliced scans');
    const entriesBefore = a.core.custody.allEntries().length;
    try {
      const doc = await newUntitled(content, 'properties');
      const editor = await vscode.window.showTextDocument(doc);
      let found = 0;
      const e = await waitFor(() => {
        const entry = a.core.store.get(doc.uri);
        found = entry?.findings.length ?? -1;
        return entry && !entry.pending && found === 12_345 ? entry : null;
      }, '12,345 findings', 120_000).catch((err: Error) => assert.fail(`${err.message}; findings: ${found}`));
      const last = doc.positionAt(content.lastIndexOf(tokens[tokens.length - 1]!));
      assert.equal(e.findings[e.findings.length - 1]!.range.startLine, last.line, 'the last token is found');
      const diags = await waitFor(() => (ours(doc.uri).length > 1000 ? ours(doc.uri) : null), 'diagnostics', 60_000);
      assert.match(diags[1000]!.message, /11,345 more tokens in this file are not listed/);
      // The end of the file in view: its tokens are masked (the masking covers what the editor shows).
      editor.revealRange(new vscode.Range(last, last), vscode.TextEditorRevealType.InCenter);
      await waitFor(() => (a.core.masking.isMasked(doc.uri) ? true : null), 'the document masked', 30_000);
      if (realWorkbench()) {
        // Its line rendered without its characters (waits while the masking redraws after the scroll).
        const n = tokens.length - 1;
        await waitFor(async () => {
          const r = await rendered();
          return r.includes(`T${n}=`) && !r.includes(tokens[n]!.slice(4, -4)) ? true : null;
        }, 'the last line rendered masked', 60_000);
      }
      // Recording done before the next test (one entry per token up to 10,000, then the count).
      await waitFor(() => {
        const mine = a.core.custody.allEntries().slice(entriesBefore).filter((x) => x.where?.kind === 'file' && x.where.uri === doc.uri.toString());
        return mine.some((x) => x.event === 'detected-more') ? true : null;
      }, 'custody entries of 12,345 tokens', 300_000);
    } finally {
      // An untitled document with text: reverted, so closing asks nothing.
      await closeEditorsWithoutSaving();
    }
  });

  // Before the change, a file over 1 MB showed its tokens until its background scan ended: a 1.1 MB
  // file 20 tokens in the first check, this one (4.5 MB, 40,000 tokens) 20 tokens, masked only once
  // the whole file was scanned, 5.0 s after showTextDocument was called (and again when it was closed
  // and reopened). Now the lines its editors show are scanned first.
  // A new editor paints once before the extension host's decorations reach it (editor.test's split
  // test), and while the workbench loads a file of megabytes it handles the extension host's messages
  // late: measured here, a 1.0 MB file (scanned at once, decorations sent before showTextDocument
  // resolved) still rendered 20 tokens 0.5–2.9 s later in 3 of 3 runs. So each check first waits
  // until the workbench has handled what the extension host sent so far (a command round trip:
  // messages are handled in order; 0.7–2 s here), then reads the rendered page.
  it('a file over 1 MB is masked from the first check after its editor shows, while its first (background) scan runs: opened at the top, opened further down, scrolled to lines not scanned yet', async function () {
    if (!realWorkbench()) this.skip(); // the rendered page
    this.timeout(900_000);
    const WAIT = 120_000;
    const a = await api();
    // About 4.5 MB (two lines per token), so the sliced first scan outlasts the checks.
    const n = 40_000;
    const tokens = Array.from({ length: n }, () => githubToken('ghp'));
    const text = tokens.map((t, i) => `# generated entry ${i} of the dump, nothing secret on this line\nTOKEN_${i}=${t}\n`).join('');
    // Three files (a document the extension host opened stays open for minutes after its editor
    // closes, so each first scan is of another file).
    const files = ['first-scan.env', 'first-scan-2.env', 'first-scan-3.env'].map((f) => path.join(workspacePath(), f));
    for (const f of files) fs.writeFileSync(f, text);
    const mb = text.length / 1048576;
    assert.ok(mb > 1, 'over the threshold of background scans');
    let uri = vscode.Uri.file(files[0]!);
    const lineOf = (i: number): number => 2 * i + 1;
    const shownTokens = (r: string): number => tokens.reduce((k, t) => k + (r.includes(t.slice(4, -4)) ? 1 : 0), 0);
    const handled = async (): Promise<void> => void (await vscode.commands.executeCommand('setContext', 'tokenCustody.test.roundTrip', Date.now()));
    /** The first check: what the extension host sent was handled, then the page read; masks timed. */
    const firstCheck = async (what: string, line: number, t0: number): Promise<void> => {
      await handled();
      const r = await rendered();
      const pending = a.core.store.get(uri)?.pending === true;
      const shown = shownTokens(r);
      // Masked already, or how long until it is (reported before the assertion fails).
      if (!r.includes(`TOKEN_${line}=`) || shown) {
        await waitFor(async () => {
          const now = await rendered();
          return now.includes(`TOKEN_${line}=`) && shownTokens(now) === 0 ? true : null;
        }, `${what}: token ${line} rendered masked`, WAIT);
      }
      console.log(`      ${mb.toFixed(1)} MB, ${n} tokens, ${what}: first check ${shown} tokens rendered (scan ${pending ? 'still running after it' : 'done'}); masked ${(performance.now() - t0).toFixed(0)} ms after showTextDocument was called`);
      assert.ok(r.includes(`TOKEN_${line}=`), `${what}: the first check sees token ${line}'s line`);
      assert.equal(shown, 0, `${what}: the first check after the editor shows renders ${shown} tokens`);
    };
    /** All findings published (none before: partial findings are for the masking only). */
    const complete = async (): Promise<void> => {
      const e = a.core.store.get(uri);
      if (e?.pending) {
        assert.equal(e.count, 0, 'no findings published while the first scan runs');
        assert.equal(ours(uri).length, 0, 'no diagnostics while the first scan runs');
      }
      let found = 0;
      await waitFor(() => {
        const entry = a.core.store.get(uri);
        found = entry?.findings.length ?? -1;
        return entry && !entry.pending && found === n ? true : null;
      }, `${n} findings`, 300_000).catch((err: Error) => assert.fail(`${err.message}; findings: ${found}`));
    };
    try {
      let t0 = performance.now();
      const doc = await vscode.workspace.openTextDocument(uri);
      let editor = await vscode.window.showTextDocument(doc, { preview: false });
      await firstCheck('opened', 0, t0);
      await complete();

      // The other file opened at its middle: the lines shown there are scanned first.
      await closeEditorsWithoutSaving();
      uri = vscode.Uri.file(files[1]!);
      const middle = Math.floor(n * 0.6);
      t0 = performance.now();
      editor = await vscode.window.showTextDocument(uri, { preview: false, selection: new vscode.Range(lineOf(middle), 0, lineOf(middle), 0) });
      await firstCheck('opened at the middle', middle, t0);
      await complete();

      // A third file opened at the top and at once scrolled to lines not scanned yet, while its first
      // scan runs: those lines are scanned and masked as the extension host sees the scroll.
      await closeEditorsWithoutSaving();
      uri = vscode.Uri.file(files[2]!);
      editor = await vscode.window.showTextDocument(uri, { preview: false });
      const target = Math.floor(n * 0.3);
      const pendingAtJump = a.core.store.get(uri)?.pending === true;
      editor.revealRange(new vscode.Range(lineOf(target), 0, lineOf(target), 0), vscode.TextEditorRevealType.AtTop);
      await waitFor(() => (editor.visibleRanges.some((v) => v.start.line <= lineOf(target) && lineOf(target) <= v.end.line) ? true : null), 'the extension host sees the jump', WAIT);
      if (pendingAtJump && a.core.store.get(uri)?.pending) {
        // The extension host decorated the new lines in the task that told it of the scroll.
        assert.ok(a.core.masking.decoratedCount(editor) > 0, 'decorations after the scroll');
        await handled();
        const r = await waitFor(async () => {
          const now = await rendered();
          return now.includes(`TOKEN_${target}=`) ? now : null;
        }, `token ${target}'s line rendered`, WAIT);
        console.log(`      scrolled to token ${target} while the first scan runs: ${shownTokens(r)} tokens rendered`);
        assert.equal(shownTokens(r), 0, 'no token rendered after a jump during the first scan');
      } else {
        console.log('      the first scan ended before the jump: the jump is not checked');
      }
      await complete();
      await handled();
      assert.equal(shownTokens(await rendered()), 0, 'no token rendered once the scan is done');
      // Recording done before the next test (one entry per token up to 10,000, then the count).
      await waitFor(() => {
        const more = new Set(a.core.custody.allEntries().filter((x) => x.event === 'detected-more' && x.where?.kind === 'file').map((x) => (x.where as { uri: string }).uri));
        return files.every((f) => more.has(vscode.Uri.file(f).toString())) ? true : null;
      }, `custody entries of ${n} tokens in each file`, 300_000);
    } finally {
      await closeEditorsWithoutSaving();
      for (const f of files) fs.rmSync(f, { force: true });
    }
  });

  // Before the fix, an edit made while a document with published findings was rescanned in the
  // background (after a change of settings, rules or ignore file) went only to the scan's replay:
  // the masking kept masking the old findings at their old offsets until the scan ended, so lines
  // inserted above a token moved it out of its mask (rendered in plaintext at the next redraw, here
  // a scroll away and back) while the mask covered other text; diagnostics and hover stayed behind.
  it('an edit while a file\'s findings are rescanned in the background (a settings change): the masks, diagnostics and hover follow the text before the rescan ends', async function () {
    this.timeout(900_000);
    const WAIT = 120_000;
    const a = await api();
    const masking = a.core.masking;
    // About 2.4 MB (over the background threshold) and over FULL_MASK_LIMIT tokens (a window masked).
    const n = 6_000;
    const tokens = Array.from({ length: n }, () => githubToken('ghp'));
    const comment = '# generated entry of the dump, nothing secret on this line, only words\n'.repeat(5);
    const text = tokens.map((t, i) => `${comment}TOKEN_${i}=${t}\n`).join('');
    assert.ok(text.length > 1024 * 1024, 'over the threshold of background scans');
    const file = path.join(workspacePath(), 'rescan-edit.env');
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tokenCustody');
    const inserted = 3;
    const k = 3;
    /** Token k's place in the document now (six lines per token, then the lines inserted above it once edited). */
    let shift = 0;
    const place = (doc: vscode.TextDocument): vscode.Range => {
      const line = 6 * k + 5 + shift;
      const col = doc.lineAt(line).text.indexOf(tokens[k]!);
      assert.ok(col >= 0, `token ${k} on line ${line}`);
      return new vscode.Range(line, col, line, col + tokens[k]!.length);
    };
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const toRange = (r: { startLine: number; startCol: number; endLine: number; endCol: number }): vscode.Range => new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol);
    const tokenSet = new Set(tokens);
    /** What the masking last sent for the editor: token k hidden, and every hidden range holds a token. */
    const checkMasks = (editor: vscode.TextEditor, when: string): void => {
      const masks = masking.maskedRanges(editor).map(toRange);
      const want = place(editor.document);
      assert.ok(masks.some((m) => m.contains(want)), `${when}: token ${k} (line ${want.start.line}) is masked; masks on lines ${masks.slice(0, 8).map((m) => m.start.line).join(', ')}…`);
      const wrong = masks.filter((m) => !tokenSet.has(editor.document.getText(m)));
      assert.equal(wrong.length, 0, `${when}: ${wrong.length} masks cover no token (first on line ${wrong[0]?.start.line})`);
    };
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await waitFor(() => {
        const e = a.core.store.get(uri);
        return e && !e.pending && e.count === n ? true : null;
      }, `${n} findings`, 300_000);
      const t0 = performance.now();
      const stamp = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
      // The rescan is held before it publishes until the checks are done: the edit reaches the
      // extension host while it runs, however slow the workbench (after the other suites it took
      // 4–8 s to apply an edit, longer than the whole rescan).
      let holding = false;
      a.documents.holdBackground = async (u) => {
        if (u.toString() !== uri.toString()) return;
        holding = true;
        await held;
      };
      // maxFileSizeMB rescans every open document; this one in the background (over 1 MB).
      const updated = cfg().update('maxFileSizeMB', 19, vscode.ConfigurationTarget.Global);
      await waitFor(() => (a.core.store.get(uri)?.pending ? true : null), 'the background rescan started', WAIT);
      const startedAt = stamp();
      assert.equal(a.core.store.get(uri)?.count, n, 'the published findings are kept (and masked) meanwhile');
      checkMasks(editor, 'as the rescan starts');
      // Lines inserted above token k (below token k - 1).
      const before = place(doc);
      assert.ok(await editor.edit((e) => e.insert(new vscode.Position(before.start.line - 1, 0), 'inserted line\n'.repeat(inserted))));
      shift = inserted;
      assert.equal(a.core.store.get(uri)?.pending, true, 'the rescan runs');
      console.log(`      ${(text.length / 1048576).toFixed(1)} MB, ${n} tokens: ${inserted} lines inserted above token ${k} while the rescan runs (${holding ? 'held' : 'scanning'}; rescan seen ${startedAt}, edit applied ${stamp()} after the settings change)`);

      // Still in the task that saw the edit (nothing awaited): the masking, diagnostics, hover and
      // Quick Fixes follow it.
      const now = place(doc);
      checkMasks(editor, 'right after the edit');
      const entry = a.core.store.get(uri)!;
      assert.equal(entry.count, n, 'as many findings as before (the status bar count)');
      assert.equal(entry.version, doc.version, 'the findings follow the edit');
      const diag = ours(uri).find((d) => d.range.contains(now));
      assert.ok(diag, `a diagnostic on token ${k} at line ${now.start.line}`);
      // The Quick Fixes find their finding by the diagnostic's range, the hover by the offset.
      assert.ok(a.core.store.findingWithRange(uri, doc.offsetAt(diag.range.start), doc.offsetAt(diag.range.end)), 'the Quick Fixes find the finding');
      assert.ok(a.core.store.findingAt(uri, doc.offsetAt(now.start) + 2), 'the hover finds the finding');
      assert.equal(ours(uri).filter((d) => !tokenSet.has(doc.getText(d.range))).length, 0, 'every diagnostic is on a token');

      // A redraw of the editor while the rescan runs, as a scroll past the decorated window, another
      // editor of the file or a masking setting gives (the workbench moved the decorations it had with
      // the text; a redraw sends what the masking holds).
      masking.refresh();
      assert.equal(a.core.store.get(uri)?.pending, true, 'the redraw came while the rescan runs');
      checkMasks(editor, 'after a redraw during the rescan');
      if (realWorkbench()) {
        // What the workbench renders then (read after it handled what the extension host sent so far).
        await vscode.commands.executeCommand('setContext', 'tokenCustody.test.roundTrip', Date.now());
        const r = await waitFor(async () => {
          const t = await rendered();
          return t.includes(`TOKEN_${k}=`) ? t : null;
        }, `token ${k}'s line rendered`, WAIT);
        assert.equal(a.core.store.get(uri)?.pending, true, 'read while the rescan runs');
        const shown = tokens.filter((t) => r.includes(t.slice(4, -4))).length;
        console.log(`      after a redraw during the rescan: ${shown} tokens rendered`);
        assert.equal(shown, 0, 'no token rendered after a redraw during the rescan');
      }
      await updated;
      release();
      a.documents.holdBackground = undefined;

      // The rescan's own result (the edit replayed onto it) replaces the kept findings: the same as a full scan now.
      await waitFor(() => {
        const e = a.core.store.get(uri);
        return e && !e.pending ? true : null;
      }, 'the rescan done', 300_000);
      console.log(`      the rescan was done ${stamp()} after the settings change`);
      const final = a.core.store.findings(uri).map((f) => `${f.range.start}-${f.range.end}`);
      const fresh = a.core.scanners.scanner.scan(doc.getText()).map((f) => `${f.range.start}-${f.range.end}`).sort();
      assert.equal(final.length, n);
      assert.deepEqual([...final].sort(), fresh, 'the rescan\'s result is a full scan of the edited text');
      checkMasks(editor, 'after the rescan');
    } finally {
      a.documents.holdBackground = undefined;
      release();
      await cfg().update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Global);
      await closeEditorsWithoutSaving();
      fs.rmSync(file, { force: true });
    }
  });

  // A CI run's failure screenshot showed dump.env rendered unmasked behind this modal. Measured in
  // this harness (VS Code 1.139), what comes before the modal: a dirty untitled editor whose tab is in
  // the masked file's group is brought to the front first (the extension host sees the file's editor
  // leave visibleTextEditors: it is no longer rendered); with its tab in another group the file stays
  // rendered, and the extension host hears only that the active editor and group changed. A dirty
  // untitled document without a tab (openTextDocument, never shown) raises no modal: Close All
  // Editors confirms only editors in groups, so it closes the file, and the document shows up in a
  // tab of its own about a second later (a later Close All asks). A dirty untitled tab cannot be
  // closed without the modal (Cancel keeps the tab). So this test builds the state in which the file
  // stays rendered behind the modal, and checks the rendered DOM and the decorations while the modal
  // is up, also as the file scrolls, is republished and is opened beside under it.
  it('behind the "save changes?" modal of Close All Editors (a dirty untitled editor in another group), a masked file stays masked: as the modal comes up, while it is up, and as the file scrolls, is republished and opens beside under it', async function () {
    if (!realWorkbench()) this.skip(); // a real modal dialog
    this.timeout(600_000);
    const WAIT = 120_000;
    const a = await api();
    const masking = a.core.masking;
    // Over FULL_MASK_LIMIT findings, so only a window around what an editor shows is decorated (as
    // for the CI's dump.env), and under 1 MB, so it is scanned at once.
    const tokens = Array.from({ length: 1500 }, () => githubToken('ghp'));
    const file = path.join(workspacePath(), 'modal.env');
    fs.writeFileSync(file, tokens.map((t, i) => `# entry ${i}\nTOKEN_${i}=${t}\n`).join(''));
    const lineOf = (i: number): number => 2 * i + 1;
    /** Token i's line is rendered and its characters are not. */
    const hidden = (i: number) => async (): Promise<true | null> => {
      const r = await rendered();
      return r.includes(`TOKEN_${i}=`) && !r.includes(tokens[i]!.slice(4, -4)) ? true : null;
    };
    const noTokenRendered = async (when: string): Promise<void> => {
      const r = await rendered();
      const shown = tokens.findIndex((t) => r.includes(t.slice(4, -4)));
      assert.equal(shown, -1, `token ${shown} is rendered ${when}`);
    };
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    let closing: Thenable<unknown> | undefined;
    try {
      const doc = await vscode.workspace.openTextDocument(file);
      /**
       * The dirty draft: an empty untitled document, shown in the second group and then edited. A
       * document created dirty without an editor (`openTextDocument({ content })`) gets a tab of its
       * own in the focused group a moment later, even once shown elsewhere: in the masked file's
       * group, where Close All Editors brings it to the front before the modal (a run on 2026-12-06
       * saw it in all 3 attempts: the draft in both groups).
       */
      let draft: vscode.TextDocument | undefined;
      /** The masked file on the left at token 750, rendered masked, and the dirty draft on the right. */
      const showBoth = async (): Promise<vscode.TextDocument> => {
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
        await waitForFindings(a, doc, 1500, '1,500 findings', WAIT);
        // Away from the top: a redraw from an empty or stale visible range would decorate the top.
        editor.revealRange(new vscode.Range(lineOf(750), 0, lineOf(750), 0), vscode.TextEditorRevealType.AtTop);
        await waitFor(hidden(750), 'token 750 rendered masked', WAIT);
        draft ??= await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `draft-${Date.now().toString(36)}` }));
        const right = await vscode.window.showTextDocument(draft, { viewColumn: vscode.ViewColumn.Two, preview: false, preserveFocus: true });
        if (!draft.isDirty) assert.ok(await right.edit((e) => e.insert(new vscode.Position(0, 0), 'draft notes\n')), 'the draft edited');
        return draft;
      };
      assert.ok((await showBoth()).isDirty, 'the untitled document is dirty');

      // The scenario needs the masked file still shown when the modal is up. Now and then (2 of about
      // 7 runs of this suite on 2026-12-06, one of them in CI) the extension host did not list it
      // among the visible editors then: that attempt is cancelled and the editors shown again, up to
      // 3 attempts; the assertions are those of every attempt that has the file shown.
      let left: vscode.TextEditor | undefined;
      for (let attempt = 1; ; attempt++) {
        closing = vscode.commands.executeCommand('workbench.action.closeAllEditors');
        const modal = await waitFor(() => dialog(), 'the save dialog of Close All Editors', WAIT);
        assert.match(modal.message, /save the changes/);
        left = vscode.window.visibleTextEditors.find((e) => e.document === doc);
        if (left || attempt === 3) break;
        console.log(`attempt ${attempt}: the masked file is not among the visible editors behind the modal (${vscode.window.visibleTextEditors.map((e) => path.basename(e.document.uri.path)).join(', ')}): again`);
        await clickButton('Cancel');
        await closing;
        closing = undefined;
        await showBoth();
      }
      assert.ok(left, 'the masked file is still in a visible editor behind the modal');
      assert.ok(masking.decoratedCount(left) > 0, 'and decorated');
      // Sampled while the modal is up: the line rendered, never a token.
      for (let i = 0; i < 10; i++) {
        assert.ok(await hidden(750)(), `token 750 rendered masked behind the modal (sample ${i})`);
        await noTokenRendered('behind the modal');
        await sleep(200);
      }

      // Under the modal: a jump past the decorated window (the visible ranges change) ...
      left.revealRange(new vscode.Range(lineOf(1400), 0, lineOf(1400), 0), vscode.TextEditorRevealType.AtTop);
      await waitFor(hidden(1400), 'token 1,400 rendered masked after a jump under the modal', WAIT);
      await noTokenRendered('after a jump under the modal');
      // ... a republish of the document (the store's change, as a rescan or an ignore gives) ...
      a.documents.rescanAll();
      await noTokenRendered('right after a republish under the modal');
      await sleep(500);
      await noTokenRendered('after a republish under the modal');
      // ... and the file opened beside (the visible editors change).
      const right = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Three, preview: false, preserveFocus: true });
      const top = await waitFor(() => right.visibleRanges[0]?.start, 'the editor beside laid out', WAIT);
      const first = Math.max(0, Math.ceil((top.line - 1) / 2));
      // A new editor may paint once before its decorations arrive (editor.test's split test); then never.
      await waitFor(async () => {
        const r = await rendered();
        return r.includes(`TOKEN_${first}=`) && !tokens.some((t) => r.includes(t.slice(4, -4))) ? true : null;
      }, `token ${first} rendered masked beside, under the modal`, WAIT);
      for (let i = 0; i < 5; i++) {
        await noTokenRendered('in either editor under the modal');
        await sleep(200);
      }
      assert.ok(await dialog(), 'the modal is still up');
    } finally {
      if (await dialog()) await clickButton('Cancel');
      await closing;
      await closeEditorsWithoutSaving();
      fs.rmSync(file, { force: true });
    }
  });
});
