/**
 * Test support: reads a text with the fast YAML reader and with the `yaml`
 * package, and describes the first difference between the two results.
 */
import { parseAllDocuments } from 'yaml';
import { DiagnosticBag } from '../../src/diagnostics/diagnostic.js';
import { readPlainJson } from '../../src/source/fast-json.js';
import { readPlainYaml } from '../../src/source/fast-yaml.js';
import type { ValueNode } from '../../src/source/nodes.js';
import { SourceFile } from '../../src/source/span.js';
import { documentToNodes } from '../../src/source/yaml-to-nodes.js';

/** What the yaml package makes of `text`: the root node when it is one clean document, else why not. */
export function readWithYamlPackage(file: SourceFile): { root: ValueNode | undefined } | { rejected: string } {
  const docs = parseAllDocuments(file.text, { keepSourceTokens: false, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length !== 1) return { rejected: `${list.length} documents` };
  const doc = list[0]!;
  if (doc.errors.length > 0) return { rejected: `error ${doc.errors[0]!.code}: ${doc.errors[0]!.message.split('\n')[0]}` };
  if (doc.warnings.length > 0) return { rejected: `warning ${doc.warnings[0]!.message.split('\n')[0]}` };
  const bag = new DiagnosticBag();
  const root = documentToNodes(file, doc, bag);
  if (bag.all.length > 0) return { rejected: `diagnostic ${bag.all[0]!.message}` };
  return { root };
}

/** A plain description of a node tree with every span, for comparison. */
export function describe(node: ValueNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return ['scalar', Object.is(node.value, -0) ? '-0' : Number.isNaN(node.value) ? 'NaN' : node.value, node.style, node.span.start, node.span.end];
    case 'seq':
      return ['seq', node.span.start, node.span.end, node.items.map(describe)];
    case 'map':
      return ['map', node.span.start, node.span.end, node.entries.map((e) => [e.key, describe(e.keyNode), describe(e.value)])];
  }
}

/**
 * Compares the fast reader (the JSON one for a `.json` name) with the yaml
 * package on `text`: undefined when they agree (or the fast reader gave up),
 * else a description of the disagreement.
 */
export function compareReaders(text: string, name = 'doc.yaml'): string | undefined {
  const file = new SourceFile(name, text);
  const fast = name.endsWith('.json') ? readPlainJson(file) : readPlainYaml(file);
  if (fast === undefined) return undefined;
  const slow = readWithYamlPackage(file);
  if ('rejected' in slow) return `fast reader accepted what the yaml package rejects (${slow.rejected})`;
  if (slow.root === undefined) return 'fast reader found a node in an empty document';
  const a = JSON.stringify(describe(fast));
  const b = JSON.stringify(describe(slow.root));
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `results differ at ${i}:\n fast: …${a.slice(Math.max(0, i - 120), i + 80)}\n yaml: …${b.slice(Math.max(0, i - 120), i + 80)}`;
}
