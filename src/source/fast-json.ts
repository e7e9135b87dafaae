/**
 * A fast reader for `.json` manifests: builds located nodes straight from the
 * text, with the values, styles and spans the `yaml` package gives when it
 * reads the same JSON (yaml-to-nodes.ts). The loader accepts a `.json` file
 * only after the engine's `JSON.parse` did, so this reader sees valid JSON;
 * anything it does not expect (duplicate keys, deep nesting) makes it give up,
 * and the file goes through the `yaml` package as before.
 * test/source/fast-json.test.ts holds it to the package's results.
 */
import { giveUp, intern, maxDepth, readOrGiveUp, resolvePlain } from './fast-read.js';
import type { MapEntry, ValueNode } from './nodes.js';
import type { SourceFile } from './span.js';
import { makeScalar } from './yaml-to-nodes.js';

/** The root node of a `.json` file's text (which `JSON.parse` accepts); undefined to leave the file to the yaml package. */
export function readPlainJson(file: SourceFile): ValueNode | undefined {
  return readOrGiveUp(() => {
    const reader = new JsonReader(file);
    const root = reader.value(reader.space(0), 0);
    return reader.space(root.end) === file.text.length ? root.node : undefined;
  });
}

class JsonReader {
  private readonly text: string;

  constructor(private readonly file: SourceFile) {
    this.text = file.text;
  }

  /** The first position at or after `p` that is not JSON whitespace. */
  space(p: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 0x20 || c === 0x0a) p++;
      else if (c === 0x09 || c === 0x0d) throw giveUp; // tabs and CR: the yaml package has its own views on them
      else return p;
    }
  }

  value(p: number, depth: number): { node: ValueNode; end: number } {
    const c = this.text.charCodeAt(p);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= maxDepth) throw giveUp;
      return c === 0x7b ? this.object(p, depth + 1) : this.array(p, depth + 1);
    }
    if (c === 0x22 /* " */) return this.string(p);
    let end = p;
    while (end < this.text.length && /[-+.0-9a-zA-Z]/.test(this.text[end]!)) end++;
    if (end === p) throw giveUp;
    return { node: makeScalar(this.file, resolvePlain(this.text.slice(p, end)), 'PLAIN', p, end, undefined), end };
  }

  private string(p: number): { node: ValueNode & { kind: 'scalar' }; end: number } {
    const text = this.text;
    let i = p + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === 0x0a) throw giveUp;
      if (c === 0x5c /* \ */) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    const end = i + 1;
    const raw = text.slice(p, end);
    const value = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    return { node: makeScalar(this.file, intern(value), 'QUOTE_DOUBLE', p, end, undefined) as ValueNode & { kind: 'scalar' }, end };
  }

  private object(p: number, depth: number): { node: ValueNode; end: number } {
    const text = this.text;
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let i = this.space(p + 1);
    if (text.charCodeAt(i) !== 0x7d /* } */) {
      for (;;) {
        if (text.charCodeAt(i) !== 0x22) throw giveUp;
        const key = this.string(i);
        const name = key.node.value as string;
        if (seen.has(name)) throw giveUp;
        seen.add(name);
        i = this.space(key.end);
        if (text.charCodeAt(i) !== 0x3a /* : */) throw giveUp;
        const value = this.value(this.space(i + 1), depth);
        entries.push({ key: name, keyNode: key.node, value: value.node });
        i = this.space(value.end);
        if (text.charCodeAt(i) === 0x2c /* , */) {
          i = this.space(i + 1);
          continue;
        }
        if (text.charCodeAt(i) !== 0x7d) throw giveUp;
        break;
      }
    }
    return { node: { kind: 'map', entries, span: this.file.span(p, i + 1) }, end: i + 1 };
  }

  private array(p: number, depth: number): { node: ValueNode; end: number } {
    const text = this.text;
    const items: ValueNode[] = [];
    let i = this.space(p + 1);
    if (text.charCodeAt(i) !== 0x5d /* ] */) {
      for (;;) {
        const item = this.value(i, depth);
        items.push(item.node);
        i = this.space(item.end);
        if (text.charCodeAt(i) === 0x2c) {
          i = this.space(i + 1);
          continue;
        }
        if (text.charCodeAt(i) !== 0x5d) throw giveUp;
        break;
      }
    }
    return { node: { kind: 'seq', items, span: this.file.span(p, i + 1) }, end: i + 1 };
  }
}
