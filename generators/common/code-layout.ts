/**
 * The code of generated modules written directly in prettier's layout (the
 * options in ./format.ts), so a build does not run a formatter over every
 * module: literals (object, array, string, number), JSDoc comments, import and
 * export lists, parameter lists and call arguments. Each printer handles the
 * shapes whose layout is certain — a construct that fits on its line stays
 * flat, one that does not is expanded one element per line — and throws
 * `LayoutUnsupported` for anything else (a line that would still be too long
 * where prettier has its own rules, such as a long array of numbers); the
 * caller then formats that one statement with prettier. test/build/layout.test.ts
 * holds this printer to prettier's output.
 */
import { printWidth } from './format.js';
import { Code, type LiteralValue } from './literal.js';
import { jsonLiteral } from './quote.js';

/** Thrown for a shape this printer leaves to prettier. */
export class LayoutUnsupported extends Error {}

export function unsupported(): never {
  throw new LayoutUnsupported();
}

/**
 * Whether `line` fits the print width, counted in UTF-16 code units: prettier
 * counts East Asian wide characters twice, so a line holding such text may be
 * kept whole here where prettier would break it (the code is the same).
 */
export function fits(line: string): boolean {
  return line.length <= printWidth;
}

/**
 * A string literal as prettier writes it: single quotes unless the text holds
 * more single than double quotes, JSON escapes otherwise kept.
 */
export function stringLiteral(text: string): string {
  const json = jsonLiteral(text);
  const inner = json.slice(1, -1);
  let singles = 0;
  let doubles = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c === 39) singles++;
    else if (c === 34) doubles++;
  }
  if (singles > doubles) return json;
  if (singles === 0 && doubles === 0) return `'${inner}'`;
  return `'${inner.replace(/\\(.)|'/gs, (match: string, escaped: string | undefined) => (escaped === undefined ? "\\'" : escaped === '"' ? '"' : match))}'`;
}

/** A number as prettier prints it (JSON's `1e+21` loses its `+`). */
export function numberLiteral(value: number): string {
  return JSON.stringify(value).replace('e+', 'e');
}

/** Identifier names prettier writes unquoted as property keys (ES5 IdentifierName, approximated by Unicode ID classes). */
const unquotedKey = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** A property key of an object literal or object type as prettier writes it (`__proto__` stays computed). */
export function objectKey(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return unquotedKey.test(key) ? key : stringLiteral(key);
}

type LiteralObject = { readonly [key: string]: LiteralValue | undefined };

function entries(value: LiteralObject): [string, LiteralValue][] {
  const out: [string, LiteralValue][] = [];
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v !== undefined) out.push([key, v]);
  }
  return out;
}

function isArray(value: LiteralValue): value is readonly LiteralValue[] {
  return Array.isArray(value);
}

function isObject(value: LiteralValue): value is LiteralObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Code);
}

function size(value: LiteralValue): number {
  return isArray(value) ? value.length : isObject(value) ? entries(value).length : 0;
}

/** prettier always expands an array of two or more objects (or arrays) of one kind that each hold more than one entry. */
function alwaysExpanded(value: readonly LiteralValue[]): boolean {
  if (value.length < 2) return false;
  const kind = isArray(value[0]!) ? 'array' : isObject(value[0]!) ? 'object' : undefined;
  if (kind === undefined) return false;
  return value.every((v) => (kind === 'array' ? isArray(v) : isObject(v)) && size(v) > 1);
}

// Nested values are asked for their flat text and their breaking at every level of an expanded literal: both are kept per object.
const breaks = new WeakMap<object, boolean>();
const flats = new WeakMap<object, string>();

/** Whether the value contains an always-expanded array (which expands everything around it too). */
function mustBreak(value: LiteralValue): boolean {
  if (!isArray(value) && !isObject(value)) return false;
  let known = breaks.get(value);
  if (known === undefined) {
    known = isArray(value) ? alwaysExpanded(value) || value.some(mustBreak) : entries(value).some(([, v]) => mustBreak(v));
    breaks.set(value, known);
  }
  return known;
}

/** The value on one line. */
export function flatLiteral(value: LiteralValue): string {
  if (value instanceof Code) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = flats.get(value);
  if (text === undefined) {
    if (isArray(value)) text = `[${value.map(flatLiteral).join(', ')}]`;
    else {
      const parts = entries(value as LiteralObject).map(([k, v]) => `${objectKey(k)}: ${flatLiteral(v)}`);
      text = parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
    }
    flats.set(value, text);
  }
  return text;
}

function isNumberish(value: LiteralValue): boolean {
  return typeof value === 'number';
}

/**
 * The lines of `head` + value + `tail`, the value starting on the head's line
 * and the last line ending in the tail; nested lines are indented from `indent`.
 */
export function literalLines(value: LiteralValue, head: string, tail: string, indent: string): string[] {
  // A scalar too long for a declaration's line moves after the `=`, a layout left to prettier.
  if (!isArray(value) && !isObject(value) && !fits(`${head}${flatLiteral(value)}${tail}`)) unsupported();
  return valueLines(value, head, tail, indent);
}

function valueLines(value: LiteralValue, head: string, tail: string, indent: string): string[] {
  const flat = `${head}${flatLiteral(value)}${tail}`;
  if (fits(flat) && !mustBreak(value)) return [flat];
  // An expanded literal opens on the head's line; a head too long for that has layouts of prettier's own.
  if (!fits(`${head}{`)) unsupported();
  const inner = `${indent}  `;
  if (isArray(value) && value.length > 0) {
    // prettier fills arrays of numbers (several per line); that layout is left to it.
    if (value.every(isNumberish)) unsupported();
    return [`${head}[`, ...value.flatMap((v) => valueLines(v, inner, ',', inner)), `${indent}]${tail}`];
  }
  if (isObject(value)) {
    const list = entries(value);
    if (list.length === 0) return [flat];
    const lines = [`${head}{`];
    for (const [key, v] of list) lines.push(...propertyLines(objectKey(key), v, inner));
    lines.push(`${indent}}${tail}`);
    return lines;
  }
  // A string too long for its line (an array element) stays whole; other scalars and code have rules of their own.
  if (typeof value === 'string') return [flat];
  return unsupported();
}

/** One `key: value,` of an expanded object. */
function propertyLines(key: string, value: LiteralValue, indent: string): string[] {
  const head = `${indent}${key}: `;
  if (typeof value === 'string') {
    const line = `${head}${stringLiteral(value)},`;
    // A string that does not fit goes to the next line, unless the key is short (fewer than tabWidth + 3 characters).
    if (fits(line) || key.length < 5) return [line];
    return [`${indent}${key}:`, `${indent}  ${stringLiteral(value)},`];
  }
  return valueLines(value, head, ',', indent);
}

/**
 * A JSDoc comment as the TypeScript printer writes it and prettier re-indents
 * it: one line (`/** text *\/`) when the text has one line, otherwise one
 * ` * ` line per text line. Empty text gives no comment.
 */
export function docComment(text: string, indent: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.length === 1) return [`${indent}/** ${text.trimEnd()} */`];
  return [`${indent}/**`, ...lines.map((l) => (l.trim() === '' ? `${indent} *` : `${indent} * ${l.trimEnd()}`)), `${indent} */`];
}

/**
 * A bracketed list (parameters, arguments, specifiers) after `head` and before
 * `tail`: flat when it fits, otherwise one item per line with a trailing comma.
 */
export function listLines(head: string, open: string, items: readonly string[], close: string, tail: string, indent: string): string[] {
  const flat = `${head}${open}${items.join(', ')}${close}${tail}`;
  if (fits(flat) || items.length === 0) return [flat];
  const inner = `${indent}  `;
  const lines = [`${head}${open.trimEnd()}`, ...items.map((item) => `${inner}${item},`), `${indent}${close.trimStart()}${tail}`];
  if (!lines.every(fits)) unsupported();
  return lines;
}

/**
 * `import { a, type B } from 'x';` (or `export { … } from 'x';`): one
 * specifier never breaks; several go one per line when the line is too long.
 */
export function specifierLines(keyword: 'import' | 'export', names: readonly string[], specifier: string): string[] {
  const from = ` from ${stringLiteral(specifier)};`;
  if (names.length === 0) return [`${keyword} {}${from}`];
  if (names.length === 1) return [`${keyword} { ${names[0]} }${from}`];
  const flat = `${keyword} { ${names.join(', ')} }${from}`;
  if (fits(flat)) return [flat];
  return [`${keyword} {`, ...names.map((n) => `  ${n},`), `}${from}`];
}
