import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/index.js';
import { allSteps } from '../../src/lower/walk.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import type { Span } from '../../src/source/span.js';
import { lower } from './helpers.js';

/**
 * Lowers and checks `text` (the point is that nothing throws), and checks that
 * every step and its id keep a span inside the file.
 */
function lowerAndCheck(text: string, path = 'bad.yaml'): number {
  const { program, diagnostics } = lower(text, path);
  const inside = (span: Span) => span.file === path && 0 <= span.start && span.start <= span.end && span.end <= text.length;
  for (const workflow of program.workflows) {
    for (const step of allSteps(workflow.steps)) {
      if (!inside(step.span) || !inside(step.id.span)) throw new Error(`step ${step.id.value} has a span outside the file`);
    }
  }
  return diagnostics.length + runChecks(program, emptyBindings(), { strict: true }).length;
}

const malformed: Array<[string, string]> = [
  ['steps as a string', 'workflows:\n  - name: w\n    steps: "do things"\n'],
  ['a step as a number', 'workflows:\n  - name: w\n    steps: [42, null, "x", [1]]\n'],
  ['inputs as a list', 'workflow:\n  name: w\n  inputs: [a, b]\n  steps: []\n'],
  ['inputs with scalar declarations', 'workflows:\n  - name: w\n    inputs: {a: string, b: null, c: [1]}\n    steps: []\n'],
  ['workflows as a map', 'workflows: {a: 1}\n'],
  ['workflows entries of every type', 'workflows: [1, "x", null, [], {}]\n'],
  ['no name, no steps', 'workflows:\n  - description: nothing\n'],
  ['triggers of every type', 'workflows:\n  - name: w\n    triggers: [1, null, {type: schedule}, {type: schedule, cron: 5}, {schedule: {cron: 1}}, {type: teleport}, {webhook: 3}]\n    steps: []\n'],
  ['triggers as a map', 'workflows:\n  - name: w\n    triggers: {type: manual}\n    steps: []\n'],
  ['outputs as a list', 'workflows:\n  - name: w\n    outputs: [a]\n    steps: []\n'],
  ['outputs with odd values', 'workflows:\n  - name: w\n    outputs: {a: null, b: {description: only}, c: [1]}\n    steps: []\n'],
  ['testing of odd shapes', 'workflows:\n  - name: w\n    testing: {dryRun: true, fixtures: {a: 1}}\n    steps: []\n'],
  ['fixtures of odd shapes', 'workflows:\n  - name: w\n    testing: {dryRun: {mockData: [1], events: 2}, fixtures: [1, {name: 2, inputs: []}]}\n    steps: []\n'],
  ['step fields of wrong types', 'workflows:\n  - name: w\n    steps:\n      - {id: 1, type: action, connector: [x], action: {a: 1}, input: 3, retry: 5, timeout: [], for_each: null, condition: {}}\n'],
  ['step id as a map', 'workflows:\n  - name: w\n    steps:\n      - {id: {a: 1}, name: [1], plugin: p, action: a}\n'],
  ['type as a number', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: 7}\n'],
  ['if without anything', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: if}\n'],
  ['if with then as a map', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: if, condition: x, then: {a: 1}, else: 5}\n'],
  ['switch with cases as a list', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: switch, cases: [a, b], default: {}}\n'],
  ['switch with case values of every type', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: switch, value: 1, cases: {a: 1, b: null, c: {}, d: [1, {}]}}\n'],
  ['parallel branches as a list', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: parallel, branches: [1], join: {count: x}}\n'],
  ['inline parallel of scalars', 'workflows:\n  - name: w\n    steps:\n      - {id: s, parallel: [1, null, {}]}\n'],
  ['wait with nothing', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: wait}\n'],
  ['wait with odd until', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: wait, until: [1]}\n      - {id: t, type: wait, until: {event: [1], time: {}}}\n      - {id: u, type: wait, duration: true}\n'],
  ['try with odd lists', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: try, steps: 1, catch: {}, finally: "x"}\n'],
  ['transform with nothing', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: transform, language: [jq], expression: {a: 1}}\n'],
  ['handoff with odd selection', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: handoff, selectAgent: [1, {default: 2}, {condition: x}]}\n      - {id: t, type: handoff, selectAgent: {a: 1}}\n'],
  ['forEach with nothing', 'workflows:\n  - name: w\n    steps:\n      - {id: s, type: forEach, steps: null, maxConcurrency: x}\n'],
  ['connector with odd fields', 'connector:\n  kind: [http]\n  name: {a: 1}\n  runtime: 5\n  auth: [1]\n  mcp: x\nactions: {a: 1}\n'],
  ['actions of every type', 'connector:\n  kind: http\n  name: c\nactions: [1, null, "x", {handler: 1}, {name: a, handler: {http: 1}}, {name: b, handler: {http: {url: [1], headers: [1], retry: []}}}, {name: c, handler: {command: {a: 1}}}, {name: d, handler: {kafka: "x"}}, {name: e, handler: {type: lambda}}, {name: f, handler: {mcp: [1]}}]\n'],
  ['runtime environment of odd entries', 'connector:\n  kind: http\n  name: c\n  runtime: {environment: [1, {name: 2}, {name: A, required: yes}]}\nactions: []\n'],
  ['registry agent with odd fields', '{"schemaVersion": "0.1.0", "type": "agent", "name": 1, "model": [1], "toolset": {"a": 1}, "io": 5, "personality": "x"}'],
  ['agent schema form with odd fields', '{"agent": {"id": 5}, "model": "x", "instructions": [], "tools": [1, {"name": []}], "runtime": {}, "io": {"output_schema": {"type": "object"}}}'],
  ['agent block with odd fields', 'agent:\n  name: [1]\n  model: {provider: 1, id: [], params: 3}\n'],
  ['bundle with odd includes', '{"schemaVersion": "0.1.0", "type": "bundle", "name": "b", "includes": [1, null, {"a": 1}, "connector:a/b@1"]}'],
  ['bundle with includes as a string', '{"schemaVersion": "0.1.0", "type": "bundle", "includes": "x"}'],
  ['__proto__ keys', 'workflows:\n  - name: w\n    inputs:\n      __proto__: {type: string, required: true}\n    steps:\n      - id: s\n        plugin: p\n        action: a\n        input: {__proto__: {polluted: true}}\n'],
];

describe('lowering and the checks never throw', () => {
  it.each(malformed)('%s', (_name, text) => {
    const path = text.startsWith('{') ? 'bad.json' : 'bad.yaml';
    expect(() => lowerAndCheck(text, path)).not.toThrow();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  // Random trees built from the manifest vocabulary, placed where each resource is recognised.
  const keys = [
    'name', 'id', 'type', 'steps', 'then', 'else', 'cases', 'default', 'branches', 'parallel', 'items', 'for_each', 'condition',
    'input', 'with', 'connector', 'plugin', 'action', 'agent', 'workflow', 'duration', 'until', 'time', 'event', 'timeout',
    'retry', 'catch', 'finally', 'expression', 'language', 'selectAgent', 'join', 'inputs', 'outputs', 'triggers', 'cron',
    'timezone', 'schedule', 'testing', 'dryRun', 'fixtures', 'handler', 'http', 'url', 'command', 'kafka', 'mcp', 'actions',
    'model', 'toolset', 'io', 'includes', 'required', 'maxAttempts',
  ];
  const scalars = fc.oneof(fc.constantFrom('if', 'switch', 'forEach', 'parallel', 'wait', 'try', 'transform', 'handoff', 'action', 'schedule', '0 8 * * *', '30s', '{{ x }}', 'UTC'), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  const tree = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalars, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 6 }),
  })).value;

  it('on random workflow, connector, agent and bundle trees', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const documents = [
          { workflows: [a, b] },
          { workflows: [{ name: 'w', steps: [a, b] }] },
          { workflow: typeof a === 'object' && a !== null && !Array.isArray(a) ? a : { steps: a } },
          { connector: { kind: 'http', name: 'c', extra: a }, actions: b },
          { schemaVersion: '0.1.0', type: 'agent', model: a, toolset: b, io: a },
          { agent: { id: a }, model: b, instructions: a, tools: b, runtime: 'any' },
          { schemaVersion: '0.1.0', type: 'bundle', includes: a },
        ];
        for (const doc of documents) lowerAndCheck(JSON.stringify(doc), 'random.json');
      }),
      { numRuns: 300 },
    );
  });
});
