import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsWebhookBody, smsWebhookParams } from './__fixtures__/sms-webhook.js';
import { parseFormBody, parseUtf8FormBody } from './form-body.js';

describe('parseFormBody', () => {
  it('reads a Twilio SMS webhook body back into its fields', () => {
    expect({ ...parseFormBody(smsWebhookBody) }).toEqual(smsWebhookParams);
  });

  it('keeps every value of a repeated key, in body order', () => {
    expect(parseFormBody('MediaUrl=b&Body=x&MediaUrl=a&MediaUrl=b').MediaUrl).toEqual(['b', 'a', 'b']);
  });

  it('decodes + as a space and percent-escapes as UTF-8', () => {
    expect(parseFormBody('Body=caf%C3%A9+ol%C3%A9%21&From=%2B15555550123')).toMatchObject({
      Body: 'café olé!',
      From: '+15555550123',
    });
  });

  it('keeps empty values and keys without =', () => {
    expect({ ...parseFormBody('a=&b&=c&&') }).toEqual({ a: '', b: '', '': 'c' });
  });

  it('treats __proto__ and constructor as ordinary keys', () => {
    const params = parseFormBody('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.entries(params)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('parses bytes as UTF-8, replacing invalid sequences instead of throwing', () => {
    expect(parseFormBody(new Uint8Array([0x61, 0x3d, 0xff, 0x62])).a).toBe('\ufffdb');
    expect(parseFormBody('a=%E9').a).toBe('\ufffd');
  });

  it('gives no params for an empty body', () => {
    expect(Object.keys(parseFormBody(''))).toEqual([]);
  });
});

/** What the parser must equal: WHATWG's own form-urlencoded parser, grouped by key. */
function byUrlSearchParams(text: string): Record<string, string | string[]> {
  const grouped: Record<string, string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    const values = grouped[name] ?? [];
    values.push(value);
    grouped[name] = values;
  }
  const params: Record<string, string | string[]> = Object.create(null);
  for (const [name, values] of Object.entries(grouped))
    params[name] = values.length === 1 ? (values[0] ?? '') : values;
  return params;
}

// Pieces that stress the decoder: separators, escapes valid and not, UTF-8 bytes valid and not,
// '+', a leading '?', non-ASCII text and lone surrogates.
const formPiece = fc.oneof(
  fc.constantFrom(
    '&',
    '=',
    '+',
    '?',
    '%',
    '%2',
    '%zz',
    '%25',
    '%2B',
    '%26',
    '%3D',
    '%C3%A9',
    '%E9',
    '%F0%9F%99%82',
  ),
  fc.constantFrom('%ED%A0%80', '%EF%BB%BF', '%C3', '%80', '\u00e9', '\ud83d\ude42', '\ud800', '\udc00'),
  fc.stringMatching(/^[A-Za-z0-9_.~-]{1,5}$/),
);

describe('parseFormBody against URLSearchParams', () => {
  it('gives the same names, values and order as URLSearchParams for any text', () => {
    fc.assert(
      fc.property(fc.array(formPiece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        const parsed = parseFormBody(text);
        const expected = byUrlSearchParams(text);
        expect(Object.entries(parsed)).toEqual(Object.entries(expected));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseUtf8FormBody', () => {
  it('parses text and UTF-8 bytes as parseFormBody does', () => {
    expect({ ...parseUtf8FormBody(smsWebhookBody) }).toEqual(smsWebhookParams);
    expect({ ...parseUtf8FormBody(new TextEncoder().encode(smsWebhookBody)) }).toEqual(smsWebhookParams);
  });

  it('gives undefined for bytes that are not UTF-8, instead of replacing them', () => {
    expect(parseUtf8FormBody(new Uint8Array([0x61, 0x3d, 0xff, 0x62]))).toBeUndefined();
  });

  it('still decodes a percent-escape that is not UTF-8 as U+FFFD (the bytes on the wire are ASCII)', () => {
    expect(parseUtf8FormBody('a=%E9')?.a).toBe('\ufffd');
  });
});
