import type { Nodes, Parents } from 'mdast';

/** Visits every node under (and including) `node` in document order. */
export function walk(node: Nodes, visit: (node: Nodes) => void): void {
  for (const each of iterate([node])) visit(each);
}

/** Every node in document order, with an explicit stack (no recursion, whatever the nesting). */
export function* iterate(nodes: readonly Nodes[]): Generator<Nodes> {
  const stack: Nodes[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    yield node;
    if ('children' in node) {
      const { children } = node as Parents;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    }
  }
}
