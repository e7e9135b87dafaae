import { describe as group, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { createDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseExpression } from '../../src/expr/parser.js';
import { parseTemplateText } from '../../src/expr/template.js';
import { ExpressionTyper, type Scope, type StepReference } from '../../src/expr/infer.js';
import { schemaToType } from '../../src/expr/schema-types.js';
import { arrayOf, booleanType, describe, integerType, objectOf, optional, stringType, type Type } from '../../src/expr/types.js';

const file = 'test.yaml';
const at = (start: number) => ({ file, start, end: start + 1 });

const weather = schemaToType({
  type: 'object',
  required: ['temperature', 'location'],
  properties: {
    temperature: { type: 'number' },
    location: { type: 'string' },
    wind: { type: 'object', properties: { speed: { type: 'integer' } } },
    tags: { type: 'array', items: { type: 'string' } },
  },
});

function stepResult(output: Type): Type {
  return objectOf({ status: stringType, output, error: stringType });
}

const steps: Record<string, StepReference> = {
  fetch: { kind: 'ok', type: stepResult(weather), declaredAt: at(0) },
  maybe: { kind: 'ok', type: stepResult(weather), declaredAt: at(0), mayNotHaveRun: "it is inside the 'then' branch of 'check'" },
  later: { kind: 'forward', declaredAt: at(0) },
  me: { kind: 'self', declaredAt: at(0) },
};

const scope: Scope = {
  workflow: 'demo',
  roots: new Map([
    ['inputs', { type: objectOf({ city: stringType, days: integerType, cities: arrayOf(stringType), flag: optional(booleanType), users: arrayOf(objectOf({ email: stringType, age: optional(integerType) })) }) }],
    ['secrets', { type: objectOf({}, stringType), tainted: true }],
    ['env', { type: objectOf({}, stringType) }],
  ]),
  unavailable: new Map([['item', { where: 'inside loops', advice: 'use for_each' }]]),
  step: (id) => steps[id] ?? { kind: 'unknown', candidates: Object.keys(steps) },
};

function check(text: string, strict = false): { type: string; tainted: boolean; diagnostics: Diagnostic[] } {
  const parsed = parseExpression(text, [...Array(text.length + 1).keys()], file);
  expect(parsed.diagnostics).toEqual([]);
  const diagnostics: Diagnostic[] = [];
  const typer = new ExpressionTyper((def, span, args, extras) => diagnostics.push(createDiagnostic(def, span, args, extras)), { strict });
  const r = typer.infer(parsed.expr!, scope);
  return { type: describe(r.type), tainted: r.tainted, diagnostics };
}

const table: Array<[string, string]> = [
  ['42', '42'],
  ["'hi'", "'hi'"],
  ['null', 'null'],
  ['inputs.city', 'string'],
  ['inputs.flag', 'boolean | undefined'],
  ['inputs.cities | length', 'integer'],
  ['inputs.cities | length > 0', 'boolean'],
  ['length(inputs.city)', 'integer'],
  ['map(inputs.users, item.email)', 'string[]'],
  ['inputs.users | map(item.age)', '(integer | undefined)[]'],
  ['filter(inputs.users, item.age | default(0) > 3)', '{ email: string, age?: integer }[]'],
  ['inputs.flag | default(false)', 'boolean'],
  ['inputs.days + 1', 'integer'],
  ['inputs.days / 2', 'number'],
  ['inputs.days * 1.5', 'number'],
  ["inputs.city + '!'", 'string'],
  ['steps.fetch.output.temperature', 'number'],
  ['steps.fetch.output.temperature | round', 'integer'],
  ['steps.fetch.output.temperature | round(1)', 'number'],
  ['steps.fetch.output.wind', '{ speed?: integer } | undefined'],
  ['steps.fetch.output.tags | default([]) | join', 'string'],
  ['inputs.cities[0]', 'string'],
  ["inputs.city | split(',')", 'string[]'],
  ["inputs.cities | join(', ')", 'string'],
  ['inputs.users | json', 'string'],
  ["inputs.city | contains('a')", 'boolean'],
  ['inputs.city | upper', 'string'],
  ['sum([1, 2])', 'integer'],
  ['avg([1, 2])', 'number'],
  ['max(inputs.cities)', 'string'],
  ['not inputs.flag', 'boolean'],
  ['inputs.days > 1 and inputs.flag', 'boolean | undefined'],
  ["inputs.days == 1 and 'yes' or 'no'", "'yes' | 'no'"],
  ["inputs.city in ['a', 'b']", 'boolean'],
  ['[1, inputs.city]', "[1, string]"],
  ['env.HOME', 'string'],
  ["inputs['city']", 'string'],
];

group('expression types', () => {
  it.each(table)('%s : %s', (text, want) => {
    const r = check(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.type).toBe(want);
  });
});

group('expression errors', () => {
  const codes = (text: string, strict = false) => check(text, strict).diagnostics.map((d) => `${d.code}@${d.span.start}:${d.severity}`);

  it('reports unknown roots with did-you-mean', () => {
    const r = check('input.city');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC6001']);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'inputs'?");
  });
  it('reports loop variables outside loops', () => expect(codes('item.x')).toEqual(['OWC6002@0:error']));
  it('reports unknown functions and filters', () => {
    expect(codes('uper(inputs.city)')).toEqual(['OWC6003@0:error']);
    const r = check('inputs.city | uper');
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start}`)).toEqual(['OWC6004@14']);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'upper'?");
  });
  it('reports arity and argument types', () => {
    expect(codes('split()')).toEqual(['OWC6005@0:error']);
    const r = check('inputs.days | upper');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC6006']);
    expect(r.diagnostics[0]!.message).toBe("'upper' expects string as its first argument, but `inputs.days` is integer");
  });
  it('reports operator mismatches', () => {
    expect(codes('inputs.city * 2')).toEqual(['OWC6007@12:error']);
    expect(codes('inputs.city + 2')).toEqual(['OWC6007@12:error']);
    expect(codes("inputs.days < 'x'")).toEqual(['OWC6007@12:error']);
    expect(codes('-inputs.city')).toEqual(['OWC6008@0:error']);
  });
  it('reports step references', () => {
    expect(codes('steps.fecth.output')).toEqual(['OWC6010@6:error']);
    expect(check('steps.fecth.output').diagnostics[0]!.hint).toBe("did you mean 'fetch'?");
    expect(codes('steps.later.output')).toEqual(['OWC6011@6:error']);
    expect(codes('steps.me.output')).toEqual(['OWC6012@6:error']);
  });
  it('warns once for a step that may not have run, and types it with undefined', () => {
    const r = check('steps.maybe.output.temperature');
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start}:${d.severity}`)).toEqual(['OWC6013@6:warning']);
    expect(r.type).toBe('number | undefined');
    expect(codes('steps.maybe.output', true)).toEqual(['OWC6013@6:error']);
  });
  it('reports undeclared properties of closed objects at the property name', () => {
    const r = check('steps.fetch.output.tempreature');
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start}-${d.span.end}`)).toEqual(['OWC6014@19-30']);
    expect(r.diagnostics[0]!.message).toBe("`steps.fetch.output` has no property 'tempreature'");
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'temperature'?");
  });
  it('reports unknown inputs', () => {
    const r = check('inputs.ctiy');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC6019']);
    expect(r.diagnostics[0]!.message).toBe("workflow 'demo' has no input 'ctiy'");
  });
  it('reports properties of lists and strings', () => {
    const r = check('inputs.users.email');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC6015']);
    expect(r.diagnostics[0]!.hint).toContain('map(inputs.users, item.email)');
  });
  it('warns about reads through optional values', () => {
    expect(codes('steps.fetch.output.wind.speed')).toEqual(['OWC6016@24:warning']);
    expect(codes('steps.fetch.output.wind.speed', true)).toEqual(['OWC6016@24:error']);
    expect(codes('steps.fetch.output.wind | default(null)')).toEqual([]);
  });
  it('warns about possibly undefined function arguments', () => {
    expect(codes('inputs.flag | json')).toEqual([]);
    expect(codes('steps.fetch.output.wind | length')).toEqual(['OWC6020@0:warning']);
  });
  it('reports indexing of non-lists', () => expect(codes('inputs.days[0]')).toEqual(['OWC6018@12:error']));
  it('reports non-list loop sources in map', () => expect(codes('map(inputs.city, item)')).toEqual(['OWC6006@4:error']));
});

group('secret taint', () => {
  it('tracks secrets through members, operators and filters', () => {
    expect(check('secrets.TOKEN').tainted).toBe(true);
    expect(check("'Bearer ' + secrets.TOKEN").tainted).toBe(true);
    expect(check('secrets.TOKEN | upper | length').tainted).toBe(true);
    expect(check('inputs.city').tainted).toBe(false);
  });
});

group('optional list items', () => {
  it('warns when indexing an optional list', () => {
    const r = check('steps.fetch.output.tags[0]');
    expect(r.type).toBe('string | undefined');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['OWC6016']);
  });
});

group('templates', () => {
  const template = (text: string) => {
    const parsed = parseTemplateText(text, [...Array(text.length + 1).keys()], file);
    expect(parsed.diagnostics).toEqual([]);
    const diagnostics: Diagnostic[] = [];
    const typer = new ExpressionTyper((def, span, args, extras) => diagnostics.push(createDiagnostic(def, span, args, extras)));
    const r = typer.inferTemplate(parsed.template!, scope);
    return { type: describe(r.type), tainted: r.tainted, codes: diagnostics.map((d) => `${d.code}@${d.span.start}`) };
  };
  it('gives a whole-value template its expression type', () => expect(template('  {{ inputs.days }} ')).toEqual({ type: 'integer', tainted: false, codes: [] }));
  it('makes interpolation a string, tainted by any secret part', () => {
    expect(template('Bearer {{ secrets.TOKEN }}')).toEqual({ type: 'string', tainted: true, codes: [] });
  });
  it('binds {% for %} variables to the element type', () => {
    expect(template('{% for u in inputs.users %}{{ u.email }}{{ u.mail }}{% endfor %}')).toEqual({ type: 'string', tainted: false, codes: ['OWC6014@45'] });
  });
  it('reports {% for %} over a non-list', () => {
    expect(template('{% for c in inputs.city %}{{ c }}{% endfor %}').codes).toEqual(['OWC6041@12']);
  });
  it('checks {% if %} conditions and bodies', () => {
    expect(template('{% if inputs.flg %}a{% elif inputs.days > 1 %}{{ inputs.dayz }}{% else %}c{% endif %}').codes).toEqual(['OWC6019@13', 'OWC6019@56']);
  });
});

group('comparisons that are always the same', () => {
  const enumScope = (text: string) => check(text).diagnostics.map((d) => `${d.code}:${d.severity}`);
  it('warns about literals outside an enum and numbers against strings', () => {
    const r = check("steps.fetch.output.location == 1");
    expect(r.diagnostics.map((d) => d.message)).toEqual(['`steps.fetch.output.location` is string and `1` is 1, so this comparison is always false']);
    expect(enumScope("inputs.days != 'x'")).toEqual(['OWC6009:warning']);
  });
  it('accepts comparisons that can hold', () => {
    expect(enumScope("inputs.city == 'x'")).toEqual([]);
    expect(enumScope('inputs.days == 1.5')).toEqual([]);
    expect(enumScope('inputs.flag == null')).toEqual([]);
    expect(enumScope('inputs.users == inputs.cities')).toEqual([]);
  });
});
