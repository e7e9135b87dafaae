/**
 * Located values: the JSON data model (maps, lists, scalars) where every node
 * keeps its span in the original file. Later stages read manifests only
 * through these nodes, never through the YAML library.
 */
import { fromPointer } from './json-pointer.js';
import type { Span } from './span.js';
import type { OffsetMap, ScalarStyle } from './scalar-map.js';

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** How the scalar was written; JSON strings are `QUOTE_DOUBLE`. */
  readonly style: ScalarStyle;
  /** The whole scalar in the source, including quotes and block headers. */
  readonly span: Span;
  /**
   * For string scalars: the file offset of each value character (and one past
   * the end). Built when asked for and not kept by the node (a project has
   * hundreds of thousands of scalars); callers keep it while they need it.
   */
  readonly offsets: () => OffsetMap;
}

export interface MapEntry {
  readonly key: string;
  readonly keyNode: ScalarNode;
  readonly value: ValueNode;
}

export interface MapNode {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  readonly span: Span;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly ValueNode[];
  readonly span: Span;
}

export type ValueNode = ScalarNode | MapNode | SeqNode;

/** The entry for `key` in a map node, if present. */
export function entry(map: MapNode, key: string): MapEntry | undefined {
  for (const e of map.entries) if (e.key === key) return e;
  return undefined;
}

/** The value for `key` when `node` is a map holding it. */
export function field(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return node?.kind === 'map' ? entry(node, key)?.value : undefined;
}

/** The first of `keys` present in a map node (for snake/camel aliases). */
export function fieldOf(node: ValueNode | undefined, ...keys: string[]): MapEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const key of keys) {
    const e = entry(node, key);
    if (e) return e;
  }
  return undefined;
}

export function isMap(node: ValueNode | undefined): node is MapNode {
  return node?.kind === 'map';
}

export function isSeq(node: ValueNode | undefined): node is SeqNode {
  return node?.kind === 'seq';
}

export function isString(node: ValueNode | undefined): node is ScalarNode & { readonly value: string } {
  return node?.kind === 'scalar' && typeof node.value === 'string';
}

/** The string value of a scalar node, or undefined. */
export function stringValue(node: ValueNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** Plain JSON for a node (what ajv validates and what generators embed). */
export function toJSON(node: ValueNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toJSON);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        // Plain assignment is several times faster; `__proto__` alone needs defining to stay an own key.
        if (e.key === '__proto__') Object.defineProperty(out, e.key, { value: toJSON(e.value), enumerable: true, writable: true, configurable: true });
        else out[e.key] = toJSON(e.value);
      }
      return out;
    }
  }
}

/**
 * The node at a JSON Pointer (`/steps/0/input`), or the deepest node on the
 * way when the path leaves the tree (so a diagnostic still has a place).
 */
export function nodeAtPointer(root: ValueNode, pointer: string): { node: ValueNode; exact: boolean; keyNode?: ScalarNode } {
  if (pointer === '' || pointer === '/') return { node: root, exact: true };
  const parts = fromPointer(pointer);
  let node: ValueNode = root;
  let keyNode: ScalarNode | undefined;
  for (const part of parts) {
    if (node.kind === 'map') {
      const e = entry(node, part);
      if (!e) return { node, exact: false, ...(keyNode ? { keyNode } : {}) };
      keyNode = e.keyNode;
      node = e.value;
    } else if (node.kind === 'seq') {
      const item = node.items[Number(part)];
      if (item === undefined) return { node, exact: false };
      keyNode = undefined;
      node = item;
    } else {
      return { node, exact: false };
    }
  }
  return { node, exact: true, ...(keyNode ? { keyNode } : {}) };
}

/** Calls `visit` on every node, depth first, parents before children. */
export function walkNodes(node: ValueNode, visit: (node: ValueNode) => void): void {
  visit(node);
  if (node.kind === 'map') for (const e of node.entries) walkNodes(e.value, visit);
  else if (node.kind === 'seq') for (const item of node.items) walkNodes(item, visit);
}
