import type {
  TableRow as MdastTableRow,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
} from 'mdast';
import type { TableRow } from './simple-table-cells.js';
import type { SimpleTable } from './simple-tables.js';

/**
 * Simple tables (see `simple-tables.ts`) are parsed as one paragraph per row: the reply is rewritten with each
 * table's delimiter row dropped and a blank line between its rows, parsed once without the table extension,
 * and each table's row paragraphs are then cut at their pipes into the table GFM would have given.
 */

/** The reply with its simple tables written as row paragraphs, and where those rows now are. */
export interface RowsAsParagraphs {
  text: string;
  tables: TableRow[][];
}

export function rowsAsParagraphs(markdown: string, tables: readonly SimpleTable[]): RowsAsParagraphs {
  let text = '';
  let at = 0;
  const moved: TableRow[][] = [];
  for (const table of tables) {
    text += markdown.slice(at, table.start);
    const rows: TableRow[] = [];
    table.rows.forEach((row, index) => {
      if (index > 0) text += '\n\n';
      // Each row keeps its indentation, which keeps it in its list item.
      const lineStart = row.start - table.indent;
      const shift = text.length - lineStart;
      rows.push({
        start: row.start + shift,
        end: row.end + shift,
        pipes: row.pipes.map((pipe) => pipe + shift),
      });
      text += markdown.slice(lineStart, row.end);
    });
    moved.push(rows);
    at = table.end;
  }
  return { text: text + markdown.slice(at), tables: moved };
}

/**
 * Replaces each table's row paragraphs in `tree` (parsed from `RowsAsParagraphs.text`) by a table node. False,
 * with `tree` left unusable, when a table's rows did not come out as consecutive paragraphs of one parent, cut
 * cleanly at their pipes, which the checks of `simple-tables.ts` are there to rule out.
 */
export function rebuildTables(tree: Root, tables: readonly TableRow[][]): boolean {
  const found = paragraphsAt(tree, new Set(tables.flatMap((rows) => rows.map((row) => row.start))));
  // Last table first, so that replacing one leaves the places found for the others as they were.
  for (const rows of [...tables].reverse()) {
    const first = found.get((rows[0] as TableRow).start);
    if (first === undefined) return false;
    const siblings = first.parent.children.slice(first.index, first.index + rows.length);
    const table = tableFrom(siblings, rows);
    if (table === undefined) return false;
    first.parent.children.splice(first.index, rows.length, table);
  }
  return true;
}

interface Place {
  parent: Parent & { children: RootContent[] };
  index: number;
}

/** Where the paragraphs starting at the given offsets are, found with an explicit stack. */
function paragraphsAt(tree: Root, starts: ReadonlySet<number>): Map<number, Place> {
  const found = new Map<number, Place>();
  const stack: Parent[] = [tree];
  for (let parent = stack.pop(); parent !== undefined; parent = stack.pop()) {
    parent.children.forEach((child, index) => {
      const start = child.position?.start.offset;
      if (child.type === 'paragraph' && start !== undefined && starts.has(start)) {
        found.set(start, { parent: parent as Place['parent'], index });
      } else if ('children' in child && child.type !== 'paragraph') stack.push(child as Parent);
    });
  }
  return found;
}

function tableFrom(paragraphs: readonly RootContent[], rows: readonly TableRow[]): Table | undefined {
  const children: MdastTableRow[] = [];
  for (const [index, row] of rows.entries()) {
    const paragraph = paragraphs[index];
    if (paragraph?.type !== 'paragraph' || paragraph.position?.start.offset !== row.start) return undefined;
    if ((paragraph.position.end.offset ?? Number.POSITIVE_INFINITY) > row.end) return undefined;
    const cells = cellsOf(paragraph.children, row);
    if (cells === undefined) return undefined;
    children.push({ type: 'tableRow', children: cells, position: paragraph.position });
  }
  const start = paragraphs[0]?.position?.start;
  const end = paragraphs.at(-1)?.position?.end;
  const align = children[0]?.children.map(() => null) ?? [];
  return { type: 'table', align, children, position: start && end ? { start, end } : undefined };
}

/** Cuts a row paragraph's inline nodes at the row's pipes; only text may span a pipe. */
function cellsOf(nodes: readonly PhrasingContent[], row: TableRow): TableCell[] | undefined {
  const cells: TableCell[] = row.pipes.slice(1).map(() => ({ type: 'tableCell', children: [] }));
  for (const node of nodes) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return undefined;
    if (node.type === 'text') {
      if (node.value.length !== end - start) return undefined;
      for (let cell = 0; cell < cells.length; cell++) {
        const from = Math.max(start, (row.pipes[cell] as number) + 1);
        const to = Math.min(end, row.pipes[cell + 1] as number);
        if (from < to)
          cells[cell]?.children.push({ type: 'text', value: node.value.slice(from - start, to - start) });
      }
      continue;
    }
    const cell = row.pipes.findIndex((pipe, i) => pipe < start && end <= (row.pipes[i + 1] ?? -1));
    if (cell < 0) return undefined;
    cells[cell]?.children.push(node);
  }
  return cells;
}
