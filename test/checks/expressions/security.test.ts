import { describe, expect, it } from 'vitest';
import { secretFlow } from '../../../src/checks/expressions/secret-flow.js';
import { sqlInterpolation } from '../../../src/checks/expressions/sql-interpolation.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector, workflow } from './fixtures.js';

const call = (action: string, fields: string) => `      - id: call
        connector: connector:acme/weather@1.0.0
        action: ${action}
        input:
${fields.replace(/^(?=.)/gm, '          ')}
`;
const run = (steps: string, extra = '') => {
  const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'flow.yaml': workflow(steps, extra) }, [secretFlow, sqlInterpolation]);
  expect(r.setup.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
};

describe('secret-flow', () => {
  it('allows secrets in fields marked sensitive, or inside a sensitive object', () => {
    expect(run(call('current', 'location: x\napi_key: "{{ secrets.KEY }}"\nheaders:\n  Authorization: "Bearer {{ secrets.TOKEN }}"')).lines).toEqual([]);
  });
  it('reports secrets reaching fields that are not sensitive, through filters and interpolation', () => {
    const r = run(call('current', 'location: "{{ secrets.KEY | upper }}"\ncode: "x-{{ secrets.CODE }}"'));
    expect(r.lines).toEqual([
      "OWC7003 14:25 'location' receives a secret (`secrets.KEY`), but action 'weather.current' does not mark it sensitive",
      "OWC7003 15:23 'code' receives a secret (`secrets.CODE`), but action 'weather.current' does not mark it sensitive",
    ]);
  });
  it('reports secrets in workflow outputs and transforms', () => {
    const steps = `      - id: shape
        type: transform
        language: template
        expression: "{{ secrets.KEY }}"
`;
    const outputs = `    outputs:
      leaked:
        value: "token={{ secrets.KEY }}"
      fine:
        value: "{{ secrets.KEY | length > 0 and 'set' or 'unset' }}"
`;
    const r = run(steps + outputs);
    expect(r.lines).toEqual([
      "OWC7002 13:25 transform 'shape' receives a secret (`secrets.KEY`)",
      "OWC7001 16:26 workflow output 'leaked' carries a secret (`secrets.KEY`)",
      "OWC7001 18:20 workflow output 'fine' carries a secret (`secrets.KEY`)",
    ]);
  });
  it('ignores secrets in conditions', () => {
    const steps = `      - id: call
        connector: connector:acme/weather@1.0.0
        action: echo
        condition: "{{ secrets.KEY != '' }}"
        input:
          text: hi
`;
    expect(run(steps).lines).toEqual([]);
  });
});

describe('sql-interpolation', () => {
  it('warns about interpolation into SQL-like fields only', () => {
    const r = run(call('echo', `text: hi\nquery: "SELECT * FROM t WHERE city = '{{ inputs.city }}'"`));
    expect(r.lines).toEqual(["OWC7004 15:19 'query' builds SQL text by interpolation"]);
    expect(run(call('echo', 'text: hi\nquery: "{{ inputs.city }}"')).lines).toEqual([]);
    expect(run(call('echo', `text: "SELECT {{ inputs.city }}"`)).lines).toEqual([]);
  });
});
