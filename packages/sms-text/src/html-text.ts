import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { withTarget } from './link-target.js';

/**
 * Raw HTML in a reply: tags are dropped and their text kept, `<br>` becomes a line break, comments vanish, and
 * model reasoning blocks (`<think>`, `<thinking>`) are found so the converter can drop them with their content.
 */

/** One reasoning tag met in the reply's HTML, in document order. */
export type ThinkTag = 'open' | 'close';

const THINK_TAG = /<(\/?)think(?:ing)?(?=[\s/>])[^>]*>/gi;
const ANY_TAG = /<!--[\s\S]*?(?:-->|$)|<\/?[A-Za-z][^>]*>|<![^>]*>|<\?[\s\S]*?(?:\?>|$)/g;
const BR_TAG = /^<br\b/i;
const ANCHOR_OPEN = /^<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>$/i;
const ANCHOR = /<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

/** The reasoning tags in one HTML fragment, in order. */
export function thinkTagsOf(html: string): ThinkTag[] {
  const tags: ThinkTag[] = [];
  for (const match of html.matchAll(THINK_TAG)) tags.push(match[1] === '/' ? 'close' : 'open');
  return tags;
}

/**
 * Splits an HTML fragment at its reasoning tags: pieces alternate with the tags between them, so a fragment with
 * `n` tags yields `n + 1` pieces of HTML.
 */
export function splitAtThinkTags(html: string): string[] {
  return html.split(THINK_TAG).filter((_, i) => i % 2 === 0);
}

/**
 * The visible text of an HTML fragment: anchors read `label (href)`, other tags are removed (line break tags
 * become `\n`), entities are decoded.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  const anchored = html.replace(ANCHOR, (_, double?: string, single?: string, bare?: string, label = '') =>
    withTarget(stripTags(label), decodeEntities(double ?? single ?? bare ?? '')),
  );
  return decodeEntities(stripTags(anchored));
}

function stripTags(html: string): string {
  return html.replace(ANY_TAG, (tag) => (BR_TAG.test(tag) ? '\n' : ''));
}

/** The `href` of an opening `<a>` tag standing alone (as inline HTML is parsed), else `undefined`. */
export function anchorHref(tag: string): string | undefined {
  const match = ANCHOR_OPEN.exec(tag);
  return match === null ? undefined : decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

/** Whether an inline HTML node is a line break tag (`<br>`, `<br/>`, `<br />`). */
export function isBreakTag(tag: string): boolean {
  return /^<br\s*\/?>$/i.test(tag);
}

/** Decodes HTML character references the way markdown does (invalid code points become U+FFFD). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const decoded = decodeNamedCharacterReference(name);
      return decoded === false ? whole : decoded;
    }
    return fromCodePoint(Number.parseInt(decimal ?? hex ?? '', decimal === undefined ? 16 : 10));
  });
}

function fromCodePoint(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return String.fromCodePoint(invalid ? 0xfffd : code);
}
