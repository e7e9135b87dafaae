/**
 * A fast reader for the plain subset of YAML that manifests are written in:
 * block mappings and sequences, single-line plain and quoted scalars, literal
 * and folded block scalars, one-line flow collections and comments. It builds
 * located nodes straight from the text, with the same values, styles and
 * spans the `yaml` package gives (yaml-to-nodes.ts), in a fraction of the
 * time: the `yaml` package builds a token stream, a concrete syntax tree and a
 * document before we convert it.
 *
 * Anything outside that subset — anchors, tags, multi-line flow scalars,
 * several documents, tabs, CR line breaks, duplicate keys, anything the
 * `yaml` package would warn about or reject — makes the reader give up
 * (return undefined), and the caller parses the file with the `yaml` package
 * as before. test/source/fast-yaml.test.ts holds the reader to the package's
 * results over every manifest in the repository and over generated and
 * mutated documents.
 */
import { giveUp, intern, maxDepth, readOrGiveUp, resolvePlain } from './fast-read.js';
import type { MapEntry, ScalarNode, ValueNode } from './nodes.js';
import type { ScalarStyle } from './scalar-map.js';
import type { SourceFile } from './span.js';
import { makeScalar } from './yaml-to-nodes.js';

/** The longest implicit key YAML allows. */
const maxKeyLength = 1024;

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMA = 44;

/** Characters that cannot start a plain scalar here (indicators; `-`, `?` and `:` are handled apart). */
const notPlainStart = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/**
 * The root node of `file`'s single document, read by the fast path; undefined
 * when the text is outside the subset (or empty) and must be parsed by the
 * `yaml` package instead.
 */
export function readPlainYaml(file: SourceFile): ValueNode | undefined {
  const text = file.text;
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  // Document markers and directives start a line (string scans beat a multiline regular expression here).
  for (const marker of ['---', '...', '%']) if (text.startsWith(marker) || text.includes(`\n${marker}`)) return undefined;
  return readOrGiveUp(() => new Reader(file).document());
}

/** An implicit key and where its `:` is. */
interface Key {
  readonly node: ScalarNode;
  readonly colon: number;
}

/** A node and where it ends including what trails it (yaml's `range[2]`). */
interface Read {
  readonly node: ValueNode;
  readonly end: number;
}

class Reader {
  private readonly text: string;
  /** How many block collections enclose the current position (the root's own comments after it are not its own). */
  private depth = 0;

  constructor(private readonly file: SourceFile) {
    this.text = file.text;
  }

  document(): ValueNode | undefined {
    const first = this.nextContentLine(0);
    if (first === undefined) return undefined;
    const indent = this.indentOf(first);
    const read = this.blockNode(first, indent);
    if (this.nextContentLine(this.afterLine(read.end)) !== undefined) throw giveUp;
    return read.node;
  }

  // ---- lines -------------------------------------------------------------

  /** The number of spaces that start the line at `lineStart`. */
  private indentOf(lineStart: number): number {
    const text = this.text;
    let i = lineStart;
    while (text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  /** Where the line holding `pos` ends: at its line break, or at the end of the text. */
  private lineEnd(pos: number): number {
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl;
  }

  /** The start of the line after the one holding `pos`: past its line break, or the end of the text. */
  private nextLine(pos: number): number {
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** The start of the line holding `pos` when only spaces precede it there, else the start of the next line. */
  private afterLine(pos: number): number {
    const start = this.lineStartOf(pos);
    let i = start;
    while (i < pos && this.text.charCodeAt(i) === SPACE) i++;
    if (i === pos) return start;
    return this.nextLine(pos);
  }

  /** The start of the first line at or after `lineStart` holding something other than spaces and a comment. */
  private nextContentLine(lineStart: number): number | undefined {
    const text = this.text;
    let at = lineStart;
    while (at < text.length) {
      const first = at + this.indentOf(at);
      const ch = text.charCodeAt(first);
      if (first < text.length && ch !== NL && ch !== HASH) return at;
      at = this.nextLine(at);
    }
    return undefined;
  }

  /**
   * Where a node's trailing comments end: from `lineStart`, over blank lines
   * and comment lines indented at least `minIndent`, up to the end of the last
   * such comment line (or `fallback` when there is none).
   */
  private trailingComments(lineStart: number, minIndent: number, fallback: number): number {
    const text = this.text;
    let at = lineStart;
    let end = fallback;
    while (at < text.length) {
      const indent = this.indentOf(at);
      const first = at + indent;
      const ch = text.charCodeAt(first);
      const next = this.nextLine(at);
      if (first >= text.length || ch === NL) {
        at = next;
        continue;
      }
      if (ch !== HASH || indent < minIndent) break;
      end = next;
      at = next;
    }
    return end;
  }

  // ---- block structure ---------------------------------------------------

  /** A block mapping or sequence whose first line starts at `lineStart`, indented `indent`. */
  private blockNode(lineStart: number, indent: number): Read {
    const at = lineStart + indent;
    if (this.isSeqIndicator(at)) return this.blockSeq(at, indent);
    return this.blockMap(at, indent);
  }

  /**
   * A collection's trailing end (yaml's `range[2]`). The comment lines after
   * its last item that its last scalar did not take are kept by the innermost
   * collection not in column 0 that has one of them at least as deep as its
   * own column — through to the next content, that content's indentation
   * included. Collections further out see none of them. The root's own end
   * never shows in a span, so it keeps none.
   */
  private collectionEnd(lastEnd: number, indent: number): number {
    if (this.depth === 0 || indent === 0) return lastEnd;
    const text = this.text;
    const from = this.afterLine(lastEnd);
    const next = this.nextContentLine(from);
    const stop = next === undefined ? text.length : next + this.indentOf(next);
    let at = from;
    while (at < stop) {
      const lineIndent = this.indentOf(at);
      if (text.charCodeAt(at + lineIndent) === HASH && lineIndent >= indent) return stop;
      at = this.nextLine(at);
    }
    return lastEnd;
  }

  private isSeqIndicator(at: number): boolean {
    const text = this.text;
    if (text.charCodeAt(at) !== DASH) return false;
    const next = text.charCodeAt(at + 1);
    return at + 1 >= text.length || next === SPACE || next === NL;
  }

  /** Whether a comment line lies between `from` and `to`. */
  private commentBetween(from: number, to: number): boolean {
    const i = this.text.indexOf('#', from);
    return i >= 0 && i < to;
  }

  /**
   * A block mapping whose first key starts at `at`, in column `indent`;
   * `firstKey` is that key when the caller has already read it.
   */
  private blockMap(at: number, indent: number, firstKey?: Key): Read {
    const text = this.text;
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let keyAt = at;
    let last: Read;
    let pending = firstKey;
    if (++this.depth > maxDepth) throw giveUp;
    for (;;) {
      const key = pending ?? this.key(keyAt);
      pending = undefined;
      if (key === undefined) throw giveUp;
      const name = String(key.node.value);
      if (seen.has(name) || (name === '<<' && key.node.style === 'PLAIN')) throw giveUp;
      seen.add(name);
      // After ':' come spaces, then the value on this line, or a comment or the line's end (the value on the lines below).
      let p = key.colon + 1;
      while (text.charCodeAt(p) === SPACE) p++;
      const ch = text.charCodeAt(p);
      let value: Read;
      if (p >= text.length || ch === NL || ch === HASH) {
        value = this.valueBelow(p, indent, true);
      } else {
        value = this.inlineValue(p, indent);
      }
      entries.push({ key: name, keyNode: key.node, value: value.node });
      last = value;
      const next = this.nextItemAt(value.end, indent);
      if (next === undefined || this.isSeqIndicator(next)) break;
      keyAt = next;
    }
    this.depth--;
    const end = last.end;
    // A copy holds exactly its entries; the array grown by push keeps spare room for more.
    return { node: { kind: 'map', entries: entries.slice(), span: this.file.span(at, end) }, end: this.collectionEnd(end, indent) };
  }

  /** A block sequence whose first `-` is at `at`, in column `indent`. */
  private blockSeq(at: number, indent: number): Read {
    const items: ValueNode[] = [];
    let dash = at;
    let last: Read;
    if (++this.depth > maxDepth) throw giveUp;
    for (;;) {
      let p = dash + 1;
      while (this.text.charCodeAt(p) === SPACE) p++;
      const ch = this.text.charCodeAt(p);
      let item: Read;
      let key: Key | undefined;
      if (p >= this.text.length || ch === NL || ch === HASH) {
        // Comments before an empty item stretch its end in the yaml package.
        if (items.length > 0 && this.commentBetween(this.afterLine(last!.end), dash)) throw giveUp;
        item = this.valueBelow(p, indent, false);
      } else if (this.isSeqIndicator(p)) {
        item = this.blockSeq(p, p - this.lineStartOf(p));
      } else if ((key = this.key(p)) !== undefined) {
        item = this.blockMap(p, p - this.lineStartOf(p), key);
      } else {
        item = this.inlineValue(p, indent);
      }
      items.push(item.node);
      last = item;
      const next = this.nextItemAt(item.end, indent);
      if (next === undefined || !this.isSeqIndicator(next)) break;
      dash = next;
    }
    this.depth--;
    const end = last.end;
    return { node: { kind: 'seq', items: items.slice(), span: this.file.span(at, end) }, end: this.collectionEnd(end, indent) };
  }

  /**
   * Where the next item of a collection in column `indent` starts, after an
   * item ending at `end`: undefined when the next content is less indented
   * (or there is none); content indented deeper is outside the subset.
   */
  private nextItemAt(end: number, indent: number): number | undefined {
    const next = this.nextContentLine(this.afterLine(end));
    if (next === undefined) return undefined;
    const nextIndent = this.indentOf(next);
    if (nextIndent < indent) return undefined;
    if (nextIndent > indent) throw giveUp;
    return next + indent;
  }

  private lineStartOf(pos: number): number {
    return this.text.lastIndexOf('\n', pos - 1) + 1;
  }

  /**
   * The value of a key or `-` with nothing after it on its line: a block
   * collection on the lines below, or null at `emptyAt`. A mapping's value may
   * be a sequence in the mapping's own column.
   */
  private valueBelow(emptyAt: number, indent: number, inMap: boolean): Read {
    const next = this.nextContentLine(this.afterLine(emptyAt));
    if (next !== undefined) {
      const nextIndent = this.indentOf(next);
      if (nextIndent > indent) return this.blockNode(next, nextIndent);
      if (inMap && nextIndent === indent && this.isSeqIndicator(next + indent)) return this.blockSeq(next + indent, indent);
    }
    // An empty span: the scalar reads its (empty) text from the file, so the node cache can store it.
    const node = makeScalar(this.file, null, 'PLAIN', emptyAt, emptyAt, undefined);
    const end = this.nextLine(emptyAt);
    // Where comment lines after an empty value end up is the yaml package's own business.
    if (this.trailingComments(end, 0, end) !== end) throw giveUp;
    // An empty value ends where it starts; with a comment on its line, where the next content starts.
    if (this.text.charCodeAt(emptyAt) !== HASH) return { node, end: emptyAt };
    const after = this.nextContentLine(end);
    return { node, end: after === undefined ? this.text.length : after + this.indentOf(after) };
  }

  /** A value starting at `p` on the line of its key or `-`, in a collection in column `indent`. */
  private inlineValue(p: number, indent: number): Read {
    const ch = this.text.charCodeAt(p);
    if (ch === 0x7c /* | */ || ch === 0x3e /* > */) return this.blockScalar(p, indent);
    let node: ValueNode;
    let after: number;
    if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      const flow = this.flowCollection(p);
      node = flow.node;
      after = flow.end;
    } else {
      const scalar = this.flowScalar(p, false);
      node = scalar.node;
      after = scalar.end;
    }
    return { node, end: this.lineRest(after, indent) };
  }

  /**
   * After a value on its line: only spaces and a comment may follow. Returns
   * where the value's trailing part ends (the line break included, and
   * comment lines indented deeper than the collection below it).
   */
  private lineRest(after: number, indent: number): number {
    const text = this.text;
    let p = after;
    while (text.charCodeAt(p) === SPACE) p++;
    const ch = text.charCodeAt(p);
    if (p < text.length && ch !== NL) {
      if (ch !== HASH || p === after) throw giveUp;
    }
    const end = this.nextLine(p);
    return this.trailingComments(end, indent + 1, end);
  }

  // ---- keys and scalars --------------------------------------------------

  /** An implicit key at `p` followed by `:` and a space or line end; undefined when `p` does not start one. */
  private key(p: number): Key | undefined {
    const text = this.text;
    const ch = text.charCodeAt(p);
    let node: ScalarNode;
    let end: number;
    if (ch === DQUOTE || ch === SQUOTE) {
      const quoted = this.quoted(p);
      if (quoted === undefined) return undefined;
      node = quoted.node;
      end = quoted.end;
    } else {
      if (!this.canStartPlain(p)) return undefined;
      end = p;
      for (;;) {
        const c = text.charCodeAt(end);
        if (end >= text.length || c === NL) return undefined;
        if (c === COLON) {
          const n = text.charCodeAt(end + 1);
          if (end + 1 >= text.length || n === SPACE || n === NL) break;
        } else if (c === HASH && text.charCodeAt(end - 1) === SPACE) {
          return undefined;
        }
        end++;
      }
      if (text.charCodeAt(end - 1) === SPACE) throw giveUp;
      const raw = text.slice(p, end);
      const value = resolvePlain(raw);
      if (value === null) throw giveUp;
      node = makeScalar(this.file, intern(String(value)), 'PLAIN', p, end, undefined);
    }
    if (end - p > maxKeyLength) throw giveUp;
    const colon = end;
    if (text.charCodeAt(colon) !== COLON) return undefined;
    const n = text.charCodeAt(colon + 1);
    if (!(colon + 1 >= text.length || n === SPACE || n === NL)) return undefined;
    return { node, colon };
  }

  /** Whether a plain scalar may start at `p` (in block context; flow context also rules out `,[]{}`). */
  private canStartPlain(p: number): boolean {
    const text = this.text;
    if (p >= text.length) return false;
    const ch = text.charCodeAt(p);
    if (ch === SPACE || ch === NL || notPlainStart.has(ch)) return false;
    if (ch === DASH || ch === 0x3f /* ? */ || ch === COLON) {
      const n = text.charCodeAt(p + 1);
      // `-5` and `-x` are plain; `- `, `?` and `:` starts are left to the yaml package.
      return ch === DASH && p + 1 < text.length && n !== SPACE && n !== NL && !notPlainStart.has(n) && n !== DASH;
    }
    return true;
  }

  /**
   * A single-line plain or quoted scalar at `p`; `inFlow` ends plain scalars
   * at flow indicators too, and `flowKey` at `: ` (a flow mapping's key).
   */
  private flowScalar(p: number, inFlow: boolean, flowKey = false): { node: ScalarNode; end: number } {
    const text = this.text;
    const ch = text.charCodeAt(p);
    if (ch === DQUOTE || ch === SQUOTE) {
      const quoted = this.quoted(p);
      if (quoted === undefined) throw giveUp;
      return quoted;
    }
    if (!this.canStartPlain(p)) throw giveUp;
    let end = p;
    let valueEnd = p;
    for (;;) {
      const c = text.charCodeAt(end);
      if (end >= text.length || c === NL) break;
      if (c === HASH && text.charCodeAt(end - 1) === SPACE) break;
      if (c === COLON) {
        const n = text.charCodeAt(end + 1);
        // `a: b` on one line is a nested mapping (an error in a value); in flow context, a key.
        if (flowKey && n === SPACE) break;
        if (end + 1 >= text.length || n === SPACE || n === NL || inFlow) throw giveUp;
      }
      if (inFlow && (c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) break;
      end++;
      if (c !== SPACE) valueEnd = end;
    }
    const value = resolvePlain(text.slice(p, valueEnd));
    return { node: makeScalar(this.file, typeof value === 'string' ? intern(value) : value, 'PLAIN', p, valueEnd, undefined), end: valueEnd };
  }

  /** A quoted scalar closed on its own line; undefined when it is not closed there. */
  private quoted(p: number): { node: ScalarNode; end: number } | undefined {
    const text = this.text;
    const quote = text.charCodeAt(p);
    let value = '';
    let from = p + 1;
    let i = p + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === NL) return undefined;
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          value += text.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        break;
      }
      if (quote === DQUOTE && c === 0x5c /* \ */) {
        value += text.slice(from, i);
        const escaped = unescape(text, i + 1);
        value += escaped.text;
        i = escaped.next;
        from = i;
        continue;
      }
      i++;
    }
    value = intern(value + text.slice(from, i));
    const style: ScalarStyle = quote === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return { node: makeScalar(this.file, value, style, p, i + 1, undefined), end: i + 1 };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `p`, in a
   * collection in column `indent`. Explicit indentation, keep chomping,
   * more-indented folded lines and blank lines with extra spaces are left to
   * the yaml package.
   */
  private blockScalar(p: number, indent: number): Read {
    const text = this.text;
    const folded = text.charCodeAt(p) === 0x3e;
    let h = p + 1;
    let strip = false;
    if (text.charCodeAt(h) === DASH) {
      strip = true;
      h++;
    }
    const headerEnd = this.lineEnd(p);
    let q = h;
    while (text.charCodeAt(q) === SPACE) q++;
    if (q < headerEnd && (text.charCodeAt(q) !== HASH || q === h)) throw giveUp;
    if (headerEnd >= text.length) throw giveUp;
    // Content lines: the first non-blank line sets the indentation.
    let at = headerEnd + 1;
    let contentIndent = -1;
    const lines: string[] = [];
    let end = at;
    while (at < text.length) {
      const lineIndent = this.indentOf(at);
      const lineEnd = this.lineEnd(at);
      const next = lineEnd < text.length ? lineEnd + 1 : lineEnd;
      const blank = at + lineIndent === lineEnd;
      if (blank) {
        if (contentIndent >= 0 ? lineIndent > contentIndent : lineIndent > indent + 1) throw giveUp;
        lines.push('');
      } else {
        if (contentIndent < 0) {
          if (lineIndent <= indent) break;
          contentIndent = lineIndent;
        } else if (lineIndent < contentIndent) break;
        if (lineIndent > contentIndent && folded) throw giveUp;
        lines.push(text.slice(at + contentIndent, lineEnd));
        end = next;
      }
      at = next;
    }
    if (contentIndent < 0) throw giveUp;
    // Blank lines after the last content line belong to what follows.
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (end === text.length && text.charCodeAt(end - 1) !== NL) throw giveUp;
    let value: string;
    if (folded) {
      value = '';
      let blanks = 0;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === '') {
          blanks++;
          continue;
        }
        if (i > 0) value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
        else if (blanks > 0) value += '\n'.repeat(blanks);
        blanks = 0;
        value += line;
      }
    } else {
      value = lines.join('\n');
    }
    if (!strip) value += '\n';
    const node = makeScalar(this.file, value, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', p, end, undefined);
    return { node, end };
  }

  // ---- flow collections --------------------------------------------------

  /** A flow sequence or mapping at `p`, closed on the same line. */
  private flowCollection(p: number, flowDepth = 1): { node: ValueNode; end: number } {
    if (this.depth + flowDepth > maxDepth) throw giveUp;
    const text = this.text;
    const isMapping = text.charCodeAt(p) === 0x7b;
    const close = isMapping ? 0x7d : 0x5d;
    const items: ValueNode[] = [];
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let i = this.flowSpace(p + 1);
    for (;;) {
      if (text.charCodeAt(i) === close) break;
      if (isMapping) {
        const key = this.flowScalar(i, true, true);
        if (key.node.kind !== 'scalar' || typeof key.node.value !== 'string' || text.charCodeAt(key.end) !== COLON) throw giveUp;
        const name = key.node.value;
        if (seen.has(name) || name === '<<') throw giveUp;
        seen.add(name);
        if (text.charCodeAt(key.end + 1) !== SPACE) throw giveUp;
        const v = this.flowSpace(key.end + 1);
        const value = this.flowItem(v, flowDepth + 1);
        entries.push({ key: name, keyNode: key.node, value: value.node });
        i = this.flowSpace(value.end);
      } else {
        const item = this.flowItem(i, flowDepth + 1);
        items.push(item.node);
        i = this.flowSpace(item.end);
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i = this.flowSpace(i + 1);
        if (text.charCodeAt(i) === close) throw giveUp;
        continue;
      }
      if (c !== close) throw giveUp;
    }
    const end = i + 1;
    const span = this.file.span(p, end);
    return { node: isMapping ? { kind: 'map', entries: entries.slice(), span } : { kind: 'seq', items: items.slice(), span }, end };
  }

  private flowItem(p: number, flowDepth: number): { node: ValueNode; end: number } {
    const c = this.text.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) return this.flowCollection(p, flowDepth);
    return this.flowScalar(p, true);
  }

  /** Skips spaces inside a flow collection (which must close on its line). */
  private flowSpace(p: number): number {
    const text = this.text;
    while (text.charCodeAt(p) === SPACE) p++;
    if (p >= text.length || text.charCodeAt(p) === NL || text.charCodeAt(p) === HASH) throw giveUp;
    return p;
  }
}

/** The one-character escapes of double-quoted scalars, by the character after the backslash. */
const simpleEscapes = new Map([
  ['\\', '\\'],
  ['"', '"'],
  ['/', '/'],
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['b', '\b'],
  ['f', '\f'],
  ['0', '\0'],
]);

/** A double-quoted escape after the backslash at `i - 1`: the common ones; the rest are left to the yaml package. */
function unescape(text: string, i: number): { text: string; next: number } {
  const c = text.charAt(i);
  const simple = simpleEscapes.get(c);
  if (simple !== undefined) return { text: simple, next: i + 1 };
  if (c !== 'u') throw giveUp;
  const hex = text.slice(i + 1, i + 5);
  if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw giveUp;
  return { text: String.fromCharCode(parseInt(hex, 16)), next: i + 5 };
}
