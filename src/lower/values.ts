/**
 * Readers that turn located value nodes into IR fields. Each one tolerates
 * any shape: a field of the wrong type reads as absent (the schema stage has
 * already reported it), so lowering never throws on malformed input.
 */
import { fieldOf, stringValue, toJSON, type MapNode, type ScalarNode, type ValueNode } from '../source/nodes.js';
import { spanStart, type Span } from '../source/span.js';
import { durationSeconds } from './duration.js';
import type { JsonValue, Name, SchemaIR } from './ir.js';

/** The value of the first of `keys` present in `node` (snake/camel aliases). */
export function valueOf(node: ValueNode | undefined, ...keys: string[]): ValueNode | undefined {
  return fieldOf(node, ...keys)?.value;
}

/** A string (or number, written as text) with the span of its scalar. */
export function nameOf(node: ValueNode | undefined): Name | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'string') return { value: node.value, span: node.span };
  if (typeof node.value === 'number') return { value: String(node.value), span: node.span };
  return undefined;
}

/** `nameOf`, or an empty name at `fallback` when the value is missing (the schema stage reports it). */
export function nameOrEmpty(node: ValueNode | undefined, fallback: Span): Name {
  return nameOf(node) ?? { value: '', span: spanStart(fallback) };
}

/** A string value, or undefined. */
export function stringOf(node: ValueNode | undefined): string | undefined {
  return stringValue(node);
}

/** A finite number, or undefined. */
export function numberOf(node: ValueNode | undefined): number | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

/** A boolean, or `fallback` when absent or not a boolean. */
export function booleanOf(node: ValueNode | undefined, fallback: boolean): boolean {
  return node?.kind === 'scalar' && typeof node.value === 'boolean' ? node.value : fallback;
}

/** Seconds from a number or a duration string (`30`, `"30s"`, `"1h30m"`); undefined when invalid. */
export function secondsOf(node: ValueNode | undefined): number | undefined {
  return node?.kind === 'scalar' ? durationSeconds(node.value) : undefined;
}

/** The strings of a list (other items are skipped). */
export function stringListOf(node: ValueNode | undefined): string[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((item) => {
    const s = stringOf(item);
    return s === undefined ? [] : [s];
  });
}

/** The string items of a list as located names. */
export function nameListOf(node: ValueNode | undefined): Name[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((item) => {
    const n = nameOf(item);
    return n === undefined ? [] : [n];
  });
}

/** A map of strings (numbers and booleans written as text; other values skipped). */
export function stringMapOf(node: ValueNode | undefined): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  if (node?.kind !== 'map') return out;
  for (const e of node.entries) {
    if (e.value.kind === 'scalar' && e.value.value !== null) define(out, e.key, String(e.value.value));
  }
  return out;
}

/** Plain JSON for a node (keys such as `__proto__` stay own properties). */
export function jsonOf(node: ValueNode): JsonValue {
  return toJSON(node) as JsonValue;
}

/** Plain JSON for an optional node. */
export function optionalJsonOf(node: ValueNode | undefined): JsonValue | undefined {
  return node === undefined ? undefined : jsonOf(node);
}

/** A JSON Schema as written. */
export function schemaOf(node: ValueNode | undefined): SchemaIR | undefined {
  return node === undefined ? undefined : { json: asSchema(jsonOf(node)), node };
}

/**
 * JSON that can stand as a schema: an object or a boolean as written; any
 * other value (a schema error, reported by the schema stage) reads as `{}`,
 * the unknown type.
 */
export function asSchema(json: JsonValue): JsonValue {
  return typeof json === 'boolean' || (typeof json === 'object' && json !== null && !Array.isArray(json)) ? json : {};
}

/** A step's `input`, with `with` as an alias (both present is reported by a check). */
export function inputOf(node: MapNode): ValueNode | undefined {
  return valueOf(node, 'input') ?? valueOf(node, 'with');
}

/** A map node, or undefined. */
export function mapOf(node: ValueNode | undefined): MapNode | undefined {
  return node?.kind === 'map' ? node : undefined;
}

/** A scalar node, or undefined. */
export function scalarOf(node: ValueNode | undefined): ScalarNode | undefined {
  return node?.kind === 'scalar' ? node : undefined;
}

/**
 * A stand-in scalar (value `null`, empty span at `at`) for a required value
 * that is missing: the schema stage reports the absence, and the IR keeps its
 * shape so later stages need no special case.
 */
export function missingScalar(at: Span): ScalarNode {
  const span = spanStart(at);
  return { kind: 'scalar', value: null, style: 'PLAIN', span, offsets: () => [span.start] };
}

/** Sets `target[key]`: keys such as `__proto__` must become own data properties, not prototype writes. */
export function define<T>(target: { [key: string]: T }, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
