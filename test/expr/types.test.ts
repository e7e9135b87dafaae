import { describe as group, expect, it } from 'vitest';
import { schemaToType } from '../../src/expr/schema-types.js';
import {
  arrayOf,
  assignable,
  booleanType,
  describe,
  elementType,
  integerType,
  literal,
  lookupProperty,
  nullType,
  numberType,
  objectOf,
  optional,
  removeUndefined,
  resolved,
  stringType,
  tupleOf,
  undefinedType,
  union,
  unknownType,
  type Type,
} from '../../src/expr/types.js';

group('union', () => {
  const cases: Array<[Type[], string]> = [
    [[stringType, stringType], 'string'],
    [[literal('a'), stringType], 'string'],
    [[literal(true), literal(false)], 'boolean'],
    [[integerType, numberType], 'number'],
    [[literal(3), integerType], 'integer'],
    [[literal(1.5), integerType], '1.5 | integer'],
    [[stringType, unknownType], 'unknown'],
    [[], 'never'],
    [[undefinedType, stringType, nullType], 'string | null | undefined'],
    [[arrayOf(stringType), arrayOf(stringType)], 'string[]'],
  ];
  it.each(cases)('%j → %s', (types, want) => expect(describe(union(...types))).toBe(want));
  it('keeps one of each structurally equal object, list or tuple, in first-seen order', () => {
    const joined = union(objectOf({ a: stringType }), arrayOf(stringType), objectOf({ b: numberType }), objectOf({ a: stringType }), tupleOf([stringType]), objectOf({ b: numberType }), tupleOf([stringType]));
    expect(joined.kind === 'union' && joined.members.map((m) => describe(m))).toEqual(['{ a: string }', 'string[]', '{ b: number }', '[string]']);
  });
  it('removes undefined', () => expect(describe(removeUndefined(union(stringType, undefinedType)))).toBe('string'));
});

group('assignable', () => {
  const ok: Array<[Type, Type]> = [
    [literal('a'), stringType],
    [integerType, numberType],
    [literal(2), integerType],
    [tupleOf([literal(1), literal(2)]), arrayOf(integerType)],
    [objectOf({ a: stringType, b: numberType }), objectOf({ a: stringType })],
    [objectOf({ a: stringType }), objectOf({ a: stringType, b: optional(numberType) })],
    [unknownType, stringType],
    [stringType, unknownType],
    [literal('x'), union(literal('x'), literal('y'))],
  ];
  it.each(ok)('%j fits %j', (s, t) => expect(assignable(s, t)).toEqual({ ok: true }));

  const bad: Array<[Type, Type, string]> = [
    [stringType, integerType, 'string is not assignable to integer'],
    [numberType, integerType, 'number is not assignable to integer'],
    [literal(1.5), integerType, '1.5 is not assignable to integer'],
    [stringType, union(literal('x'), literal('y')), "string is not assignable to 'x' | 'y'"],
    [objectOf({ b: stringType }), objectOf({ a: stringType }), "property 'a' is missing"],
    [objectOf({ a: optional(stringType) }), objectOf({ a: stringType }), "property 'a' may be missing"],
    [objectOf({ a: numberType }), objectOf({ a: stringType }), "property 'a': number is not assignable to string"],
    [arrayOf(stringType), arrayOf(numberType), 'an item: string is not assignable to number'],
    [union(stringType, undefinedType), stringType, 'undefined is not assignable to string'],
  ];
  it.each(bad)('%j does not fit %j', (s, t, reason) => expect(assignable(s, t)).toEqual({ ok: false, reason }));
});

group('describe', () => {
  it('names types like TypeScript', () => {
    expect(describe(union(numberType, undefinedType))).toBe('number | undefined');
    expect(describe(arrayOf(union(stringType, nullType)))).toBe('(string | null)[]');
    expect(describe(objectOf({ name: stringType, age: optional(integerType) }))).toBe('{ name: string, age?: integer }');
    expect(describe(tupleOf([stringType], numberType))).toBe('[string, ...number[]]');
    expect(describe(objectOf({}, stringType))).toBe('{ [key: string]: string }');
  });
});

group('schemaToType', () => {
  const cases: Array<[string, unknown, string]> = [
    ['string', { type: 'string' }, 'string'],
    ['type list', { type: ['string', 'null'] }, 'string | null'],
    ['enum', { enum: ['a', 'b', 1] }, "'a' | 'b' | 1"],
    ['const', { const: 'x' }, "'x'"],
    ['nullable', { type: 'integer', nullable: true }, 'integer | null'],
    ['array', { type: 'array', items: { type: 'number' } }, 'number[]'],
    ['prefixItems', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }, '[string, integer]'],
    ['draft-07 tuple', { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'boolean' } }, '[string, ...boolean[]]'],
    ['object', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] }, '{ a: string, b?: number }'],
    ['open object', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } }, '{ a?: string, [key: string]: integer }'],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, 'string | number'],
    ['oneOf with siblings', { type: 'object', properties: { k: { type: 'string' } }, oneOf: [{ required: ['k'] }, { properties: { j: { type: 'boolean' } } }] }, '{ k: string } | { j?: boolean }'],
    ['allOf', { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } } }] }, '{ a: string, b?: number }'],
    ['$ref to $defs', { $defs: { n: { type: 'number' } }, type: 'object', properties: { x: { $ref: '#/$defs/n' } }, required: ['x'] }, '{ x: number }'],
    ['draft-07 definitions', { definitions: { s: { type: 'string' } }, $ref: '#/definitions/s' }, 'string'],
    ['$ref with escapes', { $defs: { 'a/b': { type: 'string' }, 'c d': { type: 'number' }, '%zz': { type: 'boolean' } }, type: 'array', prefixItems: [{ $ref: '#/$defs/a~1b' }, { $ref: '#/$defs/c%20d' }, { $ref: '#/$defs/%zz' }] }, '[string, number, boolean, ...unknown[]]'],
    ['unknown', {}, 'unknown'],
    ['true', true, 'unknown'],
  ];
  it.each(cases)('%s', (_, schema, want) => expect(describe(schemaToType(schema))).toBe(want));

  it('closes objects with properties for reads, opens them for writes', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const read = resolved(schemaToType(schema));
    const write = resolved(schemaToType(schema, { mode: 'write' }));
    expect(read.kind === 'object' && lookupProperty(read, 'b').kind).toBe('missing');
    expect(write.kind === 'object' && lookupProperty(write, 'b').kind).toBe('additional');
  });

  it('treats patternProperties as open and a bare object as unknown-shaped', () => {
    const patterned = resolved(schemaToType({ type: 'object', properties: { a: { type: 'string' } }, patternProperties: { '^x-': { type: 'number' } } }));
    expect(patterned.kind === 'object' && describe(lookupProperty(patterned, 'x-y').kind === 'additional' ? patterned.additional! : unknownType)).toBe('unknown');
    const bare = resolved(schemaToType({ type: 'object' }));
    expect(bare.kind === 'object' && lookupProperty(bare, 'anything').kind).toBe('additional');
  });

  it('cuts recursive $refs with a named type that still resolves', () => {
    const tree = { $defs: { node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, required: ['name'] } }, $ref: '#/$defs/node' };
    const t = resolved(schemaToType(tree));
    expect(describe(t)).toBe('{ name: string, children?: node[] }');
    const children = t.kind === 'object' ? t.properties.get('children')!.type : unknownType;
    const child = resolved(elementType(children)!);
    expect(child.kind === 'object' && child.properties.has('name')).toBe(true);
  });

  it('marks sensitive properties', () => {
    const t = resolved(schemaToType({ type: 'object', properties: { key: { type: 'string', writeOnly: true }, b: { type: 'string', 'x-sensitive': true } } }));
    expect(t.kind === 'object' && [t.properties.get('key')!.sensitive, t.properties.get('b')!.sensitive]).toEqual([true, true]);
  });

  it('never throws on odd schemas', () => {
    for (const schema of [null, 42, 'x', [], { type: 7 }, { $ref: '#/nowhere' }, { $ref: 'http://x/y' }, { items: 'no' }, { anyOf: 'no' }, { properties: [] }, { $ref: '#' }, { $ref: '#/$defs/%zz' }, { $ref: '#/%E0%A4%A' }]) {
      expect(() => describe(schemaToType(schema))).not.toThrow();
    }
  });
});

group('booleans', () => {
  it('keeps boolean distinct from its literals', () => expect(assignable(booleanType, literal(true)).ok).toBe(false));
});
