/**
 * The expression parser: recursive descent with one method per precedence
 * level (DESIGN.md §4), each with its production in a comment above it.
 * Syntax errors are reported as catalog diagnostics (OWC50xx) saying what was
 * found, what was being parsed and what was expected; the first error in an
 * expression abandons that expression (the caller gets `undefined`), so one
 * typo yields one message. Nesting is limited so hostile input cannot
 * overflow the stack.
 *
 * Decisions where DESIGN.md is silent: any name, keywords included, may
 * follow `.` (`x.in`); other keys use brackets (`x['a-b']`). Lists and
 * argument lists accept a trailing comma. A parenthesized expression's span
 * includes its parentheses. Comparisons (including `in`) do not chain.
 */
import { createDiagnostic, type Diagnostic, type MessageArgs, type MessageDef, type RelatedLocation } from '../diagnostics/diagnostic.js';
import { exprSyntaxMessages as M } from '../diagnostics/catalog/expr-syntax.js';
import { joinSpans, type Span } from '../source/span.js';
import type { BinaryOperator, Expr, IdentifierExpr } from './ast.js';
import { describeToken, ExprSource, Lexer, type Punctuator, type Token } from './lexer.js';

/** Deepest nesting of parentheses, lists, calls, indexes and unary operators accepted. */
export const maxExpressionDepth = 64;

/**
 * Most tokens accepted in one expression. Operator chains are loops in the
 * parser but make deep trees; this bounds the depth later recursive passes see.
 */
export const maxExpressionTokens = 1000;

/** Property names an expression may not access, so nothing reaches the host. */
export const forbiddenMembers: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);

export interface ExpressionResult {
  /** The expression, or undefined when it had a syntax error. */
  readonly expr: Expr | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** The header of `{% for NAME in EXPRESSION %}`. */
export interface ForHeader {
  readonly variable: string;
  readonly variableSpan: Span;
  readonly iterable: Expr;
}

/**
 * Parses a whole expression (for example the text between `{{` and `}}`).
 * `offsets[i]` is the file offset of `text[i]`; every span in the result is a
 * file span in `file`.
 */
export function parseExpression(text: string, offsets: readonly number[], file: string): ExpressionResult {
  const diagnostics: Diagnostic[] = [];
  const expr = new ExpressionParser(new ExprSource(text, offsets, file), 0, text.length, diagnostics).parseWhole();
  return { expr, diagnostics };
}

/** Thrown inside the parser after the first error has been reported; caught at the entry points. */
class SyntaxAbort {
  readonly aborted = true;
}

const comparisonOperators: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parses one expression held in `[from, to)` of a template's value text. */
export class ExpressionParser {
  private readonly lexer: Lexer;
  private token: Token;
  private previous: Token | undefined;
  private depth = 0;
  private tokenCount = 0;
  private readonly contexts: string[] = ['expression'];

  /**
   * `closer` names what follows the range in the template (`'}}'`, `'%}'`):
   * errors at the end of the expression mention and mark it.
   */
  constructor(
    private readonly src: ExprSource,
    from: number,
    private readonly to: number,
    private readonly diagnostics: Diagnostic[],
    private readonly closer?: string,
  ) {
    this.lexer = new Lexer(src.text, from, to);
    this.token = this.lexer.next();
  }

  /** `expression EOF`; undefined after reporting a syntax error. `context` names the construct in messages. */
  parseWhole(context = 'expression'): Expr | undefined {
    this.contexts[0] = context;
    return this.attempt(() => {
      const expr = this.expression();
      this.expectEnd();
      return expr;
    });
  }

  /** `NAME 'in' expression EOF` — the inside of `{% for … %}` after the word `for`. */
  parseForHeader(): ForHeader | undefined {
    return this.attempt(() => {
      this.contexts.push("'{% for %}' tag");
      const nameToken = this.token;
      if (nameToken.kind !== 'name') {
        this.unexpected('a loop variable name', "write '{% for item in list %}'");
      }
      this.advance();
      if (!(this.token.kind === 'keyword' && this.token.keyword === 'in')) {
        this.unexpected("'in'", "write '{% for item in list %}'");
      }
      this.advance();
      const iterable = this.expression();
      this.expectEnd();
      return { variable: nameToken.name, variableSpan: this.spanOf(nameToken), iterable };
    });
  }

  /** True when the range holds no token at all (an empty `{{ }}`). */
  get isEmpty(): boolean {
    return this.token.kind === 'eof' && this.previous === undefined;
  }

  private attempt<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (error instanceof SyntaxAbort) return undefined;
      throw error;
    }
  }

  // ─── grammar ───────────────────────────────────────────────────────────

  // expression := or
  private expression(): Expr {
    return this.or();
  }

  // or := and (('or' | '||') and)*
  private or(): Expr {
    let left = this.and();
    while (this.atKeyword('or') || this.atPunct('||')) {
      const op = this.advance();
      left = this.binary('or', left, op, this.and());
    }
    return left;
  }

  // and := not (('and' | '&&') not)*
  private and(): Expr {
    let left = this.not();
    while (this.atKeyword('and') || this.atPunct('&&')) {
      const op = this.advance();
      left = this.binary('and', left, op, this.not());
    }
    return left;
  }

  // not := ('not' | '!') not | comparison
  private not(): Expr {
    if (this.atKeyword('not') || this.atPunct('!')) {
      const op = this.advance();
      this.enter(op);
      const operand = this.not();
      this.depth--;
      const operatorSpan = this.spanOf(op);
      return { kind: 'unary', operator: 'not', operand, operatorSpan, span: joinSpans(operatorSpan, operand.span) };
    }
    return this.comparison();
  }

  // comparison := additive (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') additive)?   — non-associative
  private comparison(): Expr {
    const left = this.additive();
    const operator = this.comparisonOperator();
    if (operator === undefined) return left;
    const op = this.advance();
    const expr = this.binary(operator, left, op, this.additive());
    const chained = this.comparisonOperator();
    if (chained !== undefined) this.fail(M.ChainedComparison, this.spanOf(this.token), { operator: chained });
    return expr;
  }

  // additive := multiplicative (('+' | '-') multiplicative)*
  private additive(): Expr {
    let left = this.multiplicative();
    while (this.atPunct('+') || this.atPunct('-')) {
      const op = this.advance();
      left = this.binary(op.kind === 'punct' && op.punct === '+' ? '+' : '-', left, op, this.multiplicative());
    }
    return left;
  }

  // multiplicative := unary (('*' | '/' | '%') unary)*
  private multiplicative(): Expr {
    let left = this.unary();
    while (this.atPunct('*') || this.atPunct('/') || this.atPunct('%')) {
      const op = this.advance();
      const operator = op.kind === 'punct' && op.punct === '*' ? '*' : op.kind === 'punct' && op.punct === '/' ? '/' : '%';
      left = this.binary(operator, left, op, this.unary());
    }
    return left;
  }

  // unary := '-' unary | filter
  private unary(): Expr {
    if (this.atPunct('-')) {
      const op = this.advance();
      this.enter(op);
      const operand = this.unary();
      this.depth--;
      const operatorSpan = this.spanOf(op);
      return { kind: 'unary', operator: '-', operand, operatorSpan, span: joinSpans(operatorSpan, operand.span) };
    }
    return this.filter();
  }

  // filter := postfix ('|' NAME ('(' arguments ')')?)*
  private filter(): Expr {
    let input = this.postfix();
    while (this.atPunct('|')) {
      this.advance();
      const nameToken = this.token;
      if (nameToken.kind !== 'name') {
        this.contexts.push('filter');
        this.unexpected("a filter name after '|'", nameToken.kind === 'punct' && nameToken.punct === '|' ? "use '||' or 'or' for a logical or" : undefined);
      }
      this.advance();
      const name: IdentifierExpr = { kind: 'identifier', name: nameToken.name, span: this.spanOf(nameToken) };
      let args: Expr[] = [];
      let end = name.span;
      if (this.atPunct('(')) {
        const open = this.advance();
        this.enter(open);
        args = this.arguments(`arguments of '${name.name}'`, open);
        this.depth--;
        end = this.spanOf(this.previous ?? open);
      }
      input = { kind: 'filter', input, name, args, span: joinSpans(input.span, end) };
    }
    return input;
  }

  // postfix := primary ('.' NAME | '[' expression ']' | '(' arguments ')')*
  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.atPunct('.')) {
        this.advance();
        const nameToken = this.token;
        let name: string;
        if (nameToken.kind === 'name') name = nameToken.name;
        else if (nameToken.kind === 'keyword') name = nameToken.keyword;
        else {
          this.contexts.push('property access');
          const hint =
            nameToken.kind === 'number'
              ? `index a list with brackets: '[${nameToken.text}]'`
              : nameToken.kind === 'string'
                ? 'write names that are not identifiers in brackets: [\'a-b\']'
                : undefined;
          this.unexpected("a property name after '.'", hint);
        }
        this.advance();
        const nameSpan = this.spanOf(nameToken);
        if (forbiddenMembers.has(name)) this.fail(M.ForbiddenMember, nameSpan, { name });
        expr = { kind: 'member', object: expr, name, nameSpan, span: joinSpans(expr.span, nameSpan) };
      } else if (this.atPunct('[')) {
        const open = this.advance();
        this.enter(open);
        this.contexts.push('index');
        const index = this.expression();
        this.contexts.pop();
        const close = this.expectClose(']', open);
        this.depth--;
        if (index.kind === 'literal' && typeof index.value === 'string' && forbiddenMembers.has(index.value)) {
          this.fail(M.ForbiddenMember, index.span, { name: index.value });
        }
        expr = { kind: 'index', object: expr, index, span: joinSpans(expr.span, close) };
      } else if (this.atPunct('(')) {
        const open = this.advance();
        if (expr.kind !== 'identifier') {
          this.fail(M.CallOnValue, joinSpans(expr.span, this.spanOf(open)), {});
        }
        const callee = expr;
        this.enter(open);
        const args = this.arguments(`arguments of '${callee.name}'`, open);
        this.depth--;
        expr = { kind: 'call', callee, args, span: joinSpans(callee.span, this.spanOf(this.previous ?? open)) };
      } else {
        return expr;
      }
    }
  }

  // primary := NUMBER | STRING | 'true' | 'false' | 'null' | NAME | list | '(' expression ')'
  private primary(): Expr {
    const token = this.token;
    switch (token.kind) {
      case 'number':
        this.advance();
        return { kind: 'literal', value: token.value, span: this.spanOf(token) };
      case 'string':
        this.advance();
        return { kind: 'literal', value: token.value, span: this.spanOf(token) };
      case 'name':
        this.advance();
        return { kind: 'identifier', name: token.name, span: this.spanOf(token) };
      case 'keyword':
        if (token.keyword === 'true' || token.keyword === 'false' || token.keyword === 'null') {
          this.advance();
          const value = token.keyword === 'null' ? null : token.keyword === 'true';
          return { kind: 'literal', value, span: this.spanOf(token) };
        }
        break;
      case 'punct':
        if (token.punct === '[') return this.list();
        if (token.punct === '(') {
          const open = this.advance();
          this.enter(open);
          this.contexts.push('parentheses');
          const inner = this.expression();
          this.contexts.pop();
          const close = this.expectClose(')', open);
          this.depth--;
          return { ...inner, span: joinSpans(this.spanOf(open), close) };
        }
        break;
      default:
        break;
    }
    this.unexpected('an operand', this.operandHint(token));
  }

  // list := '[' (expression (',' expression)* ','?)? ']'
  private list(): Expr {
    const open = this.advance();
    this.enter(open);
    this.contexts.push('list');
    const items: Expr[] = [];
    while (!this.atPunct(']')) {
      items.push(this.expression());
      if (!this.atPunct(',')) break;
      this.advance();
    }
    const close = this.expectClose(']', open);
    this.contexts.pop();
    this.depth--;
    return { kind: 'list', items, span: joinSpans(this.spanOf(open), close) };
  }

  // arguments := (expression (',' expression)* ','?)? ')'      — after the '('
  private arguments(context: string, open: Token): Expr[] {
    this.contexts.push(context);
    const args: Expr[] = [];
    while (!this.atPunct(')')) {
      args.push(this.expression());
      if (!this.atPunct(',')) break;
      this.advance();
    }
    this.expectClose(')', open);
    this.contexts.pop();
    return args;
  }

  // ─── helpers ───────────────────────────────────────────────────────────

  private binary(operator: BinaryOperator, left: Expr, op: Token, right: Expr): Expr {
    return { kind: 'binary', operator, left, right, operatorSpan: this.spanOf(op), span: joinSpans(left.span, right.span) };
  }

  private comparisonOperator(): BinaryOperator | undefined {
    const t = this.token;
    if (t.kind === 'keyword' && t.keyword === 'in') return 'in';
    if (t.kind === 'punct' && comparisonOperators.has(t.punct)) return t.punct as BinaryOperator;
    return undefined;
  }

  private atPunct(p: Punctuator): boolean {
    return this.token.kind === 'punct' && this.token.punct === p;
  }

  private atKeyword(k: string): boolean {
    return this.token.kind === 'keyword' && this.token.keyword === k;
  }

  private advance(): Token {
    const t = this.token;
    this.previous = t;
    this.token = this.lexer.next();
    if (++this.tokenCount > maxExpressionTokens) this.fail(M.TooLong, this.spanOf(this.token), { limit: maxExpressionTokens });
    return t;
  }

  private spanOf(token: Token): Span {
    if (token.kind === 'eof' && this.closer !== undefined && token.start === this.to) return this.src.span(this.to, this.to + this.closer.length);
    return this.src.span(token.start, token.end);
  }

  private describe(token: Token): string {
    if (token.kind === 'eof' && this.closer !== undefined) return `'${this.closer}'`;
    return describeToken(token, this.src.text);
  }

  /** One level deeper, at `opener` (a bracket or a unary operator). */
  private enter(opener: Token): void {
    this.depth++;
    if (this.depth > maxExpressionDepth) this.fail(M.TooDeep, this.spanOf(opener), { limit: maxExpressionDepth });
  }

  /** Consumes `close` or reports the unclosed `open`; returns the closing token's span. */
  private expectClose(close: ')' | ']', open: Token): Span {
    if (this.atPunct(close)) return this.spanOf(this.advance());
    if (this.token.kind === 'error') this.unexpected('');
    const openText = open.kind === 'punct' ? open.punct : '(';
    const related: RelatedLocation[] = [{ message: `'${openText}' opened here`, span: this.spanOf(open) }];
    this.fail(M.UnclosedDelimiter, this.spanOf(this.token), { close, open: openText, found: this.describe(this.token) }, { related });
  }

  private expectEnd(): void {
    if (this.token.kind === 'eof') return;
    const t = this.token;
    let hint: string | undefined;
    if (t.kind === 'punct' && (t.punct === ')' || t.punct === ']')) hint = `there is no '${t.punct === ')' ? '(' : '['}' for this '${t.punct}'`;
    else if (t.kind === 'keyword' && t.keyword === 'not') hint = "to negate a membership test write 'not (x in xs)'";
    else if ((t.kind === 'punct' && t.punct === '.') || (t.kind === 'punct' && t.punct === '[')) {
      if (this.previous?.kind === 'name') hint = "a filter's result needs parentheses before '.' or '[': '(x | f).name'";
    } else if (t.kind === 'name' || t.kind === 'number' || t.kind === 'string') hint = 'two operands need an operator between them';
    this.unexpected('an operator or the end of the expression', hint);
  }

  private operandHint(token: Token): string | undefined {
    if (token.kind === 'keyword' && token.keyword === 'not') return "'not' binds more loosely than comparisons; write '(not x)'";
    if (token.kind === 'punct' && token.punct === '!') return "'!' binds more loosely than comparisons; write '(!x)'";
    if (token.kind === 'keyword') return `'${token.keyword}' is a keyword; to read a field with that name write x.${token.keyword} or x['${token.keyword}']`;
    if (token.kind === 'punct' && token.punct === '+') return "there is no unary '+'";
    if (token.kind === 'punct' && token.punct === '.') return 'a number starts with a digit: write 0.5, not .5';
    return undefined;
  }

  /** Reports "unexpected X in CONTEXT; expected Y" at the current token (or its lexer error) and aborts. */
  private unexpected(expected: string, hint?: string): never {
    const t = this.token;
    if (t.kind === 'error') {
      const e = t.error;
      this.fail(e.def, this.src.span(e.start, e.end), e.args, e.hint === undefined ? {} : { hint: e.hint });
    }
    const context = this.contexts[this.contexts.length - 1] ?? 'expression';
    this.fail(
      M.UnexpectedToken,
      this.spanOf(t),
      { found: this.describe(t), context, expected },
      hint === undefined ? {} : { hint },
    );
  }

  private fail(def: MessageDef, span: Span, args: MessageArgs, extras: { hint?: string; related?: readonly RelatedLocation[] } = {}): never {
    this.diagnostics.push(createDiagnostic(def, span, args, extras));
    throw new SyntaxAbort();
  }
}
