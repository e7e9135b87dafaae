/**
 * Converts a document from the `yaml` package into located value nodes,
 * reporting what has no meaningful position (merge keys, aliases of
 * collections) instead of silently expanding it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { sourceMessages as M } from '../diagnostics/catalog/source.js';
import type { MapEntry, ScalarNode, ScalarValue, ValueNode } from './nodes.js';
import { buildOffsetMap, scalarStyles, type OffsetMap, type ScalarStyle } from './scalar-map.js';
import type { SourceFile, Span } from './span.js';

/** Converts `doc.contents` into a value node; undefined for an empty document. */
export function documentToNodes(file: SourceFile, doc: Document.Parsed, bag: DiagnosticBag): ValueNode | undefined {
  if (doc.contents === null) return undefined;
  return convert(file, doc, doc.contents, bag);
}

function rangeOf(node: YamlNode, fallback: number): [number, number] {
  const range = node.range;
  if (!range) return [fallback, fallback];
  // For collections range[1] is the end of the value; for scalars too.
  return [range[0], Math.max(range[0], range[1])];
}

function convert(file: SourceFile, doc: Document.Parsed, node: YamlNode, bag: DiagnosticBag): ValueNode {
  if (isAlias(node)) {
    const [start, end] = rangeOf(node, 0);
    const target = node.resolve(doc);
    if (target && isScalar(target)) {
      return makeScalar(file, toScalarValue(target.value), 'PLAIN', start, end, String(target.value ?? ''));
    }
    bag.report(M.Alias, file.span(start, end), { name: node.source });
    return makeScalar(file, null, 'PLAIN', start, end, '');
  }
  if (isScalar(node)) {
    const [start, end] = rangeOf(node, 0);
    const style = (node.type ?? 'PLAIN') as ScalarStyle;
    return makeScalar(file, toScalarValue(node.value), style, start, end, undefined);
  }
  if (isMap(node)) {
    const [start, end] = rangeOf(node, 0);
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyYaml = pair.key as YamlNode | null;
      let keyNode: ScalarNode;
      if (keyYaml === null || keyYaml === undefined) {
        keyNode = makeScalar(file, '', 'PLAIN', start, start, undefined);
      } else if (isScalar(keyYaml) && keyYaml.value !== null && typeof keyYaml.value !== 'object') {
        const [ks, ke] = rangeOf(keyYaml, start);
        keyNode = makeScalar(file, String(keyYaml.value), (keyYaml.type ?? 'PLAIN') as ScalarStyle, ks, ke, undefined);
      } else {
        const [ks, ke] = rangeOf(keyYaml, start);
        const kind = isMap(keyYaml) ? 'a mapping' : isSeq(keyYaml) ? 'a list' : isAlias(keyYaml) ? 'an alias' : 'null';
        bag.report(M.NonStringKey, file.span(ks, ke), { kind });
        continue;
      }
      const key = String(keyNode.value);
      const valueYaml = pair.value as YamlNode | null;
      if (key === '<<' && keyNode.style === 'PLAIN') {
        bag.report(M.MergeKey, keyNode.span);
        continue;
      }
      const keyEnd = keyNode.span.end;
      const value = valueYaml === null || valueYaml === undefined ? makeScalar(file, null, 'PLAIN', keyEnd, keyEnd, undefined) : convert(file, doc, valueYaml, bag);
      entries.push({ key, keyNode, value });
    }
    return { kind: 'map', entries, span: file.span(start, end) };
  }
  if (isSeq(node)) {
    const [start, end] = rangeOf(node, 0);
    const items: ValueNode[] = [];
    for (const item of node.items) {
      if (item === null || item === undefined) items.push(makeScalar(file, null, 'PLAIN', start, start, undefined));
      else items.push(convert(file, doc, item as YamlNode, bag));
    }
    return { kind: 'seq', items, span: file.span(start, end) };
  }
  // Pairs outside maps do not occur in parsed documents; treat anything else as null.
  return makeScalar(file, null, 'PLAIN', 0, 0, undefined);
}

function toScalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A scalar node. A class rather than an object holding a closure: a project
 * holds about a million of these, and every field costs 8 bytes in each. So
 * `kind` lives on the prototype, the style shares a number with the end, the
 * span is made when asked for rather than kept, and the offsets are computed
 * from the file text when asked for and not kept.
 */
class LocatedScalar implements ScalarNode {
  #source: SourceFile;
  #start: number;
  /** `end * 8 + style index`. */
  #endStyle: number;

  constructor(
    source: SourceFile,
    readonly value: ScalarValue,
    style: ScalarStyle,
    start: number,
    end: number,
  ) {
    this.#source = source;
    this.#start = start;
    this.#endStyle = Math.max(start, end) * 8 + scalarStyles.indexOf(style);
  }

  get kind(): 'scalar' {
    return 'scalar';
  }

  get style(): ScalarStyle {
    return scalarStyles[this.#endStyle & 7]!;
  }

  get span(): Span {
    return { file: this.#source.path, start: this.#start, end: Math.floor(this.#endStyle / 8) };
  }

  /** The text the offsets are read from: the file's at the span. */
  protected rawText(): string {
    return this.#source.text.slice(this.#start, Math.floor(this.#endStyle / 8));
  }

  offsets(): OffsetMap {
    const text = typeof this.value === 'string' ? this.value : String(this.value ?? '');
    return buildOffsetMap(this.style, this.rawText(), this.#start, text);
  }
}

/** A scalar whose offsets come from other text than the file's at its span (an alias of a scalar elsewhere). */
class AliasedScalar extends LocatedScalar {
  #raw: string;

  constructor(source: SourceFile, value: ScalarValue, style: ScalarStyle, start: number, end: number, raw: string) {
    super(source, value, style, start, end);
    this.#raw = raw;
  }

  protected override rawText(): string {
    return this.#raw;
  }
}

/** Whether a scalar node came from loading and its offsets are read from the file text at its span. */
export function scalarReadsFileText(node: ScalarNode): boolean {
  return node instanceof LocatedScalar && !(node instanceof AliasedScalar);
}

/**
 * A scalar node; `raw` is what its offsets are read from, undefined for the
 * file text at `start..end`. Only a scalar read from elsewhere needs `raw`:
 * one given it cannot be stored in the node cache, so an empty span passes
 * undefined (the file's empty text reads the same).
 */
export function makeScalar(file: SourceFile, value: ScalarValue, style: ScalarStyle, start: number, end: number, raw: string | undefined): ScalarNode {
  return raw === undefined ? new LocatedScalar(file, value, style, start, end) : new AliasedScalar(file, value, style, start, end, raw);
}
