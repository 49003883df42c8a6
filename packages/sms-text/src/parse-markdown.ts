import type { Nodes, Root } from 'mdast';
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
import { blankOut, findTableRegions, mayHoldTable, type TableRegion } from './table-regions.js';

/**
 * Parses markdown as GitHub does (CommonMark + GFM), with frozen processors built once.
 *
 * Why not `remark-gfm` as a whole: each GFM extension is tried all along the text, so together they cost
 * more than the whole strip-markdown pipeline they replace (measured on a 4 KB reply: tables add about a third
 * to a CommonMark parse, literal autolinks about as much, the others a few percent each). Most replies use few
 * of them, and none of them can match without a telltale character: a table needs a delimiter row, a
 * strikethrough a `~`, a task list item `[ ]` or `[x]`, a footnote `[^`. So an extension is on only when the
 * reply holds its telltale; stand-alone tables are even parsed apart (`table-regions.ts`). Literal autolinks
 * are handled by `literal-autolinks.ts`: the reply is parsed without them, and again with them only when a bare
 * URL did not come through as written. The output is the same as with every extension on (a property test
 * holds it to that), only faster.
 */

export const TABLE = 1;
export const AUTOLINK_LITERAL = 2;
const STRIKETHROUGH = 4;
const TASK_LIST_ITEM = 8;
const FOOTNOTE = 16;
/** Every extension on: what `parseMarkdown` must always be equivalent to. */
export const ALL_EXTENSIONS = TABLE | AUTOLINK_LITERAL | STRIKETHROUGH | TASK_LIST_ITEM | FOOTNOTE;
const processors: Array<Processor<Root> | undefined> = [];

/** Parses `markdown` into an mdast tree (with source positions); `extensions` forces a set (for tests). */
export function parseMarkdown(markdown: string, extensions?: number): Root {
  if (extensions !== undefined) return processorFor(extensions).parse(markdown);
  return parseTablesApart(markdown, extensionsFor(markdown));
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

/** See `table-regions.ts`: stand-alone tables are parsed on their own, the rest without the table extension. */
function parseTablesApart(markdown: string, extensions: number): Root {
  const regions = extensions & TABLE ? findTableRegions(markdown) : undefined;
  if (regions === undefined) return processorFor(extensions).parse(markdown);
  const tree = processorFor(extensions & ~TABLE).parse(blankOut(markdown, regions));
  for (const region of regions) {
    const table = processorFor(extensions).parse(markdown.slice(region.start, region.end));
    if (!putBack(tree, table, region)) return processorFor(extensions).parse(markdown);
  }
  return tree;
}

/** Inserts a region's parsed blocks at their place among the top-level blocks; false if a block spans it. */
function putBack(tree: Root, part: Root, region: TableRegion): boolean {
  let index = 0;
  for (const child of tree.children) {
    const start = child.position?.start.offset ?? 0;
    const end = child.position?.end.offset ?? 0;
    if (end <= region.start) index++;
    else if (start < region.end) return false;
  }
  const stack: Nodes[] = [...part.children];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.position?.start.offset !== undefined) node.position.start.offset += region.start;
    if (node.position?.end.offset !== undefined) node.position.end.offset += region.start;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  tree.children.splice(index, 0, ...part.children);
  return true;
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
