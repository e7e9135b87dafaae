/**
 * Names places in a manifest for messages: "step 'fetch'", "action 'get'",
 * "'timeout' in connector 'weather' runtime". A place is named after the
 * nearest enclosing step, action, trigger, workflow, connector, agent or
 * bundle, as the shape analysis recorded them.
 */
import { field, nodeAtPointer, stringValue, type ValueNode } from '../source/nodes.js';
import { fromPointer, toPointer } from '../source/json-pointer.js';
import type { Span } from '../source/span.js';

export interface Locator {
  /** How to refer to the value at `pointer`: "'timeout' in step 'fetch'". */
  subject(pointer: string): string;
  /** How to refer to the object at `pointer` when saying what it lacks or holds: "step 'fetch'". */
  where(pointer: string): string;
  /** The `$defs` names the value at `pointer` was validated against. */
  defs(pointer: string): ReadonlySet<string>;
  /** The value node at `pointer` (the deepest existing node on the way). */
  node(pointer: string): ValueNode;
  /** The span to mark for the value at `pointer`. */
  valueSpan(pointer: string): Span;
  /** The span to mark when the object at `pointer` lacks a field: its key, or its first line. */
  objectSpan(pointer: string): Span;
}

/** A locator over `root`, using the definition names recorded per JSON Pointer. */
export function createLocator(root: ValueNode, defsAt: ReadonlyMap<string, ReadonlySet<string>>): Locator {
  const label = (segments: readonly string[]): string | undefined => {
    const pointer = toPointer(segments);
    const defs = defsAt.get(pointer);
    if (defs === undefined) return undefined;
    const node = nodeAtPointer(root, pointer).node;
    const last = segments[segments.length - 1];
    const index = last !== undefined && /^\d+$/.test(last) ? Number(last) + 1 : undefined;
    const named = (noun: string, key: string, fallback: string): string => {
      const value = scalarText(field(node, key));
      return value !== undefined ? `${noun} '${value}'` : index !== undefined ? `${noun} ${index}` : fallback;
    };
    if (defs.has('step')) {
      const id = scalarText(field(node, 'id')) ?? scalarText(field(node, 'name'));
      return id !== undefined ? `step '${id}'` : `step ${index ?? ''}`.trim();
    }
    if (defs.has('action')) return named('action', 'name', 'the action');
    if (defs.has('trigger')) {
      const type = stringValue(field(node, 'type')) ?? (field(node, 'schedule') ? 'schedule' : undefined);
      return `trigger ${index ?? ''}${type ? ` (${type})` : ''}`.replace(/ +/g, ' ').trim();
    }
    if (defs.has('workflowFields')) return named('workflow', 'name', 'the workflow');
    if (defs.has('connectorFields')) return named('connector', 'name', 'the connector');
    if (defs.has('agentFields')) return named('agent', 'name', 'the agent');
    if (defs.has('agentSchemaForm')) {
      const id = scalarText(field(field(node, 'agent'), 'id'));
      return id !== undefined ? `agent '${id}'` : 'the agent';
    }
    if (defs.has('bundleManifest')) return named('bundle', 'name', 'the bundle');
    if (defs.has('workflowInput') && last !== undefined) return `input '${last}'`;
    if (defs.has('workflowOutput') && last !== undefined) return `output '${last}'`;
    return undefined;
  };

  /** The nearest named place at or above `segments`: its label and how many segments it spans. */
  const enclosing = (segments: readonly string[]): { label: string; depth: number } | undefined => {
    for (let depth = segments.length; depth >= 0; depth--) {
      const found = label(segments.slice(0, depth));
      if (found !== undefined) return { label: found, depth };
    }
    return undefined;
  };

  const subject = (pointer: string): string => {
    const segments = fromPointer(pointer);
    if (segments.length === 0) return enclosing([])?.label ?? 'the manifest';
    const own = label(segments);
    if (own !== undefined) {
      const outer = enclosing(segments.slice(0, -1));
      return outer ? `${own} in ${outer.label}` : own;
    }
    let fieldName = segments[segments.length - 1]!;
    let parents = segments.slice(0, -1);
    if (/^\d+$/.test(fieldName) && parents.length > 0) {
      fieldName = `${parents[parents.length - 1]}[${fieldName}]`;
      parents = parents.slice(0, -1);
    }
    const outer = enclosing(parents);
    const between = parents.slice(outer?.depth ?? 0);
    if (outer === undefined) return `'${joinPath([...between, fieldName])}'`;
    return `'${fieldName}' in ${outer.label}${between.length > 0 ? ` ${joinPath(between)}` : ''}`;
  };

  const where = (pointer: string): string => {
    const segments = fromPointer(pointer);
    return label(segments) ?? subject(pointer);
  };

  return {
    subject,
    where,
    defs: (pointer) => defsAt.get(pointer) ?? new Set<string>(),
    node: (pointer) => nodeAtPointer(root, pointer).node,
    valueSpan: (pointer) => nodeAtPointer(root, pointer).node.span,
    objectSpan: (pointer) => {
      const found = nodeAtPointer(root, pointer);
      if (found.exact && found.keyNode) return found.keyNode.span;
      const first = found.node.kind === 'map' ? found.node.entries[0] : undefined;
      return first ? first.keyNode.span : { ...found.node.span, end: found.node.span.start + 1 };
    },
  };
}

function scalarText(node: ValueNode | undefined): string | undefined {
  return node?.kind === 'scalar' && (typeof node.value === 'string' || typeof node.value === 'number') && node.value !== '' ? String(node.value) : undefined;
}

/** A path for people: `handler.http.retry`, `tools[0].name`. */
function joinPath(segments: readonly string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`), '');
}

