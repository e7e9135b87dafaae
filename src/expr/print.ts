/**
 * Prints expressions and templates back as canonical text: keywords for
 * logic (`and`, `or`, `not`), single-quoted strings, one space around binary
 * operators and `|`, and only the parentheses precedence needs (or every
 * one, with `explicit`, which tests use to show how an expression grouped).
 */
import { assertNever } from '../diagnostics/diagnostic.js';
import type { BinaryOperator, Expr, Template, TemplatePart } from './ast.js';

export interface PrintOptions {
  /** Parenthesize every unary, binary and filter expression. */
  readonly explicit?: boolean;
}

// Binding strength, loosest first (DESIGN.md §4).
const Level = { Or: 1, And: 2, Not: 3, Comparison: 4, Additive: 5, Multiplicative: 6, Negate: 7, Filter: 8, Postfix: 9 } as const;
type Level = number;

const binaryLevel: Readonly<Record<BinaryOperator, Level>> = {
  or: Level.Or,
  and: Level.And,
  '==': Level.Comparison,
  '!=': Level.Comparison,
  '<': Level.Comparison,
  '<=': Level.Comparison,
  '>': Level.Comparison,
  '>=': Level.Comparison,
  in: Level.Comparison,
  '+': Level.Additive,
  '-': Level.Additive,
  '*': Level.Multiplicative,
  '/': Level.Multiplicative,
  '%': Level.Multiplicative,
};

function levelOf(expr: Expr): Level {
  switch (expr.kind) {
    case 'binary':
      return binaryLevel[expr.operator];
    case 'unary':
      return expr.operator === 'not' ? Level.Not : Level.Negate;
    case 'filter':
      return Level.Filter;
    case 'literal':
      // A negative number literal prints with a leading '-', like a negation.
      return typeof expr.value === 'number' && (expr.value < 0 || Object.is(expr.value, -0)) ? Level.Negate : Level.Postfix;
    case 'list':
    case 'identifier':
    case 'member':
    case 'index':
    case 'call':
      return Level.Postfix;
    default:
      return assertNever(expr, 'expression');
  }
}

/** Canonical text of an expression. */
export function printExpr(expr: Expr, options: PrintOptions = {}): string {
  const explicit = options.explicit === true;
  // `min` is the loosest level allowed here without parentheses.
  const sub = (e: Expr, min: Level): string => {
    const text = print(e);
    const level = levelOf(e);
    const wrap = level < min || (explicit && (e.kind === 'binary' || e.kind === 'unary' || e.kind === 'filter'));
    return wrap ? `(${text})` : text;
  };
  const args = (list: readonly Expr[]): string => list.map((a) => sub(a, Level.Or)).join(', ');
  const print = (e: Expr): string => {
    switch (e.kind) {
      case 'literal':
        return printLiteral(e.value);
      case 'list':
        return `[${args(e.items)}]`;
      case 'identifier':
        return e.name;
      case 'member':
        return `${sub(e.object, Level.Postfix)}.${e.name}`;
      case 'index':
        return `${sub(e.object, Level.Postfix)}[${sub(e.index, Level.Or)}]`;
      case 'call':
        return `${e.callee.name}(${args(e.args)})`;
      case 'filter':
        return `${sub(e.input, Level.Filter)} | ${e.name.name}${e.args.length > 0 ? `(${args(e.args)})` : ''}`;
      case 'unary':
        return e.operator === 'not' ? `not ${sub(e.operand, Level.Not)}` : `-${sub(e.operand, Level.Negate)}`;
      case 'binary': {
        const level = binaryLevel[e.operator];
        // Left-associative: the right operand must bind tighter; comparisons are non-associative.
        const leftMin = level === Level.Comparison ? Level.Additive : level;
        return `${sub(e.left, leftMin)} ${e.operator} ${sub(e.right, level + 1)}`;
      }
      default:
        return assertNever(e, 'expression');
    }
  };
  return print(expr);
}

/** A literal as it would be written in an expression. */
export function printLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return String(value);
  return String(value);
}

/** Single-quotes `text` with the escapes the lexer reads. */
export function quoteString(text: string): string {
  let out = "'";
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/** Canonical text of a template: text as is, `{{ expr }}` and tags with single spaces. */
export function printTemplate(template: Template, options: PrintOptions = {}): string {
  return printParts(template.parts, options);
}

function printParts(parts: readonly TemplatePart[], options: PrintOptions): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'expr':
        out += `{{ ${printExpr(part.expr, options)} }}`;
        break;
      case 'for':
        out += `{% for ${part.variable} in ${printExpr(part.iterable, options)} %}${printParts(part.body, options)}{% endfor %}`;
        break;
      case 'if':
        part.branches.forEach((b, i) => {
          out += `{% ${i === 0 ? 'if' : 'elif'} ${printExpr(b.condition, options)} %}${printParts(b.body, options)}`;
        });
        if (part.otherwise) out += `{% else %}${printParts(part.otherwise, options)}`;
        out += '{% endif %}';
        break;
      default:
        assertNever(part, 'template part');
    }
  }
  return out;
}
