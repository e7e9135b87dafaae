/**
 * Lowers agent manifests in their three forms: the registry form (`type:
 * agent`; `model: {provider, id}`, `systemPrompt` or
 * `personality.systemPrompt`, `toolset`, `io.inputSchema`/`io.outputSchema`),
 * the `agent:` block form (the same fields inside `agent:`), and the agent
 * JSON Schema form (`agent.id`, `model: {provider, name}`,
 * `instructions.system`, `tools: [{name}]`, `runtime`).
 */
import type { MapNode, ValueNode } from '../source/nodes.js';
import type { Span } from '../source/span.js';
import type { LowerContext } from './context.js';
import { originOf } from './context.js';
import type { AgentIR, JsonValue, Name } from './ir.js';
import { jsonOf, mapOf, nameListOf, nameOf, nameOrEmpty, optionalJsonOf, schemaOf, stringOf, valueOf } from './values.js';

/** Lowers the agent in `root` (a recognised agent manifest). */
export function lowerAgent(ctx: LowerContext, root: MapNode): AgentIR {
  if (ctx.form.form === 'agent-schema') return lowerAgentSchemaForm(ctx, root);
  const block = ctx.form.form === 'block' ? mapOf(valueOf(root, 'agent')) : undefined;
  const meta = block ?? root;
  // In the block form a field may also sit beside the block; the block wins.
  const read = (...keys: string[]): ValueNode | undefined => valueOf(meta, ...keys) ?? (block ? valueOf(root, ...keys) : undefined);
  const model = mapOf(read('model'));
  const io = read('io');
  return {
    kind: 'agent',
    name: nameOrEmpty(valueOf(meta, 'name', 'id'), meta.span),
    namespace: nameOf(read('namespace')),
    version: nameOf(read('version')),
    displayName: stringOf(read('displayName', 'display_name')),
    description: stringOf(read('description')),
    model: model ? modelOf(model, 'id', new Set(['provider', 'id', 'params'])) : undefined,
    systemPrompt: stringOf(read('systemPrompt', 'system_prompt')) ?? stringOf(valueOf(read('personality'), 'systemPrompt', 'system_prompt')),
    toolset: nameListOf(read('toolset', 'tools')),
    inputSchema: schemaOf(valueOf(io, 'inputSchema', 'input_schema')),
    outputSchema: schemaOf(valueOf(io, 'outputSchema', 'output_schema')),
    guardrails: optionalJsonOf(read('guardrails')),
    execution: optionalJsonOf(read('execution')),
    origin: originOf(ctx, meta),
  };
}

/**
 * `model` with its identifier under `idKey`; `params`, when given, are the
 * parameters, otherwise every other field (temperature, maxTokens, …) is.
 */
function modelOf(model: MapNode, idKey: string, reserved: ReadonlySet<string>): NonNullable<AgentIR['model']> {
  const paramsNode = valueOf(model, 'params');
  let params: JsonValue | undefined = paramsNode ? jsonOf(paramsNode) : undefined;
  if (params === undefined) {
    const rest = model.entries.filter((e) => !reserved.has(e.key));
    if (rest.length > 0) params = jsonOf({ ...model, entries: rest });
  }
  return { provider: stringOf(valueOf(model, 'provider')), id: stringOf(valueOf(model, idKey)), params };
}

function lowerAgentSchemaForm(ctx: LowerContext, root: MapNode): AgentIR {
  const agent = valueOf(root, 'agent');
  const idNode = valueOf(agent, 'id') ?? valueOf(agent, 'name');
  const identity = splitAgentId(nameOrEmpty(idNode, agent?.span ?? root.span));
  const model = mapOf(valueOf(root, 'model'));
  const tools = valueOf(root, 'tools');
  const io = valueOf(root, 'io');
  const runtime = valueOf(root, 'runtime');
  const outputSchema = valueOf(io, 'output_schema', 'outputSchema');
  const inputSchema = valueOf(io, 'input_schema', 'inputSchema');
  return {
    kind: 'agent',
    name: identity.name,
    namespace: identity.namespace,
    version: identity.version,
    displayName: stringOf(valueOf(agent, 'displayName', 'display_name')),
    description: stringOf(valueOf(agent, 'description')) ?? stringOf(valueOf(root, 'description')),
    model: model ? modelOf(model, 'name', new Set(['provider', 'name', 'params'])) : undefined,
    systemPrompt: stringOf(valueOf(valueOf(root, 'instructions'), 'system')),
    toolset: tools?.kind === 'seq' ? tools.items.flatMap((t) => toolName(t)) : [],
    // In this form the io schemas may be references written as strings; only inline schemas are kept.
    inputSchema: inputSchema?.kind === 'map' ? schemaOf(inputSchema) : undefined,
    outputSchema: outputSchema?.kind === 'map' ? schemaOf(outputSchema) : undefined,
    guardrails: optionalJsonOf(valueOf(root, 'guardrails')),
    execution: runtime === undefined ? undefined : { runtime: jsonOf(runtime) },
    origin: originOf(ctx, root),
  };
}

function toolName(tool: ValueNode): Name[] {
  const name = nameOf(tool) ?? nameOf(valueOf(tool, 'name'));
  return name ? [name] : [];
}

/**
 * `agent.id` may be a plain name or a registry identity
 * (`[agent:]namespace/name[@version]`); the parts get spans inside the scalar.
 */
function splitAgentId(id: Name): { name: Name; namespace: Name | undefined; version: Name | undefined } {
  const match = /^(?:agent:)?([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/.exec(id.value);
  if (!match) return { name: id, namespace: undefined, version: undefined };
  const text = id.value;
  const nsStart = text.startsWith('agent:') ? 6 : 0;
  const nameStart = nsStart + match[1]!.length + 1;
  const versionStart = nameStart + match[2]!.length + 1;
  const part = (start: number, value: string): Name => ({ value, span: subSpan(id, start, start + value.length) });
  return {
    namespace: part(nsStart, match[1]!),
    name: part(nameStart, match[2]!),
    version: match[3] === undefined ? undefined : part(versionStart, match[3]),
  };
}

/**
 * A span inside a name's scalar, assuming the value is written verbatim
 * (plain or simply quoted); falls back to the whole scalar otherwise.
 */
function subSpan(id: Name, start: number, end: number): Span {
  const quoted = id.span.end - id.span.start === id.value.length + 2 ? 1 : 0;
  if (id.span.end - id.span.start !== id.value.length + 2 * quoted) return id.span;
  return { file: id.span.file, start: id.span.start + quoted + start, end: id.span.start + quoted + end };
}
