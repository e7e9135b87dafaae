/**
 * Sub-workflow cycles: A calls B calls A (or A calls itself). Such a run
 * never ends, so each cycle is an error at the step whose call closes it,
 * with the other calls of the cycle as related locations.
 */
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveMessages as M } from '../diagnostics/catalog/resolve.js';
import type { Name, WorkflowIR, WorkflowStepIR } from '../lower/ir.js';
import { allSteps } from '../lower/walk.js';

/** Finds every cycle reachable from `roots`, once each, following bound `workflow` steps. */
export function findWorkflowCycles(roots: readonly WorkflowIR[], bound: ReadonlyMap<Name, WorkflowIR>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<WorkflowIR, 'active' | 'done'>();
  const path: WorkflowIR[] = [];
  const calls: WorkflowStepIR[] = [];

  const visit = (workflow: WorkflowIR): void => {
    state.set(workflow, 'active');
    path.push(workflow);
    for (const step of allSteps(workflow.steps)) {
      if (step.kind !== 'workflow') continue;
      const target = bound.get(step.workflow);
      if (target === undefined) continue;
      const seen = state.get(target);
      if (seen === 'active') {
        const from = path.indexOf(target);
        const cycle = [...path.slice(from), target].map(label).join(' → ');
        const related = calls.slice(from).map((call) => ({ message: `'${call.id.value}' calls '${label(bound.get(call.workflow)!)}' here`, span: call.workflow.span }));
        diagnostics.push(createDiagnostic(M.WorkflowCycle, step.workflow.span, { step: step.id.value, cycle }, { related }));
      } else if (seen === undefined) {
        calls.push(step);
        visit(target);
        calls.pop();
      }
    }
    path.pop();
    state.set(workflow, 'done');
  };

  for (const root of roots) if (!state.has(root)) visit(root);
  return diagnostics;
}

function label(workflow: WorkflowIR): string {
  return workflow.namespace === undefined ? workflow.name.value : `${workflow.namespace.value}/${workflow.name.value}`;
}
