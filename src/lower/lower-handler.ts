/**
 * Lowers an action's `handler:` block. Handlers are written keyed by kind
 * (`http: {…}`, `function: name`, `command: …`, `kafka: {…}`, `mcp: {…}`,
 * `lambda: {…}`, `custom: {…}`); `type: <kind>` with the fields beside it is
 * accepted too. An unrecognised handler lowers to undefined: the schema stage
 * reports its shape.
 */
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import type {
  CommandHandlerIR,
  HandlerIR,
  HttpHandlerIR,
  KafkaHandlerIR,
  McpHandlerIR,
  Name,
  UrlValidationIR,
} from './ir.js';
import { lowerRetry } from './lower-retry.js';
import {
  booleanOf,
  mapOf,
  nameOf,
  nameOrEmpty,
  optionalJsonOf,
  secondsOf,
  stringListOf,
  stringMapOf,
  stringOf,
  valueOf,
} from './values.js';

const handlerKinds = ['http', 'function', 'command', 'kafka', 'mcp', 'lambda', 'custom'] as const;
type HandlerKind = (typeof handlerKinds)[number];

/** The handler of an action, or undefined when there is none or its kind is unrecognisable. */
export function lowerHandler(node: ValueNode | undefined): HandlerIR | undefined {
  const map = mapOf(node);
  if (!map) return undefined;
  const typed = stringOf(valueOf(map, 'type'));
  const flatKind = handlerKinds.find((k) => k === typed);
  if (flatKind) return lowerHandlerOfKind(flatKind, map, map);
  for (const kind of handlerKinds) {
    const e = entry(map, kind);
    if (e) return lowerHandlerOfKind(kind, e.value, map);
  }
  return undefined;
}

/** `config` is the value under the kind's key; `outer` is the whole handler mapping. */
function lowerHandlerOfKind(kind: HandlerKind, config: ValueNode, outer: MapNode): HandlerIR | undefined {
  switch (kind) {
    case 'http':
      return config.kind === 'map' ? lowerHttp(config) : undefined;
    case 'function': {
      const name = config === outer ? nameOf(valueOf(outer, 'name', 'function')) : nameOf(config);
      return name ? { kind: 'function', name, span: outer.span } : undefined;
    }
    case 'command':
      return lowerCommand(config, outer);
    case 'kafka':
      return config.kind === 'map' ? lowerKafka(config) : undefined;
    case 'mcp':
      return lowerMcp(config, outer);
    case 'lambda':
    case 'custom':
      return { kind, config: optionalJsonOf(config === outer ? withoutType(outer) : config) ?? null, span: outer.span };
  }
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

function lowerHttp(node: MapNode): HttpHandlerIR {
  const method = stringOf(valueOf(node, 'method'))?.toUpperCase();
  const response = stringOf(valueOf(node, 'response', 'responseFormat', 'response_format'));
  return {
    kind: 'http',
    url: nameOrEmpty(valueOf(node, 'url'), node.span),
    // Without a method the action input is sent as a JSON body, so POST.
    method: methods.find((m) => m === method) ?? 'POST',
    headers: namedValues(valueOf(node, 'headers')),
    query: namedValues(valueOf(node, 'query', 'params')),
    body: valueOf(node, 'body'),
    response: response === 'envelope' || response === 'plain' ? response : 'auto',
    timeoutSeconds: secondsOf(valueOf(node, 'timeout')),
    retry: lowerRetry(valueOf(node, 'retry')),
    urlValidation: lowerUrlValidation(valueOf(node, 'urlValidation', 'url_validation')),
    span: node.span,
  };
}

/** `{Name: value}` as a list of located values (non-scalar values skipped). */
function namedValues(node: ValueNode | undefined): { readonly name: string; readonly value: Name }[] {
  if (node?.kind !== 'map') return [];
  return node.entries.flatMap((e) => {
    const value = nameOf(e.value) ?? (e.value.kind === 'scalar' && typeof e.value.value === 'boolean' ? { value: String(e.value.value), span: e.value.span } : undefined);
    return value ? [{ name: e.key, value }] : [];
  });
}

function lowerUrlValidation(node: ValueNode | undefined): UrlValidationIR | undefined {
  if (node?.kind !== 'map') return undefined;
  const allowed = valueOf(node, 'allowedDomains', 'allowed_domains');
  return {
    allowedDomains: allowed?.kind === 'seq' ? stringListOf(allowed) : undefined,
    blockedDomains: stringListOf(valueOf(node, 'blockedDomains', 'blocked_domains')),
    requireHTTPS: booleanOf(valueOf(node, 'requireHTTPS', 'requireHttps', 'require_https'), false),
    allowPrivateNetworks: booleanOf(valueOf(node, 'allowPrivateNetworks', 'allow_private_networks'), false),
    allowLoopback: booleanOf(valueOf(node, 'allowLoopback', 'allow_loopback'), false),
    span: node.span,
  };
}

/** `command: ./x.py` with `args`/`env`/`working_dir` beside it, or `command: {command, args, …}`. */
function lowerCommand(config: ValueNode, outer: MapNode): CommandHandlerIR | undefined {
  const fields = config.kind === 'map' ? config : outer;
  const command = nameOf(config.kind === 'map' ? valueOf(config, 'command', 'run') : config);
  if (!command) return undefined;
  return {
    kind: 'command',
    command,
    args: stringListOf(valueOf(fields, 'args')),
    env: stringMapOf(valueOf(fields, 'env')),
    workingDir: stringOf(valueOf(fields, 'workingDir', 'working_dir')),
    timeoutSeconds: secondsOf(valueOf(fields, 'timeout')),
    span: outer.span,
  };
}

function lowerKafka(node: MapNode): KafkaHandlerIR {
  return {
    kind: 'kafka',
    topic: nameOrEmpty(valueOf(node, 'topic'), node.span),
    responseTopic: stringOf(valueOf(node, 'responseTopic', 'response_topic')),
    timeoutSeconds: secondsOf(valueOf(node, 'timeout')),
    key: stringOf(valueOf(node, 'key')),
    brokers: stringListOf(valueOf(node, 'brokers')),
    span: node.span,
  };
}

/** `mcp: tool_name`, or `mcp: {tool, endpoint, transport, command, args}`. */
function lowerMcp(config: ValueNode, outer: MapNode): McpHandlerIR {
  if (config.kind === 'scalar') {
    return { kind: 'mcp', tool: stringOf(config), endpoint: undefined, transport: undefined, command: undefined, args: [], span: outer.span };
  }
  return {
    kind: 'mcp',
    tool: stringOf(valueOf(config, 'tool')),
    endpoint: stringOf(valueOf(config, 'endpoint', 'url')),
    transport: stringOf(valueOf(config, 'transport')),
    command: stringOf(valueOf(config, 'command')),
    args: stringListOf(valueOf(config, 'args')),
    span: outer.span,
  };
}

/** A flat `type: lambda` handler's configuration is everything but `type`. */
function withoutType(node: MapNode): MapNode {
  return { ...node, entries: node.entries.filter((e) => e.key !== 'type') };
}
