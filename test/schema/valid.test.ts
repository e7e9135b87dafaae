import { describe, expect, it } from 'vitest';
import { loadOne, validateText, yaml } from './helpers.js';

const connectorBlock = yaml`
  connector:
    type: connector
    kind: http
    name: forecast
    namespace: acme
    version: 2.1.0
    displayName: Forecast
    description: Forecasts for a city
    author: Acme
    homepage: https://example.com/forecast
    repository: https://example.com/forecast.git
    license: Apache-2.0
    icon: https://example.com/icon.png
    categories: [weather]
    supports: [mcp, openapi]
    runtime:
      memory: 256MB
      timeout: 20
      environment:
        - name: FORECAST_KEY
          description: key for the forecast service
          required: true
    approval:
      required: first_use
      approvers: [ops]
      timeout: 600
      onTimeout: escalate
    security:
      dataFlow: outbound
      requiredScopes: [read]
      trustLevel: community
    auth:
      type: apiKey
      in: query
      name: key
      prefix: "Key "
  actions:
    - name: daily
      description: Daily forecast
      input:
        type: object
        properties:
          city: { type: string, minLength: 1 }
          days: { type: integer, minimum: 1, maximum: 14, default: 3 }
        required: [city]
        additionalProperties: false
      output:
        type: object
        properties:
          days:
            type: array
            items: { $ref: "#/$defs/day" }
        $defs:
          day: { type: object, properties: { high: { type: number } } }
      handler:
        http:
          url: https://api.example.com/daily
          method: GET
          headers: { Accept: application/json, X-Key: "{{ secrets.FORECAST_KEY }}" }
          query: { city: "{{ input.city }}", days: 3 }
          timeout: "{{ inputs.timeout }}"
          response: plain
          retry:
            maxAttempts: 4
            backoff: linear
            backoffFactor: 1.5
            initialDelay: 0.5
            maxDelay: 10
            jitter: true
            retryOn: ["timeout", "429"]
          urlValidation:
            allowedDomains: ["*.example.com"]
            blockedDomains: ["169.254.169.254"]
            requireHTTPS: true
            allowPrivateNetworks: false
            allowLoopback: false
    - name: raw
      handler:
        http:
          url: https://api.example.com/raw
          method: POST
          body:
            sql: "SELECT 1 WHERE a = ?"
            parameters: ["{{ input.a }}"]
          retry: { max_attempts: 2, backoff: exponential, backoff_factor: 2 }
    - name: local
      handler: { function: forecast.local }
    - name: script
      handler:
        command: ./bin/forecast
        args: ["--json"]
        env: { MODE: fast }
        working_dir: /srv
    - name: queued
      handler:
        kafka: { topic: forecasts, response_topic: forecasts.out, timeout: 30, key: "{{ input.city }}", brokers: ["localhost:9092"] }
    - name: tool
      handler:
        mcp: { tool: forecast, endpoint: "wss://mcp.example.com", transport: websocket }
    - name: stdio_tool
      handler:
        mcp: { command: forecast-mcp, args: ["--stdio"], transport: stdio }
    - name: cloud
      handler:
        lambda: { functionName: forecast, region: eu-west-1 }
    - name: other
      handler:
        custom: { anything: [1, 2, 3] }
`;

const connectorActionsInside = yaml`
  connector:
    kind: sdk
    name: maths
    version: "1.0"
    auth: { type: basic }
    actions:
      - name: add
        handler: { function: maths.add }
`;

const connectorRegistry = yaml`
  schemaVersion: 0.1.0
  type: connector
  kind: mcp-server
  name: code-host
  namespace: acme
  version: 0.4.1
  auth:
    type: oauth2
    flow: authorization_code
    authorizationUrl: https://example.com/authorize
    tokenUrl: https://example.com/token
    scopes: [repo, "read:org"]
  mcp:
    transport: websocket
    endpoint: wss://mcp.example.com
    protocolVersion: "2024-11-05"
    expose: all
`;

const connectorRegistryJson = JSON.stringify(
  {
    schemaVersion: '0.1.0',
    type: 'connector',
    kind: 'http',
    name: 'chat',
    namespace: 'acme',
    version: '1.2.0',
    security: { trustLevel: 'official', publisher: { name: 'Acme', email: 'sec@example.com' }, permissions: { network: true } },
    auth: {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: { write: 'post messages' } } },
    },
    actions: [{ name: 'post', handler: { http: { url: 'https://example.com/post', method: 'POST' } } }],
  },
  null,
  2,
);

const otherAuthKinds = ['{ type: bearer, scheme: jwt }', '{ type: custom, scheme: hmac, parameters: { header: X-Sig } }', '{ type: apiKey, in: cookie, name: session }', '{ type: apiKey, in: header, name: Authorization, prefix: "Bearer " }'];

const workflowList = yaml`
  workflows:
    - name: Morning Digest
      version: 1.0.0
      namespace: acme
      displayName: Morning digest
      description: Sends a digest every morning
      inputs:
        cities:
          type: array
          items: { type: string }
          default: [Oslo, Lima]
          description: Cities to include
          required: true
        threshold: { type: number, minimum: 0, default: 30 }
        filters:
          type: object
          properties: { kind: { type: string, enum: [a, b] } }
          required: [kind]
      triggers:
        - type: manual
        - type: schedule
          cron: "0 7 * * 1-5"
          timezone: Europe/Oslo
        - schedule: "0 8 * * *"
        - type: webhook
          path: /hooks/digest
          method: POST
          auth: { type: hmac-sha256, secret_name: HOOK_SECRET, header: X-Signature }
          security:
            ipAllowlist: [10.0.0.0/8]
            replayWindow: 300
            timestampHeader: X-Timestamp
            rateLimit: { rpm: 60, burst: 5 }
            maxPayloadSize: 65536
        - type: event
          source: kafka
          topic: digests.requested
          filter: { region: eu }
      authorization:
        enabled: true
        roles: [ops]
        permissions: ["workflows:execute"]
        approval: { required: true, approvers: [lead], timeout: 3600 }
      guardrails: { piiDetection: true, maxCost: 0.5 }
      testing:
        dryRun:
          enabled: true
          mockConnectors: true
          mockData:
            "connector:acme/forecast@2.1.0":
              daily: { days: [] }
        fixtures:
          - name: two cities
            inputs: { cities: [Oslo, Lima] }
            expectedOutputs: { count: 2 }
      steps:
        - id: fetch
          connector: connector:acme/forecast@2.1.0
          action: daily
          for_each: "{{ inputs.cities }}"
          parallel: true
          maxConcurrency: 2
          input: { city: "{{ item }}" }
          timeout: "{{ inputs.threshold }}"
          retry: { max_attempts: 3, backoff: exponential, backoff_factor: 2 }
          continue_on_error: true
          guardrails: { maxTokens: 100, outputSchema: { type: object } }
          authorization: { permissions: ["forecast:read"] }
          description: fetch each city
        - name: legacy
          plugin: chat
          action: post
          with: { text: hi }
          continueOnError: false
        - id: summarise
          type: agent
          agent: agent:acme/summariser@1.0.0
          backend: langchain
          input: { text: "{{ steps.fetch.output }}" }
        - id: child
          workflow: Other Flow
          version: "1.2.0"
          input: { a: 1 }
        - name: fan_out
          parallel:
            - name: one
              connector: connector:acme/chat@1.2.0
              action: post
            - name: two
              connector: connector:acme/chat@1.2.0
              action: post
        - id: hot
          type: if
          condition: "{{ steps.fetch.output | length > 0 }}"
          then:
            - id: alert
              type: action
              connector: connector:acme/chat@1.2.0
              action: post
          else:
            - id: note
              type: transform
              language: template
              expression: "nothing to report"
        - id: route
          type: switch
          value: "{{ inputs.filters.kind }}"
          cases:
            a:
              - { id: wait_a, type: wait, duration: 30s }
            b:
              - id: wait_b
                type: wait
                until: { event: approval.received, timeout: 86400, channel: webhook, filter: { ok: true } }
          default:
            - { id: wait_c, type: wait, until: { time: "2030-01-01T00:00:00Z" } }
        - id: each
          type: forEach
          items: "{{ inputs.cities }}"
          maxConcurrency: 3
          ordered: true
          continueOnError: true
          steps:
            - { id: per_city, type: action, connector: "connector:acme/chat@1.2.0", action: post }
        - id: gather
          type: parallel
          join: { count: 1 }
          timeout: 60
          branches:
            left: [{ id: l1, type: action, connector: "connector:acme/chat@1.2.0", action: post }]
            right: [{ id: r1, type: action, connector: "connector:acme/chat@1.2.0", action: post }]
        - id: gather_any
          type: parallel
          join: any
          branches:
            only: [{ id: o1, type: action, connector: "connector:acme/chat@1.2.0", action: post }]
        - id: safe
          type: try
          retry: { maxAttempts: 3, backoff: fixed, retryOn: [timeout] }
          steps:
            - { id: risky, type: action, connector: "connector:acme/chat@1.2.0", action: post }
          catch:
            - { id: log, type: transform, language: jq, expression: ".", input: "{{ error.message }}", timeout: 5 }
          finally:
            - { id: done, type: wait, duration: 1s }
        - id: escalate
          type: handoff
          agent: agent:acme/human@1.0.0
          reason: too hot
          context: { ticket: "{{ steps.fetch.output }}" }
          resumeAfter: true
          timeout: 600
        - id: pick
          type: handoff
          selectAgent:
            - condition: "{{ inputs.threshold > 10 }}"
              agent: agent:acme/a@1.0.0
            - default: agent:acme/b@1.0.0
      outputs:
        count:
          value: "{{ steps.fetch.output | length }}"
          description: number of cities
`;

const workflowBlock = yaml`
  workflow:
    name: single
    steps:
      - id: only
        connector: connector:acme/chat@1.2.0
        action: post
`;

const workflowRegistry = yaml`
  schemaVersion: 0.1.0
  type: workflow
  name: daily-post
  namespace: acme
  version: 1.0.0
  categories: [notifications]
  requires: { spec: ">=0.1.0 <0.3.0" }
  triggers: [{ type: schedule, cron: "0 9 * * *" }]
  steps:
    - id: post
      type: action
      connector: connector:acme/chat@1.2.0
      action: post
  outputs:
    id: { value: "{{ steps.post.output.id }}" }
`;

const agentRegistry = JSON.stringify({
  schemaVersion: '0.1.0',
  type: 'agent',
  name: 'helper',
  namespace: 'acme',
  version: '1.0.0',
  displayName: 'Helper',
  description: 'Answers questions',
  execution: { backend: 'native', runtimeHint: 'node', compatibility: { langchain: '>=0.1.0' }, config: { maxIterations: 5, agent_type: 'react' } },
  model: { provider: 'anthropic', id: 'some-model', temperature: 0.2, maxTokens: 1000, topP: 1, stopSequences: ['END'], fallback: { provider: 'openai', id: 'other' }, providerConfig: { region: 'eu' } },
  personality: { name: 'Ada', role: 'Helper', traits: ['calm'], tone: 'plain', systemPrompt: 'Be brief.', examples: [{ input: 'hi', output: 'hello' }], constraints: ['no guessing'], language: 'en' },
  knowledge: {
    vectorStores: [{ id: 'docs', provider: 'qdrant', index: 'docs', topK: 4, scoreThreshold: 0.6, metadata: { ns: 'v1' }, config: { host: 'localhost' } }],
    connectors: ['connector:acme/wiki@1.0.0'],
    staticContext: [{ name: 'policy', content: 'Refunds within 30 days', priority: 'high' }],
    retrievalStrategy: { type: 'mmr', diversityBias: 0.3, rerank: true },
  },
  toolset: ['connector:acme/chat@1.2.0'],
  memory: { type: 'buffer', maxMessages: 10, summarization: { enabled: true, threshold: 5, strategy: 'rolling' } },
  guardrails: {
    content: { blockedTopics: ['politics'], piiDetection: true, toxicityThreshold: 0.8 },
    behavior: { maxToolCalls: 5, preventInfiniteLoops: true, requireConfirmation: ['refund'], allowedDomains: ['example.com'] },
    output: { maxLength: 2000, format: 'markdown', languageCheck: true },
  },
  policies: {
    safety: 'medium',
    rateLimit: { requestsPerMinute: 10, rpm: 10 },
    cost: { maxCostPerRequest: 0.5, monthlyBudget: 100 },
    privacy: { logInputs: false, dataRetention: '30d' },
    compliance: { gdpr: true },
  },
  io: { inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }, outputSchema: { type: 'object' } },
  metadata: { tags: ['support'], license: 'MIT' },
  systemPrompt: 'You help.',
  planner: { strategy: 'react', maxTurns: 8 },
});

const agentBlock = yaml`
  agent:
    name: triage
    version: 0.2.0
    model: { provider: openai, id: some-model }
    toolset: [connector:acme/chat@1.2.0]
    systemPrompt: Triage issues.
`;

const agentSchemaForm = JSON.stringify({
  registryMode: true,
  agent: { id: 'agent:acme/triage@0.2.0' },
  model: { provider: 'anthropic', name: 'some-model', params: { temperature: 0 } },
  instructions: { system: 'Triage issues.', goals: ['label', 'route'] },
  tools: [{ name: 'label', input_schema: 'schemas/label.json' }],
  runtime: 'any',
  io: { output_schema: 'schemas/out.json' },
  extensions: { anything: true },
});

const bundle = yaml`
  schemaVersion: 0.1.0
  type: bundle
  name: starter
  namespace: acme
  version: 1.0.0
  displayName: Starter
  description: Everything to begin with
  includes:
    - connector:acme/chat@1.2.0
    - workflow:acme/daily-post@^1.0
    - agent:acme/triage@0.2.0
  metadata: { audience: startups }
  categories: [starter-kit]
`;

describe('valid manifests validate clean', () => {
  it.each([
    ['connector block form, actions beside it', connectorBlock, 'c.yaml', 'connector/block'],
    ['connector block form, actions inside it', connectorActionsInside, 'c.yaml', 'connector/block'],
    ['connector registry form (YAML)', connectorRegistry, 'c.yaml', 'connector/registry'],
    ['connector registry form (JSON)', connectorRegistryJson, 'c.json', 'connector/registry'],
    ['workflows list', workflowList, 'w.yaml', 'workflow/list'],
    ['workflow block', workflowBlock, 'w.yaml', 'workflow/block'],
    ['workflow registry form', workflowRegistry, 'w.yaml', 'workflow/registry'],
    ['agent registry form', agentRegistry, 'a.json', 'agent/registry'],
    ['agent block form', agentBlock, 'a.yaml', 'agent/block'],
    ['agent JSON Schema form', agentSchemaForm, 'a.json', 'agent/agent-schema'],
    ['bundle', bundle, 'b.yaml', 'bundle/registry'],
  ])('%s', (_name, text, path, form) => {
    const manifest = loadOne(text, path);
    expect(`${manifest.form.resource}/${manifest.form.form}`).toBe(form);
    expect(validateText(text, path)).toEqual([]);
  });

  it.each(otherAuthKinds)('auth %s', (auth) => {
    expect(validateText(`connector:\n  kind: http\n  name: x\n  version: 1.0.0\n  auth: ${auth}\n`)).toEqual([]);
  });
});

describe('a $schema key for editors', () => {
  it.each([
    ['{"$schema": "./node_modules/owc/schemas/agent.schema.json", "agent": {"id": "a"}, "model": {"provider": "p", "name": "m"}, "instructions": {"system": "s"}, "tools": [], "runtime": "any"}', 'a.json'],
    ['{"$schema": "../schemas/workflow.schema.json", "workflows": [{"name": "a", "steps": []}]}', 'w.json'],
    ['{"$schema": "x", "schemaVersion": "0.1.0", "type": "bundle", "name": "b", "version": "1.0.0", "includes": []}', 'b.json'],
  ])('is accepted in %s', (text, path) => {
    expect(validateText(text, path)).toEqual([]);
  });
});
