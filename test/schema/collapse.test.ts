/**
 * The error mapping on schemas other than the manifest schemas: how it
 * collapses `anyOf` branches and reports closed objects, so later schema
 * changes keep readable messages.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { diagnosticsForErrors } from '../../src/schema/errors.js';
import { createLocator } from '../../src/schema/location.js';
import { toJSON } from '../../src/source/nodes.js';
import { loadOne } from './helpers.js';

function run(schema: object, text: string): Array<{ code: string; message: string; at: string }> {
  const manifest = loadOne(text);
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  validate(toJSON(manifest.root));
  const at = createLocator(manifest.root, new Map());
  return diagnosticsForErrors(validate.errors ?? [], at, () => []).map((d) => {
    const p = manifest.file.position(d.span.start);
    return { code: d.code, message: d.message, at: `${p.line}:${p.column}` };
  });
}

const byKind = {
  type: 'object',
  properties: {
    workflows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          auth: {
            anyOf: [
              { type: 'object', required: ['type', 'token'], properties: { type: { const: 'bearer' }, token: { type: 'string' } } },
              { type: 'object', required: ['type', 'user', 'password'], properties: { type: { const: 'basic' }, user: { type: 'string' } } },
            ],
          },
        },
      },
    },
  },
};

describe('anyOf collapsing', () => {
  it('reports only the errors of the branch that came closest', () => {
    // The second branch matches `type` and only lacks `password`; the first fails on `type` and `token`.
    const found = run(byKind, 'workflows:\n  - auth:\n      type: basic\n      user: ada\n');
    expect(found).toEqual([{ code: 'OWC2001', message: "'workflows[0].auth' is missing 'password'", at: '2:5' }]);
  });

  it('a branch that fails deeper wins over one that fails at the top', () => {
    const found = run(byKind, 'workflows:\n  - auth: { type: bearer, token: 5 }\n');
    expect(found).toEqual([{ code: 'OWC2003', message: "'workflows[0].auth.token' must be a string, got a number (5)", at: '2:34' }]);
  });

  it('required-only branches become one "missing one of" message', () => {
    const found = run({ type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }, { required: ['c'] }] }, 'workflows: []\n');
    expect(found).toEqual([{ code: 'OWC2002', message: "the manifest is missing one of 'a', 'b' or 'c'", at: '1:1' }]);
  });
});

describe('closed objects', () => {
  it('point at the key that is not allowed', () => {
    const found = run({ type: 'object', properties: { x: { type: 'object', properties: { a: {} }, additionalProperties: false } } }, 'workflows: []\nx:\n  a: 1\n  b: 2\n');
    expect(found).toEqual([{ code: 'OWC2008', message: "field 'b' is not allowed in 'x'", at: '4:3' }]);
  });
});
