import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmsReply } from './format-sms-reply.js';
import { gsm7Septets } from './gsm7-alphabet.js';

/**
 * Issue 14: the official converter turns list items into `•`, which bills a whole reply as UCS-2. Every
 * character our renderer adds itself (list markers and numbers, `[x]`, table glue ` | `, link targets in
 * parentheses, footnote labels, line breaks, part numbers ` (i/n)`) must be GSM-7, so that a reply written in
 * GSM-7 stays GSM-7.
 */
describe('characters the renderer inserts', () => {
  const unit = fc.oneof(
    { arbitrary: fc.constantFrom(...'ab Z09 .,!?:;()-+=/\n'), weight: 10 },
    {
      arbitrary: fc.constantFrom(
        ...[
          '# h\n',
          '## h\n',
          'h\n===\n',
          '- i\n',
          '* i\n',
          '1. i\n',
          '7) i\n',
          '  - n\n',
          '- [ ] t\n',
          '- [x] d\n',
        ],
        ...['> q\n', '> > qq\n', '```sh\nls -la\n```\n', '    code\n', '---\n', '***\n', '\n\n'],
        ...[
          '**b**',
          '*i*',
          '_i_',
          '~~s~~',
          '`c`',
          '[l](https://x.y/p)',
          '![alt](https://x.y/i.png)',
          '<https://a.b>',
        ],
        ...[
          '[r]',
          '[r]: https://r.x\n',
          '[^1]',
          '\n[^1]: note\n',
          'https://x.y/a_b',
          'x@y.z',
          '<br>',
          '<b>b</b>',
        ],
        ...[
          '<a href="https://h.x">h</a>',
          '<!-- c -->',
          '<think>t</think>',
          '| a | b |\n|---|---|\n| 1 | 2 |\n',
        ],
        ...['a | b\n-|-\n1 | 2\n', '\\*', '2*3*4'],
      ),
      weight: 4,
    },
    // Characters outside GSM-7 the author wrote, which may stay: they are not the renderer's.
    { arbitrary: fc.constantFrom('\u2019', '\u{1F600}', '\u4e2d', '`', '\t'), weight: 1 },
  );

  it('outputs no character outside GSM-7 that the reply did not hold, numbering included', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 120 }), fc.boolean(), (markdown, smartEncoding) => {
        for (const part of formatSmsReply(markdown, { maxChars: 60, smartEncoding })) {
          for (const char of part) {
            if (gsm7Septets(char.charCodeAt(0)) > 0) continue;
            expect(markdown, `${JSON.stringify(char)} in ${JSON.stringify(part)}`).toContain(char);
          }
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
