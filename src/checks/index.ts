/**
 * Running the checks: every check in ./registry.ts over the lowered and
 * resolved program (see ./check.ts for the framework). Program-wide checks
 * run in order; then the checks that read the expression analysis run, in
 * order, over one workflow at a time.
 */
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import type { Check, CheckOptions } from './check.js';
import { forEachWorkflowAnalysis } from './expressions/analysis.js';
import { checks } from './registry.js';

export type { Check, CheckContext, CheckOptions } from './check.js';

/** Runs every registered check and returns their diagnostics, sorted. */
export function runChecks(program: Program, bindings: Bindings, options: CheckOptions): Diagnostic[] {
  const bag = new DiagnosticBag();
  const context = { program, bindings, options, bag };
  const perWorkflow: Check[] = [];
  for (const check of checks) {
    if (check.runWorkflow) perWorkflow.push(check);
    else check.run(context);
  }
  if (perWorkflow.length > 0) {
    forEachWorkflowAnalysis(context, (analysis) => {
      for (const check of perWorkflow) check.runWorkflow?.(context, analysis);
    });
  }
  return sortDiagnostics(bag.all);
}
