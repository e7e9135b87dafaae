/**
 * The IR: one normalised, readonly shape per resource, whatever dialect the
 * manifest was written in (DESIGN.md §2). Every node keeps its source span;
 * values that may hold `{{ }}` templates stay as located value nodes so the
 * expression checker can parse them with exact positions.
 */
import type { MapNode, ScalarNode, ValueNode } from '../source/nodes.js';
import type { ManifestForm } from '../source/recognise.js';
import type { SourceFile, Span } from '../source/span.js';

/** A string from the manifest with the span it was written at. */
export interface Name {
  readonly value: string;
  readonly span: Span;
}

/** A number from the manifest with its span. */
export interface NumberValue {
  readonly value: number;
  readonly span: Span;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON Schema as written: its plain JSON and the node it came from. */
export interface SchemaIR {
  readonly json: JsonValue;
  readonly node: ValueNode;
}

/** Where a resource came from. */
export interface Origin {
  readonly file: SourceFile;
  readonly form: ManifestForm;
  /** The resource's own node (the workflow entry, the connector block, …). */
  readonly node: MapNode;
  readonly span: Span;
}

export type Resource = ConnectorIR | WorkflowIR | AgentIR | BundleIR;

// ─── connectors ────────────────────────────────────────────────────────────

export type ConnectorKind = 'http' | 'sdk' | 'mcp-server' | 'lambda' | 'custom' | 'command' | 'kafka';

export interface ConnectorIR {
  readonly kind: 'connector';
  readonly name: Name;
  readonly namespace: Name | undefined;
  readonly version: Name | undefined;
  readonly connectorKind: Name & { readonly value: string };
  readonly displayName: string | undefined;
  readonly description: string | undefined;
  /** author, homepage, license, icon, categories, supports, repository: kept as written. */
  readonly metadata: { readonly [key: string]: JsonValue };
  readonly runtime: ConnectorRuntime;
  readonly approval: JsonValue | undefined;
  readonly security: JsonValue | undefined;
  readonly auth: AuthIR | undefined;
  /** Connection settings of an `mcp-server` connector. */
  readonly mcp: McpServerIR | undefined;
  readonly actions: readonly ActionIR[];
  readonly origin: Origin;
}

export interface ConnectorRuntime {
  readonly timeoutSeconds: number | undefined;
  readonly memory: string | undefined;
  readonly environment: readonly { readonly name: string; readonly description?: string; readonly required: boolean }[];
}

export type AuthIR =
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string; readonly prefix?: string; readonly span: Span }
  | { readonly type: 'bearer'; readonly scheme?: string; readonly span: Span }
  | { readonly type: 'basic'; readonly span: Span }
  | {
      readonly type: 'oauth2';
      readonly flow?: string;
      readonly authorizationUrl?: string;
      readonly tokenUrl?: string;
      readonly scopes: readonly string[];
      readonly span: Span;
    }
  | { readonly type: 'custom'; readonly scheme?: string; readonly parameters?: JsonValue; readonly span: Span };

export interface McpServerIR {
  readonly transport: string | undefined;
  readonly endpoint: string | undefined;
  readonly command: string | undefined;
  readonly args: readonly string[];
  readonly env: { readonly [key: string]: string };
  readonly protocolVersion: string | undefined;
  readonly expose: JsonValue | undefined;
  readonly span: Span;
}

export interface ActionIR {
  readonly name: Name;
  readonly description: string | undefined;
  /** Input schema; an action without one takes `{type: object}`. */
  readonly input: SchemaIR | undefined;
  readonly output: SchemaIR | undefined;
  readonly handler: HandlerIR | undefined;
  readonly span: Span;
}

export interface RetryPolicyIR {
  readonly maxAttempts: number;
  readonly backoff: 'fixed' | 'linear' | 'exponential';
  /** Seconds before the second attempt (default 1). */
  readonly initialDelay: number | undefined;
  readonly backoffFactor: number | undefined;
  readonly maxDelay: number | undefined;
  readonly jitter: boolean;
  readonly retryOn: readonly string[] | undefined;
  readonly span: Span;
}

export interface UrlValidationIR {
  readonly allowedDomains: readonly string[] | undefined;
  readonly blockedDomains: readonly string[];
  readonly requireHTTPS: boolean;
  readonly allowPrivateNetworks: boolean;
  readonly allowLoopback: boolean;
  readonly span: Span;
}

export type HandlerIR = HttpHandlerIR | FunctionHandlerIR | CommandHandlerIR | KafkaHandlerIR | McpHandlerIR | LambdaHandlerIR | CustomHandlerIR;

export interface HttpHandlerIR {
  readonly kind: 'http';
  readonly url: Name;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  readonly headers: readonly { readonly name: string; readonly value: Name }[];
  readonly query: readonly { readonly name: string; readonly value: Name }[];
  /** An explicit body template; without one the action input is the JSON body. */
  readonly body: ValueNode | undefined;
  /** `envelope`: `{status, data}` / `{status:'error', message, code}`; `plain`: the body is the output. `auto` detects. */
  readonly response: 'auto' | 'envelope' | 'plain';
  readonly timeoutSeconds: number | undefined;
  readonly retry: RetryPolicyIR | undefined;
  readonly urlValidation: UrlValidationIR | undefined;
  readonly span: Span;
}

export interface FunctionHandlerIR {
  readonly kind: 'function';
  readonly name: Name;
  readonly span: Span;
}

export interface CommandHandlerIR {
  readonly kind: 'command';
  readonly command: Name;
  readonly args: readonly string[];
  readonly env: { readonly [key: string]: string };
  readonly workingDir: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly span: Span;
}

export interface KafkaHandlerIR {
  readonly kind: 'kafka';
  readonly topic: Name;
  readonly responseTopic: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly key: string | undefined;
  readonly brokers: readonly string[];
  readonly span: Span;
}

export interface McpHandlerIR {
  readonly kind: 'mcp';
  /** The MCP tool to call; defaults to the action name. */
  readonly tool: string | undefined;
  readonly endpoint: string | undefined;
  readonly transport: string | undefined;
  readonly command: string | undefined;
  readonly args: readonly string[];
  readonly span: Span;
}

export interface LambdaHandlerIR {
  readonly kind: 'lambda';
  readonly config: JsonValue;
  readonly span: Span;
}

export interface CustomHandlerIR {
  readonly kind: 'custom';
  readonly config: JsonValue;
  readonly span: Span;
}

// ─── workflows ─────────────────────────────────────────────────────────────

export interface WorkflowIR {
  readonly kind: 'workflow';
  readonly name: Name;
  readonly namespace: Name | undefined;
  readonly version: Name | undefined;
  readonly displayName: string | undefined;
  readonly description: string | undefined;
  readonly inputs: readonly WorkflowInputIR[];
  readonly triggers: readonly TriggerIR[];
  readonly steps: readonly StepIR[];
  readonly outputs: readonly WorkflowOutputIR[];
  readonly authorization: JsonValue | undefined;
  readonly guardrails: JsonValue | undefined;
  readonly testing: TestingIR | undefined;
  readonly origin: Origin;
}

export interface WorkflowInputIR {
  readonly name: Name;
  /** The JSON Schema part of the declaration (`required`, `default`, `description` removed). */
  readonly schema: SchemaIR;
  readonly required: boolean;
  readonly default: ValueNode | undefined;
  readonly description: string | undefined;
  readonly span: Span;
}

export interface WorkflowOutputIR {
  readonly name: Name;
  readonly value: ValueNode;
  readonly description: string | undefined;
  readonly span: Span;
}

export type TriggerIR =
  | { readonly kind: 'manual'; readonly span: Span }
  | { readonly kind: 'schedule'; readonly cron: ScalarNode; readonly timezone: ScalarNode | undefined; readonly span: Span }
  | {
      readonly kind: 'webhook';
      readonly path: string | undefined;
      readonly method: string | undefined;
      readonly auth: JsonValue | undefined;
      readonly security: JsonValue | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: 'event';
      readonly source: string | undefined;
      readonly topic: string | undefined;
      readonly filter: JsonValue | undefined;
      readonly span: Span;
    };

export interface TestingIR {
  readonly dryRun: { readonly enabled: boolean; readonly mockData: MapNode | undefined; readonly events: MapNode | undefined } | undefined;
  readonly fixtures: readonly FixtureIR[];
  readonly span: Span;
}

export interface FixtureIR {
  readonly name: Name;
  readonly inputs: MapNode | undefined;
  readonly expectedOutputs: MapNode | undefined;
  readonly span: Span;
}

// ─── steps ─────────────────────────────────────────────────────────────────

/** `for_each` on any step: run it once per item. */
export interface LoopSugarIR {
  readonly items: ValueNode;
  readonly parallel: boolean;
  readonly maxConcurrency: number | undefined;
  readonly span: Span;
}

/** Fields every step kind may carry. */
export interface StepCommon {
  readonly id: Name;
  /** The whole step mapping. */
  readonly span: Span;
  readonly node: MapNode;
  readonly description: string | undefined;
  /** `condition` on a non-`if` step: skip the step when false. */
  readonly when: ValueNode | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly retry: RetryPolicyIR | undefined;
  readonly continueOnError: boolean;
  readonly forEach: LoopSugarIR | undefined;
  readonly guardrails: JsonValue | undefined;
  readonly authorization: JsonValue | undefined;
  readonly backend: string | undefined;
}

export interface ActionStepIR extends StepCommon {
  readonly kind: 'action';
  /** The connector as written: a registry reference, or a bare name with `plugin:` (legacy). */
  readonly connector: Name;
  readonly legacyPlugin: boolean;
  readonly action: Name;
  readonly input: ValueNode | undefined;
}

export interface AgentStepIR extends StepCommon {
  readonly kind: 'agent';
  readonly agent: Name;
  readonly input: ValueNode | undefined;
}

export interface WorkflowStepIR extends StepCommon {
  readonly kind: 'workflow';
  /** A workflow name (same file first) or a `workflow:ns/name@range` reference. */
  readonly workflow: Name;
  readonly version: Name | undefined;
  readonly input: ValueNode | undefined;
}

export interface IfStepIR extends StepCommon {
  readonly kind: 'if';
  readonly condition: ValueNode;
  readonly then: StepList;
  readonly else: StepList | undefined;
}

export interface SwitchStepIR extends StepCommon {
  readonly kind: 'switch';
  readonly value: ValueNode;
  readonly cases: readonly { readonly name: Name; readonly steps: StepList }[];
  readonly default: StepList | undefined;
}

export interface ForEachStepIR extends StepCommon {
  readonly kind: 'forEach';
  readonly items: ValueNode;
  readonly steps: StepList;
  readonly maxConcurrency: number | undefined;
  readonly ordered: boolean;
  readonly continueOnErrorItems: boolean;
}

export type JoinIR = { readonly kind: 'all' } | { readonly kind: 'any' } | { readonly kind: 'count'; readonly count: number };

export interface ParallelStepIR extends StepCommon {
  readonly kind: 'parallel';
  readonly join: JoinIR;
  /** `branches:` map, or the inline list form (one branch per step, named by the step id). */
  readonly form: 'branches' | 'list';
  readonly branches: readonly { readonly name: Name; readonly steps: StepList }[];
}

export type WaitIR =
  | { readonly kind: 'duration'; readonly duration: ScalarNode; readonly seconds: number | undefined }
  | {
      readonly kind: 'event';
      readonly event: ScalarNode;
      readonly timeoutSeconds: number | undefined;
      readonly channel: string | undefined;
      readonly filter: JsonValue | undefined;
    }
  | { readonly kind: 'time'; readonly time: ScalarNode };

export interface WaitStepIR extends StepCommon {
  readonly kind: 'wait';
  readonly wait: WaitIR;
}

export interface TryStepIR extends StepCommon {
  readonly kind: 'try';
  readonly steps: StepList;
  readonly catch: StepList | undefined;
  readonly finally: StepList | undefined;
}

export interface TransformStepIR extends StepCommon {
  readonly kind: 'transform';
  readonly language: Name;
  readonly expression: ScalarNode;
  /** The document the transform reads; default: the previous step's output at the same level. */
  readonly input: ValueNode | undefined;
}

export type HandoffTargetIR =
  | { readonly kind: 'agent'; readonly agent: Name }
  | {
      readonly kind: 'select';
      readonly choices: readonly { readonly condition: ValueNode | undefined; readonly agent: Name; readonly span: Span }[];
    };

export interface HandoffStepIR extends StepCommon {
  readonly kind: 'handoff';
  readonly target: HandoffTargetIR;
  readonly reason: ValueNode | undefined;
  readonly context: ValueNode | undefined;
  readonly resumeAfter: boolean;
}

export type StepIR =
  | ActionStepIR
  | AgentStepIR
  | WorkflowStepIR
  | IfStepIR
  | SwitchStepIR
  | ForEachStepIR
  | ParallelStepIR
  | WaitStepIR
  | TryStepIR
  | TransformStepIR
  | HandoffStepIR;

export type StepKind = StepIR['kind'];

/** A list of steps with the span of the list (for "empty step list" diagnostics). */
export interface StepList {
  readonly steps: readonly StepIR[];
  readonly span: Span;
}

// ─── agents and bundles ────────────────────────────────────────────────────

export interface AgentIR {
  readonly kind: 'agent';
  readonly name: Name;
  readonly namespace: Name | undefined;
  readonly version: Name | undefined;
  readonly displayName: string | undefined;
  readonly description: string | undefined;
  readonly model: { readonly provider: string | undefined; readonly id: string | undefined; readonly params: JsonValue | undefined } | undefined;
  readonly systemPrompt: string | undefined;
  /** Connector references the agent may call. */
  readonly toolset: readonly Name[];
  readonly inputSchema: SchemaIR | undefined;
  readonly outputSchema: SchemaIR | undefined;
  readonly guardrails: JsonValue | undefined;
  readonly execution: JsonValue | undefined;
  readonly origin: Origin;
}

export interface BundleIR {
  readonly kind: 'bundle';
  readonly name: Name;
  readonly namespace: Name | undefined;
  readonly version: Name | undefined;
  readonly description: string | undefined;
  readonly includes: readonly Name[];
  readonly origin: Origin;
}

/** Everything loaded, lowered and (after resolve) bound. */
export interface Program {
  readonly files: readonly SourceFile[];
  readonly connectors: readonly ConnectorIR[];
  readonly workflows: readonly WorkflowIR[];
  readonly agents: readonly AgentIR[];
  readonly bundles: readonly BundleIR[];
}
