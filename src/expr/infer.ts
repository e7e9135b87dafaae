/**
 * Type inference for expressions and templates (DESIGN.md §4–5). Given a
 * scope (the roots in force at one place in a workflow), it computes each
 * expression's type and whether it carries a secret, and reports what does
 * not fit: unknown names, functions and filters (with "did you mean"),
 * properties a closed schema does not declare (pointing at the property
 * name inside the template, with the schema's declaration as a related
 * location), reads of steps that have not run yet, reads through values
 * that may be undefined, and operators or functions applied to the wrong
 * types.
 */
import { exprTypeMessages as M } from '../diagnostics/catalog/expr-types.js';
import { assertNever, type MessageArgs, type MessageDef, type RelatedLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { Span } from '../source/span.js';
import type { BinaryExpr, CallExpr, Expr, FilterExpr, IndexExpr, MemberExpr, Template, TemplatePart, UnaryExpr } from './ast.js';
import { derived, plain, type Inferred, type Reporter } from './inferred.js';
import { typeBinary, typeUnary, type OperatorHost } from './operators.js';
import { printExpr } from './print.js';
import { wholeValueExpr } from './template.js';
import { allFunctions, lookupFunction, parameterType, type FunctionDef } from './functions.js';
import {
  assignable,
  describe,
  elementType,
  literal,
  lookupProperty,
  mayBeUndefined,
  membersOf,
  nullType,
  removeNull,
  removeUndefined,
  reportedUndefinedType,
  resolved,
  stringType,
  tupleOf,
  undefinedType,
  union,
  unknownType,
  type ObjectType,
  type Type,
} from './types.js';

/** A name in scope: its type, whether it is a secret, and where it is declared. */
export interface RootBinding {
  readonly type: Type;
  readonly tainted?: boolean;
  readonly declaredAt?: Span;
}

/** What `steps.<id>` means at one place in a workflow. */
export type StepReference =
  | {
      readonly kind: 'ok';
      readonly type: Type;
      readonly declaredAt: Span;
      readonly mayNotHaveRun?: string;
    }
  | { readonly kind: 'forward'; readonly declaredAt: Span }
  | { readonly kind: 'self'; readonly declaredAt: Span }
  | { readonly kind: 'unknown'; readonly candidates: readonly string[] };

/** The roots in force at one place. */
export interface Scope {
  readonly roots: ReadonlyMap<string, RootBinding>;
  /** Roots that exist elsewhere but not here (`item` outside loops): where they exist, and advice. */
  readonly unavailable?: ReadonlyMap<string, { readonly where: string; readonly advice: string }>;
  /** Resolves `steps.<id>`; without it `steps` is an ordinary root. */
  readonly step?: (id: string) => StepReference;
  /** The workflow's name, for messages. */
  readonly workflow?: string;
}

/** A scope with extra roots (loop variables), shadowing the outer ones. */
export function extendScope(scope: Scope, extra: Readonly<Record<string, RootBinding>>): Scope {
  const roots = new Map(scope.roots);
  for (const [name, binding] of Object.entries(extra)) roots.set(name, binding);
  const unavailable = scope.unavailable ? new Map([...scope.unavailable].filter(([name]) => !roots.has(name))) : undefined;
  return { ...scope, roots, ...(unavailable ? { unavailable } : {}) };
}

export type { Inferred, Reporter } from './inferred.js';

export interface InferOptions {
  /** `--strict`: "may be undefined" warnings become errors. */
  readonly strict?: boolean;
}

/** The expression as a person would write it, for messages. */
export function exprText(expr: Expr): string {
  return printExpr(expr);
}

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'];

/** Infers types of expressions and templates in scopes, reporting what does not fit. */
export class ExpressionTyper {
  constructor(
    private readonly report: Reporter,
    private readonly options: InferOptions = {},
  ) {}

  /** Depth of `default(…)` first arguments being inferred: reads there are guarded. */
  private guarded = 0;

  /** Reports a "may be undefined" warning (an error with `--strict`), unless the read is guarded by `default`. */
  private maybe(
    def: MessageDef,
    span: Span,
    args: MessageArgs,
    extras: {
      readonly hint?: string;
      readonly related?: readonly RelatedLocation[];
    } = {},
  ): void {
    if (this.guarded > 0) return;
    this.report(def, span, args, this.options.strict ? { ...extras, severity: 'error' } : extras);
  }

  /**
   * The template's value: a whole-value template has its expression's type;
   * any other template is a string. Every part is checked.
   */
  inferTemplate(template: Template, scope: Scope): Inferred {
    const whole = wholeValueExpr(template);
    if (whole) return this.infer(whole, scope);
    const parts = this.inferParts(template.parts, scope);
    return derived(stringType, ...parts);
  }

  private inferParts(parts: readonly TemplatePart[], scope: Scope): Inferred[] {
    const out: Inferred[] = [];
    for (const part of parts) {
      switch (part.kind) {
        case 'text':
          break;
        case 'expr':
          out.push(this.infer(part.expr, scope));
          break;
        case 'for': {
          const iterable = this.infer(part.iterable, scope);
          const element = this.elementOrReport(iterable.type, part.iterable, '`{% for %}`');
          out.push(iterable);
          const inner = extendScope(scope, {
            [part.variable]: {
              type: element,
              tainted: iterable.tainted,
              declaredAt: part.variableSpan,
            },
          });
          out.push(...this.inferParts(part.body, inner));
          break;
        }
        case 'if':
          for (const branch of part.branches) {
            out.push(this.infer(branch.condition, scope));
            out.push(...this.inferParts(branch.body, scope));
          }
          if (part.otherwise) out.push(...this.inferParts(part.otherwise, scope));
          break;
        default:
          assertNever(part, 'template part');
      }
    }
    return out;
  }

  /** The element type of a list, or an ItemsNotList error and `unknown`. */
  private elementOrReport(type: Type, expr: Expr, where: string): Type {
    const element = elementType(removeNull(removeUndefined(type)));
    if (element !== undefined) return element;
    this.report(M.ItemsNotList, expr.span, { where, expr: exprText(expr), type: describe(type) }, { hint: adviceForList(type) });
    return unknownType;
  }

  /** Infers the type of `expr` in `scope`. */
  infer(expr: Expr, scope: Scope): Inferred {
    switch (expr.kind) {
      case 'literal':
        return plain(expr.value === null ? nullType : literal(expr.value));
      case 'list': {
        const items = expr.items.map((i) => this.infer(i, scope));
        return derived(tupleOf(items.map((i) => i.type)), ...items);
      }
      case 'identifier':
        return this.inferIdentifier(expr.name, expr.span, scope);
      case 'member':
        return this.inferMember(expr, scope);
      case 'index':
        return this.inferIndex(expr, scope);
      case 'call':
        return this.inferCall(expr, scope);
      case 'filter':
        return this.inferFilter(expr, scope);
      case 'unary':
        return this.inferUnary(expr, scope);
      case 'binary':
        return this.inferBinary(expr, scope);
      default:
        return assertNever(expr, 'expression');
    }
  }

  private inferIdentifier(name: string, span: Span, scope: Scope): Inferred {
    const binding = scope.roots.get(name);
    if (binding) return binding.tainted ? { type: binding.type, tainted: true, secret: name, secretSpan: span } : plain(binding.type);
    if (name === 'steps' && scope.step) return plain(unknownType);
    const elsewhere = scope.unavailable?.get(name);
    if (elsewhere) {
      this.report(M.RootNotInScope, span, {
        name,
        where: elsewhere.where,
        advice: elsewhere.advice,
      });
      return plain(unknownType);
    }
    const roots = [...scope.roots.keys(), ...(scope.step ? ['steps'] : [])];
    const guess = closestMatch(name, roots);
    const fn = lookupFunction(name);
    const hint = guess
      ? `did you mean '${guess}'?`
      : fn
        ? `'${name}' is a function: call it as ${name}(…) or use it as a filter (value | ${name})`
        : `expressions start from ${roots.sort().join(', ')}`;
    this.report(M.UnknownRoot, span, { name, roots: roots.join(', ') }, { hint });
    return plain(unknownType);
  }

  private inferMember(expr: MemberExpr, scope: Scope): Inferred {
    const object = expr.object;
    if (object.kind === 'identifier' && object.name === 'steps' && scope.step && !scope.roots.has('steps')) {
      return this.inferStep(expr.name, expr.nameSpan, `steps.${expr.name}`, scope, undefined);
    }
    // `steps.X.status` and `steps.X.error` are there even when X was skipped.
    const stepId = stepIdOf(object, scope);
    if (stepId !== undefined) {
      const record = this.inferStep(stepId.id, stepId.span, `steps.${stepId.id}.${expr.name}`, scope, expr.name);
      return plain(this.readProperty(record.type, expr.name, expr.nameSpan, object, scope));
    }
    const base = this.infer(object, scope);
    const type = this.readProperty(base.type, expr.name, expr.nameSpan, object, scope);
    if (!base.tainted) return plain(type);
    // `secrets.NAME` names the secret; deeper reads keep it.
    if (object.kind === 'identifier' && base.secret === object.name)
      return {
        type,
        tainted: true,
        secret: `${object.name}.${expr.name}`,
        secretSpan: expr.span,
      };
    return { ...base, type };
  }

  private inferStep(id: string, span: Span, path: string, scope: Scope, field: string | undefined): Inferred {
    const ref = scope.step!(id);
    switch (ref.kind) {
      case 'ok':
        if (ref.mayNotHaveRun !== undefined && field !== 'status' && field !== 'error') {
          this.maybe(
            M.StepMayNotHaveRun,
            span,
            { name: id, reason: ref.mayNotHaveRun, path },
            {
              related: [
                {
                  message: `step '${id}' is declared here`,
                  span: ref.declaredAt,
                },
              ],
            },
          );
          return plain(union(ref.type, reportedUndefinedType));
        }
        return plain(ref.type);
      case 'forward':
      case 'self':
        this.report(ref.kind === 'forward' ? M.ForwardStepReference : M.SelfStepReference, span, { name: id }, {
          related: [{ message: `step '${id}' is declared here`, span: ref.declaredAt }],
        });
        return plain(unknownType);
      case 'unknown': {
        const guess = closestMatch(id, ref.candidates);
        const advice = guess
          ? `did you mean '${guess}'?`
          : ref.candidates.length > 0
            ? `the steps are ${ref.candidates.slice(0, 12).join(', ')}`
            : 'this workflow has no steps with ids';
        this.report(M.UnknownStep, span, {
          name: id,
          workflow: scope.workflow ?? '?',
          advice,
        });
        return plain(unknownType);
      }
      default:
        return assertNever(ref, 'step reference');
    }
  }

  /** The type of `object.name`, reporting undeclared properties and reads through undefined. */
  private readProperty(objectType: Type, name: string, nameSpan: Span, objectExpr: Expr, scope: Scope): Type {
    const t = resolved(objectType);
    if (t.kind === 'unknown') return unknownType;
    if (t.kind === 'object') {
      // The common case, one object: what the loop below does for it, without its lists.
      const found = lookupProperty(t, name);
      if (found.kind !== 'missing') return union(found.type);
      this.reportUnknownProperty(name, nameSpan, objectExpr, exprText(objectExpr), [...new Set(found.known)], [t], scope);
      return unknownType;
    }
    const members = membersOf(t);
    const results: Type[] = [];
    let sawNullish = false;
    const objects: ObjectType[] = [];
    const others: Type[] = [];
    for (const m of members) {
      const r = resolved(m);
      if (r.kind === 'undefined' || r.kind === 'null') sawNullish = true;
      else if (r.kind === 'unknown') results.push(unknownType);
      else if (r.kind === 'object') objects.push(r);
      else others.push(r);
    }
    // Printed only when something is reported: most reads report nothing.
    const text = (): string => exprText(objectExpr);
    if (sawNullish && (mayBeUndefined(t) || members.some((m) => m.kind === 'null')) && (objects.length > 0 || others.length > 0 || results.length > 0)) {
      this.maybe(M.MaybeUndefinedRead, nameSpan, {
        object: text(),
        type: describe(t),
        name,
      });
    }
    let missingEverywhere = objects.length > 0;
    const known = new Set<string>();
    for (const o of objects) {
      const found = lookupProperty(o, name);
      if (found.kind === 'missing') {
        found.known.forEach((k) => known.add(k));
        results.push(undefinedType);
      } else {
        missingEverywhere = false;
        results.push(found.type);
      }
    }
    if (objects.length > 0 && missingEverywhere && results.every((r) => r.kind === 'undefined')) {
      this.reportUnknownProperty(name, nameSpan, objectExpr, text(), [...known], objects, scope);
      return unknownType;
    }
    if (others.length > 0 && objects.length === 0 && results.length === 0) {
      const shown = others.length === 1 ? others[0]! : union(...others);
      this.report(M.PropertyOfNonObject, nameSpan, { object: text(), type: describe(shown), name }, { hint: adviceForNonObject(shown, text(), name) });
      return unknownType;
    }
    if (sawNullish) results.push(reportedUndefinedType);
    return union(...results);
  }

  private reportUnknownProperty(
    name: string,
    span: Span,
    objectExpr: Expr,
    text: string,
    known: readonly string[],
    objects: readonly ObjectType[],
    scope: Scope,
  ): void {
    const guess = closestMatch(name, known);
    const related: RelatedLocation[] = [];
    const guessAt = guess ? objects.map((o) => o.properties.get(guess)?.declaredAt).find((s) => s !== undefined) : undefined;
    if (guessAt) related.push({ message: `'${guess}' is declared here`, span: guessAt });
    else {
      const schemaAt = objects.map((o) => o.declaredAt).find((s) => s !== undefined);
      if (schemaAt)
        related.push({
          message: 'the schema is declared here',
          span: schemaAt,
        });
    }
    const list =
      known.length === 0
        ? 'it declares no properties'
        : `it declares ${known
            .slice(0, 12)
            .map((k) => `'${k}'`)
            .join(', ')}`;
    const advice = guess ? `did you mean '${guess}'?` : list;
    if (objectExpr.kind === 'identifier' && objectExpr.name === 'inputs' && !scope.roots.get('inputs')?.tainted) {
      this.report(
        M.UnknownInput,
        span,
        { workflow: scope.workflow ?? '?', name },
        {
          hint: known.length === 0 ? "declare it under the workflow's 'inputs:'" : advice,
          related,
        },
      );
      return;
    }
    this.report(M.UnknownProperty, span, { object: text, name }, { hint: advice, related });
  }

  private inferIndex(expr: IndexExpr, scope: Scope): Inferred {
    if (
      expr.object.kind === 'identifier' &&
      expr.object.name === 'steps' &&
      scope.step &&
      !scope.roots.has('steps') &&
      expr.index.kind === 'literal' &&
      typeof expr.index.value === 'string'
    ) {
      return this.inferStep(expr.index.value, expr.index.span, `steps['${expr.index.value}']`, scope, undefined);
    }
    const base = this.infer(expr.object, scope);
    const index = this.infer(expr.index, scope);
    const t = resolved(removeNull(removeUndefined(base.type)));
    if (mayBeUndefined(base.type))
      this.maybe(M.MaybeUndefinedRead, expr.index.span, {
        object: exprText(expr.object),
        type: describe(base.type),
        name: exprText(expr.index),
      });
    const it = resolved(index.type);
    const indexKind = it.kind === 'literal' ? typeof it.value : it.kind;
    const nullish = membersOf(base.type).some((m) => m.kind === 'undefined' || m.kind === 'null');
    const result = (type: Type): Inferred => derived(nullish ? union(type, reportedUndefinedType) : type, base, index);
    if (t.kind === 'unknown' || it.kind === 'unknown') return result(unknownType);
    if (t.kind === 'object' && indexKind === 'string') {
      if (it.kind === 'literal' && typeof it.value === 'string') return result(this.readProperty(t, it.value, expr.index.span, expr.object, scope));
      return result(union(...[...t.properties.values()].map((p) => p.type), t.additional ?? undefinedType, undefinedType));
    }
    const integral = indexKind === 'integer' || indexKind === 'number';
    if (integral && (t.kind === 'array' || t.kind === 'tuple' || t.kind === 'string')) {
      if (t.kind === 'string') return result(stringType);
      if (t.kind === 'array') return result(t.element);
      if (it.kind === 'literal' && typeof it.value === 'number') return result(t.items[it.value] ?? t.rest ?? undefinedType);
      return result(elementType(t) ?? unknownType);
    }
    if (t.kind === 'union') return result(unknownType);
    this.report(M.NotIndexable, expr.index.span, {
      object: exprText(expr.object),
      type: describe(base.type),
      index: describe(index.type),
    });
    return result(unknownType);
  }

  private inferCall(expr: CallExpr, scope: Scope): Inferred {
    const fn = lookupFunction(expr.callee.name);
    if (!fn) {
      this.reportUnknownFunction(M.UnknownFunction, expr.callee.name, expr.callee.span);
      const args = expr.args.map((a) => this.infer(a, scope));
      return derived(unknownType, ...args);
    }
    return this.applyFunction(fn, expr.args, expr.callee.span, scope, undefined);
  }

  private inferFilter(expr: FilterExpr, scope: Scope): Inferred {
    const fn = lookupFunction(expr.name.name);
    const input = this.inferGuarded(expr.input, scope, fn?.acceptsUndefined === true);
    if (!fn) {
      this.reportUnknownFunction(M.UnknownFilter, expr.name.name, expr.name.span);
      const args = expr.args.map((a) => this.infer(a, scope));
      return derived(unknownType, input, ...args);
    }
    return this.applyFunction(fn, [expr.input, ...expr.args], expr.name.span, scope, input);
  }

  /** Infers `expr`; with `guard`, reads of possibly-undefined values inside it are not reported (the caller handles undefined). */
  private inferGuarded(expr: Expr, scope: Scope, guard: boolean): Inferred {
    if (!guard) return this.infer(expr, scope);
    this.guarded++;
    try {
      return this.infer(expr, scope);
    } finally {
      this.guarded--;
    }
  }

  private reportUnknownFunction(def: MessageDef, name: string, span: Span): void {
    const names = allFunctions().map((f) => f.name);
    const guess = closestMatch(name, names);
    this.report(def, span, { name, functions: names.join(', ') }, guess ? { hint: `did you mean '${guess}'?` } : {});
  }

  /** Checks arity and argument types of a built-in and gives its result. `first` is a filter's already-inferred input. */
  private applyFunction(fn: FunctionDef, args: readonly Expr[], nameSpan: Span, scope: Scope, first: Inferred | undefined): Inferred {
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      this.report(
        M.ArgumentCount,
        nameSpan,
        {
          name: fn.name,
          expected: arity(fn),
          count: args.length === 1 ? '1 argument' : `${args.length} arguments`,
        },
        { hint: fn.signature },
      );
    }
    const inferred: Inferred[] = [];
    const types: Type[] = [];
    for (const [i, arg] of args.entries()) {
      let got: Inferred;
      if (i === 0 && first) got = first;
      else if (fn.perItemArg === i) {
        const element = types[0] !== undefined ? (elementType(types[0]) ?? unknownType) : unknownType;
        got = this.infer(
          arg,
          extendScope(scope, {
            item: { type: element, tainted: inferred[0]?.tainted ?? false },
          }),
        );
      } else got = this.inferGuarded(arg, scope, i === 0 && fn.acceptsUndefined === true);
      inferred.push(got);
      let type = got.type;
      if (fn.perItemArg !== i && !(i === 0 && fn.acceptsUndefined)) {
        if (mayBeUndefined(type))
          this.maybe(M.MaybeUndefinedArgument, arg.span, {
            expr: exprText(arg),
            type: describe(type),
            name: fn.name,
          });
        type = removeUndefined(type);
        if (resolved(type).kind === 'union') type = removeNull(type);
        const expected = parameterType(fn, i);
        const ok = assignable(type, expected);
        if (!ok.ok && i < fn.maxArgs) {
          this.report(
            M.ArgumentType,
            arg.span,
            {
              name: fn.name,
              expected: describe(expected),
              position: ordinals[i] ?? `#${i + 1}`,
              expr: exprText(arg),
              actual: describe(got.type),
            },
            { hint: fn.signature },
          );
        }
      }
      types.push(type);
    }
    return derived(fn.result(types), ...inferred);
  }

  private inferUnary(expr: UnaryExpr, scope: Scope): Inferred {
    return typeUnary(expr, this.infer(expr.operand, scope), this.operators);
  }

  private inferBinary(expr: BinaryExpr, scope: Scope): Inferred {
    return typeBinary(expr, this.infer(expr.left, scope), this.infer(expr.right, scope), this.operators);
  }

  /** What operator typing needs from the typer: reporting, and "may be undefined" operands. */
  private readonly operators: OperatorHost = {
    report: (def, span, args, extras) => this.report(def, span, args, extras),
    maybeOperand: (expr, type, operator) => {
      const text = exprText(expr);
      this.maybe(
        M.MaybeUndefinedArgument,
        expr.span,
        { expr: text, type: describe(type), name: operator },
        { hint: `give a fallback first: \`(${text} | default(…))\`` },
      );
    },
  };
}

/** The step id of `steps.X` / `steps['X']` when `expr` is one and `steps` is the step root. */
function stepIdOf(expr: Expr, scope: Scope): { readonly id: string; readonly span: Span } | undefined {
  if (!scope.step || scope.roots.has('steps')) return undefined;
  if (expr.kind === 'member' && expr.object.kind === 'identifier' && expr.object.name === 'steps') return { id: expr.name, span: expr.nameSpan };
  if (
    expr.kind === 'index' &&
    expr.object.kind === 'identifier' &&
    expr.object.name === 'steps' &&
    expr.index.kind === 'literal' &&
    typeof expr.index.value === 'string'
  ) {
    return { id: expr.index.value, span: expr.index.span };
  }
  return undefined;
}

function arity(fn: FunctionDef): string {
  const n = (k: number): string => (k === 1 ? '1 argument' : `${k} arguments`);
  if (fn.maxArgs === Infinity) return `at least ${n(fn.minArgs)}`;
  if (fn.minArgs === fn.maxArgs) return n(fn.minArgs);
  return `${fn.minArgs} to ${fn.maxArgs} arguments`;
}

function adviceForNonObject(type: Type, text: string, name: string): string {
  const t = resolved(type);
  if (t.kind === 'array' || t.kind === 'tuple') return `it is a list: read one item with ${text}[0].${name}, or all of them with map(${text}, item.${name})`;
  if (t.kind === 'string' || (t.kind === 'literal' && typeof t.value === 'string'))
    return 'strings have no properties; use the built-in functions (length, upper, split, …)';
  return 'only objects have properties';
}

function adviceForList(type: Type): string {
  const t = resolved(type);
  if (t.kind === 'string' || (t.kind === 'literal' && typeof t.value === 'string')) return "to loop over parts of a string, split it: `value | split(',')`";
  if (t.kind === 'object') return 'this is one object; loop over a list property of it';
  return 'give a list, for example an input declared `type: array`';
}
