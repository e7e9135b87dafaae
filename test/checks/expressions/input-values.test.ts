import { describe, expect, it } from 'vitest';
import { inputValues } from '../../../src/checks/expressions/input-values.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector, workflow } from './fixtures.js';

const run = (input: string, strict = false, before = '') => {
  const steps = `${before}      - id: call
        connector: connector:acme/weather@1.0.0
        action: current
${input}`;
  const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps) }, [inputValues], strict);
  expect(r.setup.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
};
const input = (fields: string) => `        input:\n${fields.replace(/^(?=.)/gm, '          ')}\n`;

describe('input-values', () => {
  it('accepts fitting literals and templates', () => {
    expect(run(input('location: "{{ inputs.city }}"\ndays: "{{ inputs.days }}"\nunits: metric\ntags: [a, b]\noptions: { verbose: true }')).lines).toEqual([]);
  });

  it('reports a template whose type does not fit, at the expression', () => {
    const r = run(input('location: "{{ inputs.city }}"\ndays: "{{ inputs.city }}"'));
    expect(r.lines).toEqual(["OWC6030 15:21 `inputs.city` is string; 'days' expects integer"]);
  });

  it('reports interpolation into a non-string field', () => {
    expect(run(input('location: x\ndays: "{{ inputs.days }} days"')).lines).toEqual(["OWC6031 15:18 'days' expects integer, but text with `{{ }}` in it is always a string"]);
  });

  it('reports literals of the wrong type, outside an enum, or out of bounds', () => {
    expect(run(input('location: x\ndays: "3"')).lines).toEqual(["OWC6032 15:17 'days' expects integer, but the value is the string \"3\""]);
    expect(run(input('location: x\ndays: "3"')).diagnostics[0]!.hint).toBe('write the number without quotes');
    const e = run(input('location: x\nunits: metrik'));
    expect(e.lines).toEqual(['OWC6033 15:18 "metrik" is not one of the values \'units\' allows: "metric", "imperial"']);
    expect(e.diagnostics[0]!.hint).toBe('did you mean "metric"?');
    expect(run(input('location: ""\ndays: 0\ncode: abc')).lines).toEqual([
      "OWC6034 14:21 \"\" does not satisfy 'location': at least 1 character",
      "OWC6034 15:17 0 does not satisfy 'days': minimum 1",
      "OWC6034 16:17 \"abc\" does not satisfy 'code': must match the pattern ^[A-Z]{3}$",
    ]);
    expect(run(input('location: x\ntags: [a, b, c, d]')).lines).toEqual(["OWC6034 15:17 a list of 4 does not satisfy 'tags': at most 3 items"]);
  });

  it('reports missing required inputs, with the declaration as related location', () => {
    const r = run(input('units: metric'));
    expect(r.lines).toEqual(["OWC6035 13:9 action 'weather.current' requires 'location', which is not given"]);
    expect(r.diagnostics[0]!.related?.[0]?.span.file).toBe('weather.yaml');
    expect(run('').lines).toEqual(["OWC6035 10:13 action 'weather.current' requires 'location', which is not given"]);
    expect(run(input('location: x\noptions: {}')).lines).toEqual(["OWC6035 15:11 action 'weather.current' requires 'options.verbose', which is not given"]);
  });

  it('reports fields a closed schema does not accept, with did-you-mean', () => {
    const r = run(input('location: x\nunit: metric'));
    expect(r.lines).toEqual(["OWC6036 15:11 'unit' is not accepted by action 'weather.current': its schema allows no other fields"]);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'units'?");
  });

  it('warns about undeclared fields of an open schema (errors with --strict)', () => {
    const steps = `      - id: call
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: hi
          cuont: 3
`;
    const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps) }, [inputValues]);
    expect(r.lines).toEqual(["OWC6037 15:11 'cuont' is not declared by action 'weather.echo'"]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'count'?");
    const strict = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps) }, [inputValues], true);
    expect(strict.diagnostics[0]!.severity).toBe('error');
  });

  it('warns when a possibly undefined value feeds a required field', () => {
    const r = run(input('location: "{{ inputs.note }}"'));
    expect(r.lines).toEqual(["OWC6038 14:25 `inputs.note` is string | undefined; 'location' is required and expects string"]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(run(input('location: "{{ inputs.note }}"'), true).diagnostics[0]!.severity).toBe('error');
    expect(run(input('location: x\nunits: "{{ inputs.note }}"')).lines).toEqual(["OWC6030 15:22 `inputs.note` is string | undefined; 'units' expects 'metric' | 'imperial'"]);
  });

  it('checks enum-typed templates against enums', () => {
    const before = `      - id: first
        connector: connector:acme/weather@1.0.0
        action: current
        input:
          location: x
`;
    expect(run(input('location: "{{ steps.first.output.conditions }}"'), false, before).lines).toEqual([]);
    expect(run(input('location: x\nunits: "{{ steps.first.output.conditions }}"'), false, before).lines).toEqual([
      "OWC6033 20:22 `steps.first.output.conditions` ('clear' | 'rain' | 'storm') is not one of the values 'units' allows: \"metric\", \"imperial\"",
    ]);
  });

  it('checks whole objects passed by one template', () => {
    expect(run(input('location: x\noptions: "{{ inputs.cities }}"')).lines).toEqual(["OWC6030 15:24 `inputs.cities` is string[]; 'options' expects { verbose: boolean }"]);
  });

  it('checks sub-workflow inputs against their declarations', () => {
    const text = `workflows:
  - name: child
    inputs:
      city: { type: string, required: true }
      days: { type: integer, default: 1 }
    steps: []
  - name: parent
    steps:
      - id: call
        workflow: child
        input:
          days: "many"
          cty: Oslo
`;
    const r = runExpressionChecks({ 'flow.yaml': text }, [inputValues]);
    expect(r.lines).toEqual([
      "OWC6035 11:9 workflow 'child' requires 'city', which is not given",
      "OWC6032 12:17 'days' expects integer, but the value is the string \"many\"",
      "OWC6036 13:11 'cty' is not accepted by workflow 'child': its schema allows no other fields",
    ]);
    expect(r.diagnostics[0]!.related?.[0]?.message).toBe("'city' is declared here");
  });
});

describe('input-values with composed schemas', () => {
  const connector = (input: string) => `connector:
  name: composed
  namespace: acme
  version: 1.0.0
  kind: http
actions:
  - name: go
    input:
${input.replace(/^(?=.)/gm, '      ')}    handler:
      http: { url: "http://localhost/go", method: POST }
`;
  const flow = (fields: string) => `workflows:
  - name: demo
    steps:
      - id: call
        connector: connector:acme/composed@1.0.0
        action: go
        input:
${fields.replace(/^(?=.)/gm, '          ')}
`;
  const run = (input: string, fields: string) => runExpressionChecks({ 'c.yaml': connector(input), 'f.yaml': flow(fields) }, [inputValues]).lines;

  it('accepts a value fitting one alternative of oneOf and reports the closest otherwise', () => {
    const schema = `type: object
properties:
  target:
    oneOf:
      - { type: object, properties: { url: { type: string } }, required: [url], additionalProperties: false }
      - { type: string, minLength: 3 }
`;
    expect(run(schema, 'target: { url: x }')).toEqual([]);
    expect(run(schema, 'target: abcd')).toEqual([]);
    expect(run(schema, 'target: ab')).toEqual(['OWC6034 8:19 "ab" does not satisfy \'target\': at least 3 characters']);
  });

  it('merges allOf parts without calling their fields unknown', () => {
    const schema = `allOf:
  - { type: object, properties: { a: { type: string } }, required: [a] }
  - { type: object, properties: { b: { type: integer } }, required: [b], additionalProperties: false }
`;
    expect(run(schema, 'a: x\nb: 1')).toEqual([]);
    expect(run(schema, 'a: x\nb: "1"')).toEqual(['OWC6032 9:14 \'b\' expects integer, but the value is the string "1"']);
    expect(run(schema, 'b: 1')).toEqual(["OWC6035 7:9 action 'composed.go' requires 'a', which is not given"]);
  });

  it('resolves $ref into $defs of the input schema', () => {
    const schema = `type: object
properties:
  when: { $ref: "#/$defs/day" }
$defs:
  day: { type: string, enum: [mon, tue] }
`;
    expect(run(schema, 'when: wed')).toEqual(['OWC6033 8:17 "wed" is not one of the values \'when\' allows: "mon", "tue"']);
  });
});
