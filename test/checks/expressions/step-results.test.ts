import { describe, expect, it } from 'vitest';
import { expressionChecks } from '../../../src/checks/expressions/index.js';
import { runExpressionChecks } from './harness.js';
import { weatherConnector } from './fixtures.js';

const agent = `{
  "schemaVersion": "0.1.0",
  "type": "agent",
  "name": "helper",
  "namespace": "acme",
  "version": "1.0.0",
  "model": { "provider": "anthropic", "id": "m" },
  "systemPrompt": "help",
  "io": {
    "inputSchema": { "type": "object", "properties": { "question": { "type": "string" } }, "required": ["question"] },
    "outputSchema": { "type": "object", "properties": { "answer": { "type": "string" } }, "required": ["answer"] }
  }
}
`;

const run = (text: string) => {
  const r = runExpressionChecks({ 'weather.yaml': weatherConnector, 'agent.json': agent, 'flow.yaml': text }, expressionChecks);
  expect(r.setup.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r;
};

const show = (id: string, text: string) => `      - id: ${id}
        connector: connector:acme/weather@1.0.0
        action: echo
        input:
          text: "${text}"
`;

describe('step result shapes', () => {
  it('types logic steps, agents, parallel list children, try and wait results', () => {
    const text = `workflows:
  - name: child
    inputs:
      city: { type: string, required: true }
    steps:
      - id: now
        connector: connector:acme/weather@1.0.0
        action: current
        input:
          location: "{{ inputs.city }}"
    outputs:
      temp:
        value: "{{ steps.now.output.temperature }}"
      line:
        value: "{{ steps.now.output.location }}!"
  - name: parent
    steps:
      - id: ask
        agent: agent:acme/helper@1.0.0
        input:
          question: why
      - id: sub
        workflow: child
        input:
          city: Oslo
      - id: both
        type: parallel
        parallel:
${show('left', 'l').replace(/^(?=.)/gm, '    ')}${show('right', 'r').replace(/^(?=.)/gm, '    ')}      - id: guard
        type: try
        steps:
${show('inner', 'i').replace(/^(?=.)/gm, '    ')}      - id: pause
        type: wait
        duration: 5s
      - id: pick
        type: if
        condition: "{{ steps.pause.timedOut }}"
        then:
${show('t', 't').replace(/^(?=.)/gm, '    ')}
${show('report', "{{ steps.ask.output.answer }} {{ steps.sub.outputs.temp + 1 }} {{ steps.sub.output.line | upper }} {{ steps.both.left.output.text }} {{ steps.both.output.branches.right.output.text }} {{ steps.both.output.completedCount }} {{ steps.guard.output.attempts }} {{ steps.guard.output.output.text | default('') }} {{ steps.pick.output.branch == 'then' }} {{ steps.pause.output.waitType }}")}`;
    expect(run(text).lines).toEqual([]);
  });

  it('reports reads the shapes do not have', () => {
    const text = `workflows:
  - name: parent
    steps:
      - id: ask
        agent: agent:acme/helper@1.0.0
        input:
          question: why
      - id: pick
        type: if
        condition: "{{ steps.ask.output.answer == 'yes' }}"
        then:
${show('t', 't').replace(/^(?=.)/gm, '    ')}
${show('report', "{{ steps.ask.output.reply }} {{ steps.pick.output.branches }}")}`;
    expect(run(text).lines).toEqual([
      "OWC6014 22:38 `steps.ask.output` has no property 'reply'",
      "OWC6014 22:68 `steps.pick.output` has no property 'branches'",
    ]);
  });
});
