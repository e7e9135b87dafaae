/** Process-wide registries: SDK functions by name and transports by handler kind. */
import { ActionError } from './errors.js';
import type { ActionFunction, HandlerConfig, HandlerKind, Transport } from './types.js';

/** SDK functions by name. */
export const functions = new Map<string, ActionFunction>();
/** Transports by handler kind. */
export const transports = new Map<string, Transport>();

/** Registers the implementation of a `function:` handler (`registerAction('calculator.add', fn)`). */
export function registerAction(name: string, fn: ActionFunction): void {
  functions.set(name, fn);
}

/** Removes a registered function. */
export function unregisterAction(name: string): void {
  functions.delete(name);
}

/** Installs the implementation of a handler kind (replacing the built-in or lazily loaded one). */
export function registerTransport<K extends HandlerKind>(kind: K, transport: Transport<Extract<HandlerConfig, { kind: K }>>): void {
  transports.set(kind, transport as Transport);
}

/** Closes every transport that pools connections (MCP clients, Kafka producers). */
export async function closeTransports(): Promise<void> {
  await Promise.all([...transports.values()].map((t) => t.close?.()));
}

function isTransport(value: unknown): value is Transport {
  return typeof value === 'object' && value !== null && 'invoke' in value && typeof value.invoke === 'function';
}

/**
 * The transport of `kind`: a registered one, else `./transports/<kind>.js`
 * beside this file (its `transport` export). The specifier is computed so
 * bundlers keep optional transports out of the core.
 */
export async function loadTransport(kind: HandlerKind): Promise<Transport> {
  const known = transports.get(kind);
  if (known) return known;
  const specifier = './transports/' + kind + '.js';
  const mod: unknown = await import(specifier).catch((e: unknown) => e);
  const transport = typeof mod === 'object' && mod !== null && 'transport' in mod ? mod.transport : undefined;
  if (!isTransport(transport)) throw new ActionError('UNAVAILABLE', `handler kind '${kind}' is not available`, { cause: String(mod) }, false);
  transports.set(kind, transport);
  return transport;
}
