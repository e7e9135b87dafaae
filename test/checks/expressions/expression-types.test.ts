import { describe, expect, it } from 'vitest';
import { expressionChecks } from '../../../src/checks/expressions/index.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector, workflow } from './fixtures.js';

const run = (steps: string, strict = false, extra = '') => {
  const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps, extra) }, expressionChecks, strict);
  expect(r.setup.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
};

const fetch = `      - id: fetch
        connector: connector:acme/weather@1.0.0
        action: current
        input:
          location: "{{ inputs.city }}"
`;
const echo = (text: string, id = 'show') => `      - id: ${id}
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: ${text}
`;

describe('expression-types on workflows', () => {
  it('accepts well-typed reads', () => {
    expect(run(fetch + echo('"{{ steps.fetch.output.location }} is {{ steps.fetch.output.temperature }}"')).lines).toEqual([]);
  });

  it('points at the misspelt property with did-you-mean and the schema declaration', () => {
    const r = run(fetch + echo('"Now {{ steps.fetch.output.tempreature }}"'));
    expect(r.lines).toEqual(["OWC6014 19:44 `steps.fetch.output` has no property 'tempreature'"]);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'temperature'?");
    const related = r.diagnostics[0]!.related![0]!;
    expect(related.span.file).toBe('weather.yaml');
    expect(r.files.get('weather.yaml')!.position(related.span.start)).toEqual({ line: 32, column: 9 });
  });

  it('follows $ref into $defs', () => {
    expect(run(fetch + echo('"{{ steps.fetch.output.forecast[0].hihg }}"')).lines).toEqual(["OWC6014 19:52 `steps.fetch.output.forecast[0]` has no property 'hihg'"]);
  });

  it('reports unknown, forward and self step references', () => {
    expect(run(fetch + echo('"{{ steps.fecth.output }}"')).lines).toEqual(["OWC6010 19:27 workflow 'demo' has no step 'fecth'"]);
    expect(run(echo('"{{ steps.fetch.output.location }}"') + fetch).lines).toEqual(["OWC6011 14:27 step 'fetch' runs after this point, so its result cannot be read here"]);
    expect(run(echo('"{{ steps.show.output.text }}"')).lines).toEqual(["OWC6012 14:27 step 'show' reads its own result, which does not exist until it has finished"]);
  });

  it('warns about steps in other branches, and steps skipped by a condition', () => {
    const steps = `      - id: check
        type: if
        condition: "{{ inputs.days > 2 }}"
        then:
${fetch.replace(/^(?=.)/gm, '    ')}        else:
${echo('"{{ steps.fetch.output.location }}"', 'other').replace(/^(?=.)/gm, '    ')}
${echo('"{{ steps.fetch.output.location }}"')}`;
    const r = run(steps);
    expect(r.lines.map((l) => l.slice(0, 13))).toEqual(['OWC6013 24:31', 'OWC6013 30:27']);
    expect(r.diagnostics[0]!.message).toContain("it is in the 'then' branch of 'check', and this is in the 'else' branch");
    expect(run(steps, true).diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
  });

  it('accepts guarded reads of maybe-skipped steps', () => {
    const steps = `${fetch}      - id: maybe
        connector: connector:acme/weather@1.0.0
        action: echo
        condition: "{{ inputs.days > 2 }}"
        input:
          text: hi
${echo('"{{ steps.maybe.status }} {{ steps.maybe.output.text | default(\'none\') }}"')}`;
    expect(run(steps).lines).toEqual([]);
  });

  it('types for_each outputs as lists and item as the element', () => {
    const steps = `      - id: each
        connector: connector:acme/weather@1.0.0
        action: current
        for_each: "{{ inputs.cities }}"
        input:
          location: "{{ item }}"
${echo('"{{ steps.each.output.temperature }}"')}`;
    const r = run(steps);
    expect(r.lines).toEqual(['OWC6015 20:39 `steps.each.output` is { temperature: number, location: string, conditions: \'clear\' | \'rain\' | \'storm\', wind?: object, forecast: object[] }[], which has no property \'temperature\'']);
    expect(r.diagnostics[0]!.hint).toContain('map(steps.each.output, item.temperature)');
  });

  it('reports item outside loops and error outside catch', () => {
    expect(run(echo('"{{ item }}"')).lines).toEqual(["OWC6002 14:21 'item' is not available here: it exists only inside a loop: a step with for_each, the steps of a forEach step, or the argument of map/filter"]);
    expect(run(echo('"{{ error.message }}"')).lines.map((l) => l.slice(0, 13))).toEqual(['OWC6002 14:21']);
  });

  it('binds error inside catch and item inside forEach bodies', () => {
    const steps = `      - id: guard
        type: try
        steps:
${fetch.replace(/^(?=.)/gm, '    ')}        catch:
${echo('"{{ error.message }} ({{ error.attemptCount }})"', 'oops').replace(/^(?=.)/gm, '    ')}      - id: loop
        type: forEach
        items: "{{ steps.fetch.output.forecast }}"
        steps:
${echo('"{{ item.high - item.low }} degrees"', 'day').replace(/^(?=.)/gm, '    ')}`;
    expect(run(steps).lines).toEqual([]);
  });

  it('reports errors inside {% for %} bodies of block scalars at the exact place', () => {
    const steps = `${fetch}      - id: show
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: |
            Report
            {% for day in steps.fetch.output.forecast %}
              - {{ day.hight }}
            {% endfor %}
`;
    expect(run(steps).lines).toEqual(["OWC6014 22:24 `day` has no property 'hight'"]);
  });

  it('reports unknown inputs with did-you-mean', () => {
    const r = run(echo('"{{ inputs.ctiy }}"'));
    expect(r.lines).toEqual(["OWC6019 14:28 workflow 'demo' has no input 'ctiy'"]);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'city'?");
  });

  it('types optional inputs as possibly undefined', () => {
    expect(run(echo('"{{ inputs.note | upper }}"')).lines).toEqual(["OWC6020 14:21 `inputs.note` is string | undefined; 'upper' needs a value"]);
    expect(run(echo('"{{ inputs.note | default(\'\') | upper }}"')).lines).toEqual([]);
  });

  it('reports expression syntax errors once', () => {
    expect(run(echo('"{{ inputs.city ) }}"')).lines.map((l) => l.slice(0, 7))).toEqual(['OWC5001']);
  });
});

describe('expression-types in JSON manifests', () => {
  it('points into JSON strings with escapes before the expression', () => {
    const json = JSON.stringify(
      {
        workflows: [
          {
            name: 'demo',
            inputs: { city: { type: 'string', default: 'Oslo' } },
            steps: [{ id: 'show', connector: 'connector:acme/weather@1.0.0', action: 'echo', input: { text: 'say \"hi\"\\t{{ inputs.ctiy }}' } }],
          },
        ],
      },
      null,
      2,
    );
    const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.json': json }, expressionChecks);
    expect(r.setup).toEqual([]);
    const line = json.split('\n').findIndex((l) => l.includes('ctiy')) + 1;
    const column = json.split('\n')[line - 1]!.indexOf('ctiy') + 1;
    expect(r.lines).toEqual([`OWC6019 ${line}:${column} workflow 'demo' has no input 'ctiy'`]);
  });
});
