/**
 * Lowers a connector manifest: the `connector:` block form (with `actions:`
 * beside the block or inside it) and the registry form (`type: connector`
 * with every field at the top level).
 */
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import { spanStart } from '../source/span.js';
import type { LowerContext } from './context.js';
import { originOf } from './context.js';
import type { ActionIR, AuthIR, ConnectorIR, ConnectorRuntime, JsonValue, McpServerIR } from './ir.js';
import { lowerHandler } from './lower-handler.js';
import {
  booleanOf,
  jsonOf,
  mapOf,
  nameOf,
  nameOrEmpty,
  numberOf,
  optionalJsonOf,
  schemaOf,
  secondsOf,
  stringListOf,
  stringMapOf,
  stringOf,
  valueOf,
} from './values.js';

const metadataKeys = ['author', 'homepage', 'license', 'icon', 'categories', 'supports', 'repository', 'tags'];

/** Lowers the connector in `root` (a recognised connector manifest). */
export function lowerConnector(ctx: LowerContext, root: MapNode): ConnectorIR {
  const block = ctx.form.form === 'block' ? mapOf(valueOf(root, 'connector')) : undefined;
  const meta = block ?? root;
  const actionsNode = valueOf(meta, 'actions') ?? valueOf(root, 'actions');
  const kind = nameOf(valueOf(meta, 'kind'));
  const metadata: { [key: string]: JsonValue } = {};
  for (const key of metadataKeys) {
    const e = entry(meta, key);
    if (e) metadata[key] = jsonOf(e.value);
  }
  return {
    kind: 'connector',
    name: nameOrEmpty(valueOf(meta, 'name'), meta.span),
    namespace: nameOf(valueOf(meta, 'namespace')),
    version: nameOf(valueOf(meta, 'version')),
    // The schema requires `kind`; without one the connector is treated as custom.
    connectorKind: kind ?? { value: 'custom', span: spanStart(meta.span) },
    displayName: stringOf(valueOf(meta, 'displayName', 'display_name')),
    description: stringOf(valueOf(meta, 'description')),
    metadata,
    runtime: lowerRuntime(valueOf(meta, 'runtime')),
    approval: optionalJsonOf(valueOf(meta, 'approval')),
    security: optionalJsonOf(valueOf(meta, 'security')),
    auth: lowerAuth(valueOf(meta, 'auth') ?? valueOf(root, 'auth')),
    mcp: lowerMcpServer(valueOf(meta, 'mcp') ?? valueOf(root, 'mcp')),
    actions: actionsNode?.kind === 'seq' ? actionsNode.items.flatMap((item) => (item.kind === 'map' ? [lowerAction(item)] : [])) : [],
    origin: originOf(ctx, block ?? root),
  };
}

function lowerAction(node: MapNode): ActionIR {
  return {
    name: nameOrEmpty(valueOf(node, 'name', 'id'), node.span),
    description: stringOf(valueOf(node, 'description')),
    input: schemaOf(valueOf(node, 'input', 'inputSchema', 'input_schema')),
    output: schemaOf(valueOf(node, 'output', 'outputSchema', 'output_schema')),
    handler: lowerHandler(valueOf(node, 'handler')),
    span: node.span,
  };
}

function lowerRuntime(node: ValueNode | undefined): ConnectorRuntime {
  const environment = valueOf(node, 'environment');
  return {
    timeoutSeconds: secondsOf(valueOf(node, 'timeout')),
    memory: stringOf(valueOf(node, 'memory')),
    environment:
      environment?.kind === 'seq'
        ? environment.items.flatMap((item) => {
            const name = stringOf(valueOf(item, 'name'));
            if (name === undefined) return [];
            const description = stringOf(valueOf(item, 'description'));
            return [{ name, ...(description === undefined ? {} : { description }), required: booleanOf(valueOf(item, 'required'), false) }];
          })
        : [],
  };
}

function lowerAuth(node: ValueNode | undefined): AuthIR | undefined {
  const map = mapOf(node);
  if (!map) return undefined;
  const type = stringOf(valueOf(map, 'type'));
  const span = map.span;
  const scheme = stringOf(valueOf(map, 'scheme'));
  switch (type) {
    case 'apiKey':
    case 'api_key': {
      const where = stringOf(valueOf(map, 'in'));
      const prefix = stringOf(valueOf(map, 'prefix'));
      return {
        type: 'apiKey',
        in: where === 'query' || where === 'cookie' ? where : 'header',
        name: stringOf(valueOf(map, 'name')) ?? 'Authorization',
        ...(prefix === undefined ? {} : { prefix }),
        span,
      };
    }
    case 'bearer':
      return { type: 'bearer', ...(scheme === undefined ? {} : { scheme }), span };
    case 'basic':
      return { type: 'basic', span };
    case 'oauth2': {
      const flow = stringOf(valueOf(map, 'flow'));
      const authorizationUrl = stringOf(valueOf(map, 'authorizationUrl'));
      const tokenUrl = stringOf(valueOf(map, 'tokenUrl'));
      return {
        type: 'oauth2',
        ...(flow === undefined ? {} : { flow }),
        ...(authorizationUrl === undefined ? {} : { authorizationUrl }),
        ...(tokenUrl === undefined ? {} : { tokenUrl }),
        scopes: stringListOf(valueOf(map, 'scopes')),
        span,
      };
    }
    case 'custom': {
      const parameters = optionalJsonOf(valueOf(map, 'parameters'));
      return { type: 'custom', ...(scheme === undefined ? {} : { scheme }), ...(parameters === undefined ? {} : { parameters }), span };
    }
    default:
      return undefined;
  }
}

function lowerMcpServer(node: ValueNode | undefined): McpServerIR | undefined {
  const map = mapOf(node);
  if (!map) return undefined;
  const protocol = valueOf(map, 'protocolVersion', 'protocol_version');
  return {
    transport: stringOf(valueOf(map, 'transport')),
    endpoint: stringOf(valueOf(map, 'endpoint', 'url')),
    command: stringOf(valueOf(map, 'command')),
    args: stringListOf(valueOf(map, 'args')),
    env: stringMapOf(valueOf(map, 'env')),
    protocolVersion: stringOf(protocol) ?? (numberOf(protocol) === undefined ? undefined : String(numberOf(protocol))),
    expose: optionalJsonOf(valueOf(map, 'expose')),
    span: map.span,
  };
}
