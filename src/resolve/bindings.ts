/**
 * What resolution produces: every reference in the program bound to the
 * resource it names. Keys are the IR objects themselves (identity), so a
 * check holding a step or a `Name` can look up its target directly.
 */
import type { ActionIR, ActionStepIR, AgentIR, BundleIR, ConnectorIR, Name, WorkflowIR } from '../lower/ir.js';

export interface Bindings {
  /** Every connector reference (an action step's `connector`, an agent's toolset entry, a bundle include) → connector. */
  readonly connectors: ReadonlyMap<Name, ConnectorIR>;
  /** Every action step whose connector and action both resolved → the action. */
  readonly actions: ReadonlyMap<ActionStepIR, { readonly connector: ConnectorIR; readonly action: ActionIR }>;
  /** Every agent reference (agent steps, handoff targets, bundle includes) → agent. */
  readonly agents: ReadonlyMap<Name, AgentIR>;
  /** Every sub-workflow reference (a `workflow` step's `workflow`, a bundle include) → workflow. */
  readonly workflows: ReadonlyMap<Name, WorkflowIR>;
  /** Every bundle reference (a bundle include naming another bundle) → bundle. */
  readonly bundles: ReadonlyMap<Name, BundleIR>;
}

/** Empty bindings, for stages run before (or without) resolution. */
export function emptyBindings(): Bindings {
  return { connectors: new Map(), actions: new Map(), agents: new Map(), workflows: new Map(), bundles: new Map() };
}
