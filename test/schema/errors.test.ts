import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/source/load.js';
import { validateManifest } from '../../src/schema/index.js';
import { validateText, yaml } from './helpers.js';

const wf = (steps: string): string => `workflows:\n  - name: report\n    steps:\n${steps}`;

describe('mistakes give one diagnostic each, with code, message and position', () => {
  it.each([
    {
      name: 'action step without action',
      text: wf('      - id: fetch\n        connector: connector:acme/weather@1.0.0\n'),
      want: [{ code: 'OWC2001', message: "step 'fetch' is missing 'action'", at: '4:9' }],
    },
    {
      name: 'action step without connector',
      text: wf('      - id: fetch\n        action: get\n'),
      want: [{ code: 'OWC2002', message: "step 'fetch' is missing 'connector' or 'plugin'", at: '4:9' }],
    },
    {
      name: 'typed action step with nothing',
      text: wf('      - id: fetch\n        type: action\n'),
      want: [
        { code: 'OWC2001', message: "step 'fetch' is missing 'action'", at: '4:9' },
        { code: 'OWC2002', message: "step 'fetch' is missing 'connector' or 'plugin'", at: '4:9' },
      ],
    },
    {
      name: 'step without id or name',
      text: wf('      - connector: connector:acme/weather@1.0.0\n        action: get\n'),
      want: [{ code: 'OWC2002', message: "step 1 is missing 'id' or 'name'", at: '4:9' }],
    },
    {
      name: 'step timeout of the wrong type',
      text: wf('      - id: fetch\n        connector: c\n        action: get\n        timeout: true\n'),
      want: [{ code: 'OWC2003', message: "'timeout' in step 'fetch' must be a number or a {{ }} template, got true", at: '7:18' }],
    },
    {
      name: 'nested step list of the wrong type',
      text: wf('      - id: check\n        type: if\n        condition: "{{ true }}"\n        then: {}\n'),
      want: [{ code: 'OWC2003', message: "'then' in step 'check' must be a list, got a mapping", at: '7:15' }],
    },
    {
      name: 'a step that is not a mapping',
      text: wf('      - fetch\n'),
      want: [{ code: 'OWC2003', message: "step 1 in workflow 'report' must be a mapping, got a string ('fetch')", at: '4:9' }],
    },
    {
      name: 'retry with zero attempts and an unknown backoff',
      text: wf('      - id: fetch\n        connector: c\n        action: get\n        retry:\n          max_attempts: 0\n          backoff: expo\n'),
      want: [
        { code: 'OWC2006', message: "'max_attempts' in step 'fetch' retry must be at least 1", at: '8:25' },
        { code: 'OWC2004', message: "'backoff' in step 'fetch' retry must be one of fixed, linear, exponential; got 'expo'", at: '9:20' },
      ],
    },
    {
      name: 'bad join strategy',
      text: wf('      - id: fan\n        type: parallel\n        join: some\n        branches: {}\n'),
      want: [{ code: 'OWC2006', message: "'join' in step 'fan' must be 'all', 'any', 'count(N)' or {count: N}; got 'some'", at: '6:15' }],
    },
    {
      name: 'join object without count',
      text: wf('      - id: fan\n        type: parallel\n        join: { n: 2 }\n        branches: {}\n'),
      want: [
        { code: 'OWC2001', message: "'join' in step 'fan' is missing 'count'", at: '6:9' },
        { code: 'OWC2007', message: "unknown field 'n' in 'join' in step 'fan'", at: '6:17' },
      ],
    },
    {
      name: 'wait step without duration or until',
      text: wf('      - id: pause\n        type: wait\n'),
      want: [{ code: 'OWC2002', message: "step 'pause' is missing 'duration' or 'until'", at: '4:9' }],
    },
    {
      name: 'if, switch, forEach, try, transform and handoff requirements',
      text: wf(
        [
          '      - { id: a, type: if }',
          '      - { id: b, type: switch, value: x }',
          '      - { id: c, type: forEach, steps: [] }',
          '      - { id: d, type: try }',
          '      - { id: e, type: transform, language: jq }',
          '      - { id: f, type: handoff }',
          '      - { id: g, type: agent }',
          '      - { id: h, type: workflow }',
          '',
        ].join('\n'),
      ),
      want: [
        { code: 'OWC2001', message: "step 'a' is missing 'condition'", at: '4:11' },
        { code: 'OWC2001', message: "step 'a' is missing 'then'", at: '4:11' },
        { code: 'OWC2001', message: "step 'b' is missing 'cases'", at: '5:11' },
        { code: 'OWC2001', message: "step 'c' is missing 'items'", at: '6:11' },
        { code: 'OWC2001', message: "step 'd' is missing 'steps'", at: '7:11' },
        { code: 'OWC2001', message: "step 'e' is missing 'expression'", at: '8:11' },
        { code: 'OWC2002', message: "step 'f' is missing 'agent' or 'selectAgent'", at: '9:11' },
        { code: 'OWC2001', message: "step 'g' is missing 'agent'", at: '10:11' },
        { code: 'OWC2001', message: "step 'h' is missing 'workflow'", at: '11:11' },
      ],
    },
    {
      name: 'schedule trigger without cron, unknown trigger type',
      text: 'workflows:\n  - name: report\n    triggers:\n      - type: schedule\n      - type: hourly\n    steps: []\n',
      want: [
        { code: 'OWC2001', message: "trigger 1 (schedule) is missing 'cron'", at: '4:9' },
        { code: 'OWC2004', message: "'type' in trigger 2 (hourly) must be one of manual, schedule, webhook, event; got 'hourly'", at: '5:15' },
      ],
    },
    {
      name: 'webhook auth of an unknown kind',
      text: 'workflows:\n  - name: report\n    triggers:\n      - type: webhook\n        auth: { type: md5 }\n    steps: []\n',
      want: [{ code: 'OWC2004', message: "'type' in trigger 1 (webhook) auth must be one of hmac-sha256, bearer; got 'md5'", at: '5:23' }],
    },
    {
      name: 'output written as a bare string',
      text: 'workflows:\n  - name: report\n    steps: []\n    outputs:\n      total: "{{ 1 }}"\n',
      want: [{ code: 'OWC2003', message: "output 'total' in workflow 'report' must be a mapping, got a string ('{{ 1 }}')", at: '5:14' }],
    },
    {
      name: 'workflow without steps',
      text: 'workflows:\n  - name: report\n',
      want: [{ code: 'OWC2001', message: "workflow 'report' is missing 'steps'", at: '2:5' }],
    },
    {
      name: 'workflow block without name',
      text: 'workflow:\n  steps: []\n',
      want: [{ code: 'OWC2001', message: "the workflow is missing 'name'", at: '1:1' }],
    },
    {
      name: 'registry workflow without schemaVersion and version',
      text: 'type: workflow\nname: daily\nsteps: []\n',
      want: [
        { code: 'OWC2001', message: "workflow 'daily' is missing 'schemaVersion'", at: '1:1' },
        { code: 'OWC2001', message: "workflow 'daily' is missing 'version'", at: '1:1' },
      ],
    },
  ])('$name', ({ text, want }) => {
    expect(validateText(text).map(({ code, message, at }) => ({ code, message, at }))).toEqual(want);
  });
});

describe('connector mistakes', () => {
  it('names the connector and the nested block', () => {
    const text = yaml`
      connector:
        type: workflow
        name: weather
        kind: htp
        runtime:
          timeout: "1m"
          memory: true
        auth:
          type: apiKey
          in: body
      actions:
        - name: get
          handler:
            http:
              method: FETCH
        - description: nameless
          handler: {}
    `;
    expect(validateText(text).map(({ code, message, at, hint }) => ({ code, message, at, hint }))).toEqual([
      { code: 'OWC2001', message: "connector 'weather' is missing 'version'", at: '1:1', hint: undefined },
      { code: 'OWC2005', message: "'type' in connector 'weather' must be 'connector'; got 'workflow'", at: '2:9', hint: undefined },
      { code: 'OWC2004', message: "'kind' in connector 'weather' must be one of http, sdk, mcp-server, lambda, custom, command, kafka; got 'htp'", at: '4:9', hint: "did you mean 'http'?" },
      { code: 'OWC2003', message: "'timeout' in connector 'weather' runtime must be a number or a {{ }} template, got a string ('1m')", at: '6:14', hint: undefined },
      { code: 'OWC2003', message: "'memory' in connector 'weather' runtime must be a string or a number, got true", at: '7:13', hint: undefined },
      { code: 'OWC2004', message: "'in' in connector 'weather' auth must be one of header, query, cookie; got 'body'", at: '10:9', hint: undefined },
      { code: 'OWC2001', message: "'http' in action 'get' handler is missing 'url'", at: '14:7', hint: undefined },
      {
        code: 'OWC2004',
        message: "'method' in action 'get' handler.http must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got 'FETCH'",
        at: '15:17',
        hint: "did you mean 'PATCH'?",
      },
      { code: 'OWC2001', message: "action 2 is missing 'name'", at: '16:5', hint: undefined },
      {
        code: 'OWC2002',
        message: "'handler' in action 2 is missing one of 'http', 'function', 'command', 'kafka', 'mcp', 'lambda' or 'custom'",
        at: '17:5',
        hint: undefined,
      },
    ]);
  });

  it('reports a wrong runtime timeout type with the connector name', () => {
    const found = validateText('connector:\n  name: weather\n  version: 1.0.0\n  kind: http\n  runtime:\n    timeout: [30]\n');
    expect(found).toEqual([
      {
        code: 'OWC2003',
        severity: 'error',
        message: "'timeout' in connector 'weather' runtime must be a number or a {{ }} template, got a list",
        hint: undefined,
        at: '6:14',
      },
    ]);
  });

  it('registry connector needs kind and schemaVersion', () => {
    const found = validateText('{\n  "type": "connector",\n  "namespace": "acme",\n  "name": "x",\n  "version": "1.0.0"\n}\n', 'c.json');
    expect(found.map(({ message, at }) => ({ message, at }))).toEqual([
      { message: "connector 'x' is missing 'kind'", at: '2:3' },
      { message: "connector 'x' is missing 'schemaVersion'", at: '2:3' },
    ]);
  });
});

describe('agent and bundle mistakes', () => {
  it('agent JSON Schema form: required parts and the runtime enum', () => {
    const found = validateText(JSON.stringify({ agent: {}, model: { provider: 'x' }, instructions: { system: '' }, runtime: 'python' }), 'a.json');
    expect(found.map((f) => f.message)).toEqual([
      "'agent' in the agent is missing 'id'",
      "the agent is missing 'tools'",
      "'model' in the agent is missing 'name'",
      "'system' in the agent instructions must not be empty",
      "'runtime' in the agent must be one of smartify, langchain, agentkit, vertexai, anthropic, any; got 'python'",
    ]);
  });

  it('agent JSON Schema form in registry mode needs tool input schemas and io.output_schema', () => {
    const found = validateText(
      JSON.stringify({ registryMode: true, agent: { id: 'a' }, model: { provider: 'x', name: 'y' }, instructions: { system: 's' }, tools: [{ name: 't' }], runtime: 'any' }),
      'a.json',
    );
    expect(found.map((f) => f.message)).toEqual(["agent 'a' is missing 'io'", "'tools[0]' in agent 'a' is missing 'input_schema'"]);
  });

  it('agent block needs a model; memory type is an enum', () => {
    const found = validateText('agent:\n  name: triage\n  memory: { type: forever }\n');
    expect(found.map(({ message, at }) => ({ message, at }))).toEqual([
      { message: "agent 'triage' is missing 'model'", at: '1:1' },
      { message: "'type' in agent 'triage' memory must be one of buffer, summary, token_buffer, vector, none; got 'forever'", at: '3:19' },
    ]);
  });

  it('bundle includes must be a list of references', () => {
    const found = validateText('schemaVersion: 0.1.0\ntype: bundle\nname: pack\nversion: 1.0.0\nincludes: connector:acme/chat@1.0.0\n');
    expect(found.map(({ message, at }) => ({ message, at }))).toEqual([
      { message: "'includes' in bundle 'pack' must be a list, got a string ('connector:acme/chat@1.0.0')", at: '5:11' },
    ]);
  });
});

describe('unknown fields are warnings with a did-you-mean hint', () => {
  it('misspelt connector on a step', () => {
    const found = validateText(wf('      - id: fetch\n        conector: connector:acme/weather@1.0.0\n        action: get\n'));
    expect(found).toEqual([
      {
        code: 'OWC2002',
        severity: 'error',
        message: "step 'fetch' is missing 'connector' or 'plugin'",
        hint: "'conector' looks like a misspelling of 'connector'",
        at: '4:9',
      },
      { code: 'OWC2007', severity: 'warning', message: "unknown field 'conector' in step 'fetch'", hint: "did you mean 'connector'?", at: '5:9' },
    ]);
  });

  it('unknown fields in nested objects, with and without a close match', () => {
    const text = yaml`
      connector:
        name: weather
        version: 1.0.0
        kind: http
        runtime: { memroy: 1GB }
        colour: blue
      actions:
        - name: get
          handler:
            http: { url: "https://x", retry: { maxAttempt: 2 } }
    `;
    expect(validateText(text).map(({ severity, message, hint, at }) => ({ severity, message, hint, at }))).toEqual([
      { severity: 'warning', message: "unknown field 'memroy' in 'runtime' in connector 'weather'", hint: "did you mean 'memory'?", at: '5:14' },
      { severity: 'warning', message: "unknown field 'colour' in connector 'weather'", hint: "remove it, or check its spelling against the fields of connector 'weather'", at: '6:3' },
      { severity: 'warning', message: "unknown field 'maxAttempt' in 'retry' in action 'get' handler.http", hint: "did you mean 'maxAttempts'?", at: '10:42' },
    ]);
  });

  it('knows each step kind’s own fields', () => {
    const found = validateText(wf('      - id: w\n        type: wait\n        duration: 5s\n        items: x\n      - id: t\n        type: teleport\n        anything: 1\n'));
    expect(found.map(({ message, hint }) => ({ message, hint }))).toEqual([
      { message: "unknown field 'items' in step 'w'", hint: "'items' is a field of 'forEach' steps, not of this kind of step" },
    ]);
  });

  it('free-form places (JSON Schemas, input values, mock data) are not checked', () => {
    const found = validateText(
      yaml`
        workflows:
          - name: report
            inputs:
              city: { type: string, pattern: "^[A-Z]", x-ui: wide }
            testing:
              dryRun: { mockData: { anything: { goes: 1 } } }
            steps:
              - id: s
                connector: c
                action: a
                input: { whatever: { deep: true } }
      `,
    );
    expect(found).toEqual([]);
  });
});

describe('no duplicates', () => {
  it('reports each problem once', () => {
    const found = validateText(wf('      - id: a\n        type: action\n        action: 5\n'));
    const keys = found.map((f) => `${f.code} ${f.at} ${f.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(found.map((f) => f.message)).toEqual(["step 'a' is missing 'connector' or 'plugin'", "'action' in step 'a' must be a string, got a number (5)"]);
  });
});

describe('hints and awkward input', () => {
  it('says what a misshapen output, input or step list should look like', () => {
    const found = validateText('workflows:\n  - name: r\n    inputs:\n      city: string\n    steps:\n    outputs:\n      total: "{{ 1 }}"\n');
    expect(found.map(({ message, hint }) => ({ message, hint }))).toEqual([
      {
        message: "input 'city' in workflow 'r' must be a mapping, got a string ('string')",
        hint: 'declare an input as a JSON Schema, e.g. { type: string, default: …, required: true }',
      },
      { message: "'steps' in workflow 'r' must be a list, got null", hint: "write steps as a list, each item starting with '- id: …'" },
      {
        message: "output 'total' in workflow 'r' must be a mapping, got a string ('{{ 1 }}')",
        hint: 'write an output as a mapping: { value: "{{ steps.<id>.output }}", description: … }',
      },
    ]);
  });

  it('keys with / and ~ are located exactly', () => {
    const found = validateText(
      'workflows:\n  - name: r\n    steps:\n      - id: s\n        type: switch\n        value: 1\n        cases:\n          "a/b~c":\n            - { id: deep, connector: c }\n',
    );
    expect(found.map(({ message, at }) => ({ message, at }))).toEqual([{ message: "step 'deep' is missing 'action'", at: '9:17' }]);
  });

  it('prototype-like keys are plain unknown fields', () => {
    const found = validateText('workflows:\n  - name: r\n    __proto__: { polluted: true }\n    constructor: 1\n    steps: []\n');
    expect(found.map((f) => f.message)).toEqual(["unknown field '__proto__' in workflow 'r'", "unknown field 'constructor' in workflow 'r'"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a step whose kind cannot be inferred still gets did-you-mean hints, nested steps included', () => {
    const found = validateText(wf('      - id: s\n        agnet: x\n        then:\n          - { id: n, type: if, condition: x, then: [], els: [] }\n'));
    expect(found.map(({ message, hint }) => ({ message, hint }))).toEqual([
      { message: "unknown field 'agnet' in step 's'", hint: "did you mean 'agent'?" },
      { message: "unknown field 'els' in step 'n'", hint: "did you mean 'else'?" },
    ]);
  });

  it('an explicit but unknown step type gets no field warnings (the structure checks report the kind)', () => {
    expect(validateText(wf('      - id: s\n        type: teleport\n        destination: mars\n'))).toEqual([]);
  });

  it('null and list values are described in the message', () => {
    const found = validateText('connector:\n  name: w\n  version: 1.0.0\n  kind: http\nactions:\n  - name: a\n    handler: [http]\n');
    expect(found.map(({ message, hint }) => ({ message, hint }))).toEqual([
      {
        message: "'handler' in action 'a' must be a mapping, got a list",
        hint: "a handler is a mapping with one of 'http', 'function', 'command', 'kafka', 'mcp', 'lambda' or 'custom'",
      },
    ]);
  });
});

describe('cascades', () => {
  it('says nothing more about a rejected alias, which loading reported', () => {
    const text = 'workflows:\n  - name: a\n    steps: &s\n      - { id: x, connector: c, action: y }\n  - name: b\n    steps: *s\n';
    const loaded = loadText('alias.yaml', text);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['OWC1004']);
    expect(validateManifest(loaded.manifests[0]!)).toEqual([]);
  });
});
