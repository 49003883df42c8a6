import type { Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

/**
 * Parses markdown as GitHub does (CommonMark + GFM), once per reply, with frozen processors built once.
 *
 * Why not `remark-gfm` as a whole: two of its extensions dominate the parse time (measured: literal autolinks
 * add about a third to a reply's parse, tables a sixth), and most replies do not need them. A table cannot
 * exist without a `|`, and a bare URL or e-mail parses to the very same text without the literal-autolink
 * extension unless it holds a character markdown gives meaning to. So we enable those two only when the
 * reply could use them; the output is the same either way, only faster.
 */

const TABLE = 1;
const AUTOLINK_LITERAL = 2;
/** Every optional extension on: what `parseMarkdown` must always be equivalent to (tests hold it to that). */
export const ALL_EXTENSIONS = TABLE | AUTOLINK_LITERAL;
const processors: Array<Processor<Root> | undefined> = [];

/** Parses `markdown` into an mdast tree (with source positions). */
export function parseMarkdown(markdown: string, extensions = extensionsFor(markdown)): Root {
  return processorFor(extensions).parse(markdown);
}

function processorFor(features: number): Processor<Root> {
  const cached = processors[features];
  if (cached !== undefined) return cached;
  const micromarkExtensions = [gfmStrikethrough(), gfmTaskListItem(), gfmFootnote()];
  const fromMarkdownExtensions = [
    gfmStrikethroughFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
    gfmFootnoteFromMarkdown(),
  ];
  if (features & TABLE) {
    micromarkExtensions.push(gfmTable());
    fromMarkdownExtensions.push(gfmTableFromMarkdown());
  }
  if (features & AUTOLINK_LITERAL) {
    micromarkExtensions.push(gfmAutolinkLiteral());
    fromMarkdownExtensions.push(gfmAutolinkLiteralFromMarkdown());
  }
  const processor = unified()
    .use(remarkParse)
    .data({ micromarkExtensions, fromMarkdownExtensions })
    .freeze() as unknown as Processor<Root>;
  processors[features] = processor;
  return processor;
}

/** Characters that could make markdown read a bare URL or e-mail address as anything but its own text. */
const MARKDOWN_IN_URL = /[_*~`\\<>[\]&!|]/;
const URL_START = /https?:\/\/|www\./gi;
const EMAIL_LOCAL_PART = /[A-Za-z0-9._+-]*$/;
const UNTIL_SPACE = /^[^\s<]*/;
/** micromark also takes a pipeless table whose delimiter row has an alignment colon (`a` over `-:`). */
const PIPELESS_DELIMITER_ROW = /^[ \t]*(?::-+:?|-+:)[ \t]*$/m;

/** The optional extensions a text could need. */
export function extensionsFor(markdown: string): number {
  let extensions = 0;
  if (markdown.includes('|') || PIPELESS_DELIMITER_ROW.test(markdown)) extensions |= TABLE;
  if (needsLiteralAutolinks(markdown)) extensions |= AUTOLINK_LITERAL;
  return extensions;
}

/**
 * Whether a bare URL or address holds (or follows) a character that markdown could read as syntax. A URL in a
 * link destination, `[docs](https://x.y)`, has none in the common case, so most replies skip the extension.
 */
function needsLiteralAutolinks(markdown: string): boolean {
  for (const match of markdown.matchAll(URL_START)) {
    const at = match.index;
    const run = (markdown[at - 1] ?? '') + (UNTIL_SPACE.exec(markdown.slice(at, at + 2048))?.[0] ?? '');
    if (MARKDOWN_IN_URL.test(run)) return true;
  }
  let at = markdown.indexOf('@');
  while (at >= 0) {
    const before = markdown.slice(Math.max(0, at - 256), at);
    const local = EMAIL_LOCAL_PART.exec(before)?.[0] ?? '';
    const run = (before[before.length - local.length - 1] ?? '') + local;
    const domain = UNTIL_SPACE.exec(markdown.slice(at + 1, at + 2048))?.[0] ?? '';
    if (MARKDOWN_IN_URL.test(run + domain)) return true;
    at = markdown.indexOf('@', at + 1);
  }
  return false;
}
