/**
 * `runChecks` runs the expression checks together, one workflow at a time,
 * dropping each workflow's analysis before the next; each check's own `run`
 * analyzes everything afresh. Both must report the same, also when steps
 * call sub-workflows declared before and after them.
 */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/checks/index.js';
import { checks } from '../../../src/checks/registry.js';
import { DiagnosticBag, sortDiagnostics } from '../../../src/diagnostics/diagnostic.js';
import { weatherConnector } from './fixtures.js';
import { loadProgram, type LoadedProgram } from './harness.js';

const flows = `workflows:
  - name: early
    inputs:
      city: { type: string, required: true }
    steps:
      - id: now
        connector: connector:acme/weather@1.0.0
        action: current
        input:
          location: "{{ inputs.city }}"
      - id: late
        workflow: late
        input:
          city: "{{ steps.now.output.temperature }}"
    outputs:
      temp:
        value: "{{ steps.now.output.temperature }}"
      far:
        value: "{{ steps.late.output.word }}"
      nope:
        value: "{{ steps.now.output.pressure }}"
  - name: middle
    steps:
      - id: a
        workflow: early
        input:
          city: Oslo
          extra: 1
      - id: b
        workflow: late
        input:
          city: "{{ steps.a.output.temp }}"
      - id: show
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: "{{ steps.a.output.far | upper }} {{ steps.b.output.word }}"
          count: "{{ steps.a.output.temp }}"
          query: "select {{ secrets.KEY }}"
    outputs:
      leak:
        value: "{{ secrets.KEY }}"
      word:
        value: "{{ steps.b.output.wrod }}"
  - name: late
    inputs:
      city: { type: string, required: true }
    steps:
      - id: echo
        connector: connector:acme/weather@1.0.0
        action: echo
        for_each: "{{ inputs.city }}"
        input:
          text: "{{ item }}"
    outputs:
      word:
        value: "{{ steps.echo.output[0].text }}"
      broken:
        value: "{{ steps.echo.output[0].text + }}"
`;

function setup(): LoadedProgram {
  const loaded = loadProgram({ 'weather.yaml': weatherConnector, 'flows.yaml': flows });
  expect(loaded.setup).toEqual([]);
  return loaded;
}

describe('expression checks per workflow', () => {
  it('report together what each reports alone', () => {
    const { program, bindings } = setup();
    const together = runChecks(program, bindings, { strict: false });
    const bag = new DiagnosticBag();
    for (const check of checks) check.run({ program, bindings, options: { strict: false }, bag });
    const alone = sortDiagnostics(bag.all);
    expect(together).toEqual(alone);
    const messages = together.map((d) => `${d.code} ${d.message}`);
    // Outputs of a workflow analyzed (and dropped) before the caller, and of one analyzed after it.
    expect(messages).toContain("OWC6030 `steps.a.output.temp` is number; 'count' expects integer");
    expect(messages).toContain("OWC6014 `steps.b.output` has no property 'wrod'");
    // Syntax, security and loop checks report from the same pass.
    expect(new Set(together.map((d) => d.code))).toEqual(new Set(['OWC5001', 'OWC6014', 'OWC6030', 'OWC6036', 'OWC6041', 'OWC7001', 'OWC7003', 'OWC7004']));
  });
});
