/**
 * The mcp handler (and every action of a `kind: mcp-server` connector): calls
 * an MCP tool through @modelcontextprotocol/sdk over stdio or streamable HTTP.
 * One client per server configuration is kept per process; `closeAll()` (or
 * the runtime's `closeTransports()`) closes them.
 *
 * Result mapping: `structuredContent` when present; else a single text
 * content parsed as JSON when it is JSON; else `{ content }`. An `isError`
 * result is a BACKEND_ERROR with the tool's text; connection and protocol
 * failures are UNAVAILABLE; the SDK's request timeout is TIMEOUT.
 *
 * Over HTTP the connector's `auth` is applied to every request like the http
 * handler does; a changed credential (a refreshed oauth2 token) opens a new
 * client, and the old one stays open until `closeAll()`.
 */
import { abortError, whenAborted } from '../clock.js';
import { ActionError } from '../errors.js';
import { applyAuth, type AuthTarget } from '../http/auth.js';
import type { ConnectorDescriptor, HandlerContext, McpHandlerConfig, Transport } from '../types.js';
import { connectMcp, describeMcpServer, type McpCallResult, type McpConnectTarget, type McpConnection } from './mcp-client.js';

/** JSON-RPC / MCP error codes the mapping distinguishes. */
const ConnectionClosed = -32000;
const RequestTimeout = -32001;
const InvalidParams = -32602;

const connectTimeoutMs = 30_000;
const clients = new Map<string, Promise<McpConnection>>();

/** The transport the runtime loads for `mcp` handlers and `mcp-server` connectors. */
export const transport: Transport<McpHandlerConfig> = {
  invoke: invokeMcp,
  close: closeAll,
};

/** Closes every pooled MCP client (stdio servers are stopped). */
export async function closeAll(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map(async (pending) => (await pending.catch(() => undefined))?.client.close().catch(() => undefined)));
}

async function invokeMcp(config: McpHandlerConfig, input: unknown, context: HandlerContext): Promise<unknown> {
  const target = await resolveTarget(config, context.connector, input, context);
  const tool = config.tool ?? context.action;
  const args = toolArguments(input, tool);
  const server = describeMcpServer(target);
  const connection = await Promise.race([pooledConnection(target, context), whenAborted(context.signal)]);
  let result: McpCallResult;
  try {
    result = await connection.client.callTool({ name: tool, arguments: args }, undefined, {
      signal: context.signal,
      timeout: context.timeoutMs,
    });
  } catch (error) {
    throw callError(error, tool, server, context);
  }
  return toOutput(result, tool, context);
}

/** A pooled connection for `target`, connecting on first use; a failed connect is not kept. */
async function pooledConnection(target: McpConnectTarget, context: HandlerContext): Promise<McpConnection> {
  const key = JSON.stringify(target);
  let pending = clients.get(key);
  if (pending === undefined) {
    // The handshake is shared by every caller and finishes in the background, so it gets its
    // own limit: a caller with a short timeout stops waiting, but the next call finds the client.
    pending = connectMcp(target, { timeout: Math.max(context.timeoutMs, connectTimeoutMs) }).then((connection) => {
      connection.client.onclose = () => {
        if (clients.get(key) === pending) clients.delete(key);
      };
      return connection;
    });
    clients.set(key, pending);
    pending.catch(() => {
      if (clients.get(key) === pending) clients.delete(key);
    });
  }
  try {
    return await pending;
  } catch (error) {
    throw new ActionError('UNAVAILABLE', `cannot connect to the MCP server '${describeMcpServer(target)}': ${messageOf(error)}`, {
      cause: messageOf(error),
    });
  }
}

/** The server to talk to: the handler's own settings when it names one, else the connector's `mcp` block. */
async function resolveTarget(
  config: McpHandlerConfig,
  connector: ConnectorDescriptor,
  input: unknown,
  context: HandlerContext,
): Promise<McpConnectTarget> {
  const own = config.command !== undefined || config.endpoint !== undefined;
  const settings = own ? { ...config, env: undefined } : connector.mcp;
  const command = settings?.command;
  const endpoint = settings?.endpoint;
  const kind = transportKind(settings?.transport, command, endpoint, connector.name);
  switch (kind) {
    case 'stdio': {
      if (command === undefined) throw new ActionError('UNAVAILABLE', `the MCP server of connector '${connector.name}' uses stdio but names no command`);
      const env: { [name: string]: string } = {};
      for (const [name, value] of Object.entries(settings?.env ?? {})) env[name] = await context.substitute(value, input);
      const args: string[] = [];
      for (const arg of settings?.args ?? []) args.push(await context.substitute(arg, input));
      return { transport: 'stdio', command, args, env };
    }
    case 'http': {
      if (endpoint === undefined) throw new ActionError('UNAVAILABLE', `the MCP server of connector '${connector.name}' uses HTTP but names no endpoint`);
      const address = await context.substitute(endpoint, input);
      if (!URL.canParse(address)) throw new ActionError('UNAVAILABLE', `the MCP endpoint '${address}' of connector '${connector.name}' is not a URL`);
      const url = new URL(address);
      const request: AuthTarget = { headers: {}, url, credentials: [] };
      // The connector's auth (bearer, apiKey, basic, oauth2) goes on every request, as for the http handler.
      if (connector.auth !== undefined) await applyAuth(connector.auth, request, context);
      return { transport: 'http', endpoint: url.toString(), headers: request.headers };
    }
  }
}

function transportKind(transport: string | undefined, command: string | undefined, endpoint: string | undefined, connector: string): 'stdio' | 'http' {
  switch (transport?.toLowerCase().replace(/[-_\s]/g, '')) {
    case undefined:
      if (command !== undefined) return 'stdio';
      if (endpoint !== undefined) return 'http';
      throw new ActionError('UNAVAILABLE', `connector '${connector}' has no MCP server settings (mcp.command or mcp.endpoint)`);
    case 'stdio':
      return 'stdio';
    case 'http':
    case 'https':
    case 'streamablehttp':
      return 'http';
    default:
      throw new ActionError(
        'UNAVAILABLE',
        `MCP transport '${transport}' of connector '${connector}' is not supported; use 'stdio' or 'http' (streamable HTTP)`,
      );
  }
}

function toolArguments(input: unknown, tool: string): { [key: string]: unknown } {
  if (input === undefined || input === null) return {};
  if (typeof input === 'object' && !Array.isArray(input)) return { ...input };
  throw new ActionError('VALIDATION', `the arguments of MCP tool '${tool}' must be an object`, { paths: [''] });
}

/** Maps a failed `tools/call` to the taxonomy. */
function callError(error: unknown, tool: string, server: string, context: HandlerContext): ActionError {
  if (context.signal.aborted) return abortError(context.signal);
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : undefined;
  const message = messageOf(error);
  const details = { cause: message, ...(code === undefined ? {} : { backendCode: `MCP_${code}` }) };
  if (code === RequestTimeout) return new ActionError('TIMEOUT', `MCP tool '${tool}' did not answer in ${context.timeoutMs} ms`, details);
  if (code === InvalidParams) return new ActionError('VALIDATION', `MCP tool '${tool}' rejected its arguments: ${message}`, details);
  if (code === ConnectionClosed) return new ActionError('UNAVAILABLE', `the MCP server '${server}' closed the connection: ${message}`, details);
  return new ActionError('UNAVAILABLE', `calling MCP tool '${tool}' on '${server}' failed: ${message}`, details);
}

/** Maps a `tools/call` result to the action output. */
function toOutput(result: McpCallResult, tool: string, context: HandlerContext): unknown {
  const content = result.content ?? [];
  if (result.isError === true) {
    const text = context.redactor.redact(texts(content).join('\n').trim());
    throw new ActionError('BACKEND_ERROR', `MCP tool '${tool}' failed${text ? `: ${text}` : ''}`, { backendCode: 'MCP_TOOL_ERROR' }, false);
  }
  if (result.structuredContent !== undefined) return result.structuredContent;
  const only = content.length === 1 ? texts(content) : [];
  if (only.length === 1) {
    try {
      return JSON.parse(only[0] ?? '') as unknown;
    } catch {
      // Not JSON: fall through to the content list.
    }
  }
  return { content };
}

function texts(content: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of content) {
    if (typeof item === 'object' && item !== null && 'type' in item && item.type === 'text' && 'text' in item && typeof item.text === 'string') {
      out.push(item.text);
    }
  }
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
