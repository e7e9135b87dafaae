/**
 * The expression AST (DESIGN.md §4). Readonly nodes discriminated on `kind`;
 * every node has a span in *file* offsets (already mapped back through YAML
 * quoting, escapes and block-scalar folding), so a diagnostic on any node
 * points at the exact line and column in the manifest.
 */
import type { Span } from '../source/span.js';

export type Expr =
  | LiteralExpr
  | ListExpr
  | IdentifierExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | FilterExpr
  | UnaryExpr
  | BinaryExpr;

export type ExprKind = Expr['kind'];

/** `42`, `1.5`, `'text'`, `"text"`, `true`, `false`, `null`. */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly span: Span;
}

/** `[a, b, c]` */
export interface ListExpr {
  readonly kind: 'list';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** A bare name: a root (`inputs`, `steps`, `item`, …) or a function name in a call. */
export interface IdentifierExpr {
  readonly kind: 'identifier';
  readonly name: string;
  readonly span: Span;
}

/** `object.name` — `nameSpan` covers just `name`, for "did you mean" diagnostics. */
export interface MemberExpr {
  readonly kind: 'member';
  readonly object: Expr;
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
}

/** `object[index]` */
export interface IndexExpr {
  readonly kind: 'index';
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `name(args)` — only built-in functions can be called; `callee` is the function name. */
export interface CallExpr {
  readonly kind: 'call';
  readonly callee: IdentifierExpr;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `input | name` or `input | name(args)`: the same as `name(input, args…)`. */
export interface FilterExpr {
  readonly kind: 'filter';
  readonly input: Expr;
  readonly name: IdentifierExpr;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export type UnaryOperator = 'not' | '-';

/** `not x`, `!x` (both `not`), `-x`. */
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: Expr;
  readonly operatorSpan: Span;
  readonly span: Span;
}

/** `and`/`&&` are `and`; `or`/`||` are `or`. */
export type BinaryOperator = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly operatorSpan: Span;
  readonly span: Span;
}

// ─── templates ─────────────────────────────────────────────────────────────

/**
 * A string value split into parts. A template whose only non-blank part is
 * one `{{ expr }}` is a *whole-value* template (it evaluates to the
 * expression's value and type); any other template interpolates to a string.
 */
export interface Template {
  readonly parts: readonly TemplatePart[];
  /** True when the value is exactly one `{{ expr }}` with optional surrounding whitespace. */
  readonly wholeValue: boolean;
  readonly span: Span;
}

export type TemplatePart = TextPart | ExprPart | ForBlock | IfBlock;

export interface TextPart {
  readonly kind: 'text';
  readonly text: string;
  readonly span: Span;
}

/** `{{ expr }}` */
export interface ExprPart {
  readonly kind: 'expr';
  readonly expr: Expr;
  readonly span: Span;
}

/** `{% for name in iterable %} body {% endfor %}` — `name` is in scope in the body. */
export interface ForBlock {
  readonly kind: 'for';
  readonly variable: string;
  readonly variableSpan: Span;
  readonly iterable: Expr;
  readonly body: readonly TemplatePart[];
  readonly span: Span;
}

/** `{% if c %} … {% elif c %} … {% else %} … {% endif %}` */
export interface IfBlock {
  readonly kind: 'if';
  readonly branches: readonly { readonly condition: Expr; readonly body: readonly TemplatePart[]; readonly span: Span }[];
  readonly otherwise: readonly TemplatePart[] | undefined;
  readonly span: Span;
}
