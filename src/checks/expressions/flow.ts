/**
 * Step order within a workflow: which steps have certainly run, may have
 * run, or run only later, as seen from a given step (DESIGN.md §5). Each
 * step's place is precomputed once as a path of frames from the workflow's
 * top-level list down to the step, so answering one `steps.X` reference
 * costs the depth of the tree, never a scan of the steps.
 */
import type { StepIR, WorkflowIR } from '../../lower/ir.js';
import { childLists, type ChildList } from '../../lower/walk.js';

/** One level of a step's place: which child list of which parent, at which position. */
interface Frame {
  /** The step owning the list; undefined for the workflow's top-level list. */
  readonly owner: StepIR | undefined;
  readonly list: number;
  readonly role: ChildList['role'] | 'top';
  readonly label: string;
  readonly index: number;
}

/** Where a step sits: the frames from the top-level list down to the step itself. */
type Place = readonly Frame[];

/** How a step looks from a reading place. */
export type Visibility =
  | { readonly kind: 'ran' }
  | { readonly kind: 'maybe'; readonly reason: string }
  | { readonly kind: 'forward' }
  | { readonly kind: 'self' };

/** The precomputed step places of one workflow. */
export class StepFlow {
  private readonly places = new Map<StepIR, Place>();
  /** Steps by id, first declaration wins (duplicates are reported elsewhere). */
  private readonly ids = new Map<string, StepIR>();
  /** Every step id of the workflow, for did-you-mean hints. */
  readonly stepIds: readonly string[];

  constructor(readonly workflow: WorkflowIR) {
    this.index(workflow.steps, [], undefined, 0, 'top', 'steps');
    this.stepIds = [...this.ids.keys()];
  }

  private index(steps: readonly StepIR[], prefix: Place, owner: StepIR | undefined, list: number, role: Frame['role'], label: string): void {
    for (const [index, step] of steps.entries()) {
      const place: Place = [...prefix, { owner, list, role, label, index }];
      this.places.set(step, place);
      if (!this.ids.has(step.id.value)) this.ids.set(step.id.value, step);
      for (const [i, child] of childLists(step).entries()) this.index(child.list.steps, place, step, i, child.role, child.label);
    }
  }

  /** The step with id `id`. */
  step(id: string): StepIR | undefined {
    return this.ids.get(id);
  }

  /** The ancestors of `step`, outermost first. */
  ancestors(step: StepIR): StepIR[] {
    const place = this.places.get(step) ?? [];
    return place.map((f) => f.owner).filter((s): s is StepIR => s !== undefined);
  }

  /** The role of the list `step` sits in (`catch`, `branch`, …) and its owner. */
  frameOf(step: StepIR): { readonly owner: StepIR | undefined; readonly role: Frame['role'] } | undefined {
    const place = this.places.get(step);
    const last = place?.[place.length - 1];
    return last ? { owner: last.owner, role: last.role } : undefined;
  }

  /**
   * How `target` looks from inside `reader` (its input, condition, loop
   * source, …), or from the workflow outputs when `reader` is undefined.
   */
  visibility(reader: StepIR | undefined, target: StepIR): Visibility {
    const tp = this.places.get(target);
    if (!tp) return { kind: 'forward' };
    // The outputs are read after the last top-level step.
    const rp: Place = reader ? (this.places.get(reader) ?? []) : [{ owner: undefined, list: 0, role: 'top', label: 'steps', index: Number.MAX_SAFE_INTEGER }];
    let i = 0;
    while (i < rp.length && i < tp.length && rp[i]!.list === tp[i]!.list && rp[i]!.index === tp[i]!.index) i++;
    // The target is the reader or one of its ancestors.
    if (i === tp.length) return { kind: 'self' };
    // The target is nested inside the reader: it runs after the reader's own fields are evaluated.
    if (i === rp.length) return { kind: 'forward' };
    const r = rp[i]!;
    const t = tp[i]!;
    if (r.list === t.list) {
      if (t.index > r.index) return { kind: 'forward' };
      return this.certainty(tp, i + 1, target);
    }
    // Same owner, different child lists.
    const owner = t.owner!;
    switch (owner.kind) {
      case 'if':
      case 'switch':
        return { kind: 'maybe', reason: `it is in the ${describeList(t)} of '${owner.id.value}', and this is in the ${describeList(r)}` };
      case 'parallel':
        return { kind: 'maybe', reason: `it runs in the parallel ${describeList(t)} of '${owner.id.value}', alongside this one` };
      case 'try': {
        const order = { body: 0, catch: 1, finally: 2 } as const;
        const to = order[t.role as keyof typeof order] ?? 0;
        const ro = order[r.role as keyof typeof order] ?? 0;
        if (to > ro) return { kind: 'forward' };
        const below = this.certainty(tp, i + 1, target);
        if (below.kind === 'maybe' || t.role === 'body') return below;
        return { kind: 'maybe', reason: `it is in the catch of '${owner.id.value}', which runs only when the body fails` };
      }
      default:
        return { kind: 'maybe', reason: `it is in another part of '${owner.id.value}'` };
    }
  }

  /**
   * Whether a step known to come earlier certainly ran: every list between
   * the common level and the step must always run, and no step on the way
   * (nor the target) may be skipped by its own `condition`.
   */
  private certainty(tp: Place, from: number, target: StepIR): Visibility {
    for (let j = from; j < tp.length; j++) {
      const f = tp[j]!;
      const owner = f.owner!;
      if (owner.when) return { kind: 'maybe', reason: `'${owner.id.value}' has a condition and may have been skipped` };
      switch (owner.kind) {
        case 'if':
        case 'switch':
          return { kind: 'maybe', reason: `it is in the ${describeList(f)} of '${owner.id.value}'` };
        case 'forEach':
          return { kind: 'maybe', reason: `it is in the loop body of '${owner.id.value}', which may have no items` };
        case 'parallel':
          if (owner.join.kind !== 'all') return { kind: 'maybe', reason: `it is in a branch of '${owner.id.value}', which may be cancelled when the join is met` };
          break;
        case 'try':
          // A try body is treated as having run: when it fails, the catch either handles it or the failure propagates.
          if (f.role === 'catch') return { kind: 'maybe', reason: `it is in the catch of '${owner.id.value}', which runs only when the body fails` };
          break;
        default:
          break;
      }
      if (owner.forEach) return { kind: 'maybe', reason: `'${owner.id.value}' loops with for_each and may have no items` };
    }
    if (target.when) return { kind: 'maybe', reason: 'it has a condition and may have been skipped' };
    return { kind: 'ran' };
  }
}

/** A list as messages name it: `'then' branch`, `case 'high'`, `branch 'weather'`, `catch`. */
function describeList(f: Frame): string {
  return f.role === 'then' || f.role === 'else' ? `'${f.role}' branch` : f.label;
}
