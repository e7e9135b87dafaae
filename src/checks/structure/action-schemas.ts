/**
 * Mistakes inside action schemas that `owc build` would only meet when it
 * compiles each schema to a validator, found here with their exact place:
 *
 * - a `$ref` that leads nowhere in its schema. Only references made of a JSON
 *   Pointer (`#`, `#/…`) are followed; anchors (`#name`), other documents and
 *   schemas that change their base with a nested `$id` are left to the
 *   validator;
 * - a `type` that is not one of JSON Schema's seven;
 * - a `pattern` (or `patternProperties` key) that is not a regular expression
 *   in the dialect validators use (ECMAScript with the `u` flag).
 */
import { structureMessages as M } from '../../diagnostics/catalog/structure.js';
import { followRef, isJsonObject } from '../../expr/schema-types.js';
import type { SchemaIR } from '../../lower/ir.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import { pointerSegment, unescapeSegment } from '../../source/json-pointer.js';
import { entry, type ValueNode } from '../../source/nodes.js';
import type { Span } from '../../source/span.js';
import type { Check } from '../check.js';
import { regExpProblem } from '../patterns.js';

/** Keywords whose values are data, not schemas: a `$ref` key inside them is just a key. */
const dataKeywords = new Set(['enum', 'const', 'default', 'examples', 'dependentRequired']);

/** Keywords whose values map names to schemas: a key there (`type`, `pattern`) names a property, not a keyword. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies']);

/** The values `type` may take. */
const jsonTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

export const actionSchemas: Check = {
  name: 'action-schemas',
  doc: 'Reports a $ref that leads nowhere, an unknown type name or a broken regular expression in an action input or output schema.',
  run({ program, bag }) {
    for (const connector of program.connectors) {
      for (const action of connector.actions) {
        for (const [which, schema] of [['input', action.input], ['output', action.output]] as const) {
          if (schema === undefined) continue;
          const where = { which, action: action.name.value };
          // A subschema below the root with its own `$id` changes the base the
          // references inside it resolve against, so pointers are only
          // followed when the walk met none.
          let nestedId = false;
          const refs: { ref: string; at: Span }[] = [];
          forEachKeyword(schema.json, schema.node, (keyword, value, node, root) => {
            const at = node?.span ?? schema.node.span;
            if (keyword === '$id' && !root && typeof value === 'string') {
              nestedId = true;
            } else if (keyword === '$ref' && typeof value === 'string') {
              if (/^#(\/|$)/.test(value)) refs.push({ ref: value, at });
            } else if (keyword === 'type') {
              const names = Array.isArray(value) ? value : [value];
              names.forEach((name, i) => {
                if (typeof name !== 'string' || jsonTypes.includes(name)) return;
                const nameNode = Array.isArray(value) ? (node?.kind === 'seq' ? node.items[i] : undefined) : node;
                const near = closestMatch(name, jsonTypes);
                bag.report(M.UnknownSchemaType, nameNode?.span ?? at, { type: name, ...where }, near === undefined ? {} : { hint: "did you mean '{suggestion}'?", hintArgs: { suggestion: near } });
              });
            } else if (keyword === 'pattern' && typeof value === 'string') {
              const problem = regExpProblem(value);
              if (problem !== undefined) bag.report(M.InvalidSchemaPattern, at, { pattern: value, detail: problem, ...where });
            } else if (keyword === 'patternProperties' && node?.kind === 'map') {
              for (const e of node.entries) {
                const problem = regExpProblem(e.key);
                if (problem !== undefined) bag.report(M.InvalidSchemaPattern, e.keyNode.span, { pattern: e.key, detail: problem, ...where });
              }
            }
          });
          if (nestedId) continue;
          for (const { ref, at } of refs) {
            if (followRef(schema.json, schema.node, ref) !== undefined) continue;
            const near = nearbyRef(schema, ref);
            bag.report(M.UnresolvedSchemaRef, at, { ref, ...where }, near === undefined ? {} : { hint: "did you mean '{suggestion}'?", hintArgs: { suggestion: near } });
          }
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

/**
 * Calls `visit` with every keyword of every schema object inside `value` (its
 * name, its value, the node the value was written in, and whether the object
 * is `value` itself), going into every value but those of data keywords, and
 * into maps of named schemas one name at a time.
 */
function forEachKeyword(
  value: unknown,
  node: ValueNode | undefined,
  visit: (keyword: string, value: unknown, node: ValueNode | undefined, root: boolean) => void,
  root = true,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachKeyword(item, node?.kind === 'seq' ? node.items[i] : undefined, visit, false));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childNode = node?.kind === 'map' ? entry(node, key)?.value : undefined;
    visit(key, child, childNode, root);
    if (dataKeywords.has(key)) continue;
    if (schemaMaps.has(key) && isJsonObject(child)) {
      for (const [name, schema] of Object.entries(child)) forEachKeyword(schema, childNode?.kind === 'map' ? entry(childNode, name)?.value : undefined, visit, false);
    } else {
      forEachKeyword(child, childNode, visit, false);
    }
  }
}
