import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkSms } from './chunk-sms.js';
import { countSegments } from './count-segments.js';
import { markdownToSms } from './markdown-to-sms.js';

/**
 * Golden tests: realistic assistant replies (`*.md`) and the SMS text a person should receive (`*.sms.txt`,
 * reviewed by hand). A change in output must be a deliberate change of these files.
 */
const directory = new URL('./__fixtures__/replies/', import.meta.url);
const replies = readdirSync(directory)
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({
    name,
    markdown: readFileSync(new URL(name, directory), 'utf8'),
    expected: readFileSync(new URL(name.replace(/\.md$/, '.sms.txt'), directory), 'utf8').replace(/\n$/, ''),
  }));

describe('golden replies', () => {
  it('covers at least ten replies', () => {
    expect(replies.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, markdown, expected } of replies) {
    it(`renders ${name} as reviewed`, () => {
      expect(markdownToSms(markdown)).toBe(expected);
    });

    it(`chunks ${name} into parts that fit one segment each and rejoin to the text`, () => {
      const text = markdownToSms(markdown);
      const parts = chunkSms(text, { maxSegments: 1, numbering: false });
      for (const part of parts) expect(countSegments(part).segments).toBe(1);
      expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    });
  }

  it('leaves no stray markdown markers or backticks outside code in the GSM-7 replies', () => {
    for (const name of ['comparison-table.md', 'links-and-images.md', 'reasoning-block.md']) {
      const text = markdownToSms(replies.find((reply) => reply.name === name)?.markdown ?? '');
      expect(countSegments(text).encoding, name).toBe('GSM-7');
      expect(text, name).not.toMatch(/\*\*|`|^#|\]\(/m);
    }
  });
});
