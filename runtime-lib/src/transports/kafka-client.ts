/**
 * The part of the kafkajs API the kafka handler uses, typed structurally so
 * the runtime type-checks without kafkajs installed and tests can inject a
 * client. `loadKafkajs` loads the real library on first use.
 */

export interface KafkaMessageOut {
  readonly key?: string | null;
  readonly value: string;
  readonly headers?: { readonly [name: string]: string };
}

export interface KafkaRecordMetadata {
  readonly topicName: string;
  readonly partition: number;
  readonly offset?: string;
  readonly baseOffset?: string;
}

export interface KafkaProducer {
  connect(): Promise<void>;
  send(record: { topic: string; messages: KafkaMessageOut[] }): Promise<KafkaRecordMetadata[]>;
  disconnect(): Promise<void>;
}

export interface KafkaMessageIn {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly offset: string;
}

export interface KafkaConsumer {
  connect(): Promise<void>;
  subscribe(subscription: { topics: string[]; fromBeginning?: boolean }): Promise<void>;
  run(config: { eachMessage: (payload: { topic: string; partition: number; message: KafkaMessageIn }) => Promise<void> }): Promise<void>;
  seek(position: { topic: string; partition: number; offset: string }): void;
  disconnect(): Promise<void>;
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  /** The next offset (high watermark) of every partition. */
  fetchTopicOffsets(topic: string): Promise<Array<{ partition: number; offset: string }>>;
  disconnect(): Promise<void>;
}

export interface KafkaClient {
  producer(): KafkaProducer;
  consumer(config: { groupId: string }): KafkaConsumer;
  admin(): KafkaAdmin;
}

/** Makes a client for a broker list; the default loads kafkajs. */
export type KafkaClientFactory = (config: { clientId: string; brokers: string[] }) => KafkaClient | Promise<KafkaClient>;

interface KafkajsModule {
  readonly Kafka: new (config: {
    clientId: string;
    brokers: string[];
    logLevel: number;
    retry: { retries: number; initialRetryTime: number };
    connectionTimeout: number;
  }) => KafkaClient;
}

/** Loads kafkajs (by a specifier bundlers leave alone) and makes a quiet client with few internal retries. */
export const loadKafkajs: KafkaClientFactory = async ({ clientId, brokers }) => {
  const specifier = 'kafkajs';
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    throw new Error(`the kafka handler needs the package 'kafkajs' (npm install kafkajs): ${(error as Error).message}`);
  }
  const module = loaded as KafkajsModule & { readonly default?: KafkajsModule };
  const { Kafka } = module.default ?? module;
  // logLevel 0 = NOTHING: failures surface as ActionErrors, not console noise.
  return new Kafka({ clientId, brokers, logLevel: 0, retry: { retries: 2, initialRetryTime: 100 }, connectionTimeout: 3000 });
};
