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

/** Lowers every manifest into one Program; `files` are the distinct files, in load order. */
export function lowerManifests(manifests: readonly LoadedManifest[]): { program: Program; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag();
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
    const ctx: LowerContext = { file: manifest.file, form: manifest.form, bag };
    const resource = manifest.form.resource;
    switch (resource) {
      case 'connector':
        connectors.push(lowerConnector(ctx, manifest.root));
        break;
      case 'workflow':
        workflows.push(...lowerWorkflows(ctx, manifest.root));
        break;
      case 'agent':
        agents.push(lowerAgent(ctx, manifest.root));
        break;
      case 'bundle':
        bundles.push(lowerBundle(ctx, manifest.root));
        break;
      default:
        assertNever(resource, 'resource kind');
    }
  }
  return { program: { files, connectors, workflows, agents, bundles }, diagnostics: [...bag.all] };
}
