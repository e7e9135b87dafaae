/**
 * A `$ref` inside an action schema must lead somewhere in that schema: the
 * type checker reads through it, and `owc build` compiles each action schema
 * to a validator on its own. Only references made of a JSON Pointer (`#`,
 * `#/…`) are followed here; anchors (`#name`), other documents and schemas
 * that change their base with a nested `$id` are left to the validator.
 */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { followRef, isJsonObject } from '../../expr/schema-types.js';
import type { SchemaIR } from '../../lower/ir.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import { pointerSegment, unescapeSegment } from '../../source/json-pointer.js';
import { entry, type ValueNode } from '../../source/nodes.js';
import type { Check } from '../check.js';

/** Keywords whose values are data, not schemas: a `$ref` key inside them is just a key. */
const dataKeywords = new Set(['enum', 'const', 'default', 'examples']);

export const schemaRefs: Check = {
  name: 'schema-refs',
  doc: 'Reports a $ref in an action input or output schema whose JSON Pointer leads nowhere in that schema.',
  run({ program, bag }) {
    for (const connector of program.connectors) {
      for (const action of connector.actions) {
        for (const [which, schema] of [['input', action.input], ['output', action.output]] as const) {
          if (schema === undefined || hasNestedId(schema.json, true)) continue;
          forEachRef(schema.json, schema.node, (ref, node) => {
            if (!/^#(\/|$)/.test(ref) || followRef(schema.json, schema.node, ref) !== undefined) return;
            const near = nearbyRef(schema, ref);
            bag.report(M.UnresolvedSchemaRef, node?.span ?? schema.node.span, { ref, which, action: action.name.value }, near === undefined ? {} : { hint: "did you mean '{suggestion}'?", hintArgs: { suggestion: near } });
          });
        }
      }
    }
  },
};

/** The reference the author probably meant: the closest key beside the one that is missing (`#/$defs/numbr` → `#/$defs/number`). */
function nearbyRef(schema: SchemaIR, ref: string): string | undefined {
  const cut = ref.lastIndexOf('/');
  const parent = followRef(schema.json, schema.node, ref.slice(0, cut));
  if (parent === undefined || !isJsonObject(parent.schema)) return undefined;
  const missing = unescapeSegment(ref.slice(cut + 1), true);
  const key = closestMatch(missing, Object.keys(parent.schema));
  return key === undefined ? undefined : `${ref.slice(0, cut)}/${pointerSegment(key)}`;
}

/** Calls `visit` with every `$ref` string of a schema and the node it was written in. */
function forEachRef(value: unknown, node: ValueNode | undefined, visit: (ref: string, node: ValueNode | undefined) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachRef(item, node?.kind === 'seq' ? node.items[i] : undefined, visit));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childNode = node?.kind === 'map' ? entry(node, key)?.value : undefined;
    if (key === '$ref' && typeof child === 'string') visit(child, childNode);
    else if (!dataKeywords.has(key)) forEachRef(child, childNode, visit);
  }
}

/** Whether a subschema below the root declares `$id` (a new base for the references inside it). */
function hasNestedId(value: unknown, root: boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => hasNestedId(v, false));
  if (!isJsonObject(value)) return false;
  if (!root && typeof value.$id === 'string') return true;
  return Object.entries(value).some(([key, child]) => !dataKeywords.has(key) && hasNestedId(child, false));
}

