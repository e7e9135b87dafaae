/**
 * Running the checks: every check in ./registry.ts, in order, over the
 * lowered and resolved program (see ./check.ts for the framework).
 */
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import type { CheckOptions } from './check.js';
import { checks } from './registry.js';

export type { Check, CheckContext, CheckOptions } from './check.js';

/** Runs every registered check and returns their diagnostics, sorted. */
export function runChecks(program: Program, bindings: Bindings, options: CheckOptions): Diagnostic[] {
  const bag = new DiagnosticBag();
  const context = { program, bindings, options, bag };
  for (const check of checks) check.run(context);
  return sortDiagnostics(bag.all);
}
