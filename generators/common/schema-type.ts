/**
 * JSON Schema → TypeScript types, built as a small syntax tree of their own
 * (never by joining strings), printed by `printNode` or, in prettier's layout,
 * by ./type-layout.ts. Follows DESIGN.md §5: `enum`/`const` become literal
 * unions, `anyOf`/`oneOf` unions, `allOf` intersections, `prefixItems`
 * tuples, local `$ref`s named types, and `unknown` where no schema says more.
 * Objects in output schemas are closed unless they open extra properties
 * explicitly; input schemas follow the JSON Schema default (open).
 * Descriptions become TSDoc comments.
 */
import type { JsonValue } from '../../src/lower/ir.js';
import { pointerSegment, unescapeSegment } from '../../src/source/json-pointer.js';
import { docComment } from './code-layout.js';
import { isIdentifier, pascalCase, type NameScope } from './naming.js';
import { docText, jsonLiteral } from './quote.js';

/** A keyword type. */
export type Keyword = 'string' | 'number' | 'boolean' | 'unknown' | 'never' | 'undefined' | 'null';

/** A type of the generated code. */
export type TypeNode =
  | { readonly kind: 'keyword'; readonly name: Keyword }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'reference'; readonly name: string; readonly args: readonly TypeNode[] }
  | { readonly kind: 'array'; readonly element: TypeNode }
  | { readonly kind: 'tuple'; readonly elements: readonly TupleElement[] }
  | { readonly kind: 'union'; readonly members: readonly TypeNode[] }
  | { readonly kind: 'intersection'; readonly members: readonly TypeNode[] }
  | { readonly kind: 'object'; readonly members: readonly Member[] };

export interface TupleElement {
  readonly type: TypeNode;
  /** `T?` (an element past `minItems`) or `...T` (the rest, whose type is an array). */
  readonly mode: 'required' | 'optional' | 'rest';
}

/** A member of an object type: a property (with its TSDoc lines) or the index signature `[key: string]: T`. */
export type Member =
  | { readonly kind: 'property'; readonly name: string; readonly optional: boolean; readonly type: TypeNode; readonly docs: readonly string[] }
  | { readonly kind: 'index'; readonly type: TypeNode };

/** `export interface` (when the type is an object type) or `export type`, with its TSDoc lines. */
export interface Declaration {
  readonly name: string;
  readonly docs: readonly string[];
  readonly type: TypeNode;
}

/** Inputs are open objects by default (JSON Schema); outputs are closed (the action's contract for reads). */
export type SchemaMode = 'input' | 'output';

type JsonObject = { readonly [key: string]: JsonValue };

interface Context {
  readonly mode: SchemaMode;
  readonly rootName: string;
  /** `#/$defs/X` and `#/definitions/X` → declared type name. */
  readonly refs: ReadonlyMap<string, string>;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyword(name: Keyword): TypeNode {
  return { kind: 'keyword', name };
}

const unknownType = (): TypeNode => keyword('unknown');

function reference(name: string, args: readonly TypeNode[] = []): TypeNode {
  return { kind: 'reference', name, args };
}

/**
 * A string literal as the TypeScript printer writes it: double quotes, the
 * usual escapes, other control characters and everything beyond ASCII as
 * `\uXXXX` (prettier keeps escapes as written, so layout and fallback agree).
 */
function typeStringLiteral(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c === 0) out += /[0-9]/.test(text[i + 1] ?? '') ? '\\x00' : '\\0';
    else if (c < 0x20 || c > 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The key of a property: bare when it is an identifier, quoted otherwise. */
function propertyKey(name: string): string {
  return isIdentifier(name) ? name : typeStringLiteral(name);
}

function needsParens(node: TypeNode): boolean {
  return node.kind === 'union' || node.kind === 'intersection';
}

/** The TSDoc comment of `lines` at `indent`, each line ending in a newline ('' without lines). */
function commentText(lines: readonly string[], indent: string): string {
  return docComment(lines.join('\n'), indent)
    .map((l) => `${l}\n`)
    .join('');
}

/** The members of an object type, one per line (as the TypeScript printer writes them, which prettier keeps expanded). */
function membersText(members: readonly Member[], indent: string): string {
  const inner = `${indent}    `;
  return members
    .map((m) =>
      m.kind === 'property'
        ? `${commentText(m.docs, inner)}${inner}${propertyKey(m.name)}${m.optional ? '?' : ''}: ${typeText(m.type, inner)};\n`
        : `${inner}[key: string]: ${typeText(m.type, inner)};\n`,
    )
    .join('');
}

function typeText(node: TypeNode, indent: string): string {
  switch (node.kind) {
    case 'keyword':
      return node.name;
    case 'string':
      return typeStringLiteral(node.value);
    case 'number':
      return node.value < 0 ? `-${String(Math.abs(node.value))}` : String(Math.abs(node.value));
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'reference':
      return node.args.length === 0 ? node.name : `${node.name}<${node.args.map((a) => typeText(a, indent)).join(', ')}>`;
    case 'array': {
      const element = typeText(node.element, indent);
      return needsParens(node.element) ? `(${element})[]` : `${element}[]`;
    }
    case 'tuple':
      return `[${node.elements
        .map((e) => {
          const t = typeText(e.type, indent);
          if (e.mode === 'rest') return `...${t}`;
          return e.mode === 'optional' ? `${needsParens(e.type) ? `(${t})` : t}?` : t;
        })
        .join(', ')}]`;
    case 'union':
      return node.members.map((m) => (needsParens(m) ? `(${typeText(m, indent)})` : typeText(m, indent))).join(' | ');
    case 'intersection':
      return node.members.map((m) => (needsParens(m) ? `(${typeText(m, indent)})` : typeText(m, indent))).join(' & ');
    case 'object':
      return node.members.length === 0 ? '{}' : `{\n${membersText(node.members, indent)}${indent}}`;
  }
}

/** The text of a type or declaration, for prettier to format (object types written over several lines, as it then keeps them). */
export function printNode(node: TypeNode | Declaration): string {
  if (!('kind' in node)) {
    const head = `${commentText(node.docs, '')}export `;
    if (node.type.kind === 'object') return `${head}interface ${node.name} {\n${membersText(node.type.members, '')}}`;
    return `${head}type ${node.name} = ${typeText(node.type, '')};`;
  }
  return typeText(node, '');
}

function isUnknown(node: TypeNode): boolean {
  return node.kind === 'keyword' && node.name === 'unknown';
}

/** A union with duplicates removed; `unknown` absorbs everything, one member is itself. */
function union(members: readonly TypeNode[]): TypeNode {
  const seen = new Set<string>();
  const out: TypeNode[] = [];
  for (const m of members.flatMap((t) => (t.kind === 'union' ? [...t.members] : [t]))) {
    if (isUnknown(m)) return unknownType();
    const text = printNode(m);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(m);
  }
  if (out.length === 0) return keyword('never');
  return out.length === 1 ? out[0]! : { kind: 'union', members: out };
}

function intersection(members: readonly TypeNode[]): TypeNode {
  const parts = members.filter((m) => !isUnknown(m));
  if (parts.length === 0) return unknownType();
  return parts.length === 1 ? parts[0]! : { kind: 'intersection', members: parts };
}

/** The type of exactly one JSON value (for `const` and `enum`). */
function literalType(value: JsonValue): TypeNode {
  if (value === null) return keyword('null');
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (Array.isArray(value)) return { kind: 'tuple', elements: value.map((v: JsonValue) => ({ type: literalType(v), mode: 'required' as const })) };
  return {
    kind: 'object',
    members: Object.keys(value).map((k) => ({ kind: 'property' as const, name: k, optional: false, type: literalType((value as JsonObject)[k]!), docs: [] })),
  };
}

/** TSDoc lines for a schema: its description, deprecation and default. */
function docLines(schema: JsonValue | undefined): string[] {
  if (!isObject(schema)) return [];
  const lines: string[] = [];
  if (typeof schema['description'] === 'string' && schema['description'].trim() !== '') lines.push(docText(schema['description']));
  if (typeof schema['format'] === 'string') lines.push(`Format: \`${docText(schema['format'])}\`.`);
  if (schema['default'] !== undefined) lines.push(`@default ${docText(jsonLiteral(schema['default']))}`);
  if (schema['deprecated'] === true) lines.push('@deprecated');
  return lines;
}

function typeOf(schema: JsonValue | undefined, ctx: Context): TypeNode {
  if (schema === undefined || schema === true) return unknownType();
  if (schema === false) return keyword('never');
  if (!isObject(schema)) return unknownType();
  let result = typeWithoutNullable(schema, ctx);
  if (schema['nullable'] === true) result = union([result, literalType(null)]);
  return result;
}

function typeWithoutNullable(schema: JsonObject, ctx: Context): TypeNode {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    if (ref === '#') return reference(ctx.rootName);
    const name = ctx.refs.get(ref);
    return name === undefined ? unknownType() : reference(name);
  }
  if (schema['const'] !== undefined) return literalType(schema['const']);
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues)) return union(enumValues.map((v: JsonValue) => literalType(v)));

  const parts: TypeNode[] = [];
  const base = baseType(schema, ctx);
  if (base !== undefined) parts.push(base);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alternatives = schema[key];
    if (Array.isArray(alternatives)) parts.push(union(alternatives.map((s: JsonValue) => typeOf(s, ctx))));
  }
  const all = schema['allOf'];
  if (Array.isArray(all)) parts.push(...all.map((s: JsonValue) => typeOf(s, ctx)));
  return intersection(parts);
}

/** The type from `type` (or the keywords that imply one); undefined when the schema says nothing about it. */
function baseType(schema: JsonObject, ctx: Context): TypeNode | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return singleType(type, schema, ctx);
  if (Array.isArray(type)) return union(type.map((t: JsonValue) => (typeof t === 'string' ? singleType(t, schema, ctx) : unknownType())));
  if (['properties', 'additionalProperties', 'patternProperties', 'required'].some((k) => schema[k] !== undefined)) {
    return objectType(schema, ctx);
  }
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return arrayType(schema, ctx);
  return undefined;
}

function singleType(type: string, schema: JsonObject, ctx: Context): TypeNode {
  switch (type) {
    case 'string':
      return keyword('string');
    case 'number':
    case 'integer':
      return keyword('number');
    case 'boolean':
      return keyword('boolean');
    case 'null':
      return literalType(null);
    case 'array':
      return arrayType(schema, ctx);
    case 'object':
      return objectType(schema, ctx);
    default:
      return unknownType();
  }
}

function arrayType(schema: JsonObject, ctx: Context): TypeNode {
  const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : undefined;
  if (prefix === undefined) return { kind: 'array', element: typeOf(schema['items'], ctx) };
  const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const elements: TupleElement[] = prefix.map((s: JsonValue, i: number) => ({ type: typeOf(s, ctx), mode: i < minItems ? 'required' : 'optional' }));
  if (rest !== false) elements.push({ type: { kind: 'array', element: typeOf(rest, ctx) }, mode: 'rest' });
  return { kind: 'tuple', elements };
}

function objectType(schema: JsonObject, ctx: Context): TypeNode {
  const members = objectMembers(schema, ctx);
  if (members.length === 0) {
    // A closed object without properties: nothing can be read from it.
    return reference('Record', [keyword('string'), keyword('never')]);
  }
  return { kind: 'object', members };
}

/** The members of an object schema: its declared properties and, when it is open, an index signature. */
function objectMembers(schema: JsonObject, ctx: Context): Member[] {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
  const members: Member[] = [];
  const memberTypes: TypeNode[] = [];
  for (const name of Object.keys(properties)) {
    const propSchema = properties[name]!;
    const optional = !required.has(name);
    const type = typeOf(propSchema, ctx);
    memberTypes.push(type);
    members.push({ kind: 'property', name, optional, type, docs: docLines(propSchema) });
  }
  // Required names without a declared schema still exist on the value.
  for (const name of required) {
    if (Object.prototype.hasOwnProperty.call(properties, name)) continue;
    memberTypes.push(unknownType());
    members.push({ kind: 'property', name, optional: false, type: unknownType(), docs: [] });
  }
  const extra = extraPropertyType(schema, ctx);
  if (extra !== undefined) {
    let value = extra;
    if (!isUnknown(extra)) {
      const parts = members.length > 0 ? [extra, ...memberTypes] : [extra];
      value = union([...parts, keyword('undefined')]);
    }
    members.push({ kind: 'index', type: value });
  }
  return members;
}

/** The type of properties an object schema does not declare, or undefined when it is closed. */
function extraPropertyType(schema: JsonObject, ctx: Context): TypeNode | undefined {
  const additional = schema['additionalProperties'] ?? schema['unevaluatedProperties'];
  const patterns = isObject(schema['patternProperties']) ? Object.values(schema['patternProperties']) : [];
  const types: TypeNode[] = patterns.map((s) => typeOf(s, ctx));
  if (additional === false) return types.length > 0 ? union(types) : undefined;
  if (additional === undefined) {
    if (types.length > 0) return union(types);
    return ctx.mode === 'input' ? unknownType() : undefined;
  }
  return union([typeOf(additional, ctx), ...types]);
}


/**
 * The type declarations for one schema: `name` itself (an interface when the
 * schema is an object with members, otherwise a type alias) and one named type
 * per entry of its `$defs`/`definitions`, named `name` + the entry's name.
 * `scope` hands out the names, so declarations never collide in a module.
 */
export function schemaDeclarations(
  schema: JsonValue | undefined,
  name: string,
  mode: SchemaMode,
  scope: NameScope,
  docs: readonly string[] = [],
): Declaration[] {
  const refs = new Map<string, string>();
  const defs: { name: string; schema: JsonValue }[] = [];
  if (isObject(schema)) {
    for (const container of ['$defs', 'definitions'] as const) {
      const entries = schema[container];
      if (!isObject(entries)) continue;
      for (const key of Object.keys(entries)) {
        const defName = scope.unique(`${name}${pascalCase(key)}`);
        refs.set(`#/${container}/${pointerSegment(key)}`, defName);
        refs.set(`#/${container}/${encodeURIComponent(key)}`, defName);
        refs.set(`#/${container}/${unescapeSegment(key, true)}`, defName);
        defs.push({ name: defName, schema: entries[key]! });
      }
    }
  }
  const ctx: Context = { mode, rootName: name, refs };
  const statements = [declaration(name, schema, ctx, [...docs, ...docLines(schema)])];
  for (const def of defs) statements.push(declaration(def.name, def.schema, ctx, docLines(def.schema)));
  return statements;
}

function declaration(name: string, schema: JsonValue | undefined, ctx: Context, docs: readonly string[]): Declaration {
  return { name, docs, type: typeOf(schema, ctx) };
}

/** Whether a value of `{}` satisfies the schema's TypeScript type (an object schema with no required properties). */
export function acceptsEmptyObject(schema: JsonValue | undefined): boolean {
  if (schema === undefined) return true;
  if (!isObject(schema)) return false;
  const type = schema['type'];
  const objectLike = type === 'object' || (type === undefined && schema['properties'] !== undefined);
  if (!objectLike || schema['$ref'] !== undefined) return false;
  if (['allOf', 'anyOf', 'oneOf', 'const', 'enum'].some((k) => schema[k] !== undefined)) return false;
  const required = schema['required'];
  return !Array.isArray(required) || required.length === 0;
}
