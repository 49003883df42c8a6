import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments.js';
import { formatSmsReply } from './format-sms-reply.js';

describe('formatSmsReply', () => {
  it('converts markdown and returns one part when it fits', () => {
    expect(formatSmsReply('**Done!** See [docs](https://x.y).')).toEqual(['Done! See docs (https://x.y).']);
  });

  it('converts then chunks, numbering the parts', () => {
    const markdown = `# Steps\n\n${'1. Do **this** thing now.\n'.repeat(30)}`;
    const parts = formatSmsReply(markdown, { maxChars: 160 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toMatch(/^Steps\n\n1\. Do this thing now\.\n2\./);
    for (const [index, part] of parts.entries()) {
      expect(part.length).toBeLessThanOrEqual(160);
      expect(part.endsWith(` (${index + 1}/${parts.length})`)).toBe(true);
    }
  });

  it('keeps a reply in GSM-7 when asked to replace look-alikes', () => {
    const [part] = formatSmsReply('It\u2019s *ready* \u2014 come by\u2026', {
      gsmSafe: true,
      maxSegments: 1,
    });
    expect(part).toBe("It's ready - come by...");
    expect(countSegments(part ?? '').encoding).toBe('GSM-7');
  });

  it('returns no part for a reply that is only a reasoning block', () => {
    expect(formatSmsReply('<think>\nnothing to say\n</think>')).toEqual([]);
  });
});
