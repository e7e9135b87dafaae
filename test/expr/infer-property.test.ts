import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { ExpressionTyper, type Scope } from '../../src/expr/infer.js';
import { schemaToType } from '../../src/expr/schema-types.js';
import { parseTemplateText } from '../../src/expr/template.js';
import { arrayOf, integerType, objectOf, optional, stringType } from '../../src/expr/types.js';

const file = 'prop.yaml';
const at = { file, start: 0, end: 0 };
const output = schemaToType({
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' } } } }, d: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
  required: ['a'],
});
const scope: Scope = {
  workflow: 'w',
  roots: new Map([
    ['inputs', { type: objectOf({ s: stringType, n: integerType, xs: arrayOf(stringType), o: optional(objectOf({ p: stringType })) }) }],
    ['secrets', { type: objectOf({}, stringType), tainted: true }],
    ['item', { type: stringType }],
  ]),
  unavailable: new Map([['error', { where: 'in catch', advice: '' }]]),
  step: (id) =>
    id === 'a'
      ? { kind: 'ok', type: objectOf({ output, status: stringType }), declaredAt: at }
      : id === 'b'
        ? { kind: 'ok', type: objectOf({ output }), declaredAt: at, mayNotHaveRun: 'branch' }
        : id === 'c'
          ? { kind: 'forward', declaredAt: at }
          : { kind: 'unknown', candidates: ['a', 'b', 'c'] },
};

const names = ['inputs', 'steps', 'secrets', 'item', 'error', 'nope', 'length'];
const props = ['s', 'n', 'xs', 'o', 'p', 'a', 'b', 'c', 'd', 'output', 'status', 'zz', 'KEY'];
const fns = ['length', 'upper', 'default', 'map', 'filter', 'round', 'sum', 'join', 'split', 'max', 'json', 'contains', 'bogus'];
const ops = ['+', '-', '*', '/', '%', '==', '!=', '<', '>=', 'and', 'or', 'in'];

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...names),
    fc.constantFrom('1', '2.5', "'x'", 'true', 'null', '[]'),
    fc.tuple(tie('e'), fc.constantFrom(...props)).map(([o, p]) => `${o}.${p}`),
    fc.tuple(tie('e'), tie('e')).map(([o, i]) => `${o}[${i}]`),
    fc.tuple(tie('e'), fc.constantFrom(...fns)).map(([o, f]) => `${o} | ${f}`),
    fc.tuple(fc.constantFrom(...fns), fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('e'), fc.constantFrom(...ops), tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('e').map((e) => `not ${e}`),
    tie('e').map((e) => `-${e}`),
  ),
})).e;

describe('the type checker on random expressions', () => {
  it('never throws and reports only inside the template', () => {
    fc.assert(
      fc.property(expr, fc.boolean(), fc.boolean(), (text, whole, strict) => {
        const value = whole ? `{{ ${text} }}` : `x {{ ${text} }} {% for v in ${text} %}{{ v }}{% endfor %}`;
        const offsets = [...Array(value.length + 1).keys()].map((i) => i + 10);
        const parsed = parseTemplateText(value, offsets, file);
        if (!parsed.template) return;
        const diagnostics: Diagnostic[] = [];
        const typer = new ExpressionTyper((def, span, args, extras) => diagnostics.push(createDiagnostic(def, span, args, extras)), { strict });
        const r = typer.inferTemplate(parsed.template, scope);
        expect(r.type).toBeDefined();
        for (const d of diagnostics) {
          expect(d.span.file).toBe(file);
          expect(d.span.start).toBeGreaterThanOrEqual(10);
          expect(d.span.end).toBeLessThanOrEqual(10 + value.length);
          expect(d.message).not.toMatch(/\{\w+\}/);
          if (strict && d.code === 'OWC6016') expect(d.severity).toBe('error');
        }
        // Only the `secrets` root is tainted: a result that never reads it carries no secret.
        if (!text.includes('secrets')) expect(r.tainted).toBe(false);
        if (r.tainted) expect(r.secret).toMatch(/^secrets\b/);
      }),
      { numRuns: 400 },
    );
  });
});
