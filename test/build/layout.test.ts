/**
 * Output laid out without prettier must be what prettier would make of it:
 * type declarations (generators/common/type-layout.ts) either equal prettier's
 * formatting of the TypeScript printer's text or are left to prettier; ajv's
 * code is only re-indented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/lower/ir.js';
import { formatTypeScript } from '../../generators/common/format.js';
import { indentBlocks } from '../../generators/common/js-layout.js';
import { NameScope } from '../../generators/common/naming.js';
import { printNode, schemaDeclarations, type SchemaMode } from '../../generators/common/schema-type.js';
import { layoutDeclarations } from '../../generators/common/type-layout.js';
import { programOf } from './helpers.js';

/** The laid-out text (or undefined) and prettier's formatting of the same declarations. */
async function both(schema: JsonValue | undefined, mode: SchemaMode, docs: readonly string[] = []): Promise<{ laid: string | undefined; formatted: string }> {
  const nodes = schemaDeclarations(schema, 'T', mode, new NameScope(), docs);
  return { laid: layoutDeclarations(nodes), formatted: await formatTypeScript(nodes.map((n) => printNode(n)).join('\n\n')) };
}

const shapes: [string, JsonValue][] = [
  ['an object with docs, enums and nesting', {
    type: 'object',
    description: 'The request.\n\nSecond paragraph.',
    properties: {
      mode: { enum: ['fast', 'slow', -1, 2.5, null, true] },
      nested: { type: 'object', properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'integer', description: 'a count' } } } } }, required: ['a'] },
      grid: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } } } } },
      tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 1 },
      when: { type: 'string', format: 'date-time', default: 'now', deprecated: true },
    },
    required: ['mode'],
  }],
  ['a long union that must break', { enum: Array.from({ length: 20 }, (_, i) => `value-number-${i}`) }],
  ['strings with quotes and non-ASCII', { enum: ["it's", 'say "hi"', 'naïve', 'back\\slash'] }],
  ['odd numbers', { enum: [1e21, 0.1, 1.5e-7, -0] }],
  ['quoted keys', { type: 'object', properties: { 'content-type': { type: 'string' }, '1st': { type: 'string' } } }],
  ['an intersection inside a union', { anyOf: [{ allOf: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/b' }] }, { type: 'string' }], $defs: { a: { type: 'object', properties: { x: { type: 'string' } } }, b: { type: 'object' } } }],
  ['a closed empty object', { type: 'object', additionalProperties: false }],
  ['an open map', { type: 'object', additionalProperties: { type: 'string' } }],
];

describe('type declarations laid out without prettier', () => {
  for (const [name, schema] of shapes) {
    for (const mode of ['input', 'output'] as const) {
      it(`equal prettier's layout or are left to it: ${name} (${mode})`, async () => {
        const { laid, formatted } = await both(schema, mode, ['Input of action "x".']);
        if (laid !== undefined) expect(laid).toBe(formatted);
      });
    }
  }

  it('are laid out directly for the common shapes (objects, enums, arrays of objects)', async () => {
    const { laid, formatted } = await both(shapes[0]![1], 'input');
    expect(laid).toBe(formatted);
  });

  it("equal prettier's layout for every action schema of the build fixtures", async () => {
    const program = programOf(['examples/connectors/weather.yaml', 'examples/connectors/chat.yaml', 'test/build/fixtures/shapes.yaml', 'test/build/fixtures/edge.yaml', 'test/build/fixtures/mcp.yaml']);
    let direct = 0;
    for (const action of program.connectors.flatMap((c) => c.actions)) {
      for (const [schema, mode] of [[action.input?.json, 'input'], [action.output?.json, 'output']] as const) {
        const { laid, formatted } = await both(schema, mode);
        if (laid === undefined) continue;
        direct++;
        expect(laid, action.name.value).toBe(formatted);
      }
    }
    expect(direct).toBeGreaterThan(0);
  }, 60_000);

  it("equal prettier's layout for generated schemas", async () => {
    const key = fc.constantFrom('a', 'b_c', 'camelCase', 'x1', 'content-type', 'it\'s');
    const text = fc.constantFrom('plain', 'it\'s', 'tab\there', 'ünïcode', 'a'.repeat(60), 'with "quotes"');
    const schema: fc.Arbitrary<JsonValue> = fc.letrec<{ s: JsonValue }>((tie) => ({
      s: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom<JsonValue>({ type: 'string' }, { type: 'integer' }, { type: 'boolean' }, { type: 'null' }, true),
        fc.record({ enum: fc.array(fc.oneof(text, fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 12 }) }),
        fc.record({ type: fc.constant('array'), items: tie('s') }),
        fc.record({ anyOf: fc.array(tie('s'), { minLength: 1, maxLength: 4 }) }),
        fc.record(
          {
            type: fc.constant('object'),
            properties: fc.dictionary(key, fc.record({ description: text, type: fc.constant('string') }, { requiredKeys: ['type'] }), { maxKeys: 4 }),
            additionalProperties: fc.oneof(fc.constant(false), tie('s')),
          },
          { requiredKeys: ['type', 'properties'] },
        ),
      ),
    })).s;
    await fc.assert(
      fc.asyncProperty(schema, fc.constantFrom<SchemaMode>('input', 'output'), async (s, mode) => {
        const { laid, formatted } = await both(s, mode);
        if (laid !== undefined) expect(laid).toBe(formatted);
      }),
      { numRuns: 150, seed: 5 },
    );
  }, 120_000);
});

describe('indentBlocks', () => {
  it('indents by block depth and keeps every statement as written', () => {
    const code = 'function f(a){\nif(a){\nreturn {x:"{"};\n}\nelse {\nreturn 1;\n}\n}\n\n\nconst s = {"a":1};\n';
    expect(indentBlocks(code)).toBe('function f(a){\n  if(a){\n    return {x:"{"};\n  }\n  else {\n    return 1;\n  }\n}\n\nconst s = {"a":1};\n');
  });

  it('never indents below the first column on unbalanced input', () => {
    expect(indentBlocks('}\n}\nx;\n')).toBe('}\n}\nx;\n');
  });
});
