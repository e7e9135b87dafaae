/**
 * Resolution: binds every reference in the checked program — action steps'
 * connectors and actions, agent steps and handoff targets, sub-workflow
 * steps, agent toolsets, bundle includes — to a loaded resource (DESIGN.md
 * §3), then looks for sub-workflow cycles.
 *
 * Candidates come from the program and the registry folders alike. A
 * registry reference binds to the highest version that satisfies its range
 * (or the locked version while it still does); a bare name (`plugin: slack`,
 * `workflow: etl`, an agent name) binds to the only resource of that name,
 * or the highest version when one namespace holds several. Resources bound
 * from the registry are resolved in turn, so a dependency's own references
 * are checked too. Every binding is recorded in the returned lock.
 */
import { assertNever, DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveMessages as M } from '../diagnostics/catalog/resolve.js';
import type { ActionIR, ActionStepIR, AgentIR, BundleIR, ConnectorIR, Name, Program, Resource, StepIR, WorkflowIR, WorkflowStepIR } from '../lower/ir.js';
import { walkSteps } from '../lower/walk.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { Bindings } from './bindings.js';
import { Binder, type BindRequest } from './binder.js';
import { findWorkflowCycles } from './cycles.js';
import { compareStrings, type LockEntry, type LockFile } from './lockfile.js';
import { looksLikeRegistryRef, parseVersionSpec, type Reference, type RegistryType, type VersionSpec } from './ref.js';
import { ResourceIndex } from './resource-index.js';

export { emptyBindings, type Bindings } from './bindings.js';
export { emptyLockFile, lockFileName, parseLockFile, serializeLockFile, writeLockFile, type LockEntry, type LockFile } from './lockfile.js';
export { parseReference, parseVersionSpec, type Reference, type RegistryRef, type RegistryType, type VersionSpec } from './ref.js';

export interface ResolveOptions {
  /** The lock to honour (see lockfile.ts). */
  readonly lock?: LockFile;
  /** Folder of the lock file; manifest paths in the returned lock are relative to it. Default: `cwd`. */
  readonly lockDir?: string;
  /** Folder that loaded file paths are relative to. Default: the working directory. */
  readonly cwd?: string;
}

export interface ResolveResult {
  readonly bindings: Bindings;
  readonly diagnostics: Diagnostic[];
  /** What this run resolved every reference to; write it as owc.lock. */
  readonly lock: LockFile;
  /** Resources bound from the registry folders (directly or through other dependencies), by identity. */
  readonly dependencies: readonly Resource[];
  /** For each file holding references, the keys of `lock` its references were bound under. */
  readonly lockKeysByFile: ReadonlyMap<string, ReadonlySet<string>>;
}

interface MutableBindings {
  readonly connectors: Map<Name, ConnectorIR>;
  readonly actions: Map<ActionStepIR, { readonly connector: ConnectorIR; readonly action: ActionIR }>;
  readonly agents: Map<Name, AgentIR>;
  readonly workflows: Map<Name, WorkflowIR>;
  readonly bundles: Map<Name, BundleIR>;
}

/**
 * Binds the references of `program` against `program` and `registry` (the
 * manifests of the `--registry` folders, lowered the same way).
 */
export function resolveProgram(program: Program, registry: Program, options: ResolveOptions = {}): ResolveResult {
  const cwd = options.cwd ?? process.cwd();
  const bag = new DiagnosticBag();
  const index = new ResourceIndex(program, registry);
  const binder = new Binder(index, bag, { lock: options.lock, lockDir: options.lockDir ?? cwd, cwd });
  const bindings: MutableBindings = { connectors: new Map(), actions: new Map(), agents: new Map(), workflows: new Map(), bundles: new Map() };

  const queue: Resource[] = [...program.workflows, ...program.agents, ...program.bundles];
  const queued = new Set<Resource>(queue);
  const dependencies = new Set<Resource>();
  const bindRef = (type: RegistryType, reference: Reference, extra: BindOptions = {}): Resource | undefined => {
    const found = binder.bind({ type, reference, ...extra });
    if (found === undefined) return undefined;
    if (found.fromRegistry) dependencies.add(found.resource);
    if (!queued.has(found.resource) && found.resource.kind !== 'connector') {
      queued.add(found.resource);
      queue.push(found.resource);
    }
    return found.resource;
  };
  const ctx: Context = { binder, bindings, bindRef };

  for (let i = 0; i < queue.length; i++) {
    const resource = queue[i]!;
    switch (resource.kind) {
      case 'workflow':
        walkSteps(resource.steps, (step) => resolveStep(step, ctx));
        break;
      case 'agent':
        for (const tool of resource.toolset) {
          // In the agent JSON Schema form, `tools: [{name}]` names tools, which are connector references only when written as one.
          if (resource.origin.form.form === 'agent-schema' && !looksLikeRegistryRef(tool.value)) continue;
          resolveConnector(tool, ctx);
        }
        break;
      case 'bundle':
        for (const include of resource.includes) resolveInclude(include, ctx);
        break;
      case 'connector':
        break;
      default:
        assertNever(resource, 'resource kind');
    }
  }

  const workflowsReached = queue.filter((r): r is WorkflowIR => r.kind === 'workflow');
  bag.addAll(findWorkflowCycles(workflowsReached, bindings.workflows));

  const references: Array<[string, LockEntry]> = [...binder.lockEntries].sort(([a], [b]) => compareStrings(a, b));
  const identity = (r: Resource): string => index.entryOf(r)?.identity ?? r.name.value;
  return {
    bindings,
    diagnostics: sortDiagnostics(bag.all),
    lock: { lockfileVersion: 1, references: Object.fromEntries(references) },
    dependencies: [...dependencies].sort((a, b) => compareStrings(identity(a), identity(b))),
    lockKeysByFile: binder.lockKeysByFile,
  };
}

interface Context {
  readonly binder: Binder;
  readonly bindings: MutableBindings;
  readonly bindRef: (type: RegistryType, reference: Reference, extra?: BindOptions) => Resource | undefined;
}

/** What a reference may carry besides itself (see BindRequest). */
type BindOptions = Omit<BindRequest, 'type' | 'reference'>;

function resolveStep(step: StepIR, ctx: Context): void {
  switch (step.kind) {
    case 'action': {
      const connector = resolveConnector(step.connector, ctx);
      if (connector !== undefined) resolveAction(step, connector, ctx);
      return;
    }
    case 'agent':
      resolveAgent(step.agent, ctx);
      return;
    case 'workflow':
      resolveWorkflowStep(step, ctx);
      return;
    case 'handoff':
      if (step.target.kind === 'agent') resolveAgent(step.target.agent, ctx);
      else for (const choice of step.target.choices) resolveAgent(choice.agent, ctx);
      return;
    case 'if':
    case 'switch':
    case 'forEach':
    case 'parallel':
    case 'wait':
    case 'try':
    case 'transform':
      return;
    default:
      assertNever(step, 'step kind');
  }
}

/** A connector reference (an action step's `connector`, or a legacy `plugin:` bare name; an agent toolset entry). */
function resolveConnector(written: Name, ctx: Context): ConnectorIR | undefined {
  if (written.value.trim() === '') return undefined;
  const reference = ctx.binder.parse(written, { expected: 'connector', allowBare: true });
  if (reference === undefined) return undefined;
  const found = ctx.bindRef('connector', reference);
  if (found?.kind !== 'connector') return undefined;
  ctx.bindings.connectors.set(written, found);
  return found;
}

function resolveAction(step: ActionStepIR, connector: ConnectorIR, ctx: Context): void {
  const name = step.action.value;
  if (name === '') return;
  const action = connector.actions.find((a) => a.name.value === name);
  if (action !== undefined) {
    ctx.bindings.actions.set(step, { connector, action });
    return;
  }
  // An MCP server that declares no actions exposes its tools only at run time.
  if (connector.actions.length === 0 && connector.connectorKind.value === 'mcp-server') return;
  const names = connector.actions.map((a) => a.name.value);
  const suggestion = closestMatch(name, names);
  const list = names.length === 0 ? 'it declares no actions' : `its actions are: ${names.join(', ')}`;
  const label = connectorLabel(connector);
  ctx.binder.report(M.UnknownAction, step.action.span, { connector: label, action: name }, {
    hint: suggestion === undefined ? list : `did you mean '${suggestion}'? ${list}`,
    related: [{ message: `${label} is declared here`, span: connector.origin.span }],
  });
}

function resolveAgent(written: Name, ctx: Context): void {
  if (written.value.trim() === '') return;
  const reference = ctx.binder.parse(written, { expected: 'agent', allowBare: true });
  if (reference === undefined) return;
  const found = ctx.bindRef('agent', reference);
  if (found?.kind === 'agent') ctx.bindings.agents.set(written, found);
}

function resolveWorkflowStep(step: WorkflowStepIR, ctx: Context): void {
  const written = step.workflow;
  if (written.value.trim() === '') return;
  const reference = ctx.binder.parse(written, { expected: 'workflow', allowBare: true });
  if (reference === undefined) return;
  let versionOverride: VersionSpec | undefined;
  if (step.version !== undefined && step.version.value.trim() !== '') {
    const spec = parseVersionSpec(step.version.value);
    if (spec === undefined) {
      ctx.binder.report(M.RefInvalidVersion, step.version.span, { ref: written.value, version: step.version.value });
      return;
    }
    if (reference.kind === 'registry' && !(reference.ref.version.kind === 'latest' && reference.ref.version.implicit)) {
      ctx.binder.report(M.VersionConflict, step.version.span, { step: step.id.value, inRef: reference.ref.version.text, field: step.version.value });
    } else {
      versionOverride = spec;
    }
  }
  const found = ctx.bindRef('workflow', reference, {
    preferSameFile: true,
    ...(versionOverride ? { versionOverride, versionSpan: step.version!.span } : {}),
  });
  if (found?.kind === 'workflow') ctx.bindings.workflows.set(written, found);
}

function resolveInclude(written: Name, ctx: Context): void {
  if (written.value.trim() === '') return;
  const reference = ctx.binder.parse(written, { expected: 'any', allowBare: true });
  if (reference === undefined) return;
  if (reference.kind === 'bare') {
    ctx.binder.report(M.BundleIncludeNeedsType, written.span, { ref: written.value });
    return;
  }
  const found = ctx.bindRef(reference.ref.type, reference);
  if (found === undefined) return;
  switch (found.kind) {
    case 'connector':
      ctx.bindings.connectors.set(written, found);
      return;
    case 'workflow':
      ctx.bindings.workflows.set(written, found);
      return;
    case 'agent':
      ctx.bindings.agents.set(written, found);
      return;
    case 'bundle':
      ctx.bindings.bundles.set(written, found);
      return;
    default:
      assertNever(found, 'resource kind');
  }
}

/** `connector:community/weather@1.0.0`, or `connector 'weather'` when it has no registry identity. */
function connectorLabel(connector: ConnectorIR): string {
  const ns = connector.namespace?.value;
  const version = connector.version?.value;
  return ns === undefined ? `connector '${connector.name.value}'` : `connector:${ns}/${connector.name.value}${version === undefined ? '' : `@${version}`}`;
}
