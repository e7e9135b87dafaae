import { describe, expect, it } from 'vitest';
import { toJSON } from '../../src/source/nodes.js';
import type { StepIR } from '../../src/lower/ir.js';
import { firstStep, lower, withSteps } from './helpers.js';

/** A readable summary of the fields a rule decides. */
function summary(step: StepIR): Record<string, unknown> {
  const base: Record<string, unknown> = { id: step.id.value, kind: step.kind };
  switch (step.kind) {
    case 'action':
      return { ...base, connector: step.connector.value, action: step.action.value, legacyPlugin: step.legacyPlugin, input: step.input && toJSON(step.input) };
    case 'agent':
      return { ...base, agent: step.agent.value, input: step.input && toJSON(step.input) };
    case 'workflow':
      return { ...base, workflow: step.workflow.value, version: step.version?.value, input: step.input && toJSON(step.input) };
    case 'parallel':
      return { ...base, form: step.form, join: step.join, branches: step.branches.map((b) => [b.name.value, b.steps.steps.map((s) => s.id.value)]) };
    default:
      return base;
  }
}

describe('step identity and kind', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    [
      'type: action with connector',
      '- id: fetch\n  type: action\n  connector: connector:community/weather@1.0.0\n  action: get\n  input: {city: Paris}',
      { id: 'fetch', kind: 'action', connector: 'connector:community/weather@1.0.0', action: 'get', legacyPlugin: false, input: { city: 'Paris' } },
    ],
    [
      'connector + action infers an action',
      '- name: fetch\n  connector: connector:community/weather@1.0.0\n  action: get',
      { id: 'fetch', kind: 'action', connector: 'connector:community/weather@1.0.0', action: 'get', legacyPlugin: false, input: undefined },
    ],
    [
      'plugin + action is a legacy action',
      '- name: add\n  plugin: calculator\n  action: add\n  with: {a: 1, b: 2}',
      { id: 'add', kind: 'action', connector: 'calculator', action: 'add', legacyPlugin: true, input: { a: 1, b: 2 } },
    ],
    [
      'id wins over name',
      '- id: the_id\n  name: Display name\n  plugin: calc\n  action: add',
      { id: 'the_id', kind: 'action', connector: 'calc', action: 'add', legacyPlugin: true, input: undefined },
    ],
    ['agent infers an agent step', '- id: think\n  agent: agent:acme/bot@1.0.0\n  input: {q: hi}', { id: 'think', kind: 'agent', agent: 'agent:acme/bot@1.0.0', input: { q: 'hi' } }],
    [
      'workflow infers a sub-workflow step',
      '- name: run_etl\n  workflow: data-etl-pipeline\n  version: "1.2.0"\n  input: {source: x}',
      { id: 'run_etl', kind: 'workflow', workflow: 'data-etl-pipeline', version: '1.2.0', input: { source: 'x' } },
    ],
    [
      'parallel holding a list is a parallel step, one branch per step',
      '- name: tasks\n  parallel:\n    - name: a\n      plugin: p\n      action: x\n    - name: b\n      plugin: p\n      action: y',
      { id: 'tasks', kind: 'parallel', form: 'list', join: { kind: 'all' }, branches: [['a', ['a']], ['b', ['b']]] },
    ],
    [
      'type: parallel with branches',
      '- id: gather\n  type: parallel\n  join: any\n  branches:\n    w:\n      - {id: fw, plugin: p, action: x}\n    n:\n      - {id: fn, plugin: p, action: y}',
      { id: 'gather', kind: 'parallel', form: 'branches', join: { kind: 'any' }, branches: [['w', ['fw']], ['n', ['fn']]] },
    ],
    [
      'join count(n) spelling',
      '- id: g\n  type: parallel\n  join: count(2)\n  branches:\n    a: [{id: s, plugin: p, action: x}]',
      { id: 'g', kind: 'parallel', form: 'branches', join: { kind: 'count', count: 2 }, branches: [['a', ['s']]] },
    ],
    [
      'join {count: n}',
      '- id: g\n  type: parallel\n  join: {count: 3}\n  branches:\n    a: [{id: s, plugin: p, action: x}]',
      { id: 'g', kind: 'parallel', form: 'branches', join: { kind: 'count', count: 3 }, branches: [['a', ['s']]] },
    ],
  ];
  it.each(cases)('%s', (_name, yaml, expected) => {
    expect(summary(firstStep(yaml))).toEqual(expected);
  });
});

describe('fields every step shares', () => {
  it('maps snake and camel spellings to one field', () => {
    const snake = firstStep('- id: s\n  plugin: p\n  action: a\n  continue_on_error: true\n  retry:\n    max_attempts: 5\n    backoff: linear\n    backoff_factor: 3\n    initial_delay: 2\n    max_delay: 30s\n    retry_on: [timeout]');
    const camel = firstStep('- id: s\n  plugin: p\n  action: a\n  continueOnError: true\n  retry:\n    maxAttempts: 5\n    backoff: linear\n    backoffFactor: 3\n    initialDelay: 2\n    maxDelay: 30\n    retryOn: [timeout]');
    for (const step of [snake, camel]) {
      expect(step.continueOnError).toBe(true);
      expect(step.retry).toMatchObject({ maxAttempts: 5, backoff: 'linear', backoffFactor: 3, initialDelay: 2, maxDelay: 30, retryOn: ['timeout'], jitter: false });
    }
  });

  it('defaults a retry block without maxAttempts to 3 exponential attempts, and no block to no policy', () => {
    expect(firstStep('- id: s\n  plugin: p\n  action: a\n  retry: {}').retry).toMatchObject({ maxAttempts: 3, backoff: 'exponential', initialDelay: undefined });
    expect(firstStep('- id: s\n  plugin: p\n  action: a').retry).toBeUndefined();
  });

  it('turns condition on a non-if step into when, and keeps it as the branch condition on an if step', () => {
    const action = firstStep('- id: s\n  plugin: p\n  action: a\n  condition: "{{ inputs.go }}"');
    expect(action.when && toJSON(action.when)).toBe('{{ inputs.go }}');
    const branch = firstStep('- id: s\n  type: if\n  condition: "{{ inputs.go }}"\n  then: [{id: t, plugin: p, action: a}]');
    expect(branch.when).toBeUndefined();
    expect(branch.kind === 'if' && toJSON(branch.condition)).toBe('{{ inputs.go }}');
  });

  it('reads for_each loop sugar with parallel and maxConcurrency', () => {
    const step = firstStep('- id: s\n  plugin: p\n  action: a\n  for_each: "{{ inputs.xs }}"\n  parallel: true\n  maxConcurrency: 4');
    expect(step.forEach).toMatchObject({ parallel: true, maxConcurrency: 4 });
    expect(step.forEach && toJSON(step.forEach.items)).toBe('{{ inputs.xs }}');
    const sequential = firstStep('- id: s\n  plugin: p\n  action: a\n  for_each: "{{ inputs.xs }}"');
    expect(sequential.forEach).toMatchObject({ parallel: false, maxConcurrency: undefined });
  });

  it('reads timeouts as seconds, from numbers and duration strings', () => {
    expect(firstStep('- id: s\n  plugin: p\n  action: a\n  timeout: 300').timeoutSeconds).toBe(300);
    expect(firstStep('- id: s\n  plugin: p\n  action: a\n  timeout: 1m30s').timeoutSeconds).toBe(90);
    expect(firstStep('- id: s\n  plugin: p\n  action: a\n  timeout: soon').timeoutSeconds).toBeUndefined();
  });

  it('keeps description, backend, guardrails and authorization', () => {
    const step = firstStep('- id: s\n  agent: agent:a/b@1\n  description: thinks\n  backend: langchain\n  guardrails: {maxTokens: 10}\n  authorization: {permissions: [x]}');
    expect(step).toMatchObject({ description: 'thinks', backend: 'langchain', guardrails: { maxTokens: 10 }, authorization: { permissions: ['x'] } });
  });

  it("uses 'input' when both 'input' and 'with' are present", () => {
    const step = firstStep('- id: s\n  plugin: p\n  action: a\n  input: {a: 1}\n  with: {a: 2}');
    expect(step.kind === 'action' && step.input && toJSON(step.input)).toEqual({ a: 1 });
  });
});

describe('logic steps', () => {
  it('lowers if with then and else', () => {
    const step = firstStep('- id: c\n  type: if\n  condition: "{{ x }}"\n  then:\n    - {id: t, plugin: p, action: a}\n  else:\n    - {id: e, plugin: p, action: b}');
    expect(step.kind).toBe('if');
    if (step.kind !== 'if') return;
    expect(step.then.steps.map((s) => s.id.value)).toEqual(['t']);
    expect(step.else?.steps.map((s) => s.id.value)).toEqual(['e']);
  });

  it('lowers switch cases and default', () => {
    const step = firstStep('- id: r\n  type: switch\n  value: "{{ p }}"\n  cases:\n    high: [{id: h, plugin: p, action: a}]\n    low: [{id: l, plugin: p, action: a}]\n  default: [{id: d, plugin: p, action: a}]');
    if (step.kind !== 'switch') throw new Error(step.kind);
    expect(step.cases.map((c) => [c.name.value, c.steps.steps.map((s) => s.id.value)])).toEqual([
      ['high', ['h']],
      ['low', ['l']],
    ]);
    expect(step.default?.steps.map((s) => s.id.value)).toEqual(['d']);
  });

  it('lowers a block forEach', () => {
    const step = firstStep('- id: loop\n  type: forEach\n  items: "{{ xs }}"\n  maxConcurrency: 5\n  ordered: true\n  continueOnError: true\n  steps: [{id: one, plugin: p, action: a}]');
    expect(step).toMatchObject({ kind: 'forEach', maxConcurrency: 5, ordered: true, continueOnErrorItems: true });
    if (step.kind === 'forEach') expect(step.steps.steps[0]?.id.value).toBe('one');
  });

  const waits: Array<[string, string, Record<string, unknown>]> = [
    ['duration 30s', 'duration: 30s', { kind: 'duration', seconds: 30 }],
    ['duration 7d', 'duration: 7d', { kind: 'duration', seconds: 604800 }],
    ['duration as number', 'duration: 45', { kind: 'duration', seconds: 45 }],
    ['unparseable duration', 'duration: "{{ inputs.d }}"', { kind: 'duration', seconds: undefined }],
    ['until event', 'until: {event: approval.received, timeout: 86400, channel: webhook, filter: {a: 1}}', { kind: 'event', timeoutSeconds: 86400, channel: 'webhook', filter: { a: 1 } }],
    ['until time', 'until: {time: "2025-10-08T09:00:00Z"}', { kind: 'time' }],
  ];
  it.each(waits)('lowers wait: %s', (_name, body, expected) => {
    const step = firstStep(`- id: w\n  type: wait\n  ${body}`);
    if (step.kind !== 'wait') throw new Error(step.kind);
    expect(step.wait).toMatchObject(expected);
  });

  it('lowers try with retry, catch and finally', () => {
    const step = firstStep('- id: t\n  type: try\n  retry: {maxAttempts: 2, retryOn: [timeout, rate_limit]}\n  steps: [{id: call, plugin: p, action: a}]\n  catch: [{id: log, plugin: p, action: b}]\n  finally: [{id: done, plugin: p, action: c}]');
    if (step.kind !== 'try') throw new Error(step.kind);
    expect(step.retry).toMatchObject({ maxAttempts: 2, retryOn: ['timeout', 'rate_limit'] });
    expect([step.steps, step.catch, step.finally].map((l) => l?.steps[0]?.id.value)).toEqual(['call', 'log', 'done']);
  });

  it('lowers transform, defaulting the language to template', () => {
    const jq = firstStep('- id: f\n  type: transform\n  language: jq\n  expression: "{id: .order_id}"\n  input: "{{ steps.x.output }}"');
    expect(jq.kind === 'transform' && [jq.language.value, jq.expression.value, jq.input && toJSON(jq.input)]).toEqual(['jq', '{id: .order_id}', '{{ steps.x.output }}']);
    const plain = firstStep('- id: f\n  type: transform\n  expression: "Hello {{ inputs.name }}"');
    expect(plain.kind === 'transform' && plain.language.value).toBe('template');
  });

  it('lowers handoff to one agent and by selection', () => {
    const direct = firstStep('- id: h\n  type: handoff\n  agent: agent:acme/human@1.0.0\n  reason: asked\n  resumeAfter: true');
    expect(direct).toMatchObject({ kind: 'handoff', target: { kind: 'agent', agent: { value: 'agent:acme/human@1.0.0' } }, resumeAfter: true });
    const select = firstStep('- id: h\n  type: handoff\n  selectAgent:\n    - condition: "{{ a }}"\n      agent: agent:acme/tech@1.0.0\n    - default: agent:acme/general@1.0.0');
    if (select.kind !== 'handoff' || select.target.kind !== 'select') throw new Error('expected select');
    expect(select.target.choices.map((c) => [c.condition === undefined ? null : toJSON(c.condition), c.agent.value])).toEqual([
      ['{{ a }}', 'agent:acme/tech@1.0.0'],
      [null, 'agent:acme/general@1.0.0'],
    ]);
  });
});

describe('steps lowering cannot place', () => {
  it('gives a step without id or name a synthetic id, leaving the report to the schema stage', () => {
    const { program, diagnostics } = lower(withSteps('- {id: a, plugin: p, action: x}\n- {id: b, plugin: p, action: x}\n- plugin: p\n  action: x'));
    expect(program.workflows[0]?.steps.map((s) => s.id.value)).toEqual(['a', 'b', 'steps[2]']);
    expect(diagnostics).toEqual([]);
  });

  it('reads any of connector, plugin or action as an action step, with missing parts empty', () => {
    const connectorOnly = firstStep('- id: s\n  connector: connector:a/b@1');
    expect(summary(connectorOnly)).toMatchObject({ kind: 'action', connector: 'connector:a/b@1', action: '' });
    const actionOnly = firstStep('- id: s\n  action: get');
    expect(summary(actionOnly)).toMatchObject({ kind: 'action', connector: '', action: 'get', legacyPlugin: false });
  });

  it('names nested synthetic ids by their path', () => {
    const { program } = lower(withSteps('- id: c\n  type: if\n  condition: x\n  then:\n    - plugin: p\n      action: x'));
    const step = program.workflows[0]?.steps[0];
    expect(step?.kind === 'if' && step.then.steps[0]?.id.value).toBe('c.then[0]');
  });

  it('reports an unknown type with a did-you-mean hint and leaves the step out', () => {
    const { program, diagnostics } = lower(withSteps('- id: c\n  type: iff\n  condition: x\n- id: d\n  type: for_each\n- id: e\n  type: zzzzzz'));
    expect(program.workflows[0]?.steps).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['OWC3001', "step 'c' has unknown type 'iff'", "did you mean 'type: if'?"],
      ['OWC3001', "step 'd' has unknown type 'for_each'", "did you mean 'type: forEach'?"],
      ['OWC3001', "step 'e' has unknown type 'zzzzzz'", 'the step types are action, agent, workflow, if, switch, forEach, parallel, wait, try, transform, handoff'],
    ]);
  });

  const undetermined: Array<[string, string, string]> = [
    ['a then without type', '- id: s\n  condition: x\n  then: []', "add 'type: if'"],
    ['items and steps without type', '- id: s\n  items: x\n  steps: []', "add 'type: forEach'"],
    ['nothing to go on', '- id: s\n  input: {a: 1}', "add 'type:'"],
  ];
  it.each(undetermined)('reports a step whose kind cannot be told: %s', (_name, yaml, advice) => {
    const { program, diagnostics } = lower(withSteps(yaml));
    expect(program.workflows[0]?.steps).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'OWC3002', message: "cannot tell what kind of step 's' is" });
    expect(diagnostics[0]?.hint).toContain(advice);
  });
});
