import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaths, loadText } from '../../src/source/load.js';
import { decodeLoaded, encodeLoaded } from '../../src/source/node-codec.js';
import type { ValueNode } from '../../src/source/nodes.js';
import { SourceFile } from '../../src/source/span.js';
import { repoRoot } from '../support/baseline.js';

/** Every node with its kind, span, scalar value, style and offsets — all a later stage can read. */
function describeNodes(node: ValueNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return { span: node.span, value: node.value, style: node.style, offsets: node.offsets() };
    case 'map':
      return { span: node.span, entries: node.entries.map((e) => [e.key, describeNodes(e.keyNode), describeNodes(e.value)]) };
    case 'seq':
      return { span: node.span, items: node.items.map(describeNodes) };
  }
}

describe('the load result codec', () => {
  it('gives back the same nodes, forms and diagnostics for every example', async () => {
    const loaded = await loadPaths([path.join(repoRoot, 'examples')], { cwd: repoRoot });
    expect(loaded.files.length).toBeGreaterThan(5);
    for (const file of loaded.files) {
      const manifests = loaded.manifests.filter((m) => m.file === file);
      const data = JSON.parse(JSON.stringify(encodeLoaded({ manifests, diagnostics: [] }))) as unknown;
      const decoded = decodeLoaded(new SourceFile(file.path, file.text), data);
      expect(decoded).toBeDefined();
      expect(decoded!.manifests.map((m) => [m.documentIndex, m.form, describeNodes(m.root)])).toEqual(manifests.map((m) => [m.documentIndex, m.form, describeNodes(m.root)]));
    }
  });

  it('keeps block, folded and quoted scalars exact, and load diagnostics', () => {
    const text = 'workflows:\n  - name: "a\\tb"\n    description: >\n      folded\n      text\n    steps:\n      - id: s\n        run: |\n          echo {{ inputs.x }}\n        run: twice\n';
    const first = loadText('w.yaml', text);
    expect(first.diagnostics.length).toBeGreaterThan(0);
    const data = JSON.parse(JSON.stringify(encodeLoaded(first))) as unknown;
    const decoded = decodeLoaded(new SourceFile('w.yaml', text), data)!;
    expect(decoded.diagnostics).toEqual(JSON.parse(JSON.stringify(first.diagnostics)));
    expect(describeNodes(decoded.manifests[0]!.root)).toEqual(describeNodes(first.manifests[0]!.root));
  });

  it('keeps empty values, from both readers', () => {
    // The first two texts are in the fast reader's subset; the anchors send the others to the yaml package.
    for (const text of [
      'workflows:\n  - name: w\n    description:\n    steps:\n      -\n      - id: a\n',
      'workflows:\n  - name: w\n    description: # none\n    steps: []\n',
      'workflows:\n  - name: &n w\n    description:\n    steps:\n      -\n',
      'workflows: &n\n  - {name: w, description}\n',
    ]) {
      const first = loadText('e.yaml', text);
      expect(first.manifests.length, text).toBe(1);
      const encoded = encodeLoaded(first);
      expect(encoded, text).toBeDefined();
      const decoded = decodeLoaded(new SourceFile('e.yaml', text), JSON.parse(JSON.stringify(encoded)) as unknown);
      expect(decoded, text).toBeDefined();
      expect(describeNodes(decoded!.manifests[0]!.root), text).toEqual(describeNodes(first.manifests[0]!.root));
    }
  });

  it('declines what has no exact JSON form and rejects malformed data', () => {
    const loaded = loadText('c.yaml', 'workflows:\n  - name: w\n    timeout: .inf\n    steps: []\n');
    expect(encodeLoaded(loaded)).toBeUndefined();
    const file = new SourceFile('c.yaml', 'x: 1\n');
    expect(decodeLoaded(file, { manifests: [{ documentIndex: 0, root: [1, 0, 99] }], diagnostics: [] })).toBeUndefined();
    expect(decodeLoaded(file, { manifests: [{ documentIndex: 0, root: [7, 0, 1] }], diagnostics: [] })).toBeUndefined();
    expect(decodeLoaded(file, 'nonsense')).toBeUndefined();
    // Tampered copies of good data: a stored diagnostic that is not one, a map key whose span leaves the file.
    const text = 'workflow:\n  name: w\n  steps: []\n';
    const good = loadText('g.yaml', text);
    const encoded = (): { manifests: Array<{ root: unknown[] }>; diagnostics: unknown[] } => JSON.parse(JSON.stringify(encodeLoaded(good))) as never;
    const gFile = new SourceFile('g.yaml', text);
    expect(decodeLoaded(gFile, encoded())).toBeDefined();
    const badDiagnostic = encoded();
    badDiagnostic.diagnostics.push({ code: 'OWC1001', severity: 'fatal', message: 'x', span: { file: 'g.yaml', start: 0, end: 1 } });
    expect(decodeLoaded(gFile, badDiagnostic)).toBeUndefined();
    const badKey = encoded();
    const key = badKey.manifests[0]!.root[3] as unknown[];
    expect(key[0]).toBe(0);
    key[2] = text.length + 1;
    expect(decodeLoaded(gFile, badKey)).toBeUndefined();
    key[1] = -1;
    key[2] = 1;
    expect(decodeLoaded(gFile, badKey)).toBeUndefined();
  });
});
