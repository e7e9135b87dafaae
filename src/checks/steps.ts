/** Helpers shared by checks: step traversal, templates, value spans, duplicates. */
import type { Program, StepIR, WorkflowIR } from '../lower/ir.js';
import type { ScalarNode } from '../source/nodes.js';
import type { Span } from '../source/span.js';
import { allSteps } from '../lower/walk.js';

const stepLists = new WeakMap<WorkflowIR, readonly StepIR[]>();

/**
 * Every step of `workflow`, parents before children, in source order. Listed
 * once per workflow and shared: a dozen checks go through every step.
 */
export function stepsOf(workflow: WorkflowIR): readonly StepIR[] {
  let steps = stepLists.get(workflow);
  if (steps === undefined) stepLists.set(workflow, (steps = allSteps(workflow.steps)));
  return steps;
}

/** Calls `visit` for every step of every workflow, parents before children. */
export function forEachStep(program: Program, visit: (step: StepIR, workflow: WorkflowIR) => void): void {
  for (const workflow of program.workflows) for (const step of stepsOf(workflow)) visit(step, workflow);
}

/**
 * The file span of value characters `[start, end)` of a string scalar, through
 * its offset map (exact inside quoted, escaped and block scalars).
 */
export function valueSpan(scalar: ScalarNode, start: number, end: number): Span {
  const offsets = scalar.offsets();
  const from = offsets[start];
  const last = offsets[Math.max(start, end - 1)];
  if (from === undefined || last === undefined) return scalar.span;
  return { file: scalar.span.file, start: from, end: end > start ? last + 1 : from };
}

/**
 * Calls `report(item, first)` for every item whose key an earlier item
 * already had (items with an undefined key are skipped).
 */
export function forEachDuplicate<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined, report: (item: T, first: T) => void): void {
  const first = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, item);
    else report(item, earlier);
  }
}
