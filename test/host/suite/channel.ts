// Client of the harness's browser channel (test/host/harness.mjs). Host tests run inside the extension
// host; anything that needs the browser (a real key press, a modal dialog button, the rendered DOM, a
// screenshot) is a request to the harness over loopback HTTP at $TC_TEST_CHANNEL.
// Under @vscode/test-electron there is no channel: check channelAvailable() and skip such tests there.

export const CHANNEL_ENV = 'TC_TEST_CHANNEL';
export const WORKSPACE_ENV = 'TC_TEST_WORKSPACE';
export const MODE_ENV = 'TC_TEST_MODE';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface DialogInfo {
  message: string;
  detail: string;
  buttons: string[];
}

export function channelAvailable(): boolean {
  return Boolean(process.env[CHANNEL_ENV]);
}

/**
 * How the suites were started: 'workbench' (test/host/run.mjs, normal workbench + driver extension),
 * 'payload' (run.mjs --payload: extensionTestsPath, so VS Code refuses modal dialogs, shows no toasts and
 * swaps in an in-memory clipboard), 'web' (run.mjs --web: the extension runs its browser build in the web
 * worker extension host; only web.test.ts runs) or 'electron' (@vscode/test-electron, no browser channel).
 */
export function testMode(): 'workbench' | 'payload' | 'web' | 'electron' {
  const mode = process.env[MODE_ENV];
  return mode === 'workbench' || mode === 'payload' || mode === 'web' ? mode : 'electron';
}

/** True when modal dialogs, notification toasts and the browser clipboard behave as for a user. */
export function realWorkbench(): boolean {
  return testMode() === 'workbench' && channelAvailable();
}

/** Absolute path of the harness's throwaway workspace folder (tests may create files in it). */
export function workspacePath(): string {
  const ws = process.env[WORKSPACE_ENV];
  if (!ws) throw new Error(`${WORKSPACE_ENV} is not set: host tests must be started by test/host/run.mjs or test/host/electron.mjs`);
  return ws;
}

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Sends one request to the harness; rejects with a clear error on timeout or when the harness reports a failure. */
export async function request<T>(action: string, args: Record<string, unknown> = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const base = process.env[CHANNEL_ENV];
  if (!base) throw new Error(`browser channel unavailable (${CHANNEL_ENV} is not set): "${action}" needs test/host/run.mjs`);
  let res: Response;
  try {
    res = await fetch(`${base}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, args }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new Error(`browser channel: "${action}" got no answer from the harness at ${base} within ${timeoutMs} ms`, { cause: err });
    }
    throw new Error(`browser channel: "${action}" could not reach the harness at ${base}: ${e.message}`, { cause: err });
  }
  if (!res.ok) throw new Error(`browser channel: "${action}" failed with HTTP ${res.status}`);
  const reply = (await res.json()) as Reply;
  if (!reply.ok) throw new Error(`browser channel: ${action} failed: ${reply.error ?? 'unknown error'}`);
  return reply.value as T;
}

/** Playwright key presses, e.g. 'Control+Shift+V'; several combos separated by spaces are pressed in order. */
export function press(keys: string): Promise<void> {
  return request<void>('press', { keys });
}

/** Types text key by key into whatever has focus. */
export function type(text: string): Promise<void> {
  return request<void>('type', { text });
}

/** Inserts text like an IME/paste would (one input event, no key events). */
export function insertText(text: string): Promise<void> {
  return request<void>('insertText', { text });
}

/** Clicks the visible terminal so keyboard input goes to it; resolves with the focused element's description. */
export function focusTerminal(timeoutMs = 10_000): Promise<string> {
  return request<string>('focusTerminal', { timeoutMs }, timeoutMs + DEFAULT_TIMEOUT_MS);
}

/** Describes document.activeElement in the workbench (tag.class.list), or null. */
export function activeElement(): Promise<string | null> {
  return request<string | null>('activeElement');
}

/** Clicks the first visible element whose text is `text` (waits up to timeoutMs for it). */
export function clickText(text: string, options: { exact?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return request<void>('clickText', { text, exact: options.exact ?? true, timeoutMs }, timeoutMs + DEFAULT_TIMEOUT_MS);
}

/**
 * Clicks a visible button by its exact label: a modal dialog's button first, else e.g. a notification
 * action; with `notification`, only the button of the toast whose text contains that string.
 */
export function clickButton(label: string, timeoutMs = 10_000, notification?: string): Promise<void> {
  return request<void>('clickButton', { label, timeoutMs, ...(notification === undefined ? {} : { notification }) }, timeoutMs + DEFAULT_TIMEOUT_MS);
}

/**
 * `Date.now()` in the page (the system clock, as the extension host's `Date.now()`); 0 when not seen
 * (yet).
 */
export interface ClickProbe {
  /** The DOM mousedown on the button. */
  downAt: number;
  /** The DOM click on the button (what the workbench acts on). */
  clickAt: number;
  /** The first moment after the click that no visible toast holds the notification's text. */
  goneAt: number;
  /** The page's `performance.timeOrigin + performance.now()` minus `Date.now()` when armed. */
  drift: number;
}

/**
 * Arms a probe in the page for the next click on `label` in the toast whose text contains
 * `notification`: it stamps the real DOM click and the toast's disappearance (clickProbe()).
 */
export function armClickProbe(label: string, notification: string): Promise<void> {
  return request<void>('armClickProbe', { label, notification });
}

/** The armed probe's times (null when none is armed); `stop` disarms it. */
export function clickProbe(stop = false): Promise<ClickProbe | null> {
  return request<ClickProbe | null>('clickProbe', { stop });
}

/** The open modal dialog (message, detail, button labels), or null when none is shown. */
export function dialog(): Promise<DialogInfo | null> {
  return request<DialogInfo | null>('dialog');
}

/** Text of the open modal dialog (message and detail, newline-separated), or null when none is shown. */
export function dialogText(): Promise<string | null> {
  return request<string | null>('dialogText');
}

/** Messages of the visible notification toasts (and of the notification center when it is open). */
export function notifications(): Promise<string[]> {
  return request<string[]>('notifications');
}

/** Clicks the first visible node matching a CSS selector (e.g. an icon button by its aria-label). */
export function click(selector: string, timeoutMs = 10_000): Promise<void> {
  return request<void>('click', { selector, timeoutMs }, timeoutMs + DEFAULT_TIMEOUT_MS);
}

/** Number of DOM nodes in the workbench matching a CSS selector. */
export function count(selector: string): Promise<number> {
  return request<number>('count', { selector });
}

/**
 * textContent of every node matching the selector, joined by newlines (null when none match);
 * non-breaking spaces (how Monaco renders spaces) come back as plain spaces.
 */
export function textContent(selector: string): Promise<string | null> {
  return request<string | null>('textContent', { selector });
}

/**
 * Rendered text (innerText: what a person sees — text hidden by CSS is left out) of every node
 * matching the selector, joined by newlines (null when none match).
 */
export function visibleText(selector: string): Promise<string | null> {
  return request<string | null>('visibleText', { selector });
}

/** Waits until a node matching the selector reaches `state` (default visible). */
export function waitForSelector(selector: string, options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return request<void>('waitForSelector', { selector, state: options.state ?? 'visible', timeoutMs }, timeoutMs + DEFAULT_TIMEOUT_MS);
}

/** The browser's navigator.clipboard text (the workbench's real clipboard in the normal workbench). */
export function clipboardRead(): Promise<string> {
  return request<string>('clipboardRead');
}

export function clipboardWrite(text: string): Promise<void> {
  return request<void>('clipboardWrite', { text });
}

/** Saves a screenshot of the workbench into the artifacts folder; resolves with its path. */
export function screenshot(name: string): Promise<string> {
  return request<string>('screenshot', { name });
}

/** Moves the mouse `dx`,`dy` pixels right of the end of `text` inside an element `selector` matches (to hover). */
export function mouseToText(selector: string, text: string, dx = 0, dy = 0): Promise<void> {
  return request('mouseToText', { selector, text, dx, dy });
}

/** Drags the vertical sash at the right edge of the part `selector` matches by `dx` pixels. */
export function dragSash(selector: string, dx: number): Promise<void> {
  return request('dragSash', { selector, dx });
}

/** Serves browser requests under the URL `prefix` from files under `dir` (the harness is offline). */
export function serveUrlPrefix(prefix: string, dir: string): Promise<void> {
  return request('serveUrlPrefix', { prefix, dir });
}

/**
 * Every image in every frame of the workbench (webviews included): its alt text, its src (empty when a
 * sanitizer dropped it), whether it loaded and its natural width.
 */
export function frameImages(): Promise<{ alt: string; src: string; loaded: boolean; width: number }[]> {
  return request('frameImages');
}

/**
 * A README screenshot (`npm run screenshots`): saved as `<saveAs>.png` in $TC_SCREENSHOT_DIR, cropped to
 * the union of the visible elements `selectors` match, plus `pad` pixels.
 */
export function readmeScreenshot(saveAs: string, selectors: string[], pad = 0): Promise<string> {
  return request<string>('screenshot', { name: saveAs, saveAs, region: { selectors, pad } }, 30_000);
}

/** Polls `probe` until it returns a truthy value; rejects after timeoutMs naming `what`. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
