/**
 * Typing of operators (DESIGN.md §4): `not`, unary `-`, arithmetic,
 * comparisons, `in`, `==`/`!=`, and `and`/`or`, which yield one of their
 * operands (so `c and 'x' or 'y'` picks a value). Reports operands that do
 * not fit through the host.
 */
import { exprTypeMessages as M } from '../diagnostics/catalog/expr-types.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { BinaryExpr, Expr, UnaryExpr } from './ast.js';
import { derived, type Inferred, type Reporter } from './inferred.js';
import { printExpr } from './print.js';
import {
  arrayOf,
  assignable,
  booleanType,
  describe,
  elementType,
  integerType,
  literal,
  mayBeUndefined,
  membersOf,
  neverType,
  numberType,
  removeNull,
  removeUndefined,
  resolved,
  stringType,
  union,
  unknownType,
  type Type,
} from './types.js';

/** What operator typing needs from the expression typer. */
export interface OperatorHost {
  readonly report: Reporter;
  /** Reports an operand that may be undefined (a warning, an error with --strict). */
  readonly maybeOperand: (expr: Expr, type: Type, operator: string) => void;
}

/** The type of `not x` / `-x`, given the operand's inferred type. */
export function typeUnary(expr: UnaryExpr, operand: Inferred, host: OperatorHost): Inferred {
  if (expr.operator === 'not') return derived(booleanType, operand);
  const t = numericOperand(operand.type, expr.operand, '-', host);
  if (t === undefined) {
    host.report(M.UnaryOperatorType, expr.operatorSpan, {
      operator: '-',
      operand: describe(operand.type),
    });
    return derived(unknownType, operand);
  }
  return derived(t, operand);
}

/** The numeric type of an operand (`integer` or `number`), `unknown`, or undefined when it is not numeric. */
function numericOperand(type: Type, expr: Expr, operator: string, host: OperatorHost): Type | undefined {
  if (mayBeUndefined(type)) host.maybeOperand(expr, type, operator);
  const members = membersOf(removeNull(removeUndefined(type)));
  if (members.some((m) => m.kind === 'unknown')) return unknownType;
  if (members.length === 0) return undefined;
  let integral = true;
  for (const m of members) {
    const r = resolved(m);
    if (r.kind === 'integer' || (r.kind === 'literal' && typeof r.value === 'number' && Number.isInteger(r.value))) continue;
    if (r.kind === 'number' || (r.kind === 'literal' && typeof r.value === 'number')) integral = false;
    else return undefined;
  }
  return integral ? integerType : numberType;
}

/** The type of a binary expression, given both operands' inferred types. */
export function typeBinary(expr: BinaryExpr, left: Inferred, right: Inferred, host: OperatorHost): Inferred {
  const result = (type: Type): Inferred => derived(type, left, right);
  const fail = (advice: string): Inferred => {
    host.report(M.OperatorType, expr.operatorSpan, {
      operator: expr.operator,
      left: describe(left.type),
      right: describe(right.type),
      advice,
    });
    return result(unknownType);
  };
  switch (expr.operator) {
    case 'and':
      // `a and b` is `a` when `a` is falsy, else `b` (so `c and 'x' or 'y'` picks a value).
      return result(union(falsyPart(left.type), right.type));
    case 'or':
      return result(union(truthyPart(left.type), right.type));
    case '==':
    case '!=':
      if (disjoint(left.type, right.type)) {
        const values = literalValues(left.type) ?? literalValues(right.type);
        const guess = typoOf(left.type, right.type) ?? typoOf(right.type, left.type);
        host.report(
          M.ComparisonAlwaysSame,
          expr.operatorSpan,
          { left: printExpr(expr.left), leftType: describe(left.type), right: printExpr(expr.right), rightType: describe(right.type), result: expr.operator === '==' ? 'false' : 'true' },
          { hint: guess ? `did you mean '${guess}'?` : values ? `the possible values are ${values}` : 'compare values of the same type' },
        );
      }
      return result(booleanType);
    case 'in': {
      const container = resolved(removeNull(removeUndefined(right.type)));
      if (container.kind === 'unknown' || container.kind === 'array' || container.kind === 'tuple' || container.kind === 'object' || container.kind === 'union')
        return result(booleanType);
      if (container.kind === 'string' || (container.kind === 'literal' && typeof container.value === 'string')) {
        const needle = resolved(left.type);
        if (needle.kind === 'unknown' || assignable(needle, stringType).ok) return result(booleanType);
        return fail('`in` on a string looks for a substring; the left side must be a string');
      }
      return fail('`in` looks for an item in a list, a substring in a string or a key in an object');
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const kind = (t: Type): 'number' | 'string' | 'unknown' | 'other' => {
        const ms = membersOf(removeNull(removeUndefined(t))).map(resolved);
        if (ms.some((m) => m.kind === 'unknown')) return 'unknown';
        if (ms.length > 0 && ms.every((m) => m.kind === 'number' || m.kind === 'integer' || (m.kind === 'literal' && typeof m.value === 'number')))
          return 'number';
        if (ms.length > 0 && ms.every((m) => m.kind === 'string' || (m.kind === 'literal' && typeof m.value === 'string'))) return 'string';
        return 'other';
      };
      const l = kind(left.type);
      const r = kind(right.type);
      warnUndefinedOperands(expr, left, right, host);
      if (l === 'other' || r === 'other' || (l !== 'unknown' && r !== 'unknown' && l !== r)) return fail('comparisons need two numbers or two strings');
      return result(booleanType);
    }
    case '+': {
      const l = resolved(removeNull(removeUndefined(left.type)));
      const r = resolved(removeNull(removeUndefined(right.type)));
      const isString = (t: Type): boolean => membersOf(t).every((m) => m.kind === 'string' || (m.kind === 'literal' && typeof m.value === 'string'));
      const isList = (t: Type): boolean => t.kind === 'array' || t.kind === 'tuple';
      if (l.kind === 'unknown' && r.kind === 'unknown') return result(unknownType);
      if ((isString(l) || l.kind === 'unknown') && (isString(r) || r.kind === 'unknown') && (isString(l) || isString(r))) {
        warnUndefinedOperands(expr, left, right, host);
        return result(stringType);
      }
      if ((isList(l) || l.kind === 'unknown') && (isList(r) || r.kind === 'unknown')) {
        return result(arrayOf(union(elementType(l) ?? unknownType, elementType(r) ?? unknownType)));
      }
      return arithmetic(expr, left, right, result, fail, 'to join text with a number, interpolate: "{{ a }}{{ b }}", or convert with json(…)', host);
    }
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(expr, left, right, result, fail, 'arithmetic needs numbers', host);
    default:
      return assertNever(expr.operator, 'operator');
  }
}

function warnUndefinedOperands(expr: BinaryExpr, left: Inferred, right: Inferred, host: OperatorHost): void {
  if (mayBeUndefined(left.type)) host.maybeOperand(expr.left, left.type, expr.operator);
  if (mayBeUndefined(right.type)) host.maybeOperand(expr.right, right.type, expr.operator);
}

function arithmetic(
  expr: BinaryExpr,
  left: Inferred,
  right: Inferred,
  result: (t: Type) => Inferred,
  fail: (advice: string) => Inferred,
  advice: string,
  host: OperatorHost,
): Inferred {
  const l = numericOperand(left.type, expr.left, expr.operator, host);
  const r = numericOperand(right.type, expr.right, expr.operator, host);
  if (l === undefined || r === undefined) return fail(advice);
  if (l.kind === 'unknown' || r.kind === 'unknown') return result(numberType);
  if (expr.operator === '/') return result(numberType);
  return result(l.kind === 'integer' && r.kind === 'integer' ? integerType : numberType);
}

/**
 * True when no value of `a` can equal a value of `b` (`'storm' == 'stormy'`
 * where the left is an enum, a number against a string). Comparisons with
 * `null`/`undefined` and with `unknown` are never called disjoint.
 */
function disjoint(a: Type, b: Type): boolean {
  const left = membersOf(removeNull(removeUndefined(a))).map(resolved);
  const right = membersOf(removeNull(removeUndefined(b))).map(resolved);
  if (left.length === 0 || right.length === 0) return false;
  const scalar = (t: Type): boolean => t.kind === 'literal' || t.kind === 'string' || t.kind === 'number' || t.kind === 'integer' || t.kind === 'boolean';
  if (![...left, ...right].every(scalar)) return false;
  return !left.some((l) => right.some((r) => assignable(l, r).ok || assignable(r, l).ok || (isNumeric(l) && isNumeric(r))));
}

function isNumeric(t: Type): boolean {
  return t.kind === 'number' || t.kind === 'integer' || (t.kind === 'literal' && typeof t.value === 'number');
}

/** When `written` is one string literal close to a value of the enum `allowed`, that value. */
function typoOf(written: Type, allowed: Type): string | undefined {
  const w = resolved(written);
  if (w.kind !== 'literal' || typeof w.value !== 'string') return undefined;
  const options = membersOf(removeNull(removeUndefined(allowed))).map(resolved);
  if (!options.every((m) => m.kind === 'literal')) return undefined;
  return closestMatch(w.value, options.flatMap((m) => (m.kind === 'literal' && typeof m.value === 'string' ? [m.value] : [])));
}

/** The literal values of a literal union, in words (`'clear', 'rain', 'storm'`), or undefined. */
function literalValues(type: Type): string | undefined {
  const members = membersOf(removeNull(removeUndefined(type))).map(resolved);
  if (members.length === 0 || !members.every((m) => m.kind === 'literal')) return undefined;
  return members.map((m) => describe(m)).join(', ');
}

/** The values of `type` that are falsy (what `a and b` yields when `a` is falsy). */
function falsyPart(type: Type): Type {
  return union(
    ...membersOf(type).map((m): Type => {
      const r = resolved(m);
      if (r.kind === 'boolean') return literal(false);
      if (r.kind === 'literal') return r.value === false || r.value === 0 || r.value === '' ? r : neverType;
      if (r.kind === 'object' || r.kind === 'array' || r.kind === 'tuple') return neverType;
      return r;
    }),
  );
}

/** The values of `type` that are truthy (what `a or b` yields when `a` is truthy). */
function truthyPart(type: Type): Type {
  return union(
    ...membersOf(type).map((m): Type => {
      const r = resolved(m);
      if (r.kind === 'boolean') return literal(true);
      if (r.kind === 'null' || r.kind === 'undefined') return neverType;
      if (r.kind === 'literal') return r.value === false || r.value === 0 || r.value === '' ? neverType : r;
      return r;
    }),
  );
}
