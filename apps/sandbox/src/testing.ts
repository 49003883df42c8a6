/**
 * @module @sms-channel/sandbox/testing
 * Helpers for browser tests of the dev phone (this package's and the gateway's end-to-end tests): how to launch
 * Debian's Chromium with playwright-core, and how to text and read replies on the page. Nothing here imports
 * Playwright: the page is typed by the few methods used, which a Playwright `Page` has.
 */

/** Where `scripts/setup-browser.sh` installs Debian's Chromium. */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a locked-down machine: no sandbox (tests may run as root), no GPU, and no
 * background connections to Google's services, which this machine's closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options for playwright-core's `chromium.launchPersistentContext(freshTempDir, options)`. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; headless: true } {
  return { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS], headless: true };
}

/** The dev phone's stable test hooks (`data-testid` attributes). */
export const DEV_PHONE = {
  connection: '[data-testid="connection"]',
  handsetInput: '[data-testid="handset-input"]',
  handset: (phoneNumber: string) => `[data-testid="handset"][data-handset="${phoneNumber}"]`,
  numberSelect: '[data-testid="number-select"]',
  composer: '[data-testid="composer-text"]',
  send: '[data-testid="send"]',
  segmentInfo: '[data-testid="segment-info"]',
  bubble: '[data-testid="bubble"]',
  sendError: '[data-testid="send-error"]',
} as const;

/** The methods of a Playwright `Page` these helpers use. */
export interface DevPhonePage {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  waitForFunction<R, Arg>(fn: (arg: Arg) => R, arg: Arg, options?: { timeout?: number }): Promise<unknown>;
}

/** Opens the dev phone and waits until its event stream is live. */
export async function openDevPhone(
  page: DevPhonePage,
  sandboxUrl: string,
  timeoutMs = 15_000,
): Promise<void> {
  await page.goto(`${sandboxUrl}/`);
  await page.waitForSelector(`${DEV_PHONE.connection}[data-state="open"]`, { timeout: timeoutMs });
}

/** Picks (or adds) the handset `from` and texts `body` from it. */
export async function textFromDevPhone(page: DevPhonePage, from: string, body: string): Promise<void> {
  await page.fill(DEV_PHONE.handsetInput, from);
  await page.click('#add-handset button[type="submit"]');
  await page.waitForSelector(`${DEV_PHONE.handset(from)}[aria-current="true"]`);
  await page.fill(DEV_PHONE.composer, body);
  await page.click(DEV_PHONE.send);
}

/** What a bubble must show: its text (substring or pattern source), side, and status label. */
export interface BubbleExpectation {
  /** A substring of the bubble's text, or a regular expression source tested against it. */
  text: string | RegExp;
  /** `sent`: the handset's own text; `received`: a text to the handset. @default either */
  direction?: 'sent' | 'received';
  /** The status label must start with this (`delivered`, `webhook 200`...). @default any */
  status?: string;
  /** @default 15000 */
  timeoutMs?: number;
}

interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
}

interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

/** Waits until the open conversation shows a bubble that meets `expected`. */
export async function waitForBubble(page: DevPhonePage, expected: BubbleExpectation): Promise<void> {
  const arg = {
    selector: DEV_PHONE.bubble,
    source: expected.text instanceof RegExp ? expected.text.source : null,
    flags: expected.text instanceof RegExp ? expected.text.flags : '',
    substring: typeof expected.text === 'string' ? expected.text : null,
    direction: expected.direction ?? null,
    status: expected.status ?? null,
  };
  await page.waitForFunction(
    (want) =>
      // Runs in the page; typed by hand because this package does not compile against the DOM library.
      Array.from(
        (globalThis as unknown as { document: PageDocument }).document.querySelectorAll(want.selector),
      ).some((bubble) => {
        const text = bubble.querySelector('[data-testid="bubble-text"]')?.textContent ?? '';
        const status = bubble.querySelector('[data-testid="bubble-status"]')?.textContent ?? '';
        const textOk =
          want.substring !== null
            ? text.includes(want.substring)
            : new RegExp(want.source ?? '', want.flags).test(text);
        return (
          textOk &&
          (want.direction === null || bubble.dataset.direction === want.direction) &&
          (want.status === null || status.startsWith(want.status))
        );
      }),
    arg,
    { timeout: expected.timeoutMs ?? 15_000 },
  );
}
