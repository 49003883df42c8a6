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
  /** The attach button's file input (`setInputFiles` on it attaches files to the next text). */
  attachInput: '[data-testid="attach-input"]',
  /** One picked attachment, before sending. */
  attachment: '[data-testid="attachment"]',
  /** A picture's thumbnail inside a bubble. */
  bubbleImage: '[data-testid="bubble-image"]',
  /** A link to a media that is no picture (or that the MMS Converter sent as a link) inside a bubble. */
  bubbleMediaLink: '[data-testid="bubble-media-link"]',
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

/** A file to attach, in the shape Playwright's `setInputFiles` takes. */
export interface DevPhoneFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A page that can also pick files (a Playwright `Page` can). */
export interface DevPhoneUploadPage extends DevPhonePage {
  setInputFiles(selector: string, files: DevPhoneFile[]): Promise<void>;
}

/** Picks (or adds) the handset `from` and texts `body` from it. */
export async function textFromDevPhone(page: DevPhonePage, from: string, body: string): Promise<void> {
  await selectHandset(page, from);
  await page.fill(DEV_PHONE.composer, body);
  await page.click(DEV_PHONE.send);
}

/**
 * Picks (or adds) the handset `from`, attaches `files` with the attach button, waits until the composer lists
 * them, and sends them as an MMS with `body` (which may be empty).
 */
export async function textMediaFromDevPhone(
  page: DevPhoneUploadPage,
  from: string,
  body: string,
  files: DevPhoneFile[],
): Promise<void> {
  await selectHandset(page, from);
  await page.setInputFiles(DEV_PHONE.attachInput, files);
  await page.waitForSelector(`${DEV_PHONE.attachment}:nth-child(${files.length})`);
  await page.fill(DEV_PHONE.composer, body);
  await page.click(DEV_PHONE.send);
}

async function selectHandset(page: DevPhonePage, from: string): Promise<void> {
  await page.fill(DEV_PHONE.handsetInput, from);
  await page.click('#add-handset button[type="submit"]');
  await page.waitForSelector(`${DEV_PHONE.handset(from)}[aria-current="true"]`);
}

/** What a bubble must show: its text (substring or pattern source), side, and status label. */
export interface BubbleExpectation {
  /** A substring of the bubble's text, or a regular expression source tested against it. */
  text: string | RegExp;
  /** `sent`: the handset's own text; `received`: a text to the handset. @default either */
  direction?: 'sent' | 'received';
  /** The status label must start with this (`delivered`, `webhook 200`...). @default any */
  status?: string;
  /** At least this many picture thumbnails, loaded and drawn (not broken images). @default 0 */
  images?: number;
  /** At least this many media links. @default 0 */
  links?: number;
  /** @default 15000 */
  timeoutMs?: number;
}

interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement & { complete?: boolean; naturalWidth?: number }>;
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
    images: expected.images ?? 0,
    links: expected.links ?? 0,
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
        const drawn = Array.from(bubble.querySelectorAll('[data-testid="bubble-image"]')).filter(
          (image) => image.complete === true && (image.naturalWidth ?? 0) > 0,
        );
        const links = bubble.querySelectorAll('[data-testid="bubble-media-link"]').length;
        return (
          textOk &&
          (want.direction === null || bubble.dataset.direction === want.direction) &&
          (want.status === null || status.startsWith(want.status)) &&
          drawn.length >= want.images &&
          links >= want.links
        );
      }),
    arg,
    { timeout: expected.timeoutMs ?? 15_000 },
  );
}
