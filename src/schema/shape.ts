/**
 * Walks a manifest alongside its schema to learn, for every object, which
 * definition it is (a step, an action, a trigger, …) and which fields that
 * definition knows. The schemas leave objects open, so unknown fields are
 * found here and reported as warnings, with the schema as the single list of
 * known fields.
 *
 * Convention: an object whose schema sets `additionalProperties` (or
 * `patternProperties`) holds free-form data and is not checked for unknown
 * fields; an object whose schema lists `properties` and leaves
 * `additionalProperties` unset is.
 */
import type { MapEntry, MapNode, ValueNode } from '../source/nodes.js';
import { resolveSchemaRef, type SchemaObject } from './documents.js';
import { pointerSegment } from '../source/json-pointer.js';

interface Applied {
  readonly file: string;
  readonly schema: SchemaObject;
}

/** An object with fields its schema does not list. */
export interface UnknownFields {
  readonly pointer: string;
  readonly node: MapNode;
  readonly entries: readonly MapEntry[];
  readonly known: readonly string[];
}

export interface ShapeInfo {
  /** The `$defs` names each node (by JSON Pointer) was validated against. */
  readonly defsAt: ReadonlyMap<string, ReadonlySet<string>>;
  readonly unknown: readonly UnknownFields[];
}

/** Analyses `root` (with its plain JSON `json`) against the schema `file#pointer`, labelled `label`. */
export function analyseShape(root: ValueNode, json: unknown, file: string, pointer: string, label: string): ShapeInfo {
  const defsAt = new Map<string, Set<string>>();
  const unknown: UnknownFields[] = [];
  const start = resolveSchemaRef(`${file}${pointer || '#'}`, file);
  if (start === undefined) return { defsAt, unknown };
  defsAt.set('', new Set([label]));
  walk(root, json, '', [start], defsAt, unknown);
  return { defsAt, unknown };
}

function walk(node: ValueNode, json: unknown, pointer: string, applied: readonly Applied[], defsAt: Map<string, Set<string>>, unknown: UnknownFields[]): void {
  const defs = defsAt.get(pointer) ?? new Set<string>();
  const flat: Applied[] = [];
  for (const a of applied) flatten(a, json, defs, flat, 0);
  if (defs.size > 0) defsAt.set(pointer, defs);

  if (node.kind === 'map') {
    const record = (json ?? {}) as Record<string, unknown>;
    const known = new Set<string>();
    let listsFields = false;
    let open = false;
    for (const { schema } of flat) {
      const props = objectOf(schema.properties);
      if (props) {
        listsFields = true;
        for (const key of Object.keys(props)) known.add(key);
      }
      if (schema.additionalProperties !== undefined || schema.patternProperties !== undefined) open = true;
    }
    const strays: MapEntry[] = [];
    for (const e of node.entries) {
      const children: Applied[] = [];
      for (const { file, schema } of flat) {
        const props = objectOf(schema.properties);
        const own = props?.[e.key];
        const extra = objectOf(schema.additionalProperties);
        if (isObject(own)) children.push({ file, schema: own });
        else if (own === undefined && extra) children.push({ file, schema: extra });
      }
      if (children.length > 0) walk(e.value, Object.prototype.hasOwnProperty.call(record, e.key) ? record[e.key] : undefined, `${pointer}/${pointerSegment(e.key)}`, children, defsAt, unknown);
      if (listsFields && !open && !known.has(e.key)) strays.push(e);
    }
    if (strays.length > 0) unknown.push({ pointer, node, entries: strays, known: [...known] });
  } else if (node.kind === 'seq') {
    const items = Array.isArray(json) ? json : [];
    const children: Applied[] = [];
    for (const { file, schema } of flat) {
      const item = objectOf(schema.items);
      if (item) children.push({ file, schema: item });
    }
    if (children.length > 0) node.items.forEach((item, i) => walk(item, items[i], `${pointer}/${i}`, children, defsAt, unknown));
  }
}

/** Adds `a` and every schema it applies through `$ref`, `allOf` and the chosen `if` branch. */
function flatten(a: Applied, json: unknown, defs: Set<string>, out: Applied[], depth: number): void {
  if (depth > 64) return;
  out.push(a);
  const ref = a.schema.$ref;
  if (typeof ref === 'string') {
    const target = resolveSchemaRef(ref, a.file);
    const def = /#\/\$defs\/([^/]+)$/.exec(ref)?.[1];
    if (def !== undefined) defs.add(def);
    if (target) flatten(target, json, defs, out, depth + 1);
  }
  if (Array.isArray(a.schema.allOf)) for (const s of a.schema.allOf) if (isObject(s)) flatten({ file: a.file, schema: s }, json, defs, out, depth + 1);
  const condition = a.schema.if;
  if (isObject(condition)) {
    const branch = matches({ file: a.file, schema: condition }, json) ? a.schema.then : a.schema.else;
    if (isObject(branch)) flatten({ file: a.file, schema: branch }, json, defs, out, depth + 1);
  }
}

/**
 * Whether `value` satisfies a discriminating schema — the small subset the
 * manifest schemas use in `if`: type, const, enum, required, properties, not,
 * anyOf, allOf and $ref. Other keywords are taken as satisfied.
 */
function matches(a: Applied, value: unknown): boolean {
  const s = a.schema;
  if (typeof s.$ref === 'string') {
    const target = resolveSchemaRef(s.$ref, a.file);
    if (target && !matches(target, value)) return false;
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeof t === 'string' && hasType(value, t))) return false;
  }
  if ('const' in s && !sameJSON(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((v) => sameJSON(v, value))) return false;
  const record = isObject(value) ? value : undefined;
  if (Array.isArray(s.required) && record && !s.required.every((k) => typeof k === 'string' && Object.prototype.hasOwnProperty.call(record, k))) return false;
  const props = objectOf(s.properties);
  if (props && record) {
    for (const [key, sub] of Object.entries(props)) {
      if (Object.prototype.hasOwnProperty.call(record, key) && isObject(sub) && !matches({ file: a.file, schema: sub }, record[key])) return false;
    }
  }
  if (isObject(s.not) && matches({ file: a.file, schema: s.not }, value)) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => isObject(sub) && matches({ file: a.file, schema: sub }, value))) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((sub) => !isObject(sub) || matches({ file: a.file, schema: sub }, value))) return false;
  return true;
}

/** Whether plain JSON `value` has the JSON Schema `type` (one name). */
export function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(x: unknown): x is SchemaObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function objectOf(x: unknown): Record<string, unknown> | undefined {
  return isObject(x) ? (x as Record<string, unknown>) : undefined;
}
