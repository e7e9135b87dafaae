/**
 * The expression analysis shared by the expression, data-flow and security
 * checks: every template of a workflow is parsed once and its type inferred
 * once, in the scope of the place it is written (DESIGN.md §4–6). Workflows
 * are analyzed one at a time and each analysis is dropped once the checks
 * have read it (see `forEachWorkflowAnalysis`), so the checker's memory
 * stays that of one workflow, not of the whole program.
 */
import { createDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Template } from '../../expr/ast.js';
import { ExpressionTyper, type Inferred, type RootBinding, type Scope, type StepReference } from '../../expr/infer.js';
import { schemaToType } from '../../expr/schema-types.js';
import { containsTemplate, parseTemplate } from '../../expr/template.js';
import {
  booleanType,
  elementType,
  integerType,
  objectOf,
  removeNull,
  removeUndefined,
  stringType,
  tupleOf,
  typeOfValue,
  unknownType,
  type Property,
  type Type,
} from '../../expr/types.js';
import type { Program, StepIR, WorkflowIR } from '../../lower/ir.js';
import type { Bindings } from '../../resolve/bindings.js';
import type { ScalarNode, ValueNode } from '../../source/nodes.js';
import type { Check, CheckContext } from '../check.js';
import { stepsOf } from '../steps.js';
import { StepFlow } from './flow.js';
import { caughtErrorType, stepResultType, type StepTypeSource } from './step-results.js';

/** Where a template is written, which decides what it must be. */
export type SiteRole =
  | 'input'
  | 'for_each'
  | 'when'
  | 'condition'
  | 'switch'
  | 'items'
  | 'transform-input'
  | 'transform-expression'
  | 'handoff'
  | 'handoff-condition'
  | 'wait'
  | 'output';

/** One parsed, typed template. */
export interface TemplateSite {
  readonly node: ScalarNode;
  readonly template: Template;
  readonly inferred: Inferred;
  /** The step it belongs to; undefined for workflow outputs. */
  readonly step: StepIR | undefined;
  readonly role: SiteRole;
  /** Keys from the field's root value to this string (`['headers', 'Authorization']`). */
  readonly path: readonly (string | number)[];
}

/** The analysis of one workflow, alive while its checks run. */
export interface WorkflowAnalysis {
  readonly workflow: WorkflowIR;
  /** Expression syntax errors (OWC50xx) of the workflow's templates. */
  readonly syntaxDiagnostics: readonly Diagnostic[];
  /** Inference diagnostics (OWC60xx) of the workflow's templates. */
  readonly typeDiagnostics: readonly Diagnostic[];
  /** Every template of the workflow, in source order. */
  readonly sites: readonly TemplateSite[];
  /** The template written at `node`, if it parsed. */
  site(node: ScalarNode): TemplateSite | undefined;
}

/**
 * Analyzes the workflows of a program one at a time. What one workflow's
 * analysis builds (templates, scopes, step result types) is dropped by
 * `release` once its checks have read it; across workflows only the outputs
 * type of each sub-workflow target is kept, for the steps that call it.
 */
class ProgramAnalysis {
  private readonly analyzers = new Map<WorkflowIR, WorkflowAnalyzer>();
  private readonly outputs = new Map<WorkflowIR, Type>();
  private readonly pending: Set<WorkflowIR>;
  private readonly targets: ReadonlySet<WorkflowIR>;

  constructor(
    program: Program,
    private readonly bindings: Bindings,
    private readonly strict: boolean,
  ) {
    this.pending = new Set(program.workflows);
    this.targets = new Set(bindings.workflows.values());
  }

  /** Parses and types every template of `workflow` (one of the program's). */
  analyze(workflow: WorkflowIR): WorkflowAnalysis {
    const a = this.analyzerOf(workflow);
    a.analyzeAll();
    return a.result();
  }

  /**
   * Drops `workflow`'s analysis, and that of any workflow outside the
   * program analyzed on the way, keeping only their outputs types.
   */
  release(workflow: WorkflowIR): void {
    this.pending.delete(workflow);
    for (const [w, a] of this.analyzers) {
      if (this.pending.has(w)) continue; // a later workflow, partly analyzed through a step calling it
      if (this.targets.has(w)) this.outputs.set(w, a.outputsType());
      this.analyzers.delete(w);
    }
  }

  /** The type of a workflow's outputs, as a step calling it sees them. */
  outputsOf(workflow: WorkflowIR): Type {
    return this.outputs.get(workflow) ?? this.analyzerOf(workflow).outputsType();
  }

  private analyzerOf(workflow: WorkflowIR): WorkflowAnalyzer {
    let a = this.analyzers.get(workflow);
    if (!a) this.analyzers.set(workflow, (a = new WorkflowAnalyzer(workflow, this.bindings, this.strict, this)));
    return a;
  }
}

/**
 * Calls `visit` with the analysis of each workflow of `context.program`, in
 * order, dropping each one before the next is built.
 */
export function forEachWorkflowAnalysis(context: Pick<CheckContext, 'program' | 'bindings' | 'options'>, visit: (analysis: WorkflowAnalysis) => void): void {
  const analyses = new ProgramAnalysis(context.program, context.bindings, context.options.strict);
  for (const workflow of context.program.workflows) {
    visit(analyses.analyze(workflow));
    analyses.release(workflow);
  }
}

/**
 * A check over one workflow's analysis at a time; its `run` analyzes the
 * workflows itself (when it runs alone, as in tests).
 */
export function workflowCheck(check: Pick<Check, 'name' | 'doc'> & { readonly runWorkflow: NonNullable<Check['runWorkflow']> }): Check {
  return { ...check, run: (context) => forEachWorkflowAnalysis(context, (analysis) => check.runWorkflow(context, analysis)) };
}

/** The roots every template sees, the same in every scope. */
const constantRoots: readonly (readonly [string, RootBinding])[] = [
  ['env', { type: objectOf({}, stringType) }],
  ['secrets', { type: objectOf({}, stringType), tainted: true }],
  ['trigger', { type: objectOf({ payload: unknownType, event: unknownType }) }],
  ['today', { type: stringType }],
  ['now', { type: stringType }],
];

type Unavailable = ReadonlyMap<string, { readonly where: string; readonly advice: string }>;

const loopRoots = ['item', 'index', 'isFirst', 'isLast'] as const;
const outsideLoop: readonly (readonly [string, { readonly where: string; readonly advice: string }])[] = loopRoots.map((name) => [
  name,
  {
    where: 'inside a loop: a step with for_each, the steps of a forEach step, or the argument of map/filter',
    advice: name === 'item' ? "add 'for_each' to the step, or use map(list, item.field)" : 'move the read into the loop',
  },
]);
const outsideCatch = ['error', { where: 'inside the catch and finally steps of a try step', advice: 'elsewhere, read the failed step as steps.<id>.error' }] as const;

/** The roots that are not in scope, by whether a loop item and a caught error are (shared by every scope). */
const unavailableRoots: Readonly<Record<'none' | 'loop' | 'caught' | 'both', Unavailable>> = {
  none: new Map([...outsideLoop, outsideCatch]),
  loop: new Map([outsideCatch]),
  caught: new Map(outsideLoop),
  both: new Map(),
};

/** Keys from a field's root value down to the string being visited; copied only when a template is found. */
type PathStack = (string | number)[];

/** Analyzes one workflow: scopes, step result types and every template. */
class WorkflowAnalyzer implements StepTypeSource {
  readonly flow: StepFlow;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly syntax: Diagnostic[] = [];
  private readonly sitesInOrder: TemplateSite[] = [];
  private readonly typer: ExpressionTyper;
  /** Templates by node; null while a template is being typed, or when it does not parse. */
  private readonly sites = new Map<ScalarNode, TemplateSite | null>();
  private readonly results = new Map<StepIR, Type>();
  private readonly computing = new Set<StepIR>();
  private outputsScope: Scope | undefined;
  private readonly stepScopes = new Map<StepIR, Scope>();
  private readonly ownLoopScopes = new Map<StepIR, Scope>();
  /** Root maps by loop item type, without and with the caught `error`: most steps share one. */
  private readonly rootMaps = new Map<Type | undefined, [ReadonlyMap<string, RootBinding> | undefined, ReadonlyMap<string, RootBinding> | undefined]>();
  private readonly inputsType: Type;
  private outputs: Type | undefined;
  private computingOutputs = false;
  private analyzed = false;

  constructor(
    readonly workflow: WorkflowIR,
    private readonly bindings: Bindings,
    strict: boolean,
    private readonly program: Pick<ProgramAnalysis, 'outputsOf'>,
  ) {
    this.flow = new StepFlow(workflow);
    this.typer = new ExpressionTyper((def, span, args, extras) => this.diagnostics.push(createDiagnostic(def, span, args, extras)), { strict });
    const inputProps = new Map<string, Property>();
    for (const input of workflow.inputs) {
      inputProps.set(input.name.value, {
        type: schemaToType(input.schema.json, { node: input.schema.node }),
        optional: !input.required && input.default === undefined,
        declaredAt: input.name.span,
      });
    }
    this.inputsType = { kind: 'object', properties: inputProps, additional: undefined, declaredAt: workflow.name.span };
  }

  /** What the checks read once `analyzeAll` has run. */
  result(): WorkflowAnalysis {
    // In source order: templates typed on demand (loop sources, transforms) are found out of order.
    const sites = this.sitesInOrder
      .map((site) => ({ site, span: site.node.span }))
      .sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start))
      .map((keyed) => keyed.site);
    return {
      workflow: this.workflow,
      syntaxDiagnostics: this.syntax,
      typeDiagnostics: this.diagnostics,
      sites,
      site: (node) => this.sites.get(node) ?? undefined,
    };
  }

  // ─── the walk ────────────────────────────────────────────────────────────

  /** Types every template of the workflow (once). */
  analyzeAll(): void {
    if (this.analyzed) return;
    this.analyzed = true;
    for (const step of stepsOf(this.workflow)) this.analyzeStep(step);
    for (const output of this.workflow.outputs) this.visitValue(output.value, undefined, 'output', [output.name.value]);
  }

  private analyzeStep(step: StepIR): void {
    if (step.forEach) this.visitValue(step.forEach.items, step, 'for_each', []);
    if (step.when) this.visitValue(step.when, step, 'when', []);
    switch (step.kind) {
      case 'action':
      case 'agent':
      case 'workflow':
        if (step.input) this.visitValue(step.input, step, 'input', []);
        break;
      case 'if':
        this.visitValue(step.condition, step, 'condition', []);
        break;
      case 'switch':
        this.visitValue(step.value, step, 'switch', []);
        break;
      case 'forEach':
        this.visitValue(step.items, step, 'items', []);
        break;
      case 'transform':
        if (step.input) this.visitValue(step.input, step, 'transform-input', []);
        if (step.language.value === 'template') this.visitValue(step.expression, step, 'transform-expression', []);
        break;
      case 'handoff':
        if (step.reason) this.visitValue(step.reason, step, 'handoff', ['reason']);
        if (step.context) this.visitValue(step.context, step, 'handoff', ['context']);
        if (step.target.kind === 'select') for (const c of step.target.choices) if (c.condition) this.visitValue(c.condition, step, 'handoff-condition', []);
        break;
      case 'wait': {
        const wait = step.wait;
        this.visitValue(wait.kind === 'duration' ? wait.duration : wait.kind === 'event' ? wait.event : wait.time, step, 'wait', []);
        break;
      }
      case 'try':
      case 'parallel':
        break;
    }
  }

  /** Types every template inside `node`; `path` is pushed to and popped back as the walk goes down. */
  private visitValue(node: ValueNode, step: StepIR | undefined, role: SiteRole, path: PathStack): void {
    switch (node.kind) {
      case 'scalar':
        this.siteAt(node, step, role, path);
        return;
      case 'map':
        for (const e of node.entries) {
          path.push(e.key);
          this.visitValue(e.value, step, role, path);
          path.pop();
        }
        return;
      case 'seq':
        for (let i = 0; i < node.items.length; i++) {
          path.push(i);
          this.visitValue(node.items[i]!, step, role, path);
          path.pop();
        }
        return;
    }
  }

  /** Parses and types the template at `node` once; later calls return the same site. */
  private siteAt(node: ScalarNode, step: StepIR | undefined, role: SiteRole, path: PathStack): TemplateSite | undefined {
    if (typeof node.value !== 'string' || !containsTemplate(node.value)) return undefined;
    const known = this.sites.get(node);
    if (known !== undefined) return known ?? undefined;
    this.sites.set(node, null); // a template that (indirectly) reads itself sees no type
    const parsed = parseTemplate(node);
    for (const d of parsed.diagnostics) this.syntax.push(d);
    if (!parsed.template) return undefined;
    const scope = this.scopeFor(step, role !== 'for_each' && role !== 'items');
    const inferred = this.typer.inferTemplate(parsed.template, scope);
    const site: TemplateSite = { node, template: parsed.template, inferred, step, role, path: path.slice() };
    this.sites.set(node, site);
    this.sitesInOrder.push(site);
    return site;
  }

  /** The type of a value written in the manifest: templates typed, literals as literals, maps and lists structurally. */
  private valueType(node: ValueNode, step: StepIR | undefined, role: SiteRole, path: PathStack): Type {
    switch (node.kind) {
      case 'scalar': {
        const site = this.siteAt(node, step, role, path);
        if (site) return site.inferred.type;
        if (typeof node.value === 'string' && containsTemplate(node.value)) return unknownType;
        return typeOfValue(node.value);
      }
      case 'map': {
        const props: Record<string, Type> = {};
        for (const e of node.entries) {
          path.push(e.key);
          Object.defineProperty(props, e.key, { value: this.valueType(e.value, step, role, path), enumerable: true });
          path.pop();
        }
        return objectOf(props);
      }
      case 'seq': {
        const items: Type[] = [];
        for (let i = 0; i < node.items.length; i++) {
          path.push(i);
          items.push(this.valueType(node.items[i]!, step, role, path));
          path.pop();
        }
        return tupleOf(items);
      }
    }
  }

  // ─── scopes ──────────────────────────────────────────────────────────────

  /** The roots in force with loop item type `loop` (none when undefined), and with the caught `error` when `caught`. */
  private rootsFor(loop: Type | undefined, caught: boolean): ReadonlyMap<string, RootBinding> {
    let pair = this.rootMaps.get(loop);
    if (!pair) this.rootMaps.set(loop, (pair = [undefined, undefined]));
    const known = pair[caught ? 1 : 0];
    if (known) return known;
    const roots = new Map<string, RootBinding>([['inputs', { type: this.inputsType }], ...constantRoots]);
    if (loop !== undefined) {
      roots.set('item', { type: loop });
      roots.set('index', { type: integerType });
      roots.set('isFirst', { type: booleanType });
      roots.set('isLast', { type: booleanType });
    }
    if (caught) roots.set('error', { type: caughtErrorType });
    pair[caught ? 1 : 0] = roots;
    return roots;
  }

  /**
   * The scope of templates written in `step` (or in the outputs when
   * undefined). `ownLoop`: whether the step's own `for_each` item is in scope
   * (not for the `for_each` list itself).
   */
  private scopeFor(step: StepIR | undefined, ownLoop: boolean): Scope {
    const memo = step === undefined ? this.outputsScope : (ownLoop ? this.ownLoopScopes : this.stepScopes).get(step);
    if (memo) return memo;
    let loop: Type | undefined;
    let caught = false;
    if (step) {
      const chain = [...this.flow.ancestors(step), step];
      for (const [i, s] of chain.entries()) {
        const isSelf = i === chain.length - 1;
        const frame = this.flow.frameOf(s);
        if (frame && (frame.role === 'catch' || frame.role === 'finally')) caught = true;
        if (!isSelf && s.kind === 'forEach') loop = this.loopElement(s);
        if (s.forEach && (!isSelf || ownLoop)) loop = this.sugarElement(s);
      }
    }
    const scope: Scope = {
      roots: this.rootsFor(loop, caught),
      unavailable: unavailableRoots[loop !== undefined ? (caught ? 'both' : 'loop') : caught ? 'caught' : 'none'],
      workflow: this.workflow.name.value,
      step: (id) => this.stepReference(step, id),
    };
    if (step === undefined) this.outputsScope = scope;
    else (ownLoop ? this.ownLoopScopes : this.stepScopes).set(step, scope);
    return scope;
  }

  private stepReference(reader: StepIR | undefined, id: string): StepReference {
    const target = this.flow.step(id);
    if (!target) return { kind: 'unknown', candidates: this.flow.stepIds };
    const visibility = this.flow.visibility(reader, target);
    switch (visibility.kind) {
      case 'ran':
        return { kind: 'ok', type: this.resultOf(target), declaredAt: target.id.span };
      case 'maybe':
        return { kind: 'ok', type: this.resultOf(target), declaredAt: target.id.span, mayNotHaveRun: visibility.reason };
      case 'forward':
        return { kind: 'forward', declaredAt: target.id.span };
      case 'self':
        return { kind: 'self', declaredAt: target.id.span };
    }
  }

  /** The item type of a forEach step's `items`. */
  private loopElement(step: StepIR & { readonly kind: 'forEach' }): Type {
    return this.elementOf(this.valueType(step.items, step, 'items', []));
  }

  /** The item type of a step's `for_each`. */
  private sugarElement(step: StepIR): Type {
    return step.forEach ? this.elementOf(this.valueType(step.forEach.items, step, 'for_each', [])) : unknownType;
  }

  private elementOf(type: Type): Type {
    return elementType(removeNull(removeUndefined(type))) ?? unknownType;
  }

  // ─── step results ────────────────────────────────────────────────────────

  resultOf(step: StepIR): Type {
    const known = this.results.get(step);
    if (known) return known;
    if (this.computing.has(step)) return unknownType;
    this.computing.add(step);
    const type = stepResultType(step, this);
    this.computing.delete(step);
    this.results.set(step, type);
    return type;
  }

  ownOutput(step: StepIR): Type {
    switch (step.kind) {
      case 'action': {
        const output = this.bindings.actions.get(step)?.action.output;
        return output ? schemaToType(output.json, { node: output.node }) : unknownType;
      }
      case 'agent': {
        const schema = this.bindings.agents.get(step.agent)?.outputSchema;
        return schema ? schemaToType(schema.json, { node: schema.node }) : unknownType;
      }
      case 'workflow': {
        const target = this.bindings.workflows.get(step.workflow);
        return target ? this.program.outputsOf(target) : unknownType;
      }
      case 'transform':
        return step.language.value === 'template' ? this.valueType(step.expression, step, 'transform-expression', []) : unknownType;
      default:
        return unknownType;
    }
  }

  switchValue(step: StepIR & { readonly kind: 'switch' }): Type {
    return this.valueType(step.value, step, 'switch', []);
  }

  /** The type of this workflow's outputs, as a caller's `steps.<id>.output` sees them. */
  outputsType(): Type {
    if (this.outputs) return this.outputs;
    if (this.computingOutputs) return unknownType;
    this.computingOutputs = true;
    const props: Record<string, Type> = {};
    for (const output of this.workflow.outputs) {
      Object.defineProperty(props, output.name.value, { value: this.valueType(output.value, undefined, 'output', [output.name.value]), enumerable: true });
    }
    this.computingOutputs = false;
    this.outputs = objectOf(props, undefined, { declaredAt: this.workflow.origin.span });
    return this.outputs;
  }
}
