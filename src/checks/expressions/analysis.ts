/**
 * The expression analysis shared by the expression, data-flow and security
 * checks: every template of every workflow is parsed once and its type
 * inferred once, in the scope of the place it is written (DESIGN.md §4–6).
 * The checks then read the results; the analysis is computed on first use
 * and cached per program, bindings and strictness.
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
import type { CheckContext } from '../check.js';
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
  readonly workflow: WorkflowIR;
  /** The step it belongs to; undefined for workflow outputs. */
  readonly step: StepIR | undefined;
  readonly role: SiteRole;
  /** Keys from the field's root value to this string (`['headers', 'Authorization']`). */
  readonly path: readonly (string | number)[];
}

export interface ExpressionAnalysis {
  /** Expression syntax errors (OWC50xx) of the checked workflows. */
  readonly syntaxDiagnostics: readonly Diagnostic[];
  /** Inference diagnostics (OWC60xx) of the checked workflows. */
  readonly typeDiagnostics: readonly Diagnostic[];
  /** Every template of the checked workflows, in source order. */
  readonly sites: readonly TemplateSite[];
  /** The template written at `node`, if it parsed. */
  site(node: ScalarNode): TemplateSite | undefined;
  /** The type of the values a workflow input declares. */
  inputType(workflow: WorkflowIR, name: string): Type | undefined;
}

const cache = new WeakMap<Program, Map<Bindings, Map<boolean, ExpressionAnalysis>>>();

/** The analysis of `context.program` (computed once per program, bindings and strictness). */
export function expressionAnalysis(context: Pick<CheckContext, 'program' | 'bindings' | 'options'>): ExpressionAnalysis {
  const { program, bindings } = context;
  const strict = context.options.strict;
  let byBindings = cache.get(program);
  if (!byBindings) cache.set(program, (byBindings = new Map()));
  let byStrict = byBindings.get(bindings);
  if (!byStrict) byBindings.set(bindings, (byStrict = new Map()));
  let analysis = byStrict.get(strict);
  if (!analysis) byStrict.set(strict, (analysis = analyzeProgram(program, bindings, strict)));
  return analysis;
}

/** Analyzes every workflow of `program` (sub-workflows bound from elsewhere are analyzed as needed, silently). */
export function analyzeProgram(program: Program, bindings: Bindings, strict: boolean): ExpressionAnalysis {
  const analyzers = new Map<WorkflowIR, WorkflowAnalyzer>();
  const analyzerOf = (workflow: WorkflowIR): WorkflowAnalyzer => {
    let a = analyzers.get(workflow);
    if (!a) analyzers.set(workflow, (a = new WorkflowAnalyzer(workflow, bindings, strict, analyzerOf)));
    return a;
  };
  const syntax: Diagnostic[] = [];
  const types: Diagnostic[] = [];
  const sites: TemplateSite[] = [];
  const byNode = new Map<ScalarNode, TemplateSite>();
  for (const workflow of program.workflows) {
    const a = analyzerOf(workflow);
    a.analyzeAll();
    syntax.push(...a.syntax);
    types.push(...a.diagnostics);
    for (const s of a.sitesInOrder) {
      sites.push(s);
      byNode.set(s.node, s);
    }
  }
  sites.sort((a, b) => (a.node.span.file < b.node.span.file ? -1 : a.node.span.file > b.node.span.file ? 1 : a.node.span.start - b.node.span.start));
  return {
    syntaxDiagnostics: syntax,
    typeDiagnostics: types,
    sites,
    site: (node) => byNode.get(node),
    inputType: (workflow, name) => analyzerOf(workflow).inputProperty(name)?.type,
  };
}

const loopRoots = ['item', 'index', 'isFirst', 'isLast'] as const;

/** Analyzes one workflow: scopes, step result types and every template. */
class WorkflowAnalyzer implements StepTypeSource {
  readonly flow: StepFlow;
  readonly diagnostics: Diagnostic[] = [];
  readonly syntax: Diagnostic[] = [];
  readonly sitesInOrder: TemplateSite[] = [];
  private readonly typer: ExpressionTyper;
  private readonly sites = new Map<ScalarNode, TemplateSite | null>();
  private readonly results = new Map<StepIR, Type>();
  private readonly computing = new Set<StepIR>();
  private readonly scopes = new Map<string, Scope>();
  private readonly stepScopes = new Map<StepIR, Scope>();
  private readonly ownLoopScopes = new Map<StepIR, Scope>();
  private readonly inputsType: Type;
  private readonly inputProps = new Map<string, Property>();
  private outputs: Type | undefined;
  private computingOutputs = false;

  constructor(
    readonly workflow: WorkflowIR,
    private readonly bindings: Bindings,
    strict: boolean,
    private readonly analyzerOf: (workflow: WorkflowIR) => WorkflowAnalyzer,
  ) {
    this.flow = new StepFlow(workflow);
    this.typer = new ExpressionTyper((def, span, args, extras) => this.diagnostics.push(createDiagnostic(def, span, args, extras)), { strict });
    for (const input of workflow.inputs) {
      this.inputProps.set(input.name.value, {
        type: schemaToType(input.schema.json, { node: input.schema.node }),
        optional: !input.required && input.default === undefined,
        declaredAt: input.name.span,
      });
    }
    this.inputsType = { kind: 'object', properties: this.inputProps, additional: undefined, declaredAt: workflow.name.span };
  }

  inputProperty(name: string): Property | undefined {
    return this.inputProps.get(name);
  }

  // ─── the walk ────────────────────────────────────────────────────────────

  /** Types every template of the workflow, in source order. */
  analyzeAll(): void {
    const visit = (steps: readonly StepIR[]): void => {
      for (const step of steps) {
        this.analyzeStep(step);
        switch (step.kind) {
          case 'if':
            visit(step.then.steps);
            if (step.else) visit(step.else.steps);
            break;
          case 'switch':
            for (const c of step.cases) visit(c.steps.steps);
            if (step.default) visit(step.default.steps);
            break;
          case 'forEach':
            visit(step.steps.steps);
            break;
          case 'parallel':
            for (const b of step.branches) visit(b.steps.steps);
            break;
          case 'try':
            visit(step.steps.steps);
            if (step.catch) visit(step.catch.steps);
            if (step.finally) visit(step.finally.steps);
            break;
          default:
            break;
        }
      }
    };
    visit(this.workflow.steps);
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

  private visitValue(node: ValueNode, step: StepIR | undefined, role: SiteRole, path: readonly (string | number)[]): void {
    switch (node.kind) {
      case 'scalar':
        this.siteAt(node, step, role, path);
        return;
      case 'map':
        for (const e of node.entries) this.visitValue(e.value, step, role, [...path, e.key]);
        return;
      case 'seq':
        node.items.forEach((item, i) => this.visitValue(item, step, role, [...path, i]));
        return;
    }
  }

  /** Parses and types the template at `node` once; later calls return the same site. */
  siteAt(node: ScalarNode, step: StepIR | undefined, role: SiteRole, path: readonly (string | number)[]): TemplateSite | undefined {
    const known = this.sites.get(node);
    if (known !== undefined) return known ?? undefined;
    if (typeof node.value !== 'string' || !containsTemplate(node.value)) {
      this.sites.set(node, null);
      return undefined;
    }
    this.sites.set(node, null); // a template that (indirectly) reads itself sees no type
    const parsed = parseTemplate(node);
    this.syntax.push(...parsed.diagnostics);
    if (!parsed.template) return undefined;
    const scope = this.scopeFor(step, role !== 'for_each' && role !== 'items');
    const inferred = this.typer.inferTemplate(parsed.template, scope);
    const site: TemplateSite = { node, template: parsed.template, inferred, workflow: this.workflow, step, role, path };
    this.sites.set(node, site);
    this.sitesInOrder.push(site);
    return site;
  }

  /** The type of a value written in the manifest: templates typed, literals as literals, maps and lists structurally. */
  valueType(node: ValueNode, step: StepIR | undefined, role: SiteRole, path: readonly (string | number)[]): Type {
    switch (node.kind) {
      case 'scalar': {
        const site = this.siteAt(node, step, role, path);
        if (site) return site.inferred.type;
        if (typeof node.value === 'string' && containsTemplate(node.value)) return unknownType;
        return typeOfValue(node.value);
      }
      case 'map': {
        const props: Record<string, Type> = {};
        for (const e of node.entries) Object.defineProperty(props, e.key, { value: this.valueType(e.value, step, role, [...path, e.key]), enumerable: true });
        return objectOf(props);
      }
      case 'seq':
        return tupleOf(node.items.map((item, i) => this.valueType(item, step, role, [...path, i])));
    }
  }

  // ─── scopes ──────────────────────────────────────────────────────────────

  private baseRoots(): Map<string, RootBinding> {
    return new Map<string, RootBinding>([
      ['inputs', { type: this.inputsType }],
      ['env', { type: objectOf({}, stringType) }],
      ['secrets', { type: objectOf({}, stringType), tainted: true }],
      ['trigger', { type: objectOf({ payload: unknownType, event: unknownType }) }],
      ['today', { type: stringType }],
      ['now', { type: stringType }],
    ]);
  }

  /**
   * The scope of templates written in `step` (or in the outputs when
   * undefined). `ownLoop`: whether the step's own `for_each` item is in scope
   * (not for the `for_each` list itself).
   */
  scopeFor(step: StepIR | undefined, ownLoop: boolean): Scope {
    const memo = step === undefined ? this.scopes.get('outputs') : (ownLoop ? this.ownLoopScopes : this.stepScopes).get(step);
    if (memo) return memo;
    const roots = this.baseRoots();
    const chain = step ? [...this.flow.ancestors(step), step] : [];
    let loop: Type | undefined;
    let caught = false;
    for (const [i, s] of chain.entries()) {
      const isSelf = i === chain.length - 1;
      const frame = this.flow.frameOf(s);
      if (frame && (frame.role === 'catch' || frame.role === 'finally')) caught = true;
      if (!isSelf && s.kind === 'forEach') loop = this.loopElement(s);
      if (s.forEach && (!isSelf || ownLoop)) loop = this.sugarElement(s);
    }
    const unavailable = new Map<string, { where: string; advice: string }>();
    if (loop !== undefined) {
      roots.set('item', { type: loop });
      roots.set('index', { type: integerType });
      roots.set('isFirst', { type: booleanType });
      roots.set('isLast', { type: booleanType });
    } else {
      for (const name of loopRoots) {
        unavailable.set(name, {
          where: 'inside a loop: a step with for_each, the steps of a forEach step, or the argument of map/filter',
          advice: name === 'item' ? "add 'for_each' to the step, or use map(list, item.field)" : 'move the read into the loop',
        });
      }
    }
    if (caught) roots.set('error', { type: caughtErrorType });
    else unavailable.set('error', { where: 'inside the catch and finally steps of a try step', advice: 'elsewhere, read the failed step as steps.<id>.error' });
    const scope: Scope = {
      roots,
      unavailable,
      workflow: this.workflow.name.value,
      step: (id) => this.stepReference(step, id),
    };
    if (step === undefined) this.scopes.set('outputs', scope);
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
        return target ? this.analyzerOf(target).outputsType() : unknownType;
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
