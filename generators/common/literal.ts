/**
 * Object literals in generated code. Data from manifests is written through
 * `jsonLiteral` (quoted); only `Code` leaves, which the generator itself
 * builds from scope-checked identifiers, are written verbatim.
 */
import type { JsonValue } from '../../src/lower/ir.js';
import type { ValueNode } from '../../src/source/nodes.js';
import { isIdentifier } from './naming.js';
import { jsonLiteral } from './quote.js';

/** A fragment of generated code (an identifier or a call the generator built). */
export class Code {
  constructor(readonly text: string) {}
}

/** Marks generator-built code for verbatim output. */
export function code(text: string): Code {
  return new Code(text);
}

/** A value to write as a literal: JSON data, code fragments, and objects/arrays of them. Undefined properties are left out. */
export type LiteralValue =
  | JsonValue
  | Code
  | readonly LiteralValue[]
  | { readonly [key: string]: LiteralValue | undefined };

/** A property key for an object literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // A literal `__proto__:` key would set the prototype instead of a property.
  if (key === '__proto__') return `[${jsonLiteral(key)}]`;
  return isIdentifier(key) ? key : jsonLiteral(key);
}

/** Writes `value` as a JavaScript expression. */
export function literal(value: LiteralValue): string {
  if (value instanceof Code) return value.text;
  if (value === null || typeof value !== 'object') return jsonLiteral(value);
  if (Array.isArray(value)) return `[${value.map((v: LiteralValue) => literal(v)).join(', ')}]`;
  const record = value as { readonly [key: string]: LiteralValue | undefined };
  const parts: string[] = [];
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v !== undefined) parts.push(`${propertyKey(key)}: ${literal(v)}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** The plain JSON value of a located node (scalars, maps, lists). */
export function nodeJson(node: ValueNode): JsonValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(nodeJson);
    case 'map': {
      const out: { [key: string]: JsonValue } = {};
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: nodeJson(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}
