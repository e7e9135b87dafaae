import { describe, expect, it } from 'vitest';
import { conditions } from '../../../src/checks/expressions/conditions.js';
import { inputDefaults } from '../../../src/checks/expressions/input-defaults.js';
import { loopItems } from '../../../src/checks/expressions/loop-items.js';
import { switchCases } from '../../../src/checks/expressions/switch-cases.js';
import type { Check } from '../../../src/checks/check.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector, workflow } from './fixtures.js';

const run = (check: Check, steps: string, extra = '') => {
  const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps, extra) }, [check]);
  expect(r.setup.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
};
const echo = (more: string) => `      - id: show
        connector: connector:acme/weather@1.0.0
        action: echo
${more}        input:
          text: hi
`;

describe('conditions', () => {
  it('accepts boolean conditions', () => {
    expect(run(conditions, echo('        condition: "{{ inputs.days > 2 and inputs.city != \'x\' }}"\n')).lines).toEqual([]);
  });
  it('warns about non-boolean conditions at the expression', () => {
    const r = run(conditions, echo('        condition: "{{ inputs.cities }}"\n'));
    expect(r.lines).toEqual(['OWC6040 13:24 `inputs.cities` is string[], not boolean; the condition tests its truthiness']);
    expect(r.diagnostics[0]!.severity).toBe('warning');
  });
  it('warns about conditions with text around the template', () => {
    expect(run(conditions, echo('        condition: "{{ inputs.days > 2 }} "\n')).lines).toEqual([]);
    expect(run(conditions, echo('        condition: "yes {{ inputs.days > 2 }}"\n')).lines.map((l) => l.slice(0, 13))).toEqual(['OWC6040 13:21']);
  });
  it('checks if-step conditions', () => {
    const steps = `      - id: check
        type: if
        condition: "{{ inputs.city }}"
        then:
${echo('').replace(/^(?=.)/gm, '    ')}`;
    expect(run(conditions, steps).lines.map((l) => l.slice(0, 13))).toEqual(['OWC6040 12:24']);
  });
});

describe('loop-items', () => {
  it('accepts lists', () => {
    expect(run(loopItems, echo('        for_each: "{{ inputs.cities }}"\n')).lines).toEqual([]);
    expect(run(loopItems, echo('        for_each: [a, b]\n')).lines).toEqual([]);
  });
  it('reports non-lists with advice', () => {
    const r = run(loopItems, echo('        for_each: "{{ inputs.city }}"\n'));
    expect(r.lines).toEqual(["OWC6041 13:23 'for_each' needs a list, but `inputs.city` is string"]);
    expect(r.diagnostics[0]!.hint).toContain('split');
    expect(run(loopItems, echo('        for_each: "{{ inputs.days }} items"\n')).lines.map((l) => l.slice(0, 13))).toEqual(['OWC6041 13:20']);
  });
  it('checks forEach items', () => {
    const steps = `      - id: loop
        type: forEach
        items: "{{ inputs.days }}"
        steps:
${echo('').replace(/^(?=.)/gm, '    ')}`;
    expect(run(loopItems, steps).lines).toEqual(["OWC6041 12:20 'items' needs a list, but `inputs.days` is integer"]);
  });
});

describe('switch-cases', () => {
  it('warns about cases an enum value never takes', () => {
    const steps = `      - id: route
        type: switch
        value: "{{ inputs.level }}"
        cases:
          low:
${echo('').replace(/^(?=.)/gm, '      ')}          hihg:
${echo('').replace(/^(?=.)/gm, '      ').replace('id: show', 'id: other')}`;
    const r = run(switchCases, steps);
    expect(r.lines).toEqual(["OWC6042 20:11 case 'hihg' can never match: `inputs.level` is 'low' | 'high'"]);
    expect(r.diagnostics[0]!.hint).toBe("did you mean 'high'?");
  });
});

describe('input-defaults', () => {
  it('reports defaults that do not fit the declaration', () => {
    const text = `workflows:
  - name: demo
    inputs:
      days: { type: integer, default: "three" }
      ok: { type: array, items: { type: string }, default: [a] }
    steps: []
`;
    const r = runExpressionChecks({ 'flow.yaml': text }, [inputDefaults]);
    expect(r.lines).toEqual(["OWC6043 4:39 the default of input 'days' is string; the input is declared integer"]);
  });
});
