import type {
  Definition,
  Delete,
  Emphasis,
  FootnoteDefinition,
  Image,
  Link,
  List,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Table,
} from 'mdast';
import { anchorHref, isBreakTag } from './html-text.js';
import { withTarget } from './link-target.js';
import { createReasoningState, type ReasoningState, renderHtml } from './reasoning-blocks.js';
import { iterate, walk } from './walk-mdast.js';

/**
 * Renders an mdast tree as SMS plain text, one handler per node type.
 *
 * Why our own handlers instead of `strip-markdown` + `remark-stringify`: strip-markdown drops meaning an SMS
 * reader needs (image URLs, table headers), and stringifying its result escapes characters again (`*` becomes
 * `\*`), which is how `\*x\*` loses or doubles its stars. Rendering the tree directly keeps every character
 * the author wrote exactly once, and costs one walk instead of a transform plus a serialisation.
 */
export function mdastToSms(root: Root, source: string): string {
  const context: RenderContext = {
    source,
    definitions: undefined,
    root,
    reasoning: createReasoningState(root, source),
    depth: 0,
  };
  return renderBlocks(root.children, context, '\n\n');
}

interface RenderContext {
  source: string;
  root: Root;
  /** Link reference definitions by identifier, collected on first use. */
  definitions: Map<string, Definition> | undefined;
  /** Where the walk stands with reasoning blocks, whose content is dropped. */
  reasoning: ReasoningState;
  /** Nesting depth of the walk, bounded so that no input can exhaust the call stack. */
  depth: number;
}

/** Deeper than any reply a person would read; past it, content is rendered as flat text. */
const MAX_DEPTH = 200;

function renderBlocks(nodes: readonly RootContent[], context: RenderContext, separator: string): string {
  if (context.depth >= MAX_DEPTH) return flatText(nodes, context);
  context.depth++;
  let out = '';
  for (const node of nodes) {
    const text = renderBlock(node, context);
    if (text !== '') out = out === '' ? text : out + separator + text;
  }
  context.depth--;
  return out;
}

/** The text of deeply nested nodes, one line per leaf, found without recursion. */
function flatText(nodes: readonly Nodes[], context: RenderContext): string {
  const lines: string[] = [];
  for (const node of iterate(nodes)) {
    if (node.type === 'html') lines.push(renderHtml(node.value, context.reasoning));
    else if ('value' in node) lines.push(visible(context, node.value));
  }
  return lines.filter((line) => line.trim() !== '').join('\n');
}

function renderBlock(node: RootContent, context: RenderContext): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      // Spaces that open a line after a `<br>` are indentation of the source, not text.
      return renderInline(node.children, context).replace(/\n[ \t]+/g, '\n');
    case 'blockquote':
      return renderBlocks(node.children, context, '\n\n');
    case 'list':
      return renderList(node, context);
    case 'code':
      return visible(context, node.value);
    case 'html':
      return renderHtml(node.value, context.reasoning).replace(/^\n+|\n+$/g, '');
    case 'table':
      return renderTable(node, context);
    case 'footnoteDefinition':
      return renderFootnoteDefinition(node, context);
    case 'thematicBreak':
    case 'definition':
      return '';
    default:
      return renderPhrasing(node as PhrasingContent, context);
  }
}

function renderList(list: List, context: RenderContext): string {
  const first = list.start ?? 1;
  const items: string[] = [];
  list.children.forEach((item, index) => {
    const body = renderBlocks(item.children, context, '\n');
    if (body === '' && (item.checked == null || context.reasoning.inside)) return;
    const marker = list.ordered ? `${first + index}. ` : '- ';
    const check = item.checked == null ? '' : item.checked ? '[x] ' : '[ ] ';
    items.push(marker + check + indentFollowingLines(body, ' '.repeat(marker.length)));
  });
  return items.join('\n');
}

/** Nesting is shown by indenting an item's later lines to where its text starts. */
function indentFollowingLines(text: string, indent: string): string {
  return text.replace(/\n(?!\n)/g, `\n${indent}`);
}

function renderTable(table: Table, context: RenderContext): string {
  const rows: string[] = [];
  for (const row of table.children) {
    const cells = row.children.map((cell) => renderInline(cell.children, context).trim());
    if (cells.some((cell) => cell !== '')) rows.push(cells.join(' | '));
  }
  return rows.join('\n');
}

function renderFootnoteDefinition(node: FootnoteDefinition, context: RenderContext): string {
  const body = renderBlocks(node.children, context, '\n');
  return body === '' ? '' : `[${node.label ?? node.identifier}] ${body}`;
}

/**
 * Inline raw HTML arrives as separate tag nodes (`<a href="u">`, text, `</a>`), so anchors are resolved here,
 * where the label between the two tags is known; `<br>` right before a line ending would break the line twice.
 */
function renderInline(nodes: readonly PhrasingContent[], context: RenderContext): string {
  if (context.depth >= MAX_DEPTH) return flatText(nodes, context).replace(/\n/g, ' ');
  context.depth++;
  let out = '';
  const anchors: Array<{ href: string; from: number }> = [];
  nodes.forEach((node, index) => {
    if (node.type === 'html') {
      const href = anchorHref(node.value);
      if (href !== undefined) anchors.push({ href, from: out.length });
      else if (/^<\/a\s*>$/i.test(node.value) && anchors.length > 0) {
        const anchor = anchors.pop() as { href: string; from: number };
        out = out.slice(0, anchor.from) + visible(context, withTarget(out.slice(anchor.from), anchor.href));
        return;
      }
      const next = nodes[index + 1];
      if (isBreakTag(node.value) && next?.type === 'text' && next.value.startsWith('\n')) return;
    }
    out += renderPhrasing(node, context);
  });
  context.depth--;
  return out;
}

function renderPhrasing(node: PhrasingContent, context: RenderContext): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return visible(context, node.value);
    case 'emphasis':
    case 'strong':
    case 'delete':
      return renderDelimited(node, context);
    case 'break':
      return visible(context, '\n');
    case 'link':
      return renderLink(node, context);
    case 'image':
      return visible(context, withTarget(node.alt ?? '', imageTarget(node)));
    case 'linkReference': {
      const label = renderInline(node.children, context);
      const definition = findDefinition(node.identifier, context);
      return visible(context, definition === undefined ? label : withTarget(label, definition.url));
    }
    case 'imageReference': {
      const definition = findDefinition(node.identifier, context);
      return visible(context, withTarget(node.alt ?? '', definition?.url ?? ''));
    }
    case 'footnoteReference':
      return visible(context, `[${node.label ?? node.identifier}]`);
    case 'html':
      return renderHtml(node.value, context.reasoning);
    default:
      return '';
  }
}

const ASCII_ALNUM = /[A-Za-z0-9]/;

/**
 * Emphasis markers go, their words stay. But `*` or `~` between two ASCII letters or digits (`2*3*4`, `a~b~c`)
 * reads as arithmetic or a path, not emphasis, so such a span keeps its markers as written.
 */
function renderDelimited(node: Emphasis | Strong | Delete, context: RenderContext): string {
  const inner = renderInline(node.children, context);
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const first = node.children[0]?.position?.start.offset;
  const last = node.children.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined || first === undefined || last === undefined) return inner;
  const { source } = context;
  const intraword =
    source[start] !== '_' && ASCII_ALNUM.test(source[start - 1] ?? '') && ASCII_ALNUM.test(source[end] ?? '');
  if (!intraword || context.reasoning.inside) return inner;
  return source.slice(start, first) + inner + source.slice(last, end);
}

function renderLink(node: Link, context: RenderContext): string {
  const label = renderInline(node.children, context);
  if (context.reasoning.inside) return '';
  const start = node.position?.start.offset;
  // `<https://x.y>` and bare URLs (GFM literal autolinks, made by a transform that sets no position) are their
  // own label: the URL once, as written, no brackets.
  if (start === undefined || context.source[start] !== '[') return label;
  return withTarget(label, node.url);
}

/** Inline `data:` images are kilobytes of base64 that no phone can show: keep their description only. */
function imageTarget(node: Image): string {
  return /^data:/i.test(node.url) ? '' : node.url;
}

function findDefinition(identifier: string, context: RenderContext): Definition | undefined {
  if (context.definitions === undefined) {
    const found = new Map<string, Definition>();
    walk(context.root, (node) => {
      // CommonMark: when two definitions share a label, the first one wins.
      if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node);
    });
    context.definitions = found;
  }
  return context.definitions.get(identifier);
}

function visible(context: RenderContext, text: string): string {
  return context.reasoning.inside ? '' : text;
}
