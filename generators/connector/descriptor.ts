/**
 * The runtime descriptor of a connector (runtime-lib/src/types.ts,
 * `ConnectorDescriptor`) as literal data: the IR's handler, auth, retry and
 * URL policy written with the runtime's field names. Absent settings are left
 * out so the runtime's documented defaults apply.
 */
import { assertNever } from '../../src/diagnostics/diagnostic.js';
import type { AuthIR, HandlerIR, McpServerIR, RetryPolicyIR, UrlValidationIR } from '../../src/lower/ir.js';
import { jsonOf } from '../../src/lower/values.js';
import type { LiteralValue } from '../common/literal.js';

function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function stringMap(entries: readonly { readonly name: string; readonly value: { readonly value: string } }[]): { [name: string]: string } | undefined {
  if (entries.length === 0) return undefined;
  const out: { [name: string]: string } = {};
  for (const e of entries) Object.defineProperty(out, e.name, { value: e.value.value, enumerable: true, writable: true, configurable: true });
  return out;
}

function plainMap(map: { readonly [key: string]: string }): { readonly [key: string]: string } | undefined {
  return Object.keys(map).length > 0 ? map : undefined;
}

/** `RetryPolicy` of the runtime. */
function retryLiteral(retry: RetryPolicyIR | undefined): LiteralValue | undefined {
  if (!retry) return undefined;
  return {
    maxAttempts: retry.maxAttempts,
    backoff: retry.backoff,
    initialDelay: retry.initialDelay,
    backoffFactor: retry.backoffFactor,
    maxDelay: retry.maxDelay,
    jitter: retry.jitter ? true : undefined,
    retryOn: retry.retryOn,
  };
}

function urlValidationLiteral(policy: UrlValidationIR | undefined): LiteralValue | undefined {
  if (!policy) return undefined;
  return {
    allowedDomains: policy.allowedDomains,
    blockedDomains: nonEmpty(policy.blockedDomains),
    requireHTTPS: policy.requireHTTPS,
    allowPrivateNetworks: policy.allowPrivateNetworks,
    allowLoopback: policy.allowLoopback,
  };
}

/** `HandlerConfig` of the runtime. */
export function handlerLiteral(handler: HandlerIR): LiteralValue {
  switch (handler.kind) {
    case 'http':
      return {
        kind: 'http',
        url: handler.url.value,
        method: handler.method,
        headers: stringMap(handler.headers),
        query: stringMap(handler.query),
        body: handler.body === undefined ? undefined : jsonOf(handler.body),
        response: handler.response === 'auto' ? undefined : handler.response,
        timeoutSeconds: handler.timeoutSeconds,
        retry: retryLiteral(handler.retry),
        urlValidation: urlValidationLiteral(handler.urlValidation),
      };
    case 'function':
      return { kind: 'function', name: handler.name.value };
    case 'command':
      return {
        kind: 'command',
        command: handler.command.value,
        args: nonEmpty(handler.args),
        env: plainMap(handler.env),
        workingDir: handler.workingDir,
        timeoutSeconds: handler.timeoutSeconds,
      };
    case 'kafka':
      return {
        kind: 'kafka',
        topic: handler.topic.value,
        responseTopic: handler.responseTopic,
        timeoutSeconds: handler.timeoutSeconds,
        key: handler.key,
        brokers: nonEmpty(handler.brokers),
      };
    case 'mcp':
      return {
        kind: 'mcp',
        tool: handler.tool,
        endpoint: handler.endpoint,
        transport: handler.transport,
        command: handler.command,
        args: nonEmpty(handler.args),
      };
    case 'lambda':
    case 'custom':
      return { kind: handler.kind, config: handler.config };
    default:
      return assertNever(handler, 'handler');
  }
}

/** `AuthConfig` of the runtime (credential names keep the runtime's defaults). */
export function authLiteral(auth: AuthIR | undefined): LiteralValue | undefined {
  if (!auth) return undefined;
  switch (auth.type) {
    case 'apiKey':
      return { type: 'apiKey', in: auth.in, name: auth.name, prefix: auth.prefix };
    case 'bearer':
      return { type: 'bearer', scheme: auth.scheme };
    case 'basic':
      return { type: 'basic' };
    case 'oauth2':
      return { type: 'oauth2', flow: auth.flow, tokenUrl: auth.tokenUrl, scopes: nonEmpty(auth.scopes) };
    case 'custom':
      return { type: 'custom', scheme: auth.scheme, parameters: auth.parameters };
    default:
      return assertNever(auth, 'auth');
  }
}

/** `McpServerConfig` of the runtime. */
export function mcpLiteral(mcp: McpServerIR | undefined): LiteralValue | undefined {
  if (!mcp) return undefined;
  return {
    transport: mcp.transport,
    endpoint: mcp.endpoint,
    command: mcp.command,
    args: nonEmpty(mcp.args),
    env: plainMap(mcp.env),
    protocolVersion: mcp.protocolVersion,
  };
}
