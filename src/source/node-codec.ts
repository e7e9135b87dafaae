/**
 * A compact JSON form of what loading one file produced (its manifests'
 * located nodes and its load diagnostics), so a cache can hand a file's nodes
 * back without parsing YAML again. Nodes are nested arrays:
 * `[0, start, end, style, value]` for a scalar, `[1, start, end, key,
 * value, key, value, …]` for a map and `[2, start, end, item, …]` for a list.
 * Decoding checks the shape and gives up (undefined) on anything unexpected.
 */
import { isDiagnostic } from '../cache/stored.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedManifest } from './load.js';
import type { MapEntry, ScalarNode, ScalarValue, ValueNode } from './nodes.js';
import { recogniseManifest } from './recognise.js';
import { scalarStyles } from './scalar-map.js';
import type { SourceFile } from './span.js';
import { makeScalar, scalarReadsFileText } from './yaml-to-nodes.js';

/** One file's load result: its manifests and the diagnostics loading reported in it. */
export interface LoadedText {
  readonly manifests: readonly LoadedManifest[];
  readonly diagnostics: readonly Diagnostic[];
}

type Encoded = unknown[];

/** The JSON form of a load result; undefined when it has none (NaN, ±Infinity, -0, an alias). */
export function encodeLoaded(loaded: LoadedText): unknown {
  try {
    return {
      manifests: loaded.manifests.map((m) => ({ documentIndex: m.documentIndex, root: encodeNode(m.root) })),
      diagnostics: loaded.diagnostics,
    };
  } catch {
    return undefined;
  }
}

function encodeNode(node: ValueNode): Encoded {
  switch (node.kind) {
    case 'scalar':
      return encodeScalar(node);
    case 'map': {
      const out: unknown[] = [1, node.span.start, node.span.end];
      for (const e of node.entries) out.push(encodeScalar(e.keyNode), encodeNode(e.value));
      return out;
    }
    case 'seq': {
      const out: unknown[] = [2, node.span.start, node.span.end];
      for (const item of node.items) out.push(encodeNode(item));
      return out;
    }
  }
}

function encodeScalar(node: ScalarNode): Encoded {
  const { value } = node;
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) throw new Error('no JSON form');
  if (!scalarReadsFileText(node)) throw new Error('offsets not from the file text');
  return [0, node.span.start, node.span.end, scalarStyles.indexOf(node.style), value];
}

/** Rebuilds a load result for `file` from its JSON form; undefined when the form is not one encodeLoaded writes. */
export function decodeLoaded(file: SourceFile, data: unknown): LoadedText | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { manifests, diagnostics } = data as { manifests?: unknown; diagnostics?: unknown };
  if (!Array.isArray(manifests) || !Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) return undefined;
  try {
    const out: LoadedManifest[] = [];
    for (const m of manifests as Array<{ documentIndex?: unknown; root?: unknown }>) {
      if (typeof m.documentIndex !== 'number') return undefined;
      const root = decodeNode(file, m.root);
      const recognition = recogniseManifest(root);
      if (!recognition.ok || root.kind !== 'map') return undefined;
      out.push({ file, documentIndex: m.documentIndex, root, form: recognition.form });
    }
    return { manifests: out, diagnostics };
  } catch {
    return undefined;
  }
}

/** An encoded node with its span checked to lie within the file (map keys are checked here too). */
function decodeHead(file: SourceFile, data: unknown): { node: unknown[]; tag: unknown; start: number; end: number } {
  if (!Array.isArray(data) || typeof data[1] !== 'number' || typeof data[2] !== 'number') throw new Error('bad node');
  const [tag, start, end] = data as [unknown, number, number];
  if (start < 0 || end < start || end > file.text.length) throw new Error('bad span');
  return { node: data, tag, start, end };
}

function decodeNode(file: SourceFile, data: unknown): ValueNode {
  const { node, tag, start, end } = decodeHead(file, data);
  switch (tag) {
    case 0:
      return scalarAt(file, node, start, end);
    case 1: {
      const entries: MapEntry[] = [];
      for (let i = 3; i + 1 < node.length; i += 2) {
        const keyNode = decodeScalar(file, node[i]);
        entries.push({ key: String(keyNode.value), keyNode, value: decodeNode(file, node[i + 1]) });
      }
      return { kind: 'map', entries, span: file.span(start, end) };
    }
    case 2: {
      const items: ValueNode[] = [];
      for (let i = 3; i < node.length; i++) items.push(decodeNode(file, node[i]));
      return { kind: 'seq', items, span: file.span(start, end) };
    }
    default:
      throw new Error('bad node');
  }
}

function decodeScalar(file: SourceFile, data: unknown): ScalarNode {
  const { node, tag, start, end } = decodeHead(file, data);
  if (tag !== 0) throw new Error('bad scalar');
  return scalarAt(file, node, start, end);
}

/** The scalar `[0, start, end, style, value]` whose span decodeHead has checked. */
function scalarAt(file: SourceFile, data: unknown[], start: number, end: number): ScalarNode {
  if (data.length !== 5) throw new Error('bad scalar');
  const [, , , styleIndex, value] = data as [number, number, number, number, unknown];
  const style = scalarStyles[styleIndex];
  if (style === undefined || !(value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) throw new Error('bad scalar');
  return makeScalar(file, value as ScalarValue, style, start, end, undefined);
}
