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
const processors: Array<Processor<Root> | undefined> = [];

/** Parses `markdown` into an mdast tree (with source positions). */
export function parseMarkdown(markdown: string): Root {
  return processorFor(featuresOf(markdown)).parse(markdown);
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
/** A whitespace-delimited token that GFM could turn into a literal autolink. */
const URL_LIKE_TOKEN = /\S*(?::\/\/|www\.|@)\S*/gi;

function featuresOf(markdown: string): number {
  let features = 0;
  if (markdown.includes('|')) features |= TABLE;
  for (const token of markdown.matchAll(URL_LIKE_TOKEN)) {
    if (MARKDOWN_IN_URL.test(token[0])) {
      features |= AUTOLINK_LITERAL;
      break;
    }
  }
  return features;
}
