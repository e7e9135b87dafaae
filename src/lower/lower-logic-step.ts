/**
 * Lowers the logic steps: if, switch, forEach, parallel (branches form and
 * the inline list form), wait, try, transform and handoff. Missing required
 * values become stand-ins (the schema stage reports them); missing or empty
 * step lists are left for the structural checks to report.
 */
import { entry, type MapNode, type ValueNode } from '../source/nodes.js';
import { spanStart } from '../source/span.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type {
  HandoffTargetIR,
  JoinIR,
  ParallelStepIR,
  StepCommon,
  StepIR,
  StepKind,
  StepList,
  WaitIR,
} from './ir.js';
import {
  booleanOf,
  inputOf,
  mapOf,
  missingScalar,
  nameOf,
  nameOrEmpty,
  numberOf,
  optionalJsonOf,
  scalarOf,
  secondsOf,
  stringOf,
  valueOf,
} from './values.js';

/** How a logic step lowers its nested steps (provided by lower-step.ts; `label` extends the synthetic-id path). */
export interface NestedLowering {
  readonly list: (node: ValueNode | undefined, label: string) => StepList;
  readonly step: (node: MapNode, label: string) => StepIR | undefined;
}

type LogicKind = Exclude<StepKind, 'action' | 'agent' | 'workflow'>;

/** Lowers a logic step of `kind` whose common fields are already lowered. */
export function lowerLogicStep(node: MapNode, common: StepCommon, kind: LogicKind, nested: NestedLowering): StepIR {
  const optionalList = (key: string): StepList | undefined => (entry(node, key) ? nested.list(valueOf(node, key), key) : undefined);
  switch (kind) {
    case 'if':
      return {
        ...common,
        kind: 'if',
        condition: valueOf(node, 'condition') ?? missingScalar(node.span),
        then: nested.list(valueOf(node, 'then'), 'then'),
        else: optionalList('else'),
      };
    case 'switch': {
      const cases = mapOf(valueOf(node, 'cases'));
      return {
        ...common,
        kind: 'switch',
        value: valueOf(node, 'value') ?? missingScalar(node.span),
        cases: (cases?.entries ?? []).map((e) => ({ name: { value: e.key, span: e.keyNode.span }, steps: nested.list(e.value, `cases.${e.key}`) })),
        default: optionalList('default'),
      };
    }
    case 'forEach': {
      const continueOnError = booleanOf(valueOf(node, 'continueOnError', 'continue_on_error'), false);
      return {
        ...common,
        kind: 'forEach',
        items: valueOf(node, 'items') ?? missingScalar(node.span),
        steps: nested.list(valueOf(node, 'steps'), 'steps'),
        maxConcurrency: numberOf(valueOf(node, 'maxConcurrency', 'max_concurrency')),
        ordered: booleanOf(valueOf(node, 'ordered'), false),
        continueOnErrorItems: continueOnError,
      };
    }
    case 'parallel':
      return lowerParallel(node, common, nested);
    case 'wait':
      return { ...common, kind: 'wait', wait: lowerWait(node) };
    case 'try':
      return {
        ...common,
        kind: 'try',
        steps: nested.list(valueOf(node, 'steps'), 'steps'),
        catch: optionalList('catch'),
        finally: optionalList('finally'),
      };
    case 'transform':
      return {
        ...common,
        kind: 'transform',
        // The spec's examples always name the language; without one the value is a template.
        language: nameOf(valueOf(node, 'language')) ?? { value: 'template', span: spanStart(node.span) },
        expression: scalarOf(valueOf(node, 'expression')) ?? missingScalar(node.span),
        input: inputOf(node),
      };
    case 'handoff':
      return {
        ...common,
        kind: 'handoff',
        target: handoffTargetOf(node),
        reason: valueOf(node, 'reason'),
        context: valueOf(node, 'context'),
        resumeAfter: booleanOf(valueOf(node, 'resumeAfter', 'resume_after'), false),
      };
    default:
      return assertNever(kind, 'logic step kind');
  }
}

/** `branches: {name: [steps]}`, or `parallel: [steps]` with one branch per step, named by its id. */
function lowerParallel(node: MapNode, common: StepCommon, nested: NestedLowering): ParallelStepIR {
  const join = joinOf(valueOf(node, 'join'));
  const inline = valueOf(node, 'parallel');
  if (inline?.kind === 'seq' && !entry(node, 'branches')) {
    const branches: { name: { value: string; span: ParallelStepIR['span'] }; steps: StepList }[] = [];
    inline.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const step = nested.step(item, `parallel[${index}]`);
      if (step) branches.push({ name: step.id, steps: { steps: [step], span: item.span } });
    });
    return { ...common, kind: 'parallel', join, form: 'list', branches };
  }
  const branches = mapOf(valueOf(node, 'branches'));
  return {
    ...common,
    kind: 'parallel',
    join,
    form: 'branches',
    branches: (branches?.entries ?? []).map((e) => ({ name: { value: e.key, span: e.keyNode.span }, steps: nested.list(e.value, `branches.${e.key}`) })),
  };
}

/** `all` (default), `any`, `{count: n}`, or the spec's `count(n)` spelling. */
function joinOf(node: ValueNode | undefined): JoinIR {
  const text = stringOf(node)?.trim();
  if (text === 'any') return { kind: 'any' };
  const call = text === undefined ? undefined : /^count\s*\(\s*(\d+)\s*\)$/.exec(text);
  if (call) return { kind: 'count', count: Number(call[1]) };
  const count = numberOf(valueOf(node, 'count'));
  if (count !== undefined) return { kind: 'count', count };
  return { kind: 'all' };
}

/** `duration: 30s`, `until: {event, timeout, channel, filter}`, `until: {time}` (or `until: <timestamp>`). */
function lowerWait(node: MapNode): WaitIR {
  const duration = scalarOf(valueOf(node, 'duration'));
  if (duration) return { kind: 'duration', duration, seconds: secondsOf(duration) };
  const until = valueOf(node, 'until');
  const untilScalar = scalarOf(until);
  if (untilScalar) return { kind: 'time', time: untilScalar };
  const event = scalarOf(valueOf(until, 'event'));
  if (event) {
    return {
      kind: 'event',
      event,
      timeoutSeconds: secondsOf(valueOf(until, 'timeout')),
      channel: stringOf(valueOf(until, 'channel')),
      filter: optionalJsonOf(valueOf(until, 'filter')),
    };
  }
  const time = scalarOf(valueOf(until, 'time'));
  if (time) return { kind: 'time', time };
  return { kind: 'duration', duration: missingScalar(node.span), seconds: undefined };
}

/** `agent: ref`, or `selectAgent: [{condition, agent}, …, {default: ref}]`. */
function handoffTargetOf(node: MapNode): HandoffTargetIR {
  const select = valueOf(node, 'selectAgent', 'select_agent');
  if (select?.kind === 'seq' && !entry(node, 'agent')) {
    return {
      kind: 'select',
      choices: select.items.flatMap((item) => {
        if (item.kind !== 'map') return [];
        const fallback = nameOf(valueOf(item, 'default'));
        if (fallback && !entry(item, 'agent')) return [{ condition: undefined, agent: fallback, span: item.span }];
        return [{ condition: valueOf(item, 'condition'), agent: nameOrEmpty(valueOf(item, 'agent'), item.span), span: item.span }];
      }),
    };
  }
  return { kind: 'agent', agent: nameOrEmpty(valueOf(node, 'agent'), node.span) };
}
