import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkSms } from './chunk-sms.js';
import { countSegments } from './count-segments.js';
import { formatSmsReply } from './format-sms-reply.js';
import { smartEncode, toGsmSafe } from './to-gsm-safe.js';

/** Segments billed for all the parts of a reply. */
function billed(parts: readonly string[]): number {
  return parts.reduce((sum, part) => sum + countSegments(part).segments, 0);
}

describe('smartEncode', () => {
  it('replaces look-alikes when that makes the whole message GSM-7', () => {
    expect(smartEncode('\u201cIt\u2019s fine\u201d \u2013 she said\u2026')).toBe(
      '"It\'s fine" - she said...',
    );
  });

  it('keeps a message that needs UCS-2 anyway (an emoji, CJK) exactly as written', () => {
    expect(smartEncode('It\u2019s fine \u{1F600}')).toBe('It\u2019s fine \u{1F600}');
    expect(smartEncode('\u300c\u597d\u300d\u2026 \u201cok\u201d')).toBe(
      '\u300c\u597d\u300d\u2026 \u201cok\u201d',
    );
  });
});

describe('formatSmsReply with Smart Encoding (on by default)', () => {
  // Issue 14: "One curly apostrophe turns a 1,451-character reply from 10 segments into 22 (UCS-2)."
  const start = `It\u2019s ${'all good here, nothing else to report today. '.repeat(40)}`.slice(0, 1450);
  const longReply = `${start}.`;

  it('regression (one curly apostrophe billed a 1,451-character reply as UCS-2, 22 segments): 10 segments', () => {
    expect(longReply.length).toBe(1451);
    expect(billed(formatSmsReply(longReply, { smartEncoding: false }))).toBe(22);
    const parts = formatSmsReply(longReply);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.startsWith("It's all good")).toBe(true);
    expect(countSegments(parts[0] ?? '')).toMatchObject({ encoding: 'GSM-7', segments: 10 });
  });

  it('keeps the characters as written in a part that needs UCS-2 anyway', () => {
    expect(formatSmsReply('It\u2019s *done* \u2014 thanks! \u{1F389}')).toEqual([
      'It\u2019s done \u2014 thanks! \u{1F389}',
    ]);
  });

  it('replaces look-alikes in the parts that become GSM-7 and keeps them in the one with an emoji', () => {
    const paragraph = 'We\u2019re on track \u2014 the \u201cbeta\u201d ships Friday\u2026 see you there.';
    const reply = `${[paragraph, paragraph, paragraph].join('\n\n')}\n\nThat\u2019s all! \u{1F44B}`;
    const parts = formatSmsReply(reply, { maxChars: 120 });
    expect(parts.length).toBeGreaterThan(2);
    const last = parts.at(-1) ?? '';
    expect(last).toContain('\u{1F44B}');
    expect(last).toContain('\u2019');
    for (const part of parts.slice(0, -1)) {
      expect(countSegments(part).encoding, part).toBe('GSM-7');
      expect(part).not.toMatch(/[\u2019\u2014\u201c\u201d\u2026]/);
    }
  });

  it('cuts parts as they will be sent: ellipses that become three dots still fit maxChars', () => {
    const parts = formatSmsReply('Wait\u2026 '.repeat(60), { maxChars: 100 });
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(part).not.toContain('\u2026');
    }
    expect(parts.join(' ')).toContain('Wait...');
  });

  it('leaves the reply as written with smartEncoding: false', () => {
    expect(formatSmsReply('It\u2019s done\u2026', { smartEncoding: false })).toEqual([
      'It\u2019s done\u2026',
    ]);
  });

  it('never bills more segments than without it', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(...'abc .,!\n'), weight: 10 },
      {
        arbitrary: fc.constantFrom(
          '\u2019',
          '\u201c',
          '\u2014',
          '\u2026',
          '\u00a0',
          '\u00bd',
          '\t',
          '\u200b',
        ),
        weight: 3,
      },
      { arbitrary: fc.constantFrom('\u{1F600}', '\u4e2d', '\u00e7', '\u20ac'), weight: 1 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 600 }),
        fc.integer({ min: 40, max: 400 }),
        (text, maxChars) => {
          const smart = formatSmsReply(text, { maxChars, numbering: false });
          const plain = formatSmsReply(text, { maxChars, numbering: false, smartEncoding: false });
          expect(billed(smart)).toBeLessThanOrEqual(billed(plain));
          for (const part of smart) expect(part.length).toBeLessThanOrEqual(maxChars);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('chunkSms with smartEncoding', () => {
  const unit = fc.oneof(
    { arbitrary: fc.constantFrom(...'abcdefgh     ..!?,'), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        '\n',
        '\n\n',
        '\u00a0',
        '\u2019',
        '\u2026',
        '\u2014',
        '\t',
        '\u200b',
        '\u00bd',
      ),
      weight: 3,
    },
    {
      arbitrary: fc.constantFrom(
        '\u20ac',
        '{',
        '\u00e7',
        '\u4e2d',
        '\u{1F600}',
        '\u{1F1EB}\u{1F1F7}',
        'e\u0301',
      ),
      weight: 2,
    },
  );
  const text = fc.string({ unit, maxLength: 400 });
  const options = fc.record({
    maxChars: fc.integer({ min: 30, max: 200 }),
    maxSegments: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    numbering: fc.boolean(),
  });

  it('sends each part GSM-7 unless it holds a character with no GSM-7 form, within maxChars and maxSegments', () => {
    fc.assert(
      fc.property(text, options, (input, opts) => {
        for (const part of chunkSms(input, { ...opts, smartEncoding: true })) {
          expect(part.length).toBeLessThanOrEqual(opts.maxChars);
          if (opts.maxSegments !== undefined) {
            expect(countSegments(part).segments).toBeLessThanOrEqual(opts.maxSegments);
          }
          const gsm7 = countSegments(part).encoding === 'GSM-7';
          expect(gsm7 || countSegments(toGsmSafe(part)).encoding === 'UCS-2', JSON.stringify(part)).toBe(
            true,
          );
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('loses no text: the parts are the reply, each as written or with its look-alikes replaced', () => {
    const visible = (value: string) => toGsmSafe(value).replace(/\s/g, '');
    fc.assert(
      fc.property(text, options, (input, opts) => {
        const parts = chunkSms(input, { ...opts, numbering: false, smartEncoding: true });
        expect(visible(parts.join(''))).toBe(visible(input));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
