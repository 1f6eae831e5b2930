// Which findings of a document get masking decorations (issue 11 item 5b). Plain Node (no `vscode`),
// so the selection is unit-tested. A document with up to FULL_MASK_LIMIT findings is decorated whole,
// as before: every token is hidden before it can be scrolled to. Past that, one `setDecorations` call
// for every finding (100,000 in a 20 MB file) is one long task in the extension host and a large
// message to the renderer, so only the findings in and around what the editor shows are decorated:
// each visible range widened by MARGIN_SCREENS screens on both sides (found by binary search:
// LiveFindings.inLines). Scrolling within the margin
// needs no new decorations; once less than a screen of it is left, the window is recomputed around
// the new position, so the next screen is decorated before it is shown. Folded lines
// are not in the visible ranges, so a long fold does not pull its whole body into the window.

/** Up to this many findings, a document is decorated whole (no window). */
export const FULL_MASK_LIMIT = 1000;
/** Screens of margin above and below each visible range. */
export const MARGIN_SCREENS = 3;
/** The margin never falls below this many lines (a tiny editor still has room to scroll). */
export const MIN_MARGIN_LINES = 100;

/** Lines `start`..`end`, both inclusive, 0-based. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * The lines to decorate for an editor showing `visible`: each range widened by `marginScreens`
 * times the height of what is shown (at least MIN_MARGIN_LINES), clipped to the document, sorted
 * and merged. No visible range (an editor not laid out yet) means the top of the document.
 */
export function decorationWindow(visible: readonly LineSpan[], lineCount: number, marginScreens = MARGIN_SCREENS): LineSpan[] {
  const last = Math.max(0, lineCount - 1);
  const spans = visible.length ? visible : [{ start: 0, end: 0 }];
  const shown = spans.reduce((n, s) => n + Math.max(0, s.end - s.start) + 1, 0);
  const margin = Math.max(MIN_MARGIN_LINES, Math.ceil(shown * marginScreens));
  return mergeLineSpans(spans.map((s) => ({ start: Math.max(0, Math.min(s.start, s.end) - margin), end: Math.min(last, Math.max(s.start, s.end) + margin) })));
}

/** Line spans sorted by start and merged (touching ones too). */
export function mergeLineSpans(spans: readonly LineSpan[]): LineSpan[] {
  const merged: LineSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const prev = merged[merged.length - 1];
    if (prev && s.start <= prev.end + 1) prev.end = Math.max(prev.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * Whether the decorated window still serves `visible`: every visible range, widened by one screen
 * (clipped to the document), lies inside it. So the next page up or down is already decorated when
 * the editor shows it; once less than a screen of margin is left, the window is recomputed around the
 * new position (three screens again) while the current screen is still covered.
 */
export function covers(window: readonly LineSpan[], visible: readonly LineSpan[], lineCount: number): boolean {
  const last = Math.max(0, lineCount - 1);
  const screen = visible.reduce((n, s) => n + Math.abs(s.end - s.start) + 1, 0);
  return visible.every((v) => {
    const start = Math.max(0, Math.min(v.start, v.end) - screen);
    const end = Math.min(last, Math.max(v.start, v.end) + screen);
    return window.some((w) => w.start <= start && end <= w.end);
  });
}
