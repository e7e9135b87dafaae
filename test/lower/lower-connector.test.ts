import { describe, expect, it } from 'vitest';
import type { ConnectorIR, HandlerIR } from '../../src/lower/ir.js';
import { lower } from './helpers.js';

function connectorOf(text: string, path = 'c.yaml'): ConnectorIR {
  const { program, diagnostics } = lower(text, path);
  expect(diagnostics).toEqual([]);
  expect(program.connectors).toHaveLength(1);
  return program.connectors[0]!;
}

function handlerOf(handlerYaml: string): HandlerIR | undefined {
  const text = `connector:\n  kind: custom\n  name: c\nactions:\n  - name: a\n    handler:\n${handlerYaml
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\n`;
  return connectorOf(text).actions[0]?.handler;
}

describe('connectors', () => {
  it('lowers the block form with actions beside the block', () => {
    const c = connectorOf(
      [
        'connector:',
        '  type: connector',
        '  kind: http',
        '  name: forecast',
        '  namespace: acme',
        '  version: 2.0.1',
        '  displayName: Forecasts',
        '  license: MIT',
        '  categories: [weather]',
        '  runtime:',
        '    memory: 256MB',
        '    timeout: 45',
        'actions:',
        '  - name: daily',
        '    input:',
        '      type: object',
        '      properties: {place: {type: string}}',
        '      required: [place]',
        '    output: {type: object}',
        '    handler:',
        '      http:',
        '        url: https://forecast.example/daily',
        '        method: POST',
        '        timeout: 10',
        '        retry: {max_attempts: 4, backoff: exponential, backoff_factor: 0.5}',
        '  - name: hourly',
        '    handler: {function: forecast.hourly}',
      ].join('\n'),
    );
    expect([c.name.value, c.namespace?.value, c.version?.value, c.connectorKind.value, c.displayName]).toEqual(['forecast', 'acme', '2.0.1', 'http', 'Forecasts']);
    expect(c.runtime).toEqual({ timeoutSeconds: 45, memory: '256MB', environment: [] });
    expect(c.metadata).toEqual({ license: 'MIT', categories: ['weather'] });
    expect(c.actions.map((a) => a.name.value)).toEqual(['daily', 'hourly']);
    expect(c.actions[0]?.input?.json).toEqual({ type: 'object', properties: { place: { type: 'string' } }, required: ['place'] });
    expect(c.actions[0]?.output?.json).toEqual({ type: 'object' });
    expect(c.actions[0]?.handler).toMatchObject({ kind: 'http', method: 'POST', timeoutSeconds: 10, retry: { maxAttempts: 4, backoff: 'exponential', backoffFactor: 0.5 } });
    expect(c.actions[1]?.input).toBeUndefined();
  });

  it('lowers actions inside the connector block', () => {
    const c = connectorOf('connector:\n  kind: sdk\n  name: calc\n  actions:\n    - name: add\n      handler: {function: calc.add}\n');
    expect(c.actions.map((a) => [a.name.value, a.handler])).toMatchObject([['add', { kind: 'function', name: { value: 'calc.add' } }]]);
  });

  it('lowers the registry form with auth and mcp settings', () => {
    const c = connectorOf(
      JSON.stringify({
        schemaVersion: '0.1.0',
        type: 'connector',
        kind: 'mcp-server',
        name: 'github-mcp',
        namespace: 'github',
        version: '0.4.1',
        auth: { type: 'apiKey', in: 'header', name: 'Authorization', prefix: 'Bearer ' },
        mcp: { transport: 'websocket', endpoint: 'wss://mcp.github.dev', protocolVersion: '2024-11-05', expose: 'all' },
        runtime: { environment: [{ name: 'TOKEN', required: true }] },
      }),
      'c.json',
    );
    expect(c.auth).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization', prefix: 'Bearer ' });
    expect(c.mcp).toMatchObject({ transport: 'websocket', endpoint: 'wss://mcp.github.dev', protocolVersion: '2024-11-05', expose: 'all', args: [], env: {} });
    expect(c.runtime.environment).toEqual([{ name: 'TOKEN', required: true }]);
    expect(c.actions).toEqual([]);
  });

  it('lowers the other auth kinds', () => {
    const auth = (yaml: string) => connectorOf(`connector:\n  kind: http\n  name: c\n  auth: ${yaml}\nactions: []\n`).auth;
    expect(auth('{type: oauth2, flow: client_credentials, tokenUrl: "https://t", scopes: [read]}')).toMatchObject({ type: 'oauth2', flow: 'client_credentials', tokenUrl: 'https://t', scopes: ['read'] });
    expect(auth('{type: bearer, scheme: jwt}')).toMatchObject({ type: 'bearer', scheme: 'jwt' });
    expect(auth('{type: basic}')).toMatchObject({ type: 'basic' });
    expect(auth('{type: custom, scheme: sig, parameters: {a: 1}}')).toMatchObject({ type: 'custom', scheme: 'sig', parameters: { a: 1 } });
    expect(auth('{type: nope}')).toBeUndefined();
  });

  const handlers: Array<[string, string, Record<string, unknown>]> = [
    [
      'http with headers, query, urlValidation',
      'http:\n  url: https://api/x/${input.id}\n  method: get\n  headers: {Authorization: "Bearer ${secrets.T}"}\n  query: {q: "${input.q}"}\n  response: plain\n  urlValidation: {allowedDomains: ["*.example.com"], blockedDomains: ["169.254.169.254"], requireHTTPS: true}',
      {
        kind: 'http',
        url: { value: 'https://api/x/${input.id}' },
        method: 'GET',
        headers: [{ name: 'Authorization', value: { value: 'Bearer ${secrets.T}' } }],
        query: [{ name: 'q', value: { value: '${input.q}' } }],
        response: 'plain',
        urlValidation: { allowedDomains: ['*.example.com'], blockedDomains: ['169.254.169.254'], requireHTTPS: true, allowPrivateNetworks: false },
      },
    ],
    ['function', 'function: weather.get', { kind: 'function', name: { value: 'weather.get' } }],
    ['command with args beside it', 'command: ./run.py\nargs: ["--format", json]\nenv: {A: "1"}\nworking_dir: /tmp', { kind: 'command', command: { value: './run.py' }, args: ['--format', 'json'], env: { A: '1' }, workingDir: '/tmp' }],
    ['command block', 'command: {command: ./run.sh, workingDir: /w, timeout: 5}', { kind: 'command', command: { value: './run.sh' }, workingDir: '/w', timeoutSeconds: 5 }],
    ['kafka', 'kafka: {topic: jobs, response_topic: done, timeout: 30, key: "${input.id}"}', { kind: 'kafka', topic: { value: 'jobs' }, responseTopic: 'done', timeoutSeconds: 30, key: '${input.id}', brokers: [] }],
    ['mcp block', 'mcp: {tool: create_issue, transport: stdio, command: node, args: [s.js]}', { kind: 'mcp', tool: 'create_issue', transport: 'stdio', command: 'node', args: ['s.js'] }],
    ['mcp tool name', 'mcp: create_issue', { kind: 'mcp', tool: 'create_issue' }],
    ['lambda', 'lambda: {functionName: f, region: eu-west-1}', { kind: 'lambda', config: { functionName: 'f', region: 'eu-west-1' } }],
    ['custom', 'custom: {anything: 1}', { kind: 'custom', config: { anything: 1 } }],
    ['flat type form', 'type: http\nurl: https://x\nmethod: PUT', { kind: 'http', url: { value: 'https://x' }, method: 'PUT' }],
  ];
  it.each(handlers)('lowers handler: %s', (_name, yaml, expected) => {
    expect(handlerOf(yaml)).toMatchObject(expected);
  });

  it('reads an action schema that is not a schema as {}', () => {
    const c = connectorOf('connector:\n  kind: sdk\n  name: c\nactions:\n  - name: a\n    input: see the docs\n    output: false\n');
    expect([c.actions[0]?.input?.json, c.actions[0]?.output?.json]).toEqual([{}, false]);
  });

  it('lowers an unrecognisable handler to undefined', () => {
    expect(handlerOf('smoke: signals')).toBeUndefined();
  });
});
