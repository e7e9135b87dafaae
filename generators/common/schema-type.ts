/**
 * JSON Schema → TypeScript types, built with the TypeScript factory (never by
 * joining strings), as openapi-typescript does. Follows DESIGN.md §5:
 * `enum`/`const` become literal unions, `anyOf`/`oneOf` unions, `allOf`
 * intersections, `prefixItems` tuples, local `$ref`s named types, and
 * `unknown` where no schema says more. Objects in output schemas are closed
 * unless they open extra properties explicitly; input schemas follow the JSON
 * Schema default (open). Descriptions become TSDoc comments.
 */
import { ts } from 'ts-morph';
import type { JsonValue } from '../../src/lower/ir.js';
import { isIdentifier, pascalCase, type NameScope } from './naming.js';
import { docText, jsonLiteral } from './quote.js';

const f = ts.factory;

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

function keyword(kind: ts.KeywordTypeSyntaxKind): ts.TypeNode {
  return f.createKeywordTypeNode(kind);
}

const unknownType = (): ts.TypeNode => keyword(ts.SyntaxKind.UnknownKeyword);
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const scratch = ts.createSourceFile('types.ts', '', ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);

/** Prints a type node or statement as TypeScript text. */
export function printNode(node: ts.Node): string {
  return printer.printNode(ts.EmitHint.Unspecified, node, scratch);
}

function isUnknown(node: ts.TypeNode): boolean {
  return node.kind === ts.SyntaxKind.UnknownKeyword;
}

/** A union with duplicates removed; `unknown` absorbs everything, one member is itself. */
function union(members: readonly ts.TypeNode[]): ts.TypeNode {
  const seen = new Set<string>();
  const out: ts.TypeNode[] = [];
  for (const m of members.flatMap((t) => (ts.isUnionTypeNode(t) ? [...t.types] : [t]))) {
    if (isUnknown(m)) return unknownType();
    const text = printNode(m);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(m);
  }
  if (out.length === 0) return keyword(ts.SyntaxKind.NeverKeyword);
  return out.length === 1 ? out[0]! : f.createUnionTypeNode(out);
}

function intersection(members: readonly ts.TypeNode[]): ts.TypeNode {
  const parts = members.filter((m) => !isUnknown(m));
  if (parts.length === 0) return unknownType();
  return parts.length === 1 ? parts[0]! : f.createIntersectionTypeNode(parts);
}

/** The type of exactly one JSON value (for `const` and `enum`). */
function literalType(value: JsonValue): ts.TypeNode {
  if (value === null) return f.createLiteralTypeNode(f.createNull());
  if (typeof value === 'string') return f.createLiteralTypeNode(f.createStringLiteral(value));
  if (typeof value === 'boolean') return f.createLiteralTypeNode(value ? f.createTrue() : f.createFalse());
  if (typeof value === 'number') {
    const lit = f.createNumericLiteral(Math.abs(value));
    return f.createLiteralTypeNode(value < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, lit) : lit);
  }
  if (Array.isArray(value)) return f.createTupleTypeNode(value.map((v: JsonValue) => literalType(v)));
  return f.createTypeLiteralNode(
    Object.keys(value).map((k) => f.createPropertySignature(undefined, propertyName(k), undefined, literalType((value as JsonObject)[k]!))),
  );
}

function propertyName(name: string): ts.PropertyName {
  return isIdentifier(name) ? f.createIdentifier(name) : f.createStringLiteral(name);
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

/** Attaches a `/** … *\/` comment built from `lines` to `node`. */
export function withDoc<T extends ts.Node>(node: T, lines: readonly string[]): T {
  if (lines.length === 0) return node;
  const body = lines.join('\n').split('\n');
  const text = body.length === 1 ? `* ${body[0]} ` : `*\n${body.map((l) => (l === '' ? ' *' : ` * ${l}`)).join('\n')}\n `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, text, true);
}

function typeOf(schema: JsonValue | undefined, ctx: Context): ts.TypeNode {
  if (schema === undefined || schema === true) return unknownType();
  if (schema === false) return keyword(ts.SyntaxKind.NeverKeyword);
  if (!isObject(schema)) return unknownType();
  let result = typeWithoutNullable(schema, ctx);
  if (schema['nullable'] === true) result = union([result, literalType(null)]);
  return result;
}

function typeWithoutNullable(schema: JsonObject, ctx: Context): ts.TypeNode {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    if (ref === '#') return f.createTypeReferenceNode(ctx.rootName);
    const name = ctx.refs.get(ref);
    return name === undefined ? unknownType() : f.createTypeReferenceNode(name);
  }
  if (schema['const'] !== undefined) return literalType(schema['const']);
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues)) return union(enumValues.map((v: JsonValue) => literalType(v)));

  const parts: ts.TypeNode[] = [];
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
function baseType(schema: JsonObject, ctx: Context): ts.TypeNode | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return singleType(type, schema, ctx);
  if (Array.isArray(type)) return union(type.map((t: JsonValue) => (typeof t === 'string' ? singleType(t, schema, ctx) : unknownType())));
  if (['properties', 'additionalProperties', 'patternProperties', 'required'].some((k) => schema[k] !== undefined)) {
    return objectType(schema, ctx);
  }
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return arrayType(schema, ctx);
  return undefined;
}

function singleType(type: string, schema: JsonObject, ctx: Context): ts.TypeNode {
  switch (type) {
    case 'string':
      return keyword(ts.SyntaxKind.StringKeyword);
    case 'number':
    case 'integer':
      return keyword(ts.SyntaxKind.NumberKeyword);
    case 'boolean':
      return keyword(ts.SyntaxKind.BooleanKeyword);
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

function arrayType(schema: JsonObject, ctx: Context): ts.TypeNode {
  const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : undefined;
  if (prefix === undefined) return f.createArrayTypeNode(typeOf(schema['items'], ctx));
  const rest = Array.isArray(schema['items']) ? schema['additionalItems'] : schema['items'];
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const elements: ts.TypeNode[] = prefix.map((s: JsonValue, i: number) => {
    const t = typeOf(s, ctx);
    return i < minItems ? t : f.createOptionalTypeNode(t);
  });
  if (rest !== false) elements.push(f.createRestTypeNode(f.createArrayTypeNode(typeOf(rest, ctx))));
  return f.createTupleTypeNode(elements);
}

function objectType(schema: JsonObject, ctx: Context): ts.TypeNode {
  const members = objectMembers(schema, ctx);
  if (members.length === 0) {
    // A closed object without properties: nothing can be read from it.
    return f.createTypeReferenceNode('Record', [keyword(ts.SyntaxKind.StringKeyword), keyword(ts.SyntaxKind.NeverKeyword)]);
  }
  return f.createTypeLiteralNode(members);
}

/** The members of an object schema: its declared properties and, when it is open, an index signature. */
function objectMembers(schema: JsonObject, ctx: Context): ts.TypeElement[] {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
  const members: ts.TypeElement[] = [];
  const memberTypes: ts.TypeNode[] = [];
  for (const name of Object.keys(properties)) {
    const propSchema = properties[name]!;
    const optional = !required.has(name);
    const type = typeOf(propSchema, ctx);
    memberTypes.push(type);
    const sig = f.createPropertySignature(undefined, propertyName(name), optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined, type);
    members.push(withDoc(sig, docLines(propSchema)));
  }
  // Required names without a declared schema still exist on the value.
  for (const name of required) {
    if (Object.prototype.hasOwnProperty.call(properties, name)) continue;
    memberTypes.push(unknownType());
    members.push(f.createPropertySignature(undefined, propertyName(name), undefined, unknownType()));
  }
  const extra = extraPropertyType(schema, ctx);
  if (extra !== undefined) {
    let value = extra;
    if (!isUnknown(extra)) {
      const parts = members.length > 0 ? [extra, ...memberTypes] : [extra];
      value = union([...parts, keyword(ts.SyntaxKind.UndefinedKeyword)]);
    }
    const param = f.createParameterDeclaration(undefined, undefined, 'key', undefined, keyword(ts.SyntaxKind.StringKeyword));
    members.push(f.createIndexSignature(undefined, [param], value));
  }
  return members;
}

/** The type of properties an object schema does not declare, or undefined when it is closed. */
function extraPropertyType(schema: JsonObject, ctx: Context): ts.TypeNode | undefined {
  const additional = schema['additionalProperties'] ?? schema['unevaluatedProperties'];
  const patterns = isObject(schema['patternProperties']) ? Object.values(schema['patternProperties']) : [];
  const types: ts.TypeNode[] = patterns.map((s) => typeOf(s, ctx));
  if (additional === false) return types.length > 0 ? union(types) : undefined;
  if (additional === undefined) {
    if (types.length > 0) return union(types);
    return ctx.mode === 'input' ? unknownType() : undefined;
  }
  return union([typeOf(additional, ctx), ...types]);
}

function decodePointerToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // keep the token as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

function encodePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
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
): ts.Statement[] {
  const refs = new Map<string, string>();
  const defs: { name: string; schema: JsonValue }[] = [];
  if (isObject(schema)) {
    for (const container of ['$defs', 'definitions'] as const) {
      const entries = schema[container];
      if (!isObject(entries)) continue;
      for (const key of Object.keys(entries)) {
        const defName = scope.unique(`${name}${pascalCase(key)}`);
        refs.set(`#/${container}/${encodePointerToken(key)}`, defName);
        refs.set(`#/${container}/${encodeURIComponent(key)}`, defName);
        refs.set(`#/${container}/${decodePointerToken(key)}`, defName);
        defs.push({ name: defName, schema: entries[key]! });
      }
    }
  }
  const ctx: Context = { mode, rootName: name, refs };
  const statements = [declaration(name, schema, ctx, [...docs, ...docLines(schema)])];
  for (const def of defs) statements.push(declaration(def.name, def.schema, ctx, docLines(def.schema)));
  return statements;
}

function declaration(name: string, schema: JsonValue | undefined, ctx: Context, docs: readonly string[]): ts.Statement {
  const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  const type = typeOf(schema, ctx);
  if (ts.isTypeLiteralNode(type)) {
    return withDoc(f.createInterfaceDeclaration(exported, name, undefined, undefined, type.members), docs);
  }
  return withDoc(f.createTypeAliasDeclaration(exported, name, undefined, type), docs);
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
