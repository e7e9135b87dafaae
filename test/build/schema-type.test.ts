/** JSON Schema → TypeScript declarations (DESIGN.md §5). */
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/lower/ir.js';
import { NameScope } from '../../generators/common/naming.js';
import { printNode, schemaDeclarations, type SchemaMode } from '../../generators/common/schema-type.js';

function declare(schema: JsonValue | undefined, mode: SchemaMode): string {
  return schemaDeclarations(schema, 'T', mode, new NameScope())
    .map((s) => printNode(s))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

const cases: [string, { schema: JsonValue | undefined; mode: SchemaMode; want: string }][] = [
  ['no schema is unknown', { schema: undefined, mode: 'output', want: 'export type T = unknown;' }],
  ['scalars', { schema: { type: 'integer' }, mode: 'output', want: 'export type T = number;' }],
  ['enum as literal union', { schema: { enum: ['a', 1, null, true] }, mode: 'output', want: 'export type T = "a" | 1 | null | true;' }],
  ['negative const', { schema: { const: -2 }, mode: 'output', want: 'export type T = -2;' }],
  ['type list', { schema: { type: ['string', 'null'] }, mode: 'output', want: 'export type T = string | null;' }],
  [
    'output objects are closed unless opened',
    { schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, mode: 'output', want: 'export interface T { a: string; }' },
  ],
  [
    'input objects are open by default',
    { schema: { type: 'object', properties: { a: { type: 'string' } } }, mode: 'input', want: 'export interface T { a?: string; [key: string]: unknown; }' },
  ],
  [
    'additionalProperties schema joins declared property types',
    {
      schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'number' } },
      mode: 'output',
      want: 'export interface T { a?: string; [key: string]: number | string | undefined; }',
    },
  ],
  ['closed empty object', { schema: { type: 'object', additionalProperties: false }, mode: 'input', want: 'export type T = Record<string, never>;' }],
  ['tuples', { schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 1 }, mode: 'output', want: 'export type T = [string, number?, ...unknown[]];' }],
  ['arrays of unions', { schema: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }, mode: 'output', want: 'export type T = (string | number)[];' }],
  ['allOf intersects', { schema: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'number' } } }] }, mode: 'output', want: 'export type T = { a?: string; } & { b?: number; };' }],
  [
    '$defs become named types, recursion included',
    {
      schema: { $ref: '#/$defs/Node', $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } } },
      mode: 'output',
      want: 'export type T = TNode; export interface TNode { next?: TNode; }',
    },
  ],
  [
    'descriptions and defaults become TSDoc; comment closers are neutralised',
    {
      schema: { type: 'object', properties: { a: { type: 'string', description: 'ends */ here', default: 'x' } } },
      mode: 'output',
      want: 'export interface T { /** * ends *\\/ here * @default "x" */ a?: string; }',
    },
  ],
  ['odd property names are quoted', { schema: { type: 'object', properties: { 'a-b': { type: 'boolean' } } }, mode: 'output', want: 'export interface T { "a-b"?: boolean; }' }],
];

describe('schemaDeclarations', () => {
  for (const [name, c] of cases) it(name, () => expect(declare(c.schema, c.mode)).toBe(c.want));
});
