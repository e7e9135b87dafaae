/**
 * The check framework. A check is one file exporting a `Check`: a name, a
 * sentence of documentation, and `run`, which reads the lowered and resolved
 * program and reports into the bag. Checks never throw on odd input and never
 * write message text inline: they report catalog entries.
 *
 * A check that reads the expression analysis is written per workflow
 * (`workflowCheck` in ./expressions/analysis.ts).
 *
 * To add a check: write `src/checks/<area>/<name>.ts` exporting a `Check`,
 * add it to the list in ./registry.ts, and pair it with
 * `test/checks/<name>.test.ts`.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import type { WorkflowAnalysis } from './expressions/analysis.js';

export interface CheckOptions {
  /** `--strict`: warnings about possibly-undefined values become errors. */
  readonly strict: boolean;
}

/** What a check can read, and where it reports. */
export interface CheckContext {
  readonly program: Program;
  readonly bindings: Bindings;
  readonly options: CheckOptions;
  readonly bag: DiagnosticBag;
}

export interface Check {
  /** Kebab-case, unique: `duplicate-step-ids`. */
  readonly name: string;
  /** One sentence: what the check reports. */
  readonly doc: string;
  readonly run: (context: CheckContext) => void;
  /**
   * For checks that read the expression analysis: the check over one
   * workflow. `runChecks` runs every such check over a workflow's analysis
   * before analyzing the next workflow, so no analysis outlives its
   * workflow; `run` does the same for the one check.
   */
  readonly runWorkflow?: (context: CheckContext, analysis: WorkflowAnalysis) => void;
}
