/**
 * Lowering: recognised manifests → the IR (DESIGN §2). Every spelling the
 * spec uses becomes one normalised shape; every node keeps its span. Lowering
 * never throws on malformed input: it skips or defaults what the schema stage
 * has already reported, and reports only what makes the IR impossible and the
 * schema cannot see (a step without an identifier, a step of unknown kind).
 */
import { DiagnosticBag, assertNever, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedManifest } from '../source/load.js';
import type { SourceFile } from '../source/span.js';
import type { LowerContext } from './context.js';
import type { AgentIR, BundleIR, ConnectorIR, Program, WorkflowIR } from './ir.js';
import { lowerAgent } from './lower-agent.js';
import { lowerBundle } from './lower-bundle.js';
import { lowerConnector } from './lower-connector.js';
import { lowerWorkflows } from './lower-workflow.js';

/** What lowering one manifest gave. */
type Lowered =
  | { readonly kind: 'connector'; readonly resources: readonly ConnectorIR[]; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'workflow'; readonly resources: readonly WorkflowIR[]; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'agent'; readonly resources: readonly AgentIR[]; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'bundle'; readonly resources: readonly BundleIR[]; readonly diagnostics: readonly Diagnostic[] };

/**
 * Lowering depends on nothing but the manifest, and neither the manifest nor
 * the IR is ever changed: a manifest lowered before (one a long-lived process
 * loaded once and keeps, see node-codec.ts) gives back the same IR objects.
 */
const loweredBefore = new WeakMap<LoadedManifest, Lowered>();

function lowerOne(manifest: LoadedManifest): Lowered {
  const known = loweredBefore.get(manifest);
  if (known !== undefined) return known;
  const bag = new DiagnosticBag();
  const ctx: LowerContext = { file: manifest.file, form: manifest.form, bag };
  const resource = manifest.form.resource;
  let lowered: Lowered;
  switch (resource) {
    case 'connector':
      lowered = { kind: resource, resources: [lowerConnector(ctx, manifest.root)], diagnostics: bag.all };
      break;
    case 'workflow':
      lowered = { kind: resource, resources: lowerWorkflows(ctx, manifest.root), diagnostics: bag.all };
      break;
    case 'agent':
      lowered = { kind: resource, resources: [lowerAgent(ctx, manifest.root)], diagnostics: bag.all };
      break;
    case 'bundle':
      lowered = { kind: resource, resources: [lowerBundle(ctx, manifest.root)], diagnostics: bag.all };
      break;
    default:
      assertNever(resource, 'resource kind');
  }
  loweredBefore.set(manifest, lowered);
  return lowered;
}

/** Lowers every manifest into one Program; `files` are the distinct files, in load order. */
export function lowerManifests(manifests: readonly LoadedManifest[]): { program: Program; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const connectors: ConnectorIR[] = [];
  const workflows: WorkflowIR[] = [];
  const agents: AgentIR[] = [];
  const bundles: BundleIR[] = [];
  const seen = new Set<SourceFile>();
  for (const manifest of manifests) {
    if (!seen.has(manifest.file)) {
      seen.add(manifest.file);
      files.push(manifest.file);
    }
    const lowered = lowerOne(manifest);
    if (lowered.kind === 'connector') connectors.push(...lowered.resources);
    else if (lowered.kind === 'workflow') workflows.push(...lowered.resources);
    else if (lowered.kind === 'agent') agents.push(...lowered.resources);
    else bundles.push(...lowered.resources);
    diagnostics.push(...lowered.diagnostics);
  }
  return { program: { files, connectors, workflows, agents, bundles }, diagnostics };
}
