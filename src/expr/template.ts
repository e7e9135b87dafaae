/**
 * Template splitting: a string value → literal text, `{{ expr }}` parts and
 * `{% for %}` / `{% if %}` blocks (DESIGN.md §4). Every span is a file span,
 * mapped through the scalar's offset map. Each `{{ }}` and tag is parsed on
 * its own, so independent mistakes in one value are all reported; a value
 * with any syntax error yields no template.
 *
 * Decisions where DESIGN.md is silent: there is no escape for a literal
 * `{{`; closers inside string literals do not close (`{{ '}}' }}`); Jinja
 * whitespace control (`{%-`, `-%}`, `-}}`) is rejected with a hint rather
 * than silently read as subtraction; text around tags is kept exactly.
 */
import { createDiagnostic, type Diagnostic, type MessageArgs, type MessageDef, type ReportExtras } from '../diagnostics/diagnostic.js';
import { exprSyntaxMessages as M } from '../diagnostics/catalog/expr-syntax.js';
import type { ScalarNode } from '../source/nodes.js';
import type { ScalarStyle } from '../source/scalar-map.js';
import { joinSpans, type Span } from '../source/span.js';
import type { Expr, IfBlock, Template, TemplatePart } from './ast.js';
import { describeToken, ExprSource, Lexer, type ValueOffsets } from './lexer.js';
import { ExpressionParser } from './parser.js';

export interface TemplateResult {
  /** The template, or undefined when the value is not a string or has a syntax error. */
  readonly template: Template | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** True when `s` contains an expression or a tag opener (`{{` or `{%`). */
export function containsTemplate(s: string): boolean {
  // One scan for `{` (most values have none) rather than one per opener.
  for (let i = s.indexOf('{'); i >= 0; i = s.indexOf('{', i + 1)) {
    const next = s.charCodeAt(i + 1);
    if (next === 0x7b /* { */ || next === 0x25 /* % */) return true;
  }
  return false;
}

/** The expression of a whole-value template (`"{{ expr }}"`), whose value is that expression's; undefined for any other template. */
export function wholeValueExpr(template: Template): Expr | undefined {
  if (!template.wholeValue) return undefined;
  const only = template.parts.find((p) => p.kind === 'expr');
  return only?.kind === 'expr' ? only.expr : undefined;
}

/**
 * Parses a scalar's string value as a template, with every span in file
 * offsets (exact inside quoted, escaped, folded and block scalars).
 * Non-string scalars give no template and no diagnostics.
 */
export function parseTemplate(node: ScalarNode): TemplateResult {
  const value = node.value;
  if (typeof value !== 'string') return { template: undefined, diagnostics: [] };
  const span = node.span;
  const style = node.style;
  return parseTemplateText(value, directOffset(value, span, style) ?? node.offsets(), span.file, style);
}

/**
 * The file offset of a scalar's first value character when its value is its
 * source text, character for character — so no offset map need be built.
 * That is so when a plain scalar's source is as long as its value, or a
 * quoted one's is two longer (the quotes): escapes, folded line breaks and
 * dropped blanks only ever make the value shorter than its source. Values
 * with line breaks are left to the offset map.
 */
function directOffset(value: string, span: Span, style: ScalarStyle): number | undefined {
  if (value.includes('\n') || value.includes('\r')) return undefined;
  const length = span.end - span.start;
  switch (style) {
    case 'PLAIN':
      return length === value.length ? span.start : undefined;
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE':
      return length === value.length + 2 ? span.start + 1 : undefined;
    default:
      return undefined;
  }
}

/**
 * Parses `text` as a template; `offsets[i]` is the file offset of `text[i]`
 * in `file` (or `offsets` is the offset of `text[0]` when the characters
 * follow each other in the file). `style` (how the scalar was written, if
 * the text came from one) lets span ends cover escapes exactly.
 */
export function parseTemplateText(text: string, offsets: ValueOffsets, file: string, style?: ScalarStyle): TemplateResult {
  return new TemplateParser(new ExprSource(text, offsets, file, style)).parse();
}

// ─── splitting ─────────────────────────────────────────────────────────────

/** A `{{ … }}` or `{% … %}` found in the text; `inner` is the range between the delimiters. */
interface Delimited {
  readonly kind: 'expr' | 'tag';
  readonly start: number;
  readonly end: number;
  readonly innerStart: number;
  readonly innerEnd: number;
}

/**
 * The index of the next `{{` or `{%` at or after `from`, or -1. Remembers
 * the last matches so a value with thousands of tags is scanned once.
 */
class OpenerFinder {
  private expr = -2;
  private tag = -2;

  constructor(private readonly text: string) {}

  next(from: number): number {
    if (this.expr !== -1 && this.expr < from) this.expr = this.text.indexOf('{{', from);
    if (this.tag !== -1 && this.tag < from) this.tag = this.text.indexOf('{%', from);
    if (this.expr < 0) return this.tag;
    if (this.tag < 0) return this.expr;
    return Math.min(this.expr, this.tag);
  }
}

/**
 * Finds the closer of the opener at `open`, skipping quoted strings (so
 * `{{ '}}' }}` works). Returns the closer's index, or -1 when another opener
 * or the end of the text comes first.
 */
function findCloser(text: string, open: number, closer: string, openers: OpenerFinder): number {
  let i = open + 2;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = closingQuote(text, i);
      if (close < 0) {
        // An unterminated string: fall back to the first closer, and let the lexer report the string.
        const plain = text.indexOf(closer, i);
        const again = openers.next(i);
        return plain >= 0 && (again < 0 || plain < again) ? plain : -1;
      }
      i = close + 1;
      continue;
    }
    if (text.startsWith(closer, i)) return i;
    if (text.startsWith('{{', i) || text.startsWith('{%', i)) return -1;
    i++;
  }
  return -1;
}

function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

// ─── block structure ───────────────────────────────────────────────────────

type Frame =
  | { readonly kind: 'root'; readonly parts: TemplatePart[] }
  | {
      readonly kind: 'for';
      readonly open: Span;
      readonly header: { variable: string; variableSpan: Span; iterable: Expr } | undefined;
      readonly parts: TemplatePart[];
    }
  | {
      readonly kind: 'if';
      readonly open: Span;
      readonly branches: { condition: Expr | undefined; body: TemplatePart[]; start: Span }[];
      otherwise: TemplatePart[] | undefined;
    };

const tagNames = new Set(['for', 'if', 'elif', 'else', 'endfor', 'endif']);

class TemplateParser {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly stack: Frame[] = [{ kind: 'root', parts: [] }];

  constructor(private readonly src: ExprSource) {}

  parse(): TemplateResult {
    const text = this.src.text;
    const openers = new OpenerFinder(text);
    let pos = 0;
    while (pos < text.length) {
      const open = openers.next(pos);
      if (open < 0) break;
      this.text(pos, open);
      const kind = text[open + 1] === '{' ? 'expr' : 'tag';
      const close = findCloser(text, open, kind === 'expr' ? '}}' : '%}', openers);
      if (close < 0) {
        this.report(kind === 'expr' ? M.UnclosedExpression : M.UnclosedTag, this.src.span(open, open + 2));
        const again = openers.next(open + 2);
        pos = again < 0 ? text.length : again;
        continue;
      }
      const segment: Delimited = { kind, start: open, end: close + 2, innerStart: open + 2, innerEnd: close };
      if (kind === 'expr') this.expression(segment);
      else this.tag(segment);
      pos = close + 2;
    }
    this.text(pos, text.length);
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i]!;
      if (frame.kind === 'for') this.report(M.UnclosedBlock, frame.open, { open: 'for', close: 'endfor' });
      else if (frame.kind === 'if') this.report(M.UnclosedBlock, frame.open, { open: 'if', close: 'endif' });
    }
    const root = this.stack[0]!;
    if (this.diagnostics.length > 0 || root.kind !== 'root') return { template: undefined, diagnostics: this.diagnostics };
    const parts = root.parts;
    const exprParts = parts.filter((p) => p.kind === 'expr');
    const wholeValue = exprParts.length === 1 && parts.every((p) => p.kind === 'expr' || (p.kind === 'text' && p.text.trim() === ''));
    const start = this.src.offsetAt(0);
    const end = Math.max(this.src.offsetAt(text.length), this.src.span(0, text.length).end);
    return { template: { parts, wholeValue, span: { file: this.src.file, start, end } }, diagnostics: this.diagnostics };
  }

  private get parts(): TemplatePart[] {
    const frame = this.stack[this.stack.length - 1]!;
    switch (frame.kind) {
      case 'root':
      case 'for':
        return frame.parts;
      case 'if':
        return frame.otherwise ?? frame.branches[frame.branches.length - 1]!.body;
    }
  }

  private text(start: number, end: number): void {
    if (end > start) this.parts.push({ kind: 'text', text: this.src.text.slice(start, end), span: this.src.span(start, end) });
  }

  /** `{{ expression }}` */
  private expression(segment: Delimited): void {
    const { innerStart, innerEnd } = this.trimWhitespaceControl(segment, '{{', '}}');
    const parser = new ExpressionParser(this.src, innerStart, innerEnd, this.diagnostics, '}}');
    if (parser.isEmpty) {
      this.report(M.EmptyExpression, this.src.span(segment.start, segment.end));
      return;
    }
    const expr = parser.parseWhole();
    if (expr) this.parts.push({ kind: 'expr', expr, span: this.src.span(segment.start, segment.end) });
  }

  /**
   * Jinja's `{%-`/`-%}` (and `-}}`) are not supported; report them, then
   * parse the rest as if the dashes were absent so other mistakes still show.
   */
  private trimWhitespaceControl(segment: Delimited, opener: string, closer: string): { innerStart: number; innerEnd: number } {
    const text = this.src.text;
    let { innerStart, innerEnd } = segment;
    const leading = text[innerStart] === '-' && (opener === '{%' || text[innerEnd - 1] === '-');
    const trailing = innerEnd - 1 > innerStart && text[innerEnd - 1] === '-';
    if (leading || trailing) {
      const marker = leading && trailing ? `${opener}- … -${closer}` : leading ? `${opener}-` : `-${closer}`;
      const at = leading ? this.src.span(segment.start, innerStart + 1) : this.src.span(innerEnd - 1, segment.end);
      this.report(M.WhitespaceControl, at, { marker });
      if (leading) innerStart++;
      if (trailing) innerEnd--;
    }
    return { innerStart, innerEnd };
  }

  /** `{% for … %}`, `{% if … %}`, `{% elif … %}`, `{% else %}`, `{% endfor %}`, `{% endif %}` */
  private tag(segment: Delimited): void {
    const { innerStart, innerEnd } = this.trimWhitespaceControl(segment, '{%', '%}');
    const tagSpan = this.src.span(segment.start, segment.end);
    const first = new Lexer(this.src.text, innerStart, innerEnd).next();
    if (first.kind !== 'name' || !tagNames.has(first.name)) {
      const found = first.kind === 'eof' ? "'{% %}' with no name" : first.kind === 'name' ? `'${first.name}'` : describeToken(first, this.src.text);
      this.report(M.UnknownTag, first.kind === 'eof' ? tagSpan : this.src.span(first.start, first.end), { found });
      return;
    }
    const rest = (): ExpressionParser => new ExpressionParser(this.src, first.end, innerEnd, this.diagnostics, '%}');
    switch (first.name) {
      case 'for':
        this.stack.push({ kind: 'for', open: tagSpan, header: rest().parseForHeader(), parts: [] });
        return;
      case 'if':
        this.stack.push({ kind: 'if', open: tagSpan, branches: [{ condition: rest().parseWhole("'{% if %}' condition"), body: [], start: tagSpan }], otherwise: undefined });
        return;
      case 'elif':
      case 'else': {
        const top = this.stack[this.stack.length - 1]!;
        if (first.name === 'else') this.expectBare(first.end, innerEnd, 'else');
        if (top.kind !== 'if') {
          this.report(M.UnmatchedEndTag, tagSpan, { tag: first.name, open: 'if' });
          return;
        }
        if (top.otherwise !== undefined) {
          this.report(M.MisplacedElse, tagSpan, { tag: first.name });
          return;
        }
        if (first.name === 'else') top.otherwise = [];
        else top.branches.push({ condition: rest().parseWhole("'{% elif %}' condition"), body: [], start: tagSpan });
        return;
      }
      case 'endfor':
      case 'endif':
        this.expectBare(first.end, innerEnd, first.name);
        this.close(first.name === 'endfor' ? 'for' : 'if', first.name, tagSpan);
        return;
    }
  }

  /** `else`, `endif` and `endfor` take nothing after their name. */
  private expectBare(from: number, to: number, tag: string): void {
    const next = new Lexer(this.src.text, from, to).next();
    if (next.kind === 'eof') return;
    const hint = tag === 'else' && next.kind === 'name' && next.name === 'if' ? "write '{% elif condition %}'" : undefined;
    this.report(M.TagArguments, this.src.span(next.start, next.end), { tag, found: describeToken(next, this.src.text) }, hint === undefined ? {} : { hint });
  }

  /** Closes the innermost `kind` block at an end tag, reporting a mismatch or a stray end tag. */
  private close(kind: 'for' | 'if', endTag: string, tagSpan: Span): void {
    const top = this.stack[this.stack.length - 1]!;
    if (top.kind === 'root') {
      this.report(M.UnmatchedEndTag, tagSpan, { tag: endTag, open: kind });
      return;
    }
    if (top.kind !== kind) {
      this.report(M.MismatchedEndTag, tagSpan, { expected: top.kind === 'for' ? 'endfor' : 'endif', open: top.kind, found: endTag }, {
        related: [{ message: `'{% ${top.kind} %}' opened here`, span: top.open }],
      });
      // Assume the end tag closes the nearest block it matches (or the innermost one).
      const match = this.stack.findLastIndex((f, i) => i > 0 && f.kind === kind);
      const keep = match > 0 ? match : this.stack.length - 1;
      this.stack.length = keep;
      return;
    }
    this.stack.pop();
    const span = joinSpans(top.open, tagSpan);
    if (top.kind === 'for') {
      if (top.header) this.parts.push({ kind: 'for', ...top.header, body: top.parts, span });
      return;
    }
    const branches: IfBlock['branches'][number][] = [];
    for (let i = 0; i < top.branches.length; i++) {
      const b = top.branches[i]!;
      if (b.condition === undefined) return;
      const next = top.branches[i + 1]?.start;
      const lastPart = b.body[b.body.length - 1];
      const branchEnd = next ?? (lastPart ? lastPart.span : b.start);
      branches.push({ condition: b.condition, body: b.body, span: joinSpans(b.start, next ? { ...next, end: next.start } : branchEnd) });
    }
    this.parts.push({ kind: 'if', branches, otherwise: top.otherwise, span });
  }

  private report(def: MessageDef, span: Span, args: MessageArgs = {}, extras: ReportExtras = {}): void {
    this.diagnostics.push(createDiagnostic(def, span, args, extras));
  }
}
