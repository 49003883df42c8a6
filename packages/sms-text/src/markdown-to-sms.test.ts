import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidSmsInputError } from './errors.js';
import { markdownToSms } from './markdown-to-sms.js';

describe('markdownToSms: inline markers', () => {
  it('removes emphasis, strong, strikethrough and inline code markers and keeps the words', () => {
    expect(markdownToSms('Some *em*, _em_, **strong**, __strong__, ~~gone~~ and `code`.')).toBe(
      'Some em, em, strong, strong, gone and code.',
    );
  });

  it('removes heading markers, ATX and setext', () => {
    expect(markdownToSms('# Title #\n\nSub\n---\n\ntext')).toBe('Title\n\nSub\n\ntext');
  });

  it('regression (leading implementation turned `2*3*4` into `234`): keeps intraword stars as written', () => {
    expect(markdownToSms('2*3*4 = 24')).toBe('2*3*4 = 24');
    expect(markdownToSms('a**b**c and x~y~z')).toBe('a**b**c and x~y~z');
  });

  it('keeps intraword underscores as written', () => {
    expect(markdownToSms('use snake_case_word and __init__ here')).toBe('use snake_case_word and init here');
    expect(markdownToSms('snake_case_word')).toBe('snake_case_word');
  });

  it('still removes emphasis in CJK text, where words have no spaces', () => {
    expect(markdownToSms('这是**重要**的内容')).toBe('这是重要的内容');
  });

  it('regression (leading implementation was not idempotent on `\\*x\\*`): escaped literals keep their characters exactly once', () => {
    expect(markdownToSms('\\*x\\* and 5 \\* 3 and \\_y\\_ and \\`z\\`')).toBe(
      '*x* and 5 * 3 and _y_ and `z`',
    );
  });

  it('turns hard line breaks into line breaks', () => {
    expect(markdownToSms('one  \ntwo\\\nthree')).toBe('one\ntwo\nthree');
  });
});

describe('markdownToSms: links and images', () => {
  it('keeps a link target after its label', () => {
    expect(markdownToSms('[docs](https://x.y)')).toBe('docs (https://x.y)');
  });

  it('writes the URL once when the label is the URL', () => {
    expect(markdownToSms('[https://x.y](https://x.y)')).toBe('https://x.y');
    expect(markdownToSms('[x.y](https://x.y/)')).toBe('https://x.y/');
  });

  it('regression (leading implementation kept the brackets of `<https://x>`): autolinks lose their angle brackets', () => {
    expect(markdownToSms('See <https://x.y/a?b=1>.')).toBe('See https://x.y/a?b=1.');
    expect(markdownToSms('Mail <me@x.y>')).toBe('Mail me@x.y');
  });

  it('keeps bare URLs and addresses exactly as written, underscores and all', () => {
    const text = 'Go to https://x.y/a_b_c?q=1&r=2, www.x.y/*star*/ or me_2@x.y.';
    expect(markdownToSms(text)).toBe(text);
  });

  it('regression (leading implementation lost image URLs): an image becomes its alt text and URL', () => {
    expect(markdownToSms('![a cat](https://x.y/cat.png "Cat")')).toBe('a cat (https://x.y/cat.png)');
    expect(markdownToSms('![](https://x.y/cat.png)')).toBe('https://x.y/cat.png');
  });

  it('drops inline data: image payloads, keeping the description', () => {
    expect(markdownToSms('![chart](data:image/png;base64,iVBORw0KGgo=)')).toBe('chart');
  });

  it('resolves reference-style links and images, full, collapsed and shortcut', () => {
    const md =
      '[Docs][d], [site][], [site] and ![logo][l]\n\n[d]: https://d.x\n[site]: https://s.x\n[l]: https://l.x/i.png';
    expect(markdownToSms(md)).toBe(
      'Docs (https://d.x), site (https://s.x), site (https://s.x) and logo (https://l.x/i.png)',
    );
  });

  it('shows a mailto link as the address, and drops in-page anchors', () => {
    expect(markdownToSms('[write us](mailto:a@b.c) or see [below](#faq)')).toBe(
      'write us (a@b.c) or see below',
    );
  });
});

describe('markdownToSms: blocks', () => {
  it('removes fences and language tags and keeps code lines verbatim', () => {
    expect(markdownToSms('Run:\n\n```bash\n$ ls  -la\n    indented\n```\n\n    four-space code')).toBe(
      'Run:\n\n$ ls  -la\n    indented\n\nfour-space code',
    );
  });

  it('keeps bullets, ordered numbers and nesting by indentation', () => {
    expect(markdownToSms('* a\n* b\n  1. one\n  2. two\n     - deep\n* c')).toBe(
      '- a\n- b\n  1. one\n  2. two\n     - deep\n- c',
    );
  });

  it('keeps the start number of an ordered list', () => {
    expect(markdownToSms('3. third\n4. fourth')).toBe('3. third\n4. fourth');
  });

  it('shows task list items as [x] and [ ]', () => {
    expect(markdownToSms('- [x] done\n- [ ] todo')).toBe('- [x] done\n- [ ] todo');
  });

  it('regression (leading implementation lost table headers): a table becomes one line per row, header included', () => {
    expect(markdownToSms('| Name | Age |\n|:--|--:|\n| **Ann** | 31 |\n| Bob | |')).toBe(
      'Name | Age\nAnn | 31\nBob |',
    );
  });

  it('keeps the text of blockquotes', () => {
    expect(markdownToSms('> quoted\n> text\n>\n> > nested')).toBe('quoted\ntext\n\nnested');
  });

  it('drops thematic breaks and keeps footnotes as [n]', () => {
    expect(markdownToSms('Fact[^1].\n\n***\n\n[^1]: Source.')).toBe('Fact[1].\n\n[1] Source.');
  });
});

describe('markdownToSms: HTML', () => {
  it('removes a reasoning block entirely, even across blank lines', () => {
    expect(markdownToSms('<think>\nplan\n\n**more** plan\n</think>\n\nAnswer.')).toBe('Answer.');
    expect(markdownToSms('<thinking>x</thinking> Answer.')).toBe('Answer.');
  });

  it('drops everything before a closing reasoning tag that was never opened in the reply', () => {
    expect(markdownToSms('the model reasoned here\n</think>\n\nAnswer.')).toBe('Answer.');
  });

  it('keeps the text after an opening reasoning tag that is never closed', () => {
    expect(markdownToSms('Use <think> tags to reason.')).toBe('Use  tags to reason.');
  });

  it('does not treat reasoning tags inside code as HTML', () => {
    expect(markdownToSms('Type `<think>` then `</think>`.')).toBe('Type <think> then </think>.');
  });

  it('removes other tags and keeps their text, comments removed entirely', () => {
    expect(markdownToSms('<div>\n<b>Bold</b> text <!-- secret -->\n</div>\n\nHi <i>there</i>')).toBe(
      'Bold text\n\nHi there',
    );
  });

  it('turns <br> into a line break and an <a href> into label and URL', () => {
    expect(markdownToSms('one<br>two<br/>\nthree <a href="https://x.y">site</a>')).toBe(
      'one\ntwo\nthree site (https://x.y)',
    );
  });

  it('decodes HTML entities', () => {
    expect(markdownToSms('Q&amp;A &copy; &#8364;5 &#x41; &bogus;')).toBe('Q&A © €5 A &bogus;');
  });
});

describe('markdownToSms: whitespace', () => {
  it('converts CRLF to LF and collapses 3+ blank lines to one, trimmed', () => {
    expect(markdownToSms('\r\n  # T\r\n\r\n\r\n\r\n\r\npara  \r\n')).toBe('T\n\npara');
  });

  it('removes trailing spaces Twilio would bill', () => {
    expect(markdownToSms('line one   \nline two\t\n\n   \n\nend')).toBe('line one\nline two\n\nend');
  });

  // Regression: look-alikes were replaced after tidying, so a non-breaking space ending a line became a billed
  // trailing space, and a line of them a blank line tidying had not collapsed.
  it('removes the trailing spaces and blank lines that replacing look-alikes makes', () => {
    expect(markdownToSms('one\u00a0\ntwo\n\n\u3000\n\nthree', { gsmSafe: true })).toBe('one\ntwo\n\nthree');
  });
});

describe('markdownToSms: robustness', () => {
  it('never throws on any string and returns trimmed text without CR or 3+ newlines', () => {
    const markdownish = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...'*_~`[]()<>!#|\\&;:-+=.1 \n\t\r'),
        fc.constantFrom('<think>', '</think>', '```', '| --- |', '&amp;', 'http://', 'www.', '@', '- [ ] '),
        fc.string({ unit: 'binary', maxLength: 3 }),
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(markdownish, (text) => {
        const out = markdownToSms(text);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\r|\n{3,}|[ \t]\n/);
      }),
      { numRuns: 500 },
    );
  });

  // The 20,000-level case lives in deep-nesting.stress.ts (the parser's time grows faster than the depth).
  it('renders nesting deeper than a recursive walk of the tree could go on this stack', () => {
    const depth = (frames: number): number => {
      try {
        return depth(frames + 1);
      } catch {
        return frames;
      }
    };
    // Rendering a quote takes at least two frames per level; half the stack's depth in levels overflows that.
    const levels = Math.ceil(depth(0) / 2);
    expect(markdownToSms(`${'>'.repeat(levels)} deep`)).toBe('deep');
  });

  it('is idempotent on plain text that has no markdown', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'abc XYZ,.?!\'"0123456789\n'), maxLength: 200 });
    fc.assert(
      fc.property(plain, (text) => {
        const once = markdownToSms(text);
        expect(markdownToSms(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('replaces look-alikes by GSM-7 characters when asked', () => {
    expect(markdownToSms('It\u2019s *done* \u2014 really\u2026', { gsmSafe: true })).toBe(
      "It's done - really...",
    );
  });

  it('throws InvalidSmsInputError when given something other than a string', () => {
    expect(() => markdownToSms(42 as unknown as string)).toThrow(InvalidSmsInputError);
  });
});
