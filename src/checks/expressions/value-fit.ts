/**
 * Checks a value written in a manifest against the JSON Schema of the field
 * it feeds (DESIGN.md §5, writes): literals by type, `enum`/`const` and
 * bounds; templates by their inferred type; maps by `required`,
 * `properties` and `additionalProperties` (the JSON Schema default: open
 * unless `additionalProperties: false`); lists by `items`/`prefixItems`.
 * `anyOf`/`oneOf` pass when one alternative fits; otherwise the closest
 * alternative's problems are reported.
 */
import { exprTypeMessages as M } from '../../diagnostics/catalog/expr-types.js';
import type { Diagnostic, MessageArgs, MessageDef, RelatedLocation, Severity } from '../../diagnostics/diagnostic.js';
import { createDiagnostic } from '../../diagnostics/diagnostic.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import { exprText } from '../../expr/infer.js';
import { isJsonObject, ownValue, schemaToType, withoutKey } from '../../expr/schema-types.js';
import { containsTemplate, wholeValueExpr } from '../../expr/template.js';
import {
  assignable,
  describe,
  includesUndefined,
  mayBeUndefined,
  membersOf,
  removeUndefined,
  resolved,
  stringType,
  typeOfValue,
  widen,
  type Type,
} from '../../expr/types.js';
import { hasType } from '../../schema/shape.js';
import { entry, type MapEntry, type MapNode, type ScalarNode, type SeqNode, type ValueNode } from '../../source/nodes.js';
import type { Span } from '../../source/span.js';
import type { TemplateSite } from './analysis.js';
import { childSchema, derefSchema, fieldPath, propertyKeySpan, type InputTarget } from './input-targets.js';
import { isValidPattern, safeTest } from '../patterns.js';

type Json = unknown;
type JsonObject = Readonly<Record<string, Json>>;
const isObject = isJsonObject;
const own = ownValue;

export interface FitContext {
  readonly target: InputTarget;
  readonly site: (node: ScalarNode) => TemplateSite | undefined;
  readonly strict: boolean;
  readonly report: (diagnostic: Diagnostic) => void;
}

/** Checks `node` (or a missing input, when undefined, anchored at `anchor`) against the target's schema. */
export function checkInputValue(node: ValueNode | undefined, anchor: Span, context: FitContext): void {
  const fit = new ValueFit(context);
  if (node === undefined) fit.missingObject(context.target.schema, context.target.schemaNode, { span: anchor }, []);
  else fit.check(node, context.target.schema, context.target.schemaNode, [], true, { span: anchor });
}

/**
 * Keys from the input's root to the value being checked. One stack is pushed
 * to and popped back as the check goes down; it is turned into words only
 * when something is reported.
 */
type PathStack = (string | number)[];

/** Where a missing required field is reported: read only when one is (a node's span is made on each read). */
interface Anchor {
  readonly span: Span;
}

/** The names a schema's `required` lists, by schema object (an action's schema is checked once per call). */
const requiredNames = new WeakMap<JsonObject, ReadonlySet<string>>();

function requiredOf(schema: JsonObject): ReadonlySet<string> {
  let names = requiredNames.get(schema);
  if (names === undefined) {
    const list = own(schema, 'required');
    names = new Set(Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : []);
    requiredNames.set(schema, names);
  }
  return names;
}

class ValueFit {
  /** Depth of `allOf` parts being checked: unknown fields are not reported there. */
  private lenient = 0;

  /** The document the target's `$ref`s resolve against. */
  private readonly root: { readonly json: unknown; readonly node: ValueNode | undefined };

  constructor(private readonly context: FitContext) {
    this.root = { json: context.target.schema, node: context.target.schemaNode };
  }

  private emit(def: MessageDef, span: Span, args: MessageArgs, extras: { hint?: string; related?: readonly RelatedLocation[]; severity?: Severity } = {}): void {
    this.context.report(createDiagnostic(def, span, args, extras));
  }

  private warnOrStrict(): { severity?: Severity } {
    return this.context.strict ? { severity: 'error' } : {};
  }

  check(node: ValueNode, rawSchema: Json, rawNode: ValueNode | undefined, path: PathStack, required: boolean, anchor: Anchor): void {
    const { schema, node: schemaNode } = derefSchema(rawSchema, rawNode, this.context.target);
    if (!isObject(schema)) return;
    const alternatives = own(schema, 'anyOf') ?? own(schema, 'oneOf');
    if (Array.isArray(alternatives) && alternatives.length > 0) {
      this.checkAlternatives(node, schema, alternatives, path, required, anchor);
      return;
    }
    const all = own(schema, 'allOf');
    if (Array.isArray(all)) {
      // Each part sees only some of the properties, so none of them may call a field unknown.
      this.lenient++;
      this.check(node, withoutKey(schema, 'allOf'), undefined, path, required, anchor);
      for (const part of all) this.check(node, part, undefined, path, required, anchor);
      this.lenient--;
      return;
    }
    switch (node.kind) {
      case 'scalar':
        this.checkScalar(node, schema, schemaNode, path, required);
        return;
      case 'map':
        this.checkMap(node, schema, schemaNode, path, anchor);
        return;
      case 'seq':
        this.checkSeq(node, schema, schemaNode, path);
        return;
    }
  }

  /** Passes when some alternative fits without errors; otherwise reports the closest alternative's problems. */
  private checkAlternatives(node: ValueNode, schema: JsonObject, alternatives: readonly Json[], path: PathStack, required: boolean, anchor: Anchor): void {
    const base = withoutKey(withoutKey(schema, 'anyOf'), 'oneOf');
    // The closest alternative: fewest errors, where a value of the wrong kind weighs more than a broken bound.
    const kindMismatch = new Set<string>([M.LiteralTypeMismatch.code, M.ValueTypeMismatch.code, M.InterpolationTypeMismatch.code]);
    const score = (found: readonly Diagnostic[]): number => found.reduce((sum, d) => sum + (d.severity !== 'error' ? 0 : kindMismatch.has(d.code) ? 10 : 1), 0);
    let best: { found: Diagnostic[]; score: number } | undefined;
    for (const alt of alternatives) {
      const found: Diagnostic[] = [];
      const trial = new ValueFit({ ...this.context, report: (d) => found.push(d) });
      trial.check(node, isObject(alt) ? { ...base, ...alt } : alt, undefined, path, required, anchor);
      const s = score(found);
      if (s === 0) {
        found.forEach((d) => this.context.report(d));
        return;
      }
      if (!best || s < best.score) best = { found, score: s };
    }
    best?.found.forEach((d) => this.context.report(d));
  }

  private targetType(schema: JsonObject, schemaNode: ValueNode | undefined): Type {
    return schemaToType(schema, schemaNode ? { mode: 'write', node: schemaNode, root: this.root } : { mode: 'write', root: this.root });
  }

  private checkScalar(node: ScalarNode, schema: JsonObject, schemaNode: ValueNode | undefined, path: PathStack, required: boolean): void {
    const site = this.context.site(node);
    if (site) {
      this.checkTemplate(site, this.targetType(schema, schemaNode), schema, path, required);
      return;
    }
    if (typeof node.value === 'string' && containsTemplate(node.value)) return; // a template with a syntax error
    if (!fitsByType(node.value, schema)) this.checkLiteralType(node, schema, schemaNode, path);
    else this.checkBounds(node, schema, path);
  }

  private checkLiteralType(node: ScalarNode, schema: JsonObject, schemaNode: ValueNode | undefined, path: PathStack): void {
    const expected = this.targetType(schema, schemaNode);
    const actual = typeOfValue(node.value);
    const fits = assignable(actual, expected);
    if (!fits.ok) {
      const choices = enumValues(schema);
      if (choices && node.value !== null) {
        const guess = typeof node.value === 'string' ? closestMatch(node.value, choices.filter((c): c is string => typeof c === 'string')) : undefined;
        this.emit(M.NotInEnum, node.span, { value: JSON.stringify(node.value), field: fieldPath(path), allowed: choices.map((c) => JSON.stringify(c)).join(', ') }, { hint: guess ? `did you mean ${JSON.stringify(guess)}?` : `use one of ${choices.map((c) => JSON.stringify(c)).join(', ')}` });
      } else {
        this.emit(M.LiteralTypeMismatch, node.span, { field: fieldPath(path), expected: describe(expected), actual: describeLiteral(node.value) }, { hint: literalAdvice(node.value, expected) });
      }
      return;
    }
    this.checkBounds(node, schema, path);
  }

  private checkTemplate(site: TemplateSite, expected: Type, schema: JsonObject, path: PathStack, required: boolean): void {
    const template = site.template;
    const expr = wholeValueExpr(template);
    if (!expr) {
      if (!assignable(stringType, expected).ok && !enumValues(schema)) {
        this.emit(M.InterpolationTypeMismatch, template.span, { field: fieldPath(path), expected: describe(expected) });
      }
      return;
    }
    const type = site.inferred.type;
    const text = (): string => exprText(expr);
    if (required && mayBeUndefined(type)) {
      this.emit(M.MaybeUndefinedInput, expr.span, { expr: text(), actual: describe(type), field: fieldPath(path), expected: describe(expected) }, this.warnOrStrict());
    }
    const defined = includesUndefined(type) ? removeUndefined(type) : type;
    if (resolved(defined).kind === 'never') return;
    const fits = assignable(defined, expected);
    if (fits.ok) return;
    const choices = enumValues(schema);
    if (choices && membersOf(defined).every((m) => resolved(m).kind === 'literal')) {
      this.emit(M.NotInEnum, expr.span, { value: `\`${text()}\` (${describe(defined)})`, field: fieldPath(path), allowed: choices.map((c) => JSON.stringify(c)).join(', ') }, { hint: fits.reason });
      return;
    }
    this.emit(M.ValueTypeMismatch, expr.span, { expr: text(), actual: describe(type), field: fieldPath(path), expected: describe(expected) }, { hint: templateAdvice(defined, expected, fits.reason) });
  }

  private checkBounds(node: ScalarNode, schema: JsonObject, path: PathStack): void {
    const value = node.value;
    const fail = (constraint: string): void => this.emit(M.ConstraintViolation, node.span, { value: JSON.stringify(value), field: fieldPath(path), constraint });
    if (typeof value === 'number') {
      const min = own(schema, 'minimum');
      const max = own(schema, 'maximum');
      const xmin = own(schema, 'exclusiveMinimum');
      const xmax = own(schema, 'exclusiveMaximum');
      if (typeof min === 'number' && value < min) fail(xmin === true ? `must be greater than ${min}` : `minimum ${min}`);
      else if (typeof min === 'number' && xmin === true && value === min) fail(`must be greater than ${min}`);
      if (typeof max === 'number' && value > max) fail(xmax === true ? `must be less than ${max}` : `maximum ${max}`);
      else if (typeof max === 'number' && xmax === true && value === max) fail(`must be less than ${max}`);
      if (typeof xmin === 'number' && value <= xmin) fail(`must be greater than ${xmin}`);
      if (typeof xmax === 'number' && value >= xmax) fail(`must be less than ${xmax}`);
      const step = own(schema, 'multipleOf');
      if (typeof step === 'number' && step > 0 && Math.abs(value / step - Math.round(value / step)) > 1e-9) fail(`a multiple of ${step}`);
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      const minLength = own(schema, 'minLength');
      const maxLength = own(schema, 'maxLength');
      const pattern = own(schema, 'pattern');
      if (typeof minLength === 'number' && length < minLength) fail(`at least ${minLength} character${minLength === 1 ? '' : 's'}`);
      if (typeof maxLength === 'number' && length > maxLength) fail(`at most ${maxLength} character${maxLength === 1 ? '' : 's'}`);
      if (typeof pattern === 'string' && !safeTest(pattern, value) && isValidPattern(pattern)) fail(`must match the pattern ${pattern}`);
    }
  }

  private allowsKind(schema: JsonObject, kind: 'object' | 'array'): boolean {
    const type = own(schema, 'type');
    if (typeof type === 'string') return type === kind;
    if (Array.isArray(type)) return type.includes(kind);
    return true;
  }

  private checkMap(node: MapNode, schema: JsonObject, schemaNode: ValueNode | undefined, path: PathStack, anchor: Anchor): void {
    if (!this.allowsKind(schema, 'object') || enumValues(schema)) {
      this.emit(M.LiteralTypeMismatch, node.span, { field: fieldPath(path), expected: describe(this.targetType(schema, schemaNode)), actual: 'an object' });
      return;
    }
    const props = own(schema, 'properties');
    const propsObject = isObject(props) ? props : {};
    const patterns = own(schema, 'patternProperties');
    const additional = own(schema, 'additionalProperties');
    const required = requiredOf(schema);
    const propsNode = schemaNode?.kind === 'map' ? entry(schemaNode, 'properties')?.value : undefined;
    for (const e of node.entries) {
      const propSchema = own(propsObject, e.key);
      path.push(e.key);
      if (propSchema !== undefined) {
        const propNode = propsNode?.kind === 'map' ? entry(propsNode, e.key)?.value : undefined;
        this.check(e.value, propSchema, propNode, path, required.has(e.key), e.keyNode);
      } else {
        this.checkUndeclared(e, schemaNode, propsObject, patterns, additional, path);
      }
      path.pop();
    }
    this.reportMissing(propsObject, required, node, schemaNode, anchor, path);
  }

  /** A field that `properties` does not list: matched by `patternProperties`, typed by `additionalProperties`, or reported. */
  private checkUndeclared(e: MapEntry, schemaNode: ValueNode | undefined, propsObject: JsonObject, patterns: Json, additional: Json, path: PathStack): void {
    const pattern = isObject(patterns) ? Object.entries(patterns).find(([p]) => safeTest(p, e.key)) : undefined;
    if (pattern) {
      this.check(e.value, pattern[1], undefined, path, false, e.keyNode);
      return;
    }
    if (this.lenient > 0) return;
    const declared = Object.keys(propsObject);
    if (additional === false) {
      const guess = closestMatch(e.key, declared);
      this.emit(M.ClosedSchemaField, e.keyNode.span, { field: fieldPath(path), target: this.context.target.description }, {
        hint: guess ? `did you mean '${guess}'?` : declared.length > 0 ? `it accepts ${declared.map((d) => `'${d}'`).join(', ')}` : 'it accepts no fields',
        ...this.declaredAt(schemaNode, guess),
      });
    } else if (isObject(additional)) {
      this.check(e.value, additional, undefined, path, false, e.keyNode);
    } else if (additional === undefined && declared.length > 0) {
      const guess = closestMatch(e.key, declared);
      this.emit(M.OpenSchemaField, e.keyNode.span, { field: fieldPath(path), target: this.context.target.description }, {
        hint: guess ? `did you mean '${guess}'?` : `it declares ${declared.map((d) => `'${d}'`).join(', ')}`,
        ...this.declaredAt(schemaNode, guess),
        ...this.warnOrStrict(),
      });
    }
  }

  /** Reports required fields missing from an input that is not written at all. */
  missingObject(schema: Json, schemaNode: ValueNode | undefined, anchor: Anchor, path: PathStack): void {
    const resolvedSchema = derefSchema(schema, schemaNode, this.context.target);
    if (!isObject(resolvedSchema.schema)) return;
    const s = resolvedSchema.schema;
    const props = own(s, 'properties');
    this.reportMissing(isObject(props) ? props : {}, requiredOf(s), undefined, resolvedSchema.node, anchor, path);
  }

  /** Reports the required fields that `given` (no map when the input is not written) lacks. */
  private reportMissing(props: JsonObject, required: ReadonlySet<string>, given: MapNode | undefined, schemaNode: ValueNode | undefined, anchor: Anchor, path: PathStack): void {
    for (const name of required) {
      if (given && given.entries.some((e) => e.key === name)) continue;
      const prop = own(props, name);
      if (isObject(prop) && own(prop, 'default') !== undefined) continue;
      this.emit(M.MissingRequiredInput, anchor.span, { target: this.context.target.description, field: fieldPath([...path, name]) }, this.declaredAt(schemaNode, name));
    }
  }

  private declaredAt(schemaNode: ValueNode | undefined, name: string | undefined): { related?: readonly RelatedLocation[] } {
    if (name === undefined) return {};
    const span = propertyKeySpan(schemaNode, name) ?? this.context.target.declarations?.get(name);
    return span ? { related: [{ message: `'${name}' is declared here`, span }] } : {};
  }

  private checkSeq(node: SeqNode, schema: JsonObject, schemaNode: ValueNode | undefined, path: PathStack): void {
    if (!this.allowsKind(schema, 'array') || enumValues(schema)) {
      this.emit(M.LiteralTypeMismatch, node.span, { field: fieldPath(path), expected: describe(this.targetType(schema, schemaNode)), actual: 'a list' });
      return;
    }
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i]!;
      const itemSchema = childSchema(schema, i);
      if (itemSchema === undefined) continue;
      path.push(i);
      this.check(item, itemSchema, undefined, path, true, item);
      path.pop();
    }
    const minItems = own(schema, 'minItems');
    const maxItems = own(schema, 'maxItems');
    const count = node.items.length;
    if (typeof minItems === 'number' && count < minItems) this.emit(M.ConstraintViolation, node.span, { value: `a list of ${count}`, field: fieldPath(path), constraint: `at least ${minItems} item${minItems === 1 ? '' : 's'}` });
    if (typeof maxItems === 'number' && count > maxItems) this.emit(M.ConstraintViolation, node.span, { value: `a list of ${count}`, field: fieldPath(path), constraint: `at most ${maxItems} item${maxItems === 1 ? '' : 's'}` });
  }
}

const notByTypeAlone = ['enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf'] as const;

/**
 * True when a literal fits a schema by its `type` keyword alone — most
 * literals do, and then the schema need not be converted to a type. Only
 * for schemas whose type is just their `type` (no `enum`, `const`, `$ref`
 * or combinators); anything else goes through the conversion.
 */
function fitsByType(value: ScalarNode['value'], schema: JsonObject): boolean {
  for (const key of notByTypeAlone) if (own(schema, key) !== undefined) return false;
  const type = own(schema, 'type');
  return typeof type === 'string' && hasType(value, type);
}

function enumValues(schema: JsonObject): readonly Json[] | undefined {
  const e = own(schema, 'enum');
  if (Array.isArray(e)) return e;
  const c = own(schema, 'const');
  return c !== undefined ? [c] : undefined;
}

function describeLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${describe(widen(typeOfValue(value)))} ${String(value)}`;
}

function literalAdvice(value: string | number | boolean | null, expected: Type): string {
  const kinds = membersOf(expected).map((m) => resolved(m).kind);
  if (typeof value === 'string' && (kinds.includes('number') || kinds.includes('integer')) && value.trim() !== '' && !Number.isNaN(Number(value))) return 'write the number without quotes';
  if (typeof value === 'string' && kinds.includes('boolean') && (value === 'true' || value === 'false')) return 'write true or false without quotes';
  if (typeof value === 'number' && kinds.includes('string')) return 'quote the value to pass it as text';
  return `write a value of type ${describe(expected)}`;
}

function templateAdvice(actual: Type, expected: Type, reason: string): string {
  const a = membersOf(actual).map((m) => resolved(m).kind);
  const e = membersOf(expected).map((m) => resolved(m).kind);
  // The reason only repeats the message when the mismatch is at the top level.
  const detail = reason === `${describe(actual)} is not assignable to ${describe(expected)}` ? '' : `${reason}; `;
  if (e.includes('string') && !a.includes('string')) return `${detail}to pass it as text, interpolate it ("{{ … }}" with text around it) or use json(…)`;
  if ((a.includes('array') || a.includes('tuple')) && !e.includes('array') && !e.includes('tuple')) return `${detail}it is a list: pick one item with [0] or aggregate it (length, sum, join, …)`;
  if (e.includes('integer') && a.includes('number')) return `${detail}round it with | round`;
  return `${detail}pass a value of type ${describe(expected)}, or change the type the value is declared with`;
}
