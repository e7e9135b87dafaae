/**
 * JSON Schema → expression type (DESIGN.md §5). Draft-07 and 2020-12 forms:
 * `type` and type lists, `enum`/`const` as literal unions, `properties`,
 * `required`, `additionalProperties`, `patternProperties`, `items`,
 * `prefixItems` (and draft-07 tuple `items` + `additionalItems`),
 * `anyOf`/`oneOf` as unions, `allOf` merged approximately, OpenAPI
 * `nullable`, and local `$ref`s into `$defs`/`definitions` (cycles become
 * named recursive types). Anything else is `unknown`.
 *
 * Reads and writes differ on objects: an output schema is the contract of
 * what an action returns, so for reads an object with `properties` is closed
 * unless `additionalProperties` or `patternProperties` opens it; for writes
 * the JSON Schema default applies (open unless `additionalProperties: false`).
 */
import { fromPointer } from '../source/json-pointer.js';
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import type { Span } from '../source/span.js';
import {
  arrayOf,
  booleanType,
  integerType,
  neverType,
  nullType,
  numberType,
  stringType,
  tupleOf,
  typeOfValue,
  union,
  unknownType,
  type ObjectType,
  type Property,
  type Type,
} from './types.js';

export type SchemaMode = 'read' | 'write';

export interface SchemaTypeOptions {
  /** `read` (default): objects with declared properties are closed. `write`: open unless `additionalProperties: false`. */
  readonly mode?: SchemaMode;
  /** The node the schema was written at, for "declared here" locations. */
  readonly node?: ValueNode;
  /** The document `$ref`s resolve against when `schema` is part of a larger schema (default: `schema` itself). */
  readonly root?: { readonly json: unknown; readonly node?: ValueNode | undefined };
}

type Json = unknown;
type JsonObject = Readonly<Record<string, Json>>;

/** True for a JSON object (not null, not a list). */
export function isJsonObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object's own value at `key` (never an inherited one such as `constructor`). */
export function ownValue(o: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

const isObject = isJsonObject;
const own = ownValue;

/** The expression type of values described by `schema`. */
export function schemaToType(schema: Json, options: SchemaTypeOptions = {}): Type {
  const root = options.root ?? { json: schema, node: options.node };
  const mode = options.mode ?? 'read';
  // Types are immutable and a schema object is shared by every reference to its action, so
  // converting it once per (root, schema, mode) keeps the checker linear in the number of reads.
  const memo = typeof schema === 'object' && schema !== null && typeof root.json === 'object' && root.json !== null ? memoFor(root.json, mode) : undefined;
  const known = memo?.get(schema as object);
  if (known !== undefined) return known;
  const type = new SchemaConverter(root.json, root.node, mode).convert(schema, options.node, 0);
  memo?.set(schema as object, type);
  return type;
}

const converted = new WeakMap<object, { read: WeakMap<object, Type>; write: WeakMap<object, Type> }>();

function memoFor(root: object, mode: SchemaMode): WeakMap<object, Type> {
  let byMode = converted.get(root);
  if (byMode === undefined) {
    byMode = { read: new WeakMap(), write: new WeakMap() };
    converted.set(root, byMode);
  }
  return byMode[mode];
}

/** True when a schema marks its values sensitive (`writeOnly: true` or `x-sensitive: true`). */
export function isSensitiveSchema(schema: Json): boolean {
  return isObject(schema) && (own(schema, 'writeOnly') === true || own(schema, 'x-sensitive') === true);
}

/**
 * Follows a local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`, any JSON
 * Pointer into the root) to the schema and its node; undefined when it
 * cannot be followed (remote refs, missing targets).
 */
export function followRef(root: Json, rootNode: ValueNode | undefined, ref: string): { schema: Json; node: ValueNode | undefined } | undefined {
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  let schema: Json = root;
  let node = rootNode;
  const parts = fromPointer(pointer, true);
  for (const part of parts) {
    if (Array.isArray(schema)) {
      schema = schema[Number(part)];
      node = node?.kind === 'seq' ? node.items[Number(part)] : undefined;
    } else if (isObject(schema)) {
      schema = own(schema, part);
      node = node?.kind === 'map' ? entry(node, part)?.value : undefined;
    } else {
      return undefined;
    }
    if (schema === undefined) return undefined;
  }
  return { schema, node };
}

const MAX_DEPTH = 48;

class SchemaConverter {
  private readonly refTypes = new Map<string, Type>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly root: Json,
    private readonly rootNode: ValueNode | undefined,
    private readonly mode: SchemaMode,
  ) {}

  convert(schema: Json, node: ValueNode | undefined, depth: number): Type {
    if (depth > MAX_DEPTH) return unknownType;
    if (schema === true || schema === undefined) return unknownType;
    if (schema === false) return neverType;
    if (!isObject(schema)) return unknownType;
    const base = this.convertObjectSchema(schema, node, depth);
    return own(schema, 'nullable') === true ? union(base, nullType) : base;
  }

  private convertObjectSchema(schema: JsonObject, node: ValueNode | undefined, depth: number): Type {
    const ref = own(schema, '$ref');
    if (typeof ref === 'string') return this.convertRef(ref, depth);
    if (own(schema, 'const') !== undefined) return typeOfValue(own(schema, 'const'));
    const enumValues = own(schema, 'enum');
    if (Array.isArray(enumValues)) return union(...enumValues.map(typeOfValue));

    const alternatives = own(schema, 'anyOf') ?? own(schema, 'oneOf');
    if (Array.isArray(alternatives)) {
      const key = own(schema, 'anyOf') !== undefined ? 'anyOf' : 'oneOf';
      const altNodes = sub(node, key);
      return union(...alternatives.map((alt, i) => this.convert(mergeSiblings(schema, alt), altNodes?.kind === 'seq' ? altNodes.items[i] : undefined, depth + 1)));
    }
    const all = own(schema, 'allOf');
    if (Array.isArray(all)) return this.convertAllOf(schema, all, node, depth);

    const type = own(schema, 'type');
    if (Array.isArray(type)) return union(...type.map((t) => this.convertTyped(schema, typeof t === 'string' ? t : undefined, node, depth)));
    if (typeof type === 'string') return this.convertTyped(schema, type, node, depth);
    // No `type`: infer it from the keywords present.
    if (own(schema, 'properties') !== undefined || own(schema, 'additionalProperties') !== undefined || own(schema, 'required') !== undefined) {
      return this.convertTyped(schema, 'object', node, depth);
    }
    if (own(schema, 'items') !== undefined || own(schema, 'prefixItems') !== undefined) return this.convertTyped(schema, 'array', node, depth);
    return unknownType;
  }

  private convertTyped(schema: JsonObject, type: string | undefined, node: ValueNode | undefined, depth: number): Type {
    switch (type) {
      case 'string':
        return stringType;
      case 'number':
        return numberType;
      case 'integer':
        return integerType;
      case 'boolean':
        return booleanType;
      case 'null':
        return nullType;
      case 'array':
        return this.convertArray(schema, node, depth);
      case 'object':
        return this.convertObject(schema, node, depth);
      default:
        return unknownType;
    }
  }

  private convertArray(schema: JsonObject, node: ValueNode | undefined, depth: number): Type {
    const prefix = own(schema, 'prefixItems');
    const items = own(schema, 'items');
    if (Array.isArray(prefix)) {
      const prefixNode = sub(node, 'prefixItems');
      const fixed = prefix.map((p, i) => this.convert(p, prefixNode?.kind === 'seq' ? prefixNode.items[i] : undefined, depth + 1));
      const rest = items === false ? undefined : this.convert(items, sub(node, 'items'), depth + 1);
      return tupleOf(fixed, rest);
    }
    if (Array.isArray(items)) {
      // Draft-07 tuple form.
      const itemsNode = sub(node, 'items');
      const fixed = items.map((p, i) => this.convert(p, itemsNode?.kind === 'seq' ? itemsNode.items[i] : undefined, depth + 1));
      const extra = own(schema, 'additionalItems');
      return tupleOf(fixed, extra === false ? undefined : this.convert(extra, sub(node, 'additionalItems'), depth + 1));
    }
    return arrayOf(this.convert(items, sub(node, 'items'), depth + 1));
  }

  private convertObject(schema: JsonObject, node: ValueNode | undefined, depth: number): ObjectType {
    const properties = new Map<string, Property>();
    const propsJson = own(schema, 'properties');
    const propsNode = sub(node, 'properties');
    const required = new Set((Array.isArray(own(schema, 'required')) ? (own(schema, 'required') as Json[]) : []).filter((r): r is string => typeof r === 'string'));
    if (isObject(propsJson)) {
      for (const [name, propSchema] of Object.entries(propsJson)) {
        const e = propsNode?.kind === 'map' ? entry(propsNode, name) : undefined;
        const declaredAt: Span | undefined = e?.keyNode.span;
        const sensitive = isSensitiveSchema(propSchema);
        properties.set(name, {
          type: this.convert(propSchema, e?.value, depth + 1),
          optional: !required.has(name),
          ...(declaredAt ? { declaredAt } : {}),
          ...(sensitive ? { sensitive } : {}),
        });
      }
    }
    const additional = this.additionalType(schema, node, depth, isObject(propsJson));
    const sensitive = isSensitiveSchema(schema);
    return {
      kind: 'object',
      properties,
      additional,
      ...(node ? { declaredAt: node.span } : {}),
      ...(sensitive ? { sensitive } : {}),
    };
  }

  /** The type of undeclared properties, or undefined when the object is closed. */
  private additionalType(schema: JsonObject, node: ValueNode | undefined, depth: number, hasProperties: boolean): Type | undefined {
    const additional = own(schema, 'additionalProperties');
    const patterns = own(schema, 'patternProperties');
    const opened: Type[] = [];
    if (isObject(patterns)) {
      const patternsNode = sub(node, 'patternProperties');
      for (const [key, p] of Object.entries(patterns)) opened.push(this.convert(p, patternsNode?.kind === 'map' ? entry(patternsNode, key)?.value : undefined, depth + 1));
    }
    if (additional === false) return opened.length > 0 ? union(...opened) : undefined;
    if (additional === true) return unknownType;
    if (isObject(additional)) return union(this.convert(additional, sub(node, 'additionalProperties'), depth + 1), ...opened);
    if (opened.length > 0) return union(...opened, unknownType);
    // Nothing said about extra properties: writes may add them; reads of an
    // object that lists its properties are closed; an object schema that lists
    // none says nothing about its shape, so its reads are `unknown`.
    if (this.mode === 'write' || !hasProperties) return unknownType;
    return undefined;
  }

  private convertAllOf(schema: JsonObject, all: readonly Json[], node: ValueNode | undefined, depth: number): Type {
    // Approximation: merge object parts (properties, required, closedness); otherwise the first part that says something.
    const parts: Json[] = [withoutKey(schema, 'allOf'), ...all.map((p) => this.derefShallow(p))];
    const objects = parts.filter((p): p is JsonObject => isObject(p) && (own(p, 'properties') !== undefined || own(p, 'type') === 'object' || own(p, 'required') !== undefined));
    if (objects.length > 0) {
      const properties: Record<string, Json> = {};
      const required: string[] = [];
      let closed = false;
      for (const o of objects) {
        const props = own(o, 'properties');
        if (isObject(props)) for (const [k, v] of Object.entries(props)) Object.defineProperty(properties, k, { value: v, enumerable: true, configurable: true });
        const req = own(o, 'required');
        if (Array.isArray(req)) required.push(...req.filter((r): r is string => typeof r === 'string'));
        if (own(o, 'additionalProperties') === false) closed = true;
      }
      return this.convertObject({ type: 'object', properties, required, ...(closed ? { additionalProperties: false } : {}) }, node, depth + 1);
    }
    for (const p of parts) {
      const t = this.convert(p, undefined, depth + 1);
      if (t.kind !== 'unknown') return t;
    }
    return unknownType;
  }

  private derefShallow(schema: Json): Json {
    if (isObject(schema) && typeof own(schema, '$ref') === 'string') return followRef(this.root, this.rootNode, own(schema, '$ref') as string)?.schema ?? schema;
    return schema;
  }

  private convertRef(ref: string, depth: number): Type {
    const known = this.refTypes.get(ref);
    if (known) return known;
    const target = followRef(this.root, this.rootNode, ref);
    if (!target) return unknownType;
    if (this.inProgress.has(ref)) {
      const name = ref === '#' ? 'Root' : (ref.split('/').pop() ?? ref);
      return { kind: 'recursive', name, target: () => this.refTypes.get(ref) ?? unknownType };
    }
    this.inProgress.add(ref);
    const type = this.convert(target.schema, target.node, depth + 1);
    this.inProgress.delete(ref);
    this.refTypes.set(ref, type);
    return type;
  }
}

function sub(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return node?.kind === 'map' ? entry(node as MapNode, key)?.value : undefined;
}

/** A copy of a schema object without `key`. */
export function withoutKey(schema: Readonly<Record<string, unknown>>, key: string): Readonly<Record<string, unknown>> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== key) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true });
  return out;
}

/**
 * `anyOf`/`oneOf` alternatives inherit sibling keywords that describe the
 * shape (`type`, `properties`, `required`), as JSON Schema evaluates both.
 */
function mergeSiblings(parent: JsonObject, alternative: Json): Json {
  if (!isObject(alternative)) return alternative;
  const inherited = ['type', 'properties', 'required', 'additionalProperties', 'items'].filter((k) => own(parent, k) !== undefined && own(alternative, k) === undefined);
  if (inherited.length === 0) return alternative;
  const out: Record<string, Json> = {};
  for (const k of inherited) Object.defineProperty(out, k, { value: own(parent, k), enumerable: true, configurable: true });
  for (const [k, v] of Object.entries(alternative)) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true });
  return out;
}
