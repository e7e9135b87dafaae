/**
 * One generic walker over step trees, driven by a table of each step kind's
 * child step lists, so every check visits nested steps the same way.
 */
import { assertNever } from '../diagnostics/diagnostic.js';
import type { StepIR, StepList } from './ir.js';

/** Where a nested step list sits in its parent step. */
export interface ChildList {
  /** `then`, `else`, `case high`, `default`, `branch weather`, `steps`, `catch`, `finally`. */
  readonly label: string;
  readonly role: 'then' | 'else' | 'case' | 'default' | 'branch' | 'body' | 'catch' | 'finally';
  readonly list: StepList;
}

/** The nested step lists of `step`, in source order. */
export function childLists(step: StepIR): ChildList[] {
  switch (step.kind) {
    case 'action':
    case 'agent':
    case 'workflow':
    case 'wait':
    case 'transform':
    case 'handoff':
      return [];
    case 'if':
      return [
        { label: 'then', role: 'then', list: step.then },
        ...(step.else ? [{ label: 'else', role: 'else' as const, list: step.else }] : []),
      ];
    case 'switch':
      return [
        ...step.cases.map((c) => ({ label: `case '${c.name.value}'`, role: 'case' as const, list: c.steps })),
        ...(step.default ? [{ label: 'default', role: 'default' as const, list: step.default }] : []),
      ];
    case 'forEach':
      return [{ label: 'steps', role: 'body', list: step.steps }];
    case 'parallel':
      return step.branches.map((b) => ({ label: `branch '${b.name.value}'`, role: 'branch' as const, list: b.steps }));
    case 'try':
      return [
        { label: 'steps', role: 'body', list: step.steps },
        ...(step.catch ? [{ label: 'catch', role: 'catch' as const, list: step.catch }] : []),
        ...(step.finally ? [{ label: 'finally', role: 'finally' as const, list: step.finally }] : []),
      ];
    default:
      return assertNever(step, 'step kind');
  }
}

/** Visits every step, parents before children, with the chain of ancestors. */
export function walkSteps(steps: readonly StepIR[], visit: (step: StepIR, ancestors: readonly StepIR[]) => void, ancestors: readonly StepIR[] = []): void {
  for (const step of steps) {
    visit(step, ancestors);
    const inner = [...ancestors, step];
    for (const child of childLists(step)) walkSteps(child.list.steps, visit, inner);
  }
}

/** All steps of a tree, flattened in source order. */
export function allSteps(steps: readonly StepIR[]): StepIR[] {
  const out: StepIR[] = [];
  walkSteps(steps, (s) => out.push(s));
  return out;
}
