import { describe, expect, it } from 'vitest';
import { toJSON } from '../../src/source/nodes.js';
import { lower, workflowOf } from './helpers.js';

describe('workflow manifests', () => {
  it('lowers every entry of a workflows: list, a workflow: block and the registry form', () => {
    expect(lower('workflows:\n  - name: a\n    steps: []\n  - name: b\n    steps: []\n').program.workflows.map((w) => w.name.value)).toEqual(['a', 'b']);
    expect(lower('workflow:\n  name: solo\n  steps: []\n').program.workflows.map((w) => w.name.value)).toEqual(['solo']);
    const registry = lower('{"schemaVersion": "0.1.0", "type": "workflow", "name": "daily", "namespace": "acme", "version": "1.0.0", "steps": []}', 'w.json');
    expect(registry.program.workflows[0]).toMatchObject({ name: { value: 'daily' }, namespace: { value: 'acme' }, version: { value: '1.0.0' } });
  });

  it('calls a workflow without a name by its place in the file', () => {
    expect(lower('workflows:\n  - steps: []\n  - description: x\n').program.workflows.map((w) => w.name.value)).toEqual(['workflows[0]', 'workflows[1]']);
  });

  it('lowers inputs: JSON Schema without required/default/description', () => {
    const w = workflowOf(
      [
        'workflows:',
        '  - name: w',
        '    inputs:',
        '      location:',
        '        type: string',
        '        description: City',
        '        default: "San Francisco"',
        '        required: true',
        '      units:',
        '        type: string',
        '        enum: [celsius, fahrenheit]',
        '      filter:',
        '        type: object',
        '        properties: {a: {type: string, description: kept}}',
        '        required: [a]',
        '    steps: []',
      ].join('\n'),
    );
    expect(w.inputs.map((i) => ({ name: i.name.value, schema: i.schema.json, required: i.required, default: i.default && toJSON(i.default), description: i.description }))).toEqual([
      { name: 'location', schema: { type: 'string' }, required: true, default: 'San Francisco', description: 'City' },
      { name: 'units', schema: { type: 'string', enum: ['celsius', 'fahrenheit'] }, required: false, default: undefined, description: undefined },
      { name: 'filter', schema: { type: 'object', properties: { a: { type: 'string', description: 'kept' } }, required: ['a'] }, required: false, default: undefined, description: undefined },
    ]);
  });

  it('reads an input declaration that is not a schema as {}', () => {
    const w = workflowOf('workflows:\n  - name: w\n    inputs: {a: string, b: true, c: [1]}\n    steps: []\n');
    expect(w.inputs.map((i) => [i.name.value, i.schema.json])).toEqual([
      ['a', {}],
      ['b', true],
      ['c', {}],
    ]);
  });

  it('lowers the four trigger kinds and the schedule shorthand', () => {
    const w = workflowOf(
      [
        'workflows:',
        '  - name: w',
        '    triggers:',
        '      - type: manual',
        '      - type: schedule',
        '        cron: "0 8 * * *"',
        '        timezone: America/New_York',
        '      - schedule: "*/5 * * * *"',
        '      - type: webhook',
        '        path: /hook',
        '        method: POST',
        '        auth: {type: hmac-sha256}',
        '      - type: event',
        '        source: kafka',
        '        topic: user.signup',
        '        filter: {event_type: new_user}',
        '      - manual',
        '    steps: []',
      ].join('\n'),
    );
    expect(
      w.triggers.map((t) => {
        switch (t.kind) {
          case 'schedule':
            return { kind: t.kind, cron: t.cron.value, timezone: t.timezone?.value };
          case 'webhook':
            return { kind: t.kind, path: t.path, method: t.method, auth: t.auth };
          case 'event':
            return { kind: t.kind, source: t.source, topic: t.topic, filter: t.filter };
          case 'manual':
            return { kind: t.kind };
        }
      }),
    ).toEqual([
      { kind: 'manual' },
      { kind: 'schedule', cron: '0 8 * * *', timezone: 'America/New_York' },
      { kind: 'schedule', cron: '*/5 * * * *', timezone: undefined },
      { kind: 'webhook', path: '/hook', method: 'POST', auth: { type: 'hmac-sha256' } },
      { kind: 'event', source: 'kafka', topic: 'user.signup', filter: { event_type: 'new_user' } },
      { kind: 'manual' },
    ]);
  });

  it('lowers outputs with value/description and the plain shorthand', () => {
    const w = workflowOf('workflows:\n  - name: w\n    steps: []\n    outputs:\n      count:\n        value: "{{ steps.a.output.n }}"\n        description: How many\n      quick: "{{ inputs.x }}"\n');
    expect(w.outputs.map((o) => [o.name.value, toJSON(o.value), o.description])).toEqual([
      ['count', '{{ steps.a.output.n }}', 'How many'],
      ['quick', '{{ inputs.x }}', undefined],
    ]);
  });

  it('lowers testing: dry-run mocks and events as nodes, and fixtures', () => {
    const w = workflowOf(
      [
        'workflows:',
        '  - name: w',
        '    steps: []',
        '    testing:',
        '      dryRun:',
        '        mockData:',
        '          connector:community/database@1.0.0:',
        '            query: {rows: []}',
        '        events:',
        '          approval.received: {ok: true}',
        '      fixtures:',
        '        - name: sample',
        '          inputs: {user_id: "1"}',
        '          expectedOutputs: {status: success}',
      ].join('\n'),
    );
    expect(w.testing?.dryRun?.enabled).toBe(true);
    expect(w.testing?.dryRun?.mockData && toJSON(w.testing.dryRun.mockData)).toEqual({ 'connector:community/database@1.0.0': { query: { rows: [] } } });
    expect(w.testing?.dryRun?.events && toJSON(w.testing.dryRun.events)).toEqual({ 'approval.received': { ok: true } });
    expect(w.testing?.fixtures.map((f) => [f.name.value, f.inputs && toJSON(f.inputs), f.expectedOutputs && toJSON(f.expectedOutputs)])).toEqual([
      ['sample', { user_id: '1' }, { status: 'success' }],
    ]);
  });

  it('keeps authorization and guardrails as JSON', () => {
    const w = workflowOf('workflows:\n  - name: w\n    authorization: {roles: [admin]}\n    guardrails: {maxCost: 1}\n    steps: []\n');
    expect([w.authorization, w.guardrails]).toEqual([{ roles: ['admin'] }, { maxCost: 1 }]);
  });

  it('lists each file once in program.files', () => {
    const { program, file } = lower('workflows:\n  - name: a\n    steps: []\n---\nworkflows:\n  - name: b\n    steps: []\n');
    expect(program.workflows).toHaveLength(2);
    expect(program.files).toEqual([file]);
  });
});
