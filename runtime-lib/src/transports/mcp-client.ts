/**
 * A connection to an MCP server through @modelcontextprotocol/sdk, loaded on
 * first use so the runtime core never depends on it. Only the small part of
 * the SDK client that owc uses is typed here (structurally), which keeps the
 * runtime type-checkable in a project that does not install the SDK.
 */

/** How to reach an MCP server: a local process over stdio, or a streamable HTTP endpoint. */
export type McpConnectTarget =
  | {
      readonly transport: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      /** Merged over the SDK's safe default environment (PATH, HOME, …). */
      readonly env?: { readonly [name: string]: string };
      readonly cwd?: string;
    }
  | {
      readonly transport: 'http';
      readonly endpoint: string;
      /** Sent with every request (e.g. an Authorization header). */
      readonly headers?: { readonly [name: string]: string };
    };

/** A tool as `tools/list` describes it. */
export interface McpTool {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: { readonly [key: string]: unknown };
  readonly outputSchema?: { readonly [key: string]: unknown };
}

/** The result of `tools/call`. */
export interface McpCallResult {
  readonly content?: readonly unknown[];
  readonly structuredContent?: { readonly [key: string]: unknown };
  readonly isError?: boolean;
}

export interface McpRequestOptions {
  readonly signal?: AbortSignal;
  /** Milliseconds before the SDK gives up on the request. */
  readonly timeout?: number;
}

/** The subset of the SDK's `Client` that owc calls. */
export interface McpClient {
  connect(transport: unknown, options?: McpRequestOptions): Promise<void>;
  listTools(params?: { cursor?: string }, options?: McpRequestOptions): Promise<{ tools: McpTool[]; nextCursor?: string }>;
  callTool(
    params: { name: string; arguments?: { [key: string]: unknown } },
    resultSchema?: undefined,
    options?: McpRequestOptions,
  ): Promise<McpCallResult>;
  getServerVersion(): { name: string; version: string; title?: string } | undefined;
  getInstructions(): string | undefined;
  close(): Promise<void>;
  onclose?: () => void;
}

/** A connected client plus what the server printed on stderr (stdio only, last few KB). */
export interface McpConnection {
  readonly client: McpClient;
  stderrTail(): string;
}

interface ClientModule {
  readonly Client: new (info: { name: string; version: string }, options?: object) => McpClient;
}
interface StdioModule {
  readonly StdioClientTransport: new (params: {
    command: string;
    args: string[];
    env?: { [name: string]: string };
    cwd?: string;
    stderr: 'pipe';
  }) => { readonly stderr: NodeJS.ReadableStream | null };
}
interface HttpModule {
  readonly StreamableHTTPClientTransport: new (url: URL, options?: { requestInit?: { headers?: { [name: string]: string } } }) => object;
}

const stderrLimit = 4096;

/** Loads a module by a specifier that bundlers leave alone, so the SDK stays optional. */
async function load<T>(specifier: string): Promise<T> {
  const loaded: unknown = await import(specifier);
  return loaded as T;
}

/** Loads the SDK with a message that says what to install when it is missing. */
async function loadSdk<T>(subpath: string): Promise<T> {
  try {
    return await load<T>(`@modelcontextprotocol/sdk/${subpath}`);
  } catch (error) {
    throw new Error(`the MCP client needs the package '@modelcontextprotocol/sdk' (npm install @modelcontextprotocol/sdk): ${(error as Error).message}`);
  }
}

/** Opens a connection to an MCP server (spawning it for stdio) and performs the initialize handshake. */
export async function connectMcp(server: McpConnectTarget, options: McpRequestOptions = {}): Promise<McpConnection> {
  const { Client } = await loadSdk<ClientModule>('client/index.js');
  const client = new Client({ name: 'owc', version: '0.1.0' });
  let tail = '';
  let transport: object;
  switch (server.transport) {
    case 'stdio': {
      const { StdioClientTransport } = await loadSdk<StdioModule>('client/stdio.js');
      const stdio = new StdioClientTransport({
        command: server.command,
        args: [...server.args],
        ...(server.env === undefined ? {} : { env: { ...server.env } }),
        ...(server.cwd === undefined ? {} : { cwd: server.cwd }),
        stderr: 'pipe',
      });
      stdio.stderr?.on('data', (chunk: Buffer | string) => {
        tail = (tail + String(chunk)).slice(-stderrLimit);
      });
      transport = stdio;
      break;
    }
    case 'http': {
      const { StreamableHTTPClientTransport } = await loadSdk<HttpModule>('client/streamableHttp.js');
      const headers = server.headers === undefined ? undefined : { ...server.headers };
      transport = new StreamableHTTPClientTransport(new URL(server.endpoint), headers === undefined ? {} : { requestInit: { headers } });
      break;
    }
  }
  try {
    await client.connect(transport, options);
  } catch (error) {
    await client.close().catch(() => undefined);
    const detail = tail.trim().split('\n').slice(-3).join(' | ');
    if (detail === '' || !(error instanceof Error)) throw error;
    throw new Error(`${error.message} (server stderr: ${detail})`, { cause: error });
  }
  return { client, stderrTail: () => tail.trim() };
}

/** Lists every tool of a connected server, following `nextCursor` pages. */
export async function listAllTools(client: McpClient, options: McpRequestOptions = {}): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, options);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

/** Names the server for messages: the command line or the endpoint. */
export function describeMcpServer(server: McpConnectTarget): string {
  switch (server.transport) {
    case 'stdio':
      return [server.command, ...server.args].join(' ');
    case 'http':
      return server.endpoint;
  }
}
