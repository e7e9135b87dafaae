/**
 * The runtime contract: the shapes generated connector clients emit (the
 * descriptor), the options a caller injects, and the interface a transport
 * (command, mcp, kafka, …) implements. Plain data only — descriptors are JSON
 * plus compiled validator functions, so the generator can emit them as literals.
 */

/** Error codes of the SDK taxonomy (DESIGN.md §7); other strings are allowed. */
export type ErrorCode = 'VALIDATION' | 'UNAVAILABLE' | 'BACKEND_ERROR' | 'TIMEOUT' | 'CANCELED' | 'INTERNAL_ERROR' | 'RATE_LIMIT' | (string & {});

/** Structured detail carried by an ActionError. Every string in it is redacted. */
export interface ErrorDetails {
  /** HTTP status of the response that failed the call. */
  readonly status?: number;
  /** `HTTP_<status>`, matched by `retryOn` like a code. */
  readonly httpCode?: `HTTP_${number}`;
  /** Failing field paths (JSON Pointer, `''` = the value itself) for VALIDATION. */
  readonly paths?: readonly string[];
  /** Per-path messages for VALIDATION. */
  readonly errors?: readonly ValidationIssue[];
  /** The backend's own error code (envelope `code`, MCP error code, …). */
  readonly backendCode?: string;
  /** Delay the backend asked for (HTTP Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** Attempts made before the call failed. */
  readonly attempts?: number;
  /** The connector ref and action name of the failed call. */
  readonly connector?: string;
  readonly action?: string;
  /** stderr of a failed command, size-capped. */
  readonly stderr?: string;
  /** Message of the underlying error, when one was wrapped. */
  readonly cause?: string;
  readonly [key: string]: unknown;
}

/** One failing field of a validation. */
export interface ValidationIssue {
  /** JSON Pointer into the validated value (`/items/0/name`); `''` is the root. */
  readonly path: string;
  readonly message: string;
}

/** The result of a validator. */
export type ValidationResult = { readonly ok: true } | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/**
 * A validator compiled at build time (ajv standalone code wrapped by `fromAjv`).
 * The runtime never compiles schemas.
 */
export type Validator = (value: unknown) => ValidationResult;

// ─── descriptor (emitted by the generator) ─────────────────────────────────

export type ConnectorKind = 'http' | 'sdk' | 'mcp-server' | 'lambda' | 'custom' | 'command' | 'kafka';

/** Retry policy; seconds throughout (DESIGN.md §7). */
export interface RetryPolicy {
  /** All attempts, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** Default `exponential`. */
  readonly backoff?: 'fixed' | 'linear' | 'exponential';
  /** d, seconds before the second attempt; default 1. */
  readonly initialDelay?: number;
  /** Default 2. */
  readonly backoffFactor?: number;
  /** Cap on one delay, seconds; default 60. */
  readonly maxDelay?: number;
  /** Full jitter: the delay is uniform in [0, computed). */
  readonly jitter?: boolean;
  /** When given, only these codes (or `HTTP_<status>` / backend codes) retry; case-insensitive. */
  readonly retryOn?: readonly string[];
}

/** SSRF policy of an HTTP handler, checked on the resolved addresses of every hop. */
export interface UrlValidation {
  /** Host allowlist; `*.example.com` matches any subdomain (not the apex). */
  readonly allowedDomains?: readonly string[];
  /** Host blocklist, same matching; IP and CIDR entries also match resolved addresses. */
  readonly blockedDomains?: readonly string[];
  readonly requireHTTPS?: boolean;
  /** Allow 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7. */
  readonly allowPrivateNetworks?: boolean;
  /** Allow 127/8, ::1, 0.0.0.0/8, ::. */
  readonly allowLoopback?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Template strings below may hold `${input.x}`, `${env.X}`, `${secrets.X}`, `${X}` (see README). */
export interface HttpHandlerConfig {
  readonly kind: 'http';
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers?: { readonly [name: string]: string };
  readonly query?: { readonly [name: string]: string };
  /** Explicit body template (JSON; strings substituted). Without it the action input is the body. */
  readonly body?: JsonValue;
  /** Default `auto`. */
  readonly response?: 'auto' | 'envelope' | 'plain';
  readonly timeoutSeconds?: number;
  readonly retry?: RetryPolicy;
  readonly urlValidation?: UrlValidation;
}

/** SDK kind: a function registered by name. */
export interface FunctionHandlerConfig {
  readonly kind: 'function';
  readonly name: string;
  readonly timeoutSeconds?: number;
  readonly retry?: RetryPolicy;
}

export interface CommandHandlerConfig {
  readonly kind: 'command';
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: { readonly [name: string]: string };
  readonly workingDir?: string;
  readonly timeoutSeconds?: number;
  readonly retry?: RetryPolicy;
}

export interface KafkaHandlerConfig {
  readonly kind: 'kafka';
  readonly topic: string;
  readonly responseTopic?: string;
  readonly timeoutSeconds?: number;
  readonly key?: string;
  readonly brokers?: readonly string[];
  readonly retry?: RetryPolicy;
}

export interface McpHandlerConfig {
  readonly kind: 'mcp';
  /** The tool to call; defaults to the action name. */
  readonly tool?: string;
  readonly endpoint?: string;
  readonly transport?: string;
  readonly command?: string;
  readonly args?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly retry?: RetryPolicy;
}

/** lambda / custom: run only with a handler the caller supplies (`options.actions`). */
export interface OpaqueHandlerConfig {
  readonly kind: 'lambda' | 'custom';
  readonly config?: JsonValue;
  readonly timeoutSeconds?: number;
  readonly retry?: RetryPolicy;
}

export type HandlerConfig = HttpHandlerConfig | FunctionHandlerConfig | CommandHandlerConfig | KafkaHandlerConfig | McpHandlerConfig | OpaqueHandlerConfig;

export type HandlerKind = HandlerConfig['kind'];

/**
 * Connector auth. Credentials come from the secrets provider under `secrets.*`
 * names, defaulting to `<PREFIX>_API_KEY`, `<PREFIX>_TOKEN`, `<PREFIX>_USERNAME` /
 * `<PREFIX>_PASSWORD`, `<PREFIX>_CLIENT_ID` / `<PREFIX>_CLIENT_SECRET`, where
 * PREFIX is the connector name in UPPER_SNAKE case.
 */
export type AuthConfig =
  | {
      readonly type: 'apiKey';
      readonly in: 'header' | 'query' | 'cookie';
      readonly name: string;
      readonly prefix?: string;
      readonly secrets?: { readonly apiKey?: string };
    }
  | { readonly type: 'bearer'; readonly scheme?: string; readonly secrets?: { readonly token?: string } }
  | { readonly type: 'basic'; readonly secrets?: { readonly username?: string; readonly password?: string } }
  | {
      readonly type: 'oauth2';
      /** Default `client_credentials`; other flows (or no tokenUrl) send the `<PREFIX>_ACCESS_TOKEN` secret as a bearer token. */
      readonly flow?: string;
      readonly tokenUrl?: string;
      readonly scopes?: readonly string[];
      /** How the client authenticates at the token endpoint; default `basic`. */
      readonly clientAuth?: 'basic' | 'body';
      readonly secrets?: { readonly clientId?: string; readonly clientSecret?: string; readonly accessToken?: string };
    }
  | { readonly type: 'custom'; readonly scheme?: string; readonly parameters?: JsonValue };

/** Connection settings of a `kind: mcp-server` connector. */
export interface McpServerConfig {
  readonly transport?: string;
  readonly endpoint?: string;
  readonly command?: string;
  readonly args?: readonly string[];
  readonly env?: { readonly [name: string]: string };
  readonly protocolVersion?: string;
}

export interface ActionDescriptor {
  /** Absent for `mcp-server` connectors (the tool named like the action is called). */
  readonly handler?: HandlerConfig;
  readonly validateInput?: Validator;
  readonly validateOutput?: Validator;
}

/** The typed constant a generated connector module exports. */
export interface ConnectorDescriptor {
  /** `connector:<namespace>/<name>@<version>` (or the bare name). */
  readonly ref: string;
  readonly name: string;
  readonly kind: ConnectorKind;
  readonly auth?: AuthConfig;
  readonly runtime: { readonly timeoutSeconds?: number };
  readonly mcp?: McpServerConfig;
  readonly actions: { readonly [action: string]: ActionDescriptor };
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

// ─── caller options ────────────────────────────────────────────────────────

/** Time source; retry delays go through `sleep` (a dry run or a test never sleeps). */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with a CANCELED ActionError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Receives already-redacted messages and data. */
export type Logger = (level: LogLevel, message: string, data?: { readonly [key: string]: unknown }) => void;

/** Returns a secret's value; the runtime registers every returned value with the redactor. */
export type SecretsProvider = (name: string) => string | undefined | Promise<string | undefined>;

/** A resolved address. */
export interface LookupAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** DNS resolution used for every HTTP connection (default: node:dns lookup, all addresses). */
export type Lookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** A plain action implementation: the SDK `function:` kind and caller overrides. */
export type ActionFunction = (input: unknown, context: HandlerContext) => unknown;

export interface InvokeOptions {
  /** `function:` handlers by name (wins over `registerAction`). */
  readonly handlers?: { readonly [functionName: string]: ActionFunction };
  /** Per-action overrides by action name, for any kind (required for lambda/custom). */
  readonly actions?: { readonly [actionName: string]: ActionFunction };
  /** `${env.X}` source; default process.env. */
  readonly env?: { readonly [name: string]: string | undefined };
  /** `${secrets.X}` and auth credentials; default reads `env`. */
  readonly secrets?: SecretsProvider;
  /** Use this fetch instead of the built-in node:http client (see README on address pinning). */
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /** Random source in [0,1) for jitter; default Math.random. */
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  /** Replace the origin of handler URLs: one base URL, or a map from original origin to base URL. */
  readonly baseUrl?: string | { readonly [origin: string]: string };
  readonly lookup?: Lookup;
  /** Overrides every per-attempt timeout, seconds. */
  readonly timeoutSeconds?: number;
  /** Share one redactor across calls (a workflow run does); default a fresh one per call. */
  readonly redactor?: Redactor;
}

/** Scrubs registered secret values from text. */
export interface Redactor {
  add(secret: string): void;
  redact(text: string): string;
  /** True when `text` contains a registered secret. */
  contains(text: string): boolean;
}

// ─── handler context and transports ────────────────────────────────────────

/** What a handler or transport receives besides its config and input. */
export interface HandlerContext {
  readonly connector: ConnectorDescriptor;
  readonly action: string;
  /** Aborts on the per-attempt timeout (reason TIMEOUT) or caller cancel (CANCELED). */
  readonly signal: AbortSignal;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** Per-attempt timeout in ms, already resolved (handler → connector → 300 s). */
  readonly timeoutMs: number;
  readonly options: InvokeOptions;
  readonly clock: Clock;
  readonly redactor: Redactor;
  env(name: string): string | undefined;
  /** Reads a secret and registers its value with the redactor. */
  secret(name: string): Promise<string | undefined>;
  /** Substitutes `${…}` placeholders (README: template rules). */
  substitute(template: string, input: unknown): Promise<string>;
  log(level: LogLevel, message: string, data?: { readonly [key: string]: unknown }): void;
}

/**
 * A handler kind's implementation. `invoke` throws ActionError for failures
 * (anything else is wrapped as BACKEND_ERROR); `close` releases pooled
 * connections (`closeTransports()` calls it).
 */
export interface Transport<C extends HandlerConfig = HandlerConfig> {
  invoke(config: C, input: unknown, context: HandlerContext): Promise<unknown>;
  close?(): Promise<void>;
}
