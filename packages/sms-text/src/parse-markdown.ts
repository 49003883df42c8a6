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
import { needsLiteralAutolinks } from './literal-autolinks.js';
import { rebuildTables, rowsAsParagraphs } from './rows-as-paragraphs.js';
import { findSimpleTables, mayHoldTable } from './simple-tables.js';

/**
 * Parses markdown as GitHub does (CommonMark + GFM), once, with frozen processors built once.
 *
 * Why not `remark-gfm` as a whole: GFM tables are tried at the start of every block line and literal
 * autolinks at every letter, so together the extensions cost more than the whole strip-markdown pipeline they
 * replace. Most replies use few of them, and none can match without a telltale: a table needs a delimiter row,
 * a strikethrough a `~`, a task list item `[ ]` or `[x]`, a footnote `[^`, a literal autolink a bare URL or
 * address that markdown would not leave as written anyway (`literal-autolinks.ts`). So an extension is on only
 * when the reply holds its telltale, and simple tables are read as one paragraph per row, without the table
 * extension (`simple-tables.ts`). The output is the same as with every extension on (property tests hold it
 * to that), only faster.
 */

export const TABLE = 1;
export const AUTOLINK_LITERAL = 2;
const STRIKETHROUGH = 4;
const TASK_LIST_ITEM = 8;
const FOOTNOTE = 16;
/** Every extension on: what `parseMarkdown` must always be equivalent to. */
export const ALL_EXTENSIONS = TABLE | AUTOLINK_LITERAL | STRIKETHROUGH | TASK_LIST_ITEM | FOOTNOTE;
const processors: Array<Processor<Root> | undefined> = [];

/** An mdast tree (with source positions) and the text its positions refer to. */
export interface ParsedMarkdown {
  tree: Root;
  /** The reply, or the reply with its simple tables rewritten as row paragraphs (`rows-as-paragraphs.ts`). */
  source: string;
}

/** Parses `markdown`; `extensions` forces a set of extensions and a plain parse (for tests). */
export function parseMarkdown(markdown: string, extensions?: number): ParsedMarkdown {
  if (extensions !== undefined) return { tree: processorFor(extensions).parse(markdown), source: markdown };
  const needed = extensionsFor(markdown);
  const tables = needed & TABLE ? findSimpleTables(markdown) : undefined;
  if (tables !== undefined) {
    const rows = rowsAsParagraphs(markdown, tables);
    const tree = processorFor(needed & ~TABLE).parse(rows.text);
    if (rebuildTables(tree, rows.tables)) return { tree, source: rows.text };
    // Unreachable as far as the checks of simple-tables.ts go; if one missed a case, be right rather than fast.
  }
  return { tree: processorFor(needed).parse(markdown), source: markdown };
}

/** The extensions whose telltale the reply holds. */
export function extensionsFor(markdown: string): number {
  let extensions = 0;
  if (needsLiteralAutolinks(markdown)) extensions |= AUTOLINK_LITERAL;
  if (mayHoldTable(markdown)) extensions |= TABLE;
  if (markdown.includes('~')) extensions |= STRIKETHROUGH;
  if (TASK_MARKER.test(markdown)) extensions |= TASK_LIST_ITEM;
  if (markdown.includes('[^')) extensions |= FOOTNOTE;
  return extensions;
}

const TASK_MARKER = /\[[\sxX]\]/;

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
