import { describe, expect, it } from 'vitest';
import { checkMmsMedia, MMS_MAX_TOTAL_BYTES } from './mms-media-rules.js';
import { isMmsLimitError, type MmsLimitError } from './twilio-media-error.js';

function refusal(work: () => void): MmsLimitError {
  try {
    work();
  } catch (error) {
    if (isMmsLimitError(error)) return error;
    throw error;
  }
  throw new Error('expected an MmsLimitError');
}

const photo = (size: number) => ({ name: 'photo.jpg', contentType: 'image/jpeg', size });

describe('checkMmsMedia', () => {
  it('accepts ten pictures within 5 MB together', () => {
    expect(() =>
      checkMmsMedia(
        Array.from({ length: 10 }, () => photo(400_000)),
        100,
      ),
    ).not.toThrow();
  });

  it('refuses an eleventh media', () => {
    expect(refusal(() => checkMmsMedia(Array.from({ length: 11 }, () => photo(1))))).toMatchObject({
      rule: 'too-many-media',
      code: 'MMS_TOO_MANY_MEDIA',
    });
  });

  it('counts the text with the media against the 5 MB', () => {
    expect(() => checkMmsMedia([photo(MMS_MAX_TOTAL_BYTES - 10)], 10)).not.toThrow();
    expect(refusal(() => checkMmsMedia([photo(MMS_MAX_TOTAL_BYTES - 10)], 11)).rule).toBe(
      'message-too-large',
    );
  });

  it('allows other types 500 KB each', () => {
    const pdf = { name: 'menu.pdf', contentType: 'application/pdf', size: 500 * 1024 + 1 };
    expect(refusal(() => checkMmsMedia([pdf])).message).toContain(
      'menu.pdf (application/pdf) is 512001 bytes',
    );
  });

  it('refuses a type Twilio does not accept', () => {
    const page = { name: 'page.html', contentType: 'text/html; charset=utf-8', size: 10 };
    expect(refusal(() => checkMmsMedia([page]))).toMatchObject({ rule: 'unsupported-type' });
  });

  it('leaves what is not known (a remote URL) to Twilio', () => {
    expect(() => checkMmsMedia([{ name: 'https://example.com/cat.jpg' }])).not.toThrow();
  });
});
