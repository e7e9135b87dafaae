import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaTransport } from '../../../runtime-lib/src/transports/kafka.js';
import type { KafkaHandlerConfig } from '../../../runtime-lib/src/types.js';
import { startKafkaBroker, type FakeKafkaBroker, type FakeKafkaMessage, type FakeKafkaReply } from '../../fixtures/kafka-broker/broker.mjs';
import { failure, testContext, type TestContextOptions } from './context.js';

// No Kafka broker runs here: these tests drive the real kafkajs client against
// a fake broker that speaks the Kafka wire protocol (test/fixtures/kafka-broker).

interface Request {
  readonly action: string;
  readonly input: { readonly [key: string]: unknown };
  readonly correlation_id: string;
  readonly timestamp: string;
}

/** How the fake service answers a request; undefined = it never answers. */
let service: (request: Request) => readonly FakeKafkaReply[] | undefined = () => undefined;
let broker: FakeKafkaBroker;

beforeAll(async () => {
  broker = await startKafkaBroker({
    topics: ['replies'],
    responder: (topic: string, message: FakeKafkaMessage) =>
      topic === 'requests' && message.value !== null ? service(JSON.parse(message.value.toString()) as Request) : undefined,
  });
});

afterAll(async () => {
  await broker.close();
});

const kafka = createKafkaTransport();
const disposers: Array<() => void> = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  service = () => undefined;
});
afterAll(async () => {
  await kafka.closeAll();
});

function call(handler: Omit<KafkaHandlerConfig, 'kind'>, input: unknown, options: TestContextOptions = {}) {
  const { context, dispose } = testContext({ action: 'add', timeoutMs: 10_000, ...options });
  disposers.push(dispose);
  return kafka.invoke({ kind: 'kafka', brokers: broker.brokers, ...handler }, input, context);
}

const reply = (request: Request, body: { readonly [key: string]: unknown }): FakeKafkaReply => ({
  topic: 'replies',
  value: JSON.stringify({ correlation_id: request.correlation_id, ...body }),
});

const published = (topic: string): Array<{ key: string | null; value: Request }> =>
  (broker.topics.get(topic) ?? []).map((m) => ({ key: m.key?.toString() ?? null, value: JSON.parse(m.value!.toString()) as Request }));

describe('kafka handler (kafkajs against a wire-protocol fake broker)', () => {
  it('publishes {action, input, correlation_id, timestamp} with the templated key', async () => {
    const output = (await call({ topic: 'orders', key: 'order-${input.id}' }, { id: 42 })) as { [key: string]: unknown };
    const [message] = published('orders');
    expect(message?.key).toBe('order-42');
    expect(message?.value).toEqual({
      action: 'fixture.add',
      input: { id: 42 },
      correlation_id: output['correlation_id'],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(output).toEqual({ correlation_id: message?.value.correlation_id, topic: 'orders', partition: 0, offset: '0' });
  });

  it('waits for the reply with its correlation id on the response topic', async () => {
    broker.append('replies', JSON.stringify({ correlation_id: 'stale', status: 'success', data: { sum: -1 } }));
    service = (request) => [
      { topic: 'replies', value: 'not json' },
      reply({ ...request, correlation_id: 'someone-else' }, { status: 'success', data: { sum: 0 } }),
      reply(request, { status: 'success', data: { sum: Number(request.input['a']) + Number(request.input['b']) } }),
    ];
    expect(await call({ topic: 'requests', responseTopic: 'replies' }, { a: 2, b: 3 })).toEqual({ sum: 5 });
  });

  it('reads `output` replies and bare replies', async () => {
    service = (request) => [reply(request, { output: { ok: true } })];
    expect(await call({ topic: 'requests', responseTopic: 'replies' }, {})).toEqual({ ok: true });
    service = (request) => [reply(request, { total: 7 })];
    expect(await call({ topic: 'requests', responseTopic: 'replies' }, {})).toEqual({ total: 7 });
  });

  it('matches concurrent calls to their own replies, whatever the order', async () => {
    const held: Request[] = [];
    service = (request) => {
      held.push(request);
      if (held.length < 2) return [];
      return held.reverse().map((r) => reply(r, { output: r.input['n'] }));
    };
    const results = await Promise.all([
      call({ topic: 'requests', responseTopic: 'replies' }, { n: 1 }),
      call({ topic: 'requests', responseTopic: 'replies' }, { n: 2 }),
    ]);
    expect(results).toEqual([1, 2]);
  });

  it('maps an error reply to BACKEND_ERROR with the service code', async () => {
    service = (request) => [reply(request, { status: 'error', message: 'out of stock', code: 'STOCK' })];
    const error = await failure(call({ topic: 'requests', responseTopic: 'replies' }, {}));
    expect(error.code).toBe('BACKEND_ERROR');
    expect(error.message).toBe("the reply on 'replies' reports an error: out of stock");
    expect(error.details.backendCode).toBe('STOCK');
  });

  it('times out when no reply comes', async () => {
    const error = await failure(call({ topic: 'requests', responseTopic: 'replies' }, {}, { timeoutMs: 1000 }));
    expect(error.code).toBe('TIMEOUT');
  });

  it('stops waiting when the call is canceled', async () => {
    const cancel = new AbortController();
    service = () => {
      cancel.abort();
      return [];
    };
    const error = await failure(call({ topic: 'requests', responseTopic: 'replies' }, {}, { cancel: cancel.signal }));
    expect(error.code).toBe('CANCELED');
  });

  it('takes brokers from KAFKA_BROKERS and reports when there are none', async () => {
    const { context, dispose } = testContext({ env: { KAFKA_BROKERS: broker.brokers.join(',') } });
    disposers.push(dispose);
    expect(await kafka.invoke({ kind: 'kafka', topic: 'events' }, {}, context)).toMatchObject({ topic: 'events' });
    const none = testContext();
    disposers.push(none.dispose);
    const error = await failure(kafka.invoke({ kind: 'kafka', topic: 'events' }, {}, none.context));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/no brokers/);
  });

  it('maps an unreachable broker to UNAVAILABLE', async () => {
    const error = await failure(call({ topic: 'events', brokers: ['127.0.0.1:9'] }, {}));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/127\.0\.0\.1:9/);
  });

  it('leaves the consumer group when closed', async () => {
    const own = createKafkaTransport();
    service = (request) => [reply(request, { output: 1 })];
    const { context, dispose } = testContext();
    disposers.push(dispose);
    await own.invoke({ kind: 'kafka', topic: 'requests', responseTopic: 'replies', brokers: broker.brokers }, {}, context);
    const left = broker.requests['LeaveGroup'] ?? 0;
    await own.closeAll();
    expect(broker.requests['LeaveGroup']).toBe(left + 1);
  });
});
