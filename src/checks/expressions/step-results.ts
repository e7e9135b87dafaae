/**
 * What `steps.<id>` holds for each step kind (DESIGN.md §6): `status`,
 * `output`, `error`, and each kind's extra fields. The output types of
 * action, agent, sub-workflow and template-transform steps come from the
 * analysis (schemas, sub-workflow outputs, inferred templates) through
 * `StepTypeSource`.
 */
import { assertNever } from '../../diagnostics/diagnostic.js';
import type { StepIR, StepList } from '../../lower/ir.js';
import {
  arrayOf,
  booleanType,
  integerType,
  literal,
  nullType,
  objectOf,
  optional,
  stringType,
  union,
  unknownType,
  type PropertySpec,
  type Type,
} from '../../expr/types.js';

/** The error record of a failed step: `{ message, code, details? }`. */
export const stepErrorType: Type = objectOf({ message: stringType, code: stringType, details: optional(unknownType) });

/** The `error` root inside `catch` and `finally`. */
export const caughtErrorType: Type = objectOf({ message: stringType, code: stringType, details: optional(unknownType), attemptCount: integerType });

const stepStatus = union(literal('success'), literal('failed'), literal('skipped'));
const recordStatus = union(literal('success'), literal('error'));

/** What the analysis knows about a step's own output. */
export interface StepTypeSource {
  /** The output of an action, agent, sub-workflow or transform step (one run, before any `for_each`). */
  readonly ownOutput: (step: StepIR) => Type;
  /** The full result type of another step (for the list form of parallel). */
  readonly resultOf: (step: StepIR) => Type;
  /** The type of a switch step's value. */
  readonly switchValue: (step: StepIR & { readonly kind: 'switch' }) => Type;
}

/** The `output` of a step as other steps see it: a list of per-item outputs with `for_each`. */
export function stepOutputType(step: StepIR, source: StepTypeSource): Type {
  const one = singleOutput(step, source);
  return step.forEach ? arrayOf(one) : one;
}

function lastOutput(list: StepList | undefined, source: StepTypeSource): Type {
  const last = list?.steps[list.steps.length - 1];
  return last ? stepOutputType(last, source) : unknownType;
}

function singleOutput(step: StepIR, source: StepTypeSource): Type {
  switch (step.kind) {
    case 'action':
    case 'agent':
    case 'workflow':
    case 'transform':
      return source.ownOutput(step);
    case 'if':
      return objectOf({ branch: union(literal('then'), literal('else')), conditionResult: booleanType });
    case 'switch':
      return objectOf({ case: union(...step.cases.map((c) => literal(c.name.value)), literal('default')), matchedValue: source.switchValue(step) });
    case 'forEach':
      return objectOf({
        results: arrayOf(objectOf({ status: recordStatus, output: optional(lastOutput(step.steps, source)), error: optional(stepErrorType) })),
        successCount: integerType,
        errorCount: integerType,
        totalCount: integerType,
      });
    case 'parallel': {
      const branches: Record<string, PropertySpec> = {};
      for (const b of step.branches) {
        Object.defineProperty(branches, b.name.value, {
          value: objectOf({ status: recordStatus, output: lastOutput(b.steps, source), error: union(stepErrorType, nullType) }),
          enumerable: true,
        });
      }
      return objectOf({ branches: objectOf(branches), completedCount: integerType, errorCount: integerType, joinStrategy: stringType });
    }
    case 'wait':
      return objectOf({
        waitType: union(literal('duration'), literal('event'), literal('time')),
        waitedFor: unknownType,
        eventReceived: optional(unknownType),
        timedOut: booleanType,
      });
    case 'try':
      return objectOf({ status: recordStatus, attempts: integerType, output: optional(lastOutput(step.steps, source)), error: optional(stepErrorType) });
    case 'handoff':
      return objectOf({ handoffTo: stringType, reason: stringType, agentResponse: unknownType, conversationId: stringType });
    default:
      return assertNever(step, 'step kind');
  }
}

/** The whole `steps.<id>` record of a step. */
export function stepResultType(step: StepIR, source: StepTypeSource): Type {
  const output = stepOutputType(step, source);
  const fields: Record<string, PropertySpec> = { status: stepStatus, output, error: union(stepErrorType, nullType) };
  const add = (name: string, type: Type): void => {
    if (!Object.prototype.hasOwnProperty.call(fields, name)) Object.defineProperty(fields, name, { value: type, enumerable: true });
  };
  switch (step.kind) {
    case 'workflow':
      add('outputs', output);
      break;
    case 'transform':
      add('result', output);
      break;
    case 'wait':
      add('timedOut', booleanType);
      break;
    case 'parallel':
      if (step.form === 'list') for (const b of step.branches) for (const child of b.steps.steps) add(child.id.value, source.resultOf(child));
      break;
    default:
      break;
  }
  return objectOf(fields);
}
