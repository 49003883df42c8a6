import { readFile } from 'node:fs/promises';
import type { AgentMedia, ReplyMedia } from '@sms-channel/channel-runtime';
import { MMS_MAX_MEDIA } from '@sms-channel/twilio-messaging';

/** The image types vision models take as image content parts. */
const VISION_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** An OpenAI chat-completions content part. */
export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

function kilobytes(size: number): string {
  return size < 1024 ? `${size} bytes` : `${Math.round(size / 1024)} KB`;
}

/** A media as a line of text: what the conversation history keeps, and what a model gets for a non-image. */
export function describeMedia(media: AgentMedia): string {
  return `[attachment: ${media.contentType}, ${kilobytes(media.size)}]`;
}

/**
 * The user message of a turn with media: the text, then each picture as an image content part (a `data:` URL
 * of the file: the model cannot fetch Twilio's URL, which needs the account's credentials), and every other
 * media as a short description.
 */
export async function userContentParts(text: string, media: readonly AgentMedia[]): Promise<ContentPart[]> {
  const parts: ContentPart[] = text === '' ? [] : [{ type: 'text', text }];
  for (const item of media) {
    if (VISION_TYPES.has(item.contentType)) {
      const data = (await readFile(item.path)).toString('base64');
      parts.push({ type: 'image_url', image_url: { url: `data:${item.contentType};base64,${data}` } });
    } else {
      parts.push({ type: 'text', text: describeMedia(item) });
    }
  }
  return parts;
}

/** `![alt](https://...)`: a markdown image with an http(s) URL (an optional title after it). */
const IMAGE = /!\[[^\]]*\]\(\s*<?(https?:\/\/[^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/**
 * The images of a model's markdown reply, taken out to go as MMS media: each `![alt](https://...)` becomes a
 * media URL (at most 10, Twilio's limit; the others stay in the text) and leaves the text.
 */
export function extractReplyImages(markdown: string): { text: string; media: ReplyMedia[] } {
  const media: ReplyMedia[] = [];
  const text = markdown.replace(IMAGE, (whole, url: string) => {
    if (media.length >= MMS_MAX_MEDIA) return whole;
    media.push({ url });
    return '';
  });
  return { text: media.length === 0 ? markdown : text.replace(/\n{3,}/g, '\n\n').trim(), media };
}
