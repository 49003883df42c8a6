import type { Root } from 'mdast';
import { htmlToText, splitAtThinkTags, type ThinkTag, thinkTagsOf } from './html-text.js';
import { walk } from './walk-mdast.js';

/**
 * Model reasoning blocks (`<think>...</think>`, `<thinking>...</thinking>`) are dropped with their content.
 *
 * They may span several markdown blocks (an HTML block ends at a blank line), so the reasoning tags of every
 * HTML node are listed first, in document order, then honoured as the walk meets them. An opening tag that is
 * never closed is ignored (dropping the rest of a reply would be worse), while a closing tag with no opening
 * before it means the reply began inside reasoning, as models whose prompt opens the block produce. Tags in
 * code are code, not HTML, so they are left alone.
 */
export interface ReasoningState {
  /** Whether the walk is inside a reasoning block now. */
  inside: boolean;
  readonly tags: readonly ThinkTag[];
  /** Index of the next tag the walk will meet. */
  next: number;
  readonly lastClose: number;
}

export function createReasoningState(root: Root, source: string): ReasoningState {
  const tags: ThinkTag[] = [];
  if (/<\/?think/i.test(source)) {
    walk(root, (node) => {
      if (node.type === 'html') tags.push(...thinkTagsOf(node.value));
    });
  }
  return { inside: tags[0] === 'close', tags, next: 0, lastClose: tags.lastIndexOf('close') };
}

/** The visible text of one HTML node, moving in and out of reasoning blocks at its tags. */
export function renderHtml(html: string, state: ReasoningState): string {
  if (state.tags.length === 0) return htmlToText(html);
  const pieces = splitAtThinkTags(html);
  let out = '';
  pieces.forEach((piece, index) => {
    if (!state.inside) out += htmlToText(piece);
    if (index === pieces.length - 1) return;
    const tagIndex = state.next++;
    if (state.tags[tagIndex] === 'close') state.inside = false;
    else if (tagIndex < state.lastClose) state.inside = true;
  });
  return out;
}
