/**
 * The kafka handler: publishes `{action, input, correlation_id, timestamp}`
 * to `topic` (keyed by the substituted `key`, if any). With `responseTopic`
 * it waits for the message on that topic carrying the same correlation id;
 * the per-attempt timeout (AbortSignal) ends the wait with TIMEOUT.
 *
 * A response is read as: an envelope `{status:'success', data}` /
 * `{status:'error', message, code?}`; else its `output` field; else the
 * message without its correlation id. Without `responseTopic` the output is
 * `{correlation_id, topic, partition, offset}` of the published message.
 *
 * Brokers: the handler's `brokers`, else `KAFKA_BROKERS` (comma-separated).
 * One producer per broker list and one consumer per response topic are kept
 * per process; `closeAll()` disconnects them.
 */
import { randomUUID } from 'node:crypto';
import { abortError, whenAborted } from '../clock.js';
import { ActionError } from '../errors.js';
import type { HandlerContext, KafkaHandlerConfig, Transport } from '../types.js';
import { loadKafkajs, type KafkaClient, type KafkaClientFactory, type KafkaConsumer, type KafkaProducer } from './kafka-client.js';

export interface KafkaTransportOptions {
  /** Makes the client for a broker list; default kafkajs. */
  readonly createClient?: KafkaClientFactory;
}

/** Someone waiting for the response with a given correlation id. */
type Waiter = (response: { readonly [key: string]: unknown }) => void;

interface ResponseListener {
  readonly consumer: KafkaConsumer;
  readonly waiters: Map<string, Waiter>;
}

interface Cluster {
  readonly client: Promise<KafkaClient>;
  producer: Promise<KafkaProducer> | undefined;
  readonly listeners: Map<string, Promise<ResponseListener>>;
}

/** A kafka transport with its own client factory and its own pool of connections. */
export function createKafkaTransport(options: KafkaTransportOptions = {}): Transport<KafkaHandlerConfig> & { closeAll(): Promise<void> } {
  const createClient = options.createClient ?? loadKafkajs;
  const clusters = new Map<string, Cluster>();

  const cluster = (brokers: string[]): Cluster => {
    const key = brokers.join(',');
    let found = clusters.get(key);
    if (found === undefined) {
      found = { client: Promise.resolve(createClient({ clientId: 'owc', brokers })), producer: undefined, listeners: new Map() };
      clusters.set(key, found);
    }
    return found;
  };

  const producerOf = (target: Cluster): Promise<KafkaProducer> => {
    target.producer ??= target.client.then(async (client) => {
      const producer = client.producer();
      await producer.connect();
      return producer;
    });
    const pending = target.producer;
    pending.catch(() => {
      if (target.producer === pending) target.producer = undefined;
    });
    return pending;
  };

  const listenerOf = (target: Cluster, topic: string): Promise<ResponseListener> => {
    let pending = target.listeners.get(topic);
    if (pending === undefined) {
      pending = target.client.then((client) => listen(client, topic));
      target.listeners.set(topic, pending);
      const stored = pending;
      stored.catch(() => {
        if (target.listeners.get(topic) === stored) target.listeners.delete(topic);
      });
    }
    return pending;
  };

  async function invoke(config: KafkaHandlerConfig, input: unknown, context: HandlerContext): Promise<unknown> {
    const brokers = await brokerList(config, input, context);
    const target = cluster(brokers);
    const correlationId = randomUUID();
    const message = {
      action: `${context.connector.name}.${context.action}`,
      input: input ?? null,
      correlation_id: correlationId,
      timestamp: new Date(context.clock.now()).toISOString(),
    };
    const key = config.key === undefined ? undefined : await context.substitute(config.key, input);

    let response: Promise<{ readonly [key: string]: unknown }> | undefined;
    let listener: ResponseListener | undefined;
    if (config.responseTopic !== undefined) {
      listener = await ready(listenerOf(target, config.responseTopic), `listen on '${config.responseTopic}'`, brokers, context);
      const waiters = listener.waiters;
      // Registered before publishing, so even an instant reply is seen.
      response = new Promise((resolve) => waiters.set(correlationId, resolve));
    }
    try {
      const producer = await ready(producerOf(target), 'connect a producer', brokers, context);
      const sent = await ready(
        producer.send({ topic: config.topic, messages: [{ ...(key === undefined ? {} : { key }), value: JSON.stringify(message) }] }),
        `publish to '${config.topic}'`,
        brokers,
        context,
      );
      if (response === undefined) {
        const meta = sent[0];
        return { correlation_id: correlationId, topic: config.topic, partition: meta?.partition ?? null, offset: meta?.offset ?? meta?.baseOffset ?? null };
      }
      return readResponse(await Promise.race([response, whenAborted(context.signal)]), config.responseTopic ?? '');
    } finally {
      listener?.waiters.delete(correlationId);
    }
  }

  async function closeAll(): Promise<void> {
    const open = [...clusters.values()];
    clusters.clear();
    await Promise.all(
      open.flatMap((target) => [
        ...[...target.listeners.values()].map(async (pending) => (await pending.catch(() => undefined))?.consumer.disconnect().catch(() => undefined)),
        (async () => (await target.producer?.catch(() => undefined))?.disconnect().catch(() => undefined))(),
      ]),
    );
  }

  return { invoke, close: closeAll, closeAll };
}

/** The transport the runtime loads for `kafka:` handlers (kafkajs). */
export const transport = createKafkaTransport();

/** Disconnects every pooled producer and consumer of the default transport. */
export function closeAll(): Promise<void> {
  return transport.closeAll();
}

/**
 * Starts a consumer on the response topic in a group of its own, positioned at
 * the topic's end as it was *before* any request is published (looked up with
 * the admin client), so a reply cannot slip past between join and first fetch.
 */
async function listen(client: KafkaClient, topic: string): Promise<ResponseListener> {
  const waiters = new Map<string, Waiter>();
  const admin = client.admin();
  await admin.connect();
  let ends: Array<{ partition: number; offset: string }>;
  try {
    ends = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const consumer = client.consumer({ groupId: `owc-reply-${randomUUID()}` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const parsed = parseMessage(message.value);
        if (parsed === undefined) return;
        const id = parsed['correlation_id'] ?? parsed['correlationId'];
        if (typeof id === 'string') waiters.get(id)?.(parsed);
      },
    });
    for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  return { consumer, waiters };
}

function parseMessage(value: Buffer | null): { readonly [key: string]: unknown } | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { readonly [key: string]: unknown }) : undefined;
  } catch {
    return undefined; // Not ours: other producers may share the topic.
  }
}

/** The action output carried by a response message (see the module comment). */
function readResponse(response: { readonly [key: string]: unknown }, topic: string): unknown {
  const status = response['status'];
  if (status === 'error') {
    const code = typeof response['code'] === 'string' ? response['code'] : undefined;
    const message = typeof response['message'] === 'string' ? response['message'] : 'the service reported an error';
    throw new ActionError('BACKEND_ERROR', `the reply on '${topic}' reports an error: ${message}`, code === undefined ? {} : { backendCode: code }, false);
  }
  if (status === 'success' && 'data' in response) return response['data'];
  if ('output' in response) return response['output'];
  const { correlation_id: _id, correlationId: _alt, ...rest } = response;
  return rest;
}

async function brokerList(config: KafkaHandlerConfig, input: unknown, context: HandlerContext): Promise<string[]> {
  const listed = config.brokers ?? context.env('KAFKA_BROKERS')?.split(',') ?? [];
  const brokers: string[] = [];
  for (const broker of listed) {
    const value = (await context.substitute(broker, input)).trim();
    if (value !== '') brokers.push(value);
  }
  if (brokers.length === 0) {
    throw new ActionError('UNAVAILABLE', `the kafka handler of '${context.connector.name}.${context.action}' has no brokers: set handler 'brokers' or KAFKA_BROKERS`);
  }
  return brokers;
}

/** Awaits a kafka operation, ending early on abort and mapping kafkajs failures to the taxonomy. */
async function ready<T>(operation: Promise<T>, what: string, brokers: readonly string[], context: HandlerContext): Promise<T> {
  try {
    return await Promise.race([operation, whenAborted(context.signal)]);
  } catch (error) {
    if (error instanceof ActionError) throw error;
    if (context.signal.aborted) throw abortError(context.signal);
    const name = error instanceof Error ? error.name : '';
    const message = context.redactor.redact(error instanceof Error ? error.message : String(error));
    const type = typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string' ? error.type : undefined;
    const details = { cause: message, ...(type === undefined ? {} : { backendCode: type }) };
    if (name === 'KafkaJSProtocolError' && type !== undefined) {
      throw new ActionError('BACKEND_ERROR', `kafka refused to ${what}: ${message}`, details);
    }
    throw new ActionError('UNAVAILABLE', `cannot ${what} (brokers ${brokers.join(', ')}): ${message}`, details);
  }
}
