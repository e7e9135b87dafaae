import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invokeAction } from '../../../runtime-lib/src/invoke.js';
import { closeTransports } from '../../../runtime-lib/src/registry.js';
import type { ConnectorDescriptor } from '../../../runtime-lib/src/types.js';
import { startKafkaBroker } from '../../fixtures/kafka-broker/broker.mjs';
import { failure } from '../helpers.js';

// The transports as generated clients reach them: through invokeAction, which
// loads ./transports/<kind>.js on first use.

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const node = process.execPath;
const pidFile = path.join(os.tmpdir(), `owc-invoke-${process.pid}.pid`);

afterAll(async () => {
  await closeTransports();
  await rm(pidFile, { force: true });
});

describe('transports through invokeAction', () => {
  const tools: ConnectorDescriptor = {
    ref: 'connector:tests/tools@1.0.0',
    name: 'tools',
    kind: 'command',
    runtime: { timeoutSeconds: 1 },
    actions: {
      echo: { handler: { kind: 'command', command: node, args: [path.join(fixtures, 'commands/echo.mjs')], env: { OWC_TOKEN: '${secrets.TOKEN}' } } },
      fail: { handler: { kind: 'command', command: node, args: [path.join(fixtures, 'commands/fail.mjs'), 'token ${secrets.TOKEN} rejected'] } },
      hang: { handler: { kind: 'command', command: node, args: [path.join(fixtures, 'commands/hang-with-grandchild.mjs'), pidFile] } },
    },
  };
  const secrets = (name: string) => (name === 'TOKEN' ? 'tok-123' : undefined);

  it('runs a command handler', async () => {
    const output = await invokeAction<{ input: unknown; env: { OWC_TOKEN: string } }>(tools, 'echo', { x: 1 }, { secrets });
    expect(output.input).toEqual({ x: 1 });
    expect(output.env.OWC_TOKEN).toBe('tok-123');
  });

  it('reports command failures redacted, with the connector and action', async () => {
    const error = await failure(invokeAction(tools, 'fail', {}, { secrets }));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toBe(`command '${node}' exited with status 3: token *** rejected`);
    expect(error.details).toMatchObject({ connector: 'connector:tests/tools@1.0.0', action: 'fail', stderr: 'token *** rejected' });
  });

  it('applies the connector timeout to a command', async () => {
    const error = await failure(invokeAction(tools, 'hang', {}));
    expect(error.code).toBe('TIMEOUT');
  });

  it('calls the tool named like the action on a kind: mcp-server connector', async () => {
    const server: ConnectorDescriptor = {
      ref: 'connector:tests/fixture@1.2.3',
      name: 'fixture',
      kind: 'mcp-server',
      runtime: {},
      mcp: { transport: 'stdio', command: node, args: [path.join(fixtures, 'mcp-server/stdio.mjs')] },
      actions: { add: {}, fail: {} },
    };
    expect(await invokeAction(server, 'add', { a: 20, b: 22 })).toEqual({ sum: 42 });
    const error = await failure(invokeAction(server, 'fail', { reason: 'nope' }));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.details.attempts).toBe(1);
  });

  it('publishes and waits for a kafka reply', async () => {
    const broker = await startKafkaBroker({
      topics: ['replies'],
      responder: (topic, message) => {
        if (topic !== 'requests' || message.value === null) return undefined;
        const request = JSON.parse(message.value.toString()) as { correlation_id: string; input: { n: number } };
        return [{ topic: 'replies', value: JSON.stringify({ correlation_id: request.correlation_id, output: { double: request.input.n * 2 } }) }];
      },
    });
    try {
      const queue: ConnectorDescriptor = {
        ref: 'connector:tests/queue@1.0.0',
        name: 'queue',
        kind: 'kafka',
        runtime: { timeoutSeconds: 10 },
        actions: { double: { handler: { kind: 'kafka', topic: 'requests', responseTopic: 'replies', brokers: broker.brokers } } },
      };
      expect(await invokeAction(queue, 'double', { n: 21 })).toEqual({ double: 42 });
    } finally {
      await closeTransports();
      await broker.close();
    }
  });
});
