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
import { keptAsWritten, riskyUrlRuns } from './literal-autolinks.js';

/**
 * Parses markdown as GitHub does (CommonMark + GFM), with frozen processors built once.
 *
 * Why not `remark-gfm` as a whole: each GFM extension is tried all along the text, so together they cost
 * more than the whole strip-markdown pipeline they replace (measured on a 4 KB reply: tables add about a third
 * to a CommonMark parse, literal autolinks about as much, the others a few percent each). Most replies use few
 * of them, and none of them can match without a telltale character: a table needs a delimiter row, a
 * strikethrough a `~`, a task list item `[ ]` or `[x]`, a footnote `[^`. So an extension is on only when the
 * reply holds its telltale. Literal autolinks are handled by `literal-autolinks.ts`: the reply is parsed
 * without them, and again with them only when a bare URL did not come through as written. The output is the
 * same as with every extension on (a property test holds it to that), only faster.
 */

const TABLE = 1;
const AUTOLINK_LITERAL = 2;
const STRIKETHROUGH = 4;
const TASK_LIST_ITEM = 8;
const FOOTNOTE = 16;
/** Every extension on: what `parseMarkdown` must always be equivalent to. */
export const ALL_EXTENSIONS = TABLE | AUTOLINK_LITERAL | STRIKETHROUGH | TASK_LIST_ITEM | FOOTNOTE;
const processors: Array<Processor<Root> | undefined> = [];

/** Parses `markdown` into an mdast tree (with source positions); `extensions` forces a set (for tests). */
export function parseMarkdown(markdown: string, extensions?: number): Root {
  if (extensions !== undefined) return processorFor(extensions).parse(markdown);
  const needed = extensionsFor(markdown);
  const tree = processorFor(needed).parse(markdown);
  const runs = riskyUrlRuns(markdown);
  if (runs.every((run) => keptAsWritten(tree, markdown, run))) return tree;
  return processorFor(needed | AUTOLINK_LITERAL).parse(markdown);
}

/** The extensions (literal autolinks aside) whose telltale the reply holds. */
export function extensionsFor(markdown: string): number {
  let extensions = 0;
  if (mayHoldTable(markdown)) extensions |= TABLE;
  if (markdown.includes('~')) extensions |= STRIKETHROUGH;
  if (TASK_MARKER.test(markdown)) extensions |= TASK_LIST_ITEM;
  if (markdown.includes('[^')) extensions |= FOOTNOTE;
  return extensions;
}

const TASK_MARKER = /\[[\sxX]\]/;

/** A line that could be a table's delimiter row: cells of `:?-+:?`, with a `|` or `:` somewhere. */
const DELIMITER_ROW = /^[ \t>]*\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/gm;

/** Whether the reply might hold a GFM table (micromark takes pipeless ones too, `a` over `-:`). */
export function mayHoldTable(markdown: string): boolean {
  if (!markdown.includes('-')) return false;
  const hasPipe = markdown.includes('|');
  for (const match of markdown.matchAll(DELIMITER_ROW)) {
    if (hasPipe || match[0].includes(':')) return true;
  }
  return false;
}

const EXTENSIONS = [
  [TABLE, gfmTable, gfmTableFromMarkdown],
  [AUTOLINK_LITERAL, gfmAutolinkLiteral, gfmAutolinkLiteralFromMarkdown],
  [STRIKETHROUGH, gfmStrikethrough, gfmStrikethroughFromMarkdown],
  [TASK_LIST_ITEM, gfmTaskListItem, gfmTaskListItemFromMarkdown],
  [FOOTNOTE, gfmFootnote, gfmFootnoteFromMarkdown],
] as const;

function processorFor(extensions: number): Processor<Root> {
  const cached = processors[extensions];
  if (cached !== undefined) return cached;
  const micromarkExtensions = [];
  const fromMarkdownExtensions = [];
  for (const [flag, syntax, fromMarkdown] of EXTENSIONS) {
    if ((extensions & flag) === 0) continue;
    micromarkExtensions.push(syntax());
    fromMarkdownExtensions.push(fromMarkdown());
  }
  const processor = unified()
    .use(remarkParse)
    .data({ micromarkExtensions, fromMarkdownExtensions })
    .freeze() as unknown as Processor<Root>;
  processors[extensions] = processor;
  return processor;
}
