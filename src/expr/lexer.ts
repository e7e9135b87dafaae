/**
 * The expression lexer. It reads a range of a template's *value* text and
 * produces tokens whose positions are indices into that text; `ExprSource`
 * turns indices into file spans through the scalar's offset map, so tokens
 * inside block scalars, folded lines and escaped strings still point at the
 * right line and column. The lexer never throws: a bad character, number or
 * string becomes an `error` token carrying its diagnostic.
 */
import type { MessageArgs, MessageDef } from '../diagnostics/diagnostic.js';
import { exprSyntaxMessages as M } from '../diagnostics/catalog/expr-syntax.js';
import type { ScalarStyle } from '../source/scalar-map.js';
import type { Span } from '../source/span.js';

/**
 * Where a value's characters are in the file: an offset map (`offsets[i]` is
 * the file offset of character i, plus one past the end), or just the file
 * offset of character 0 when every character stands for itself, one after
 * the other (a value written without escapes or folding).
 */
export type ValueOffsets = readonly number[] | number;

/** A template's value text with the file offset of each character (and one past the end). */
export class ExprSource {
  /**
   * `style` is how the scalar was written, when known: it tells which value
   * characters may stand for a longer escape in the file (`\"` in a
   * double-quoted or JSON string, `''` in a single-quoted one).
   */
  constructor(
    readonly text: string,
    readonly offsets: ValueOffsets,
    readonly file: string,
    readonly style?: ScalarStyle,
  ) {}

  /** File offset of value index `i` (extrapolated if the offset map is short). */
  offsetAt(i: number): number {
    const offsets = this.offsets;
    if (typeof offsets === 'number') return offsets + i;
    const direct = offsets[i];
    if (direct !== undefined) return direct;
    const lastIndex = offsets.length - 1;
    if (lastIndex < 0) return i;
    return offsets[lastIndex]! + (i - lastIndex);
  }

  /** The file span of value characters `[start, end)`. */
  span(start: number, end: number = start): Span {
    const from = this.offsetAt(start);
    if (end <= start) return { file: this.file, start: from, end: from };
    return { file: this.file, start: from, end: Math.max(from, this.charEnd(end - 1)) };
  }

  /**
   * The file offset just past value character `i`'s source text: one past
   * its offset, or the next character's offset when `i` came from an escape
   * (so `\"` is covered whole). A gap may also be a folded line break, which
   * a span must not run across, so the style decides which gaps are escapes.
   */
  private charEnd(i: number): number {
    const at = this.offsetAt(i);
    const next = this.offsetAt(i + 1);
    const gap = next - at;
    if (gap <= 1 || gap > 10) return at + 1;
    const ch = this.text[i] ?? '';
    switch (this.style) {
      case 'PLAIN':
      case 'BLOCK_LITERAL':
      case 'BLOCK_FOLDED':
        return at + 1;
      case 'QUOTE_SINGLE':
        return ch === "'" ? at + 2 : at + 1;
      case 'QUOTE_DOUBLE': {
        // '"' and '\\' can only come from escapes; other escapes give control or non-ASCII characters.
        const code = ch.charCodeAt(0);
        return ch === '"' || ch === '\\' || code < 0x20 || code >= 0x7f ? next : at + 1;
      }
      case undefined: {
        const nextIsBlank = i + 1 < this.text.length && /\s/.test(this.text[i + 1]!);
        return nextIsBlank ? at + 1 : next;
      }
    }
  }
}

export const keywords = ['and', 'or', 'not', 'in', 'true', 'false', 'null'] as const;
export type Keyword = (typeof keywords)[number];

export const punctuators = [
  '||', '&&', '==', '!=', '<=', '>=', '(', ')', '[', ']', ',', '.', '|', '!', '<', '>', '+', '-', '*', '/', '%',
] as const;
export type Punctuator = (typeof punctuators)[number];

interface TokenBase {
  /** Index of the first character in the value text. */
  readonly start: number;
  /** Index one past the last character. */
  readonly end: number;
}

export type Token =
  | (TokenBase & { readonly kind: 'name'; readonly name: string })
  | (TokenBase & { readonly kind: 'keyword'; readonly keyword: Keyword })
  | (TokenBase & { readonly kind: 'number'; readonly value: number; readonly text: string })
  | (TokenBase & { readonly kind: 'string'; readonly value: string })
  | (TokenBase & { readonly kind: 'punct'; readonly punct: Punctuator })
  | (TokenBase & { readonly kind: 'eof' })
  | (TokenBase & { readonly kind: 'error'; readonly error: LexError });

/** What went wrong at an `error` token: a catalog entry, its arguments and an optional hint. */
export interface LexError {
  readonly def: MessageDef;
  readonly args: MessageArgs;
  readonly hint?: string;
  /** The characters to mark, when narrower than the token (an escape inside a string). */
  readonly start: number;
  readonly end: number;
}

const keywordSet: ReadonlySet<string> = new Set(keywords);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNamePart = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const characterHints: Readonly<Record<string, string>> = {
  '=': "use '==' to compare",
  '&': "use 'and' (or '&&')",
  '{': "object literals are not supported; '{{' and '{%' open expressions only at the top of a template",
  '}': "'}}' closes an expression; object literals are not supported",
  '?': "there is no '?:' operator; use '{% if %}' blocks or the 'default' filter",
  ':': "there is no '?:' operator; use '{% if %}' blocks or the 'default' filter",
  '`': "write strings with '…' or \"…\"",
  '$': "names are letters, digits and '_'; write 'inputs.x', not '${x}'",
};

/** Turns `[from, to)` of the value text into tokens, one at a time. */
export class Lexer {
  private pos: number;

  constructor(
    readonly text: string,
    from: number = 0,
    readonly to: number = text.length,
  ) {
    this.pos = from;
  }

  /** The next token; after the range ends, `eof` forever. */
  next(): Token {
    const text = this.text;
    while (this.pos < this.to && isSpace(text[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= this.to) return { kind: 'eof', start: this.to, end: this.to };
    const c = text[start]!;
    if (isNameStart(c)) return this.name(start);
    if (isDigit(c)) return this.number(start);
    if (c === "'" || c === '"') return this.string(start, c);
    for (const p of punctuators) {
      if (text.startsWith(p, start) && start + p.length <= this.to) {
        this.pos = start + p.length;
        return { kind: 'punct', punct: p, start, end: this.pos };
      }
    }
    const code = text.codePointAt(start)!;
    const width = code > 0xffff ? 2 : 1;
    this.pos = start + width;
    const char = text.slice(start, start + width);
    const strictEquality = char === '=' && (text[start - 1] === '=' || text[start - 1] === '!');
    const hint = strictEquality ? "there is no '===' or '!=='; use '==' and '!='" : characterHints[char];
    const shown = /[\x00-\x1f\x7f-\x9f]/.test(char) || /\s/.test(char) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
    return {
      kind: 'error',
      start,
      end: this.pos,
      error: { def: M.UnknownCharacter, args: { char: shown }, ...(hint === undefined ? {} : { hint }), start, end: this.pos },
    };
  }

  // NAME := [A-Za-z_] [A-Za-z0-9_]*
  private name(start: number): Token {
    let i = start + 1;
    while (i < this.to && isNamePart(this.text[i])) i++;
    this.pos = i;
    const word = this.text.slice(start, i);
    if (keywordSet.has(word)) return { kind: 'keyword', keyword: word as Keyword, start, end: i };
    return { kind: 'name', name: word, start, end: i };
  }

  // NUMBER := DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?
  private number(start: number): Token {
    const text = this.text;
    let i = start;
    while (i < this.to && isDigit(text[i])) i++;
    if (text[i] === '.' && i + 1 < this.to && isDigit(text[i + 1])) {
      i++;
      while (i < this.to && isDigit(text[i])) i++;
    }
    let malformed = false;
    if ((text[i] === 'e' || text[i] === 'E') && i + 1 < this.to) {
      let j = i + 1;
      if ((text[j] === '+' || text[j] === '-') && j + 1 < this.to) j++;
      if (isDigit(text[j])) {
        i = j;
        while (i < this.to && isDigit(text[i])) i++;
      }
    }
    // A number running into letters or digits ('12abc', '1.2.3' stays two tokens).
    if (i < this.to && isNamePart(text[i])) {
      malformed = true;
      while (i < this.to && isNamePart(text[i])) i++;
    }
    this.pos = i;
    const raw = text.slice(start, i);
    const value = Number(raw);
    if (malformed || !Number.isFinite(value)) {
      return { kind: 'error', start, end: i, error: { def: M.InvalidNumber, args: { text: raw }, start, end: i } };
    }
    return { kind: 'number', value, text: raw, start, end: i };
  }

  // STRING := "'" CHAR* "'" | '"' CHAR* '"'   with escapes \\ \' \" \n \r \t \uXXXX
  private string(start: number, quote: string): Token {
    const text = this.text;
    let i = start + 1;
    let value = '';
    let badEscape: LexError | undefined;
    while (i < this.to) {
      const c = text[i]!;
      if (c === quote) {
        this.pos = i + 1;
        if (badEscape) return { kind: 'error', start, end: this.pos, error: badEscape };
        return { kind: 'string', value, start, end: this.pos };
      }
      if (c !== '\\') {
        value += c;
        i++;
        continue;
      }
      const e = i + 1 < this.to ? text[i + 1] : undefined;
      const simple = e === undefined ? undefined : simpleEscapes[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, Math.min(i + 6, this.to)))) {
        value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        let escapeEnd = e === undefined ? i + 1 : i + 2;
        if (e === 'u') while (escapeEnd < Math.min(i + 6, this.to) && /[0-9a-fA-F]/.test(text[escapeEnd]!)) escapeEnd++;
        badEscape ??= { def: M.InvalidEscape, args: { escape: text.slice(i, escapeEnd) }, start: i, end: escapeEnd };
        i = Math.max(i + 1, escapeEnd);
      }
    }
    this.pos = this.to;
    const shown = quote === '"' ? '\'"\'' : '"\'"';
    return {
      kind: 'error',
      start,
      end: this.to,
      error: { def: M.UnterminatedString, args: { quote: shown }, start, end: start + 1 },
    };
  }
}

const simpleEscapes: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };

/** All tokens of `[from, to)`, ending with `eof` (for tests and tools). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const lexer = new Lexer(text, from, to);
  const out: Token[] = [];
  for (;;) {
    const token = lexer.next();
    out.push(token);
    if (token.kind === 'eof') return out;
    if (out.length > text.length + 1) return out; // unreachable: every token consumes a character
  }
}

/** How a token is named in messages: `name 'foo'`, `')'`, `number 12`, `end of expression`. */
export function describeToken(token: Token, text: string): string {
  switch (token.kind) {
    case 'name':
      return `name '${token.name}'`;
    case 'keyword':
      return `'${token.keyword}'`;
    case 'number':
      return `number ${token.text}`;
    case 'string': {
      const raw = text.slice(token.start, token.end);
      return `string ${raw.length > 24 ? raw.slice(0, 20) + '…' + raw.slice(-1) : raw}`;
    }
    case 'punct':
      return `'${token.punct}'`;
    case 'eof':
      return 'end of expression';
    case 'error':
      return `'${text.slice(token.start, Math.min(token.end, token.start + 20))}'`;
  }
}
