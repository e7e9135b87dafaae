import { describe, expect, it } from 'vitest';
import { displayPath, loadText } from '../../src/source/load.js';

const codes = (text: string, path = 'm.yaml') => loadText(path, text).diagnostics.map((d) => d.code);

describe('loadText', () => {
  it('recognises every manifest form', () => {
    const forms: Array<[string, string, string]> = [
      ['connector:\n  name: a\nactions: []\n', 'connector', 'block'],
      ['workflows:\n  - name: a\n', 'workflow', 'list'],
      ['workflow:\n  name: a\n  steps: []\n', 'workflow', 'block'],
      ['schemaVersion: 0.1.0\ntype: agent\nname: a\n', 'agent', 'registry'],
      ['{"schemaVersion": "0.1.0", "type": "bundle", "name": "b", "includes": []}', 'bundle', 'registry'],
      ['{"agent": {"id": "x"}, "model": {"provider": "p", "name": "m"}, "instructions": {"system": "s"}, "tools": [], "runtime": "any"}', 'agent', 'agent-schema'],
    ];
    for (const [text, resource, form] of forms) {
      const result = loadText(text.startsWith('{') ? 'm.json' : 'm.yaml', text);
      expect(result.diagnostics, text).toEqual([]);
      expect(result.manifests[0]?.form, text).toEqual({ resource, form });
    }
  });

  it('reports syntax errors, duplicate keys, merge keys and aliases of collections', () => {
    expect(codes('a: "open\n')).toContain('OWC1001');
    expect(codes('workflows:\n  - name: a\n    name: b\n')).toEqual(['OWC1002']);
    expect(codes('x: &d {a: 1}\nworkflow:\n  <<: *d\n  name: w\n')).toContain('OWC1003');
    expect(codes('workflows:\n  - name: a\n    steps: &s []\n  - name: b\n    steps: *s\n')).toContain('OWC1004');
    expect(codes('{"workflows": [}', 'm.json')).toContain('OWC1001');
  });

  it('accepts aliases of plain scalars', () => {
    expect(codes('workflows:\n  - name: &n a\n    description: *n\n')).toEqual([]);
  });

  it('explains the quick-start dialect', () => {
    const result = loadText('q.yaml', 'id: w\nsteps:\n  - id: a\n    type: connector_call\n');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['OWC1006']);
    expect(result.diagnostics[0]!.hint).toContain("'type: action'");
    const pos = result.file.position(result.diagnostics[0]!.span.start);
    expect(pos).toEqual({ line: 4, column: 11 });
  });

  it('says when a file is not a manifest, or empty', () => {
    expect(codes('title: x\n')).toEqual(['OWC1005']);
    expect(codes('- a\n- b\n')).toEqual(['OWC1005']);
    expect(codes('')).toEqual(['OWC1007']);
    expect(codes('# only a comment\n')).toEqual(['OWC1007']);
  });

  it('skips unrelated YAML found in folders but not manifest-like files', () => {
    expect(loadText('c.yaml', 'title: x\n', { explicit: false }).diagnostics).toEqual([]);
    expect(loadText('c.yaml', 'steps: []\n', { explicit: false }).diagnostics.map((d) => d.code)).toEqual(['OWC1005']);
  });

  it('keeps spans of keys and values', () => {
    const result = loadText('m.yaml', 'workflows:\n  - name: Daily\n');
    const root = result.manifests[0]!.root;
    const list = root.entries[0]!.value;
    expect(list.kind).toBe('seq');
    if (list.kind !== 'seq') return;
    const wf = list.items[0]!;
    if (wf.kind !== 'map') throw new Error('map expected');
    const name = wf.entries[0]!;
    expect(result.file.position(name.keyNode.span.start)).toEqual({ line: 2, column: 5 });
    expect(result.file.position(name.value.span.start)).toEqual({ line: 2, column: 11 });
  });
});

describe('displayPath', () => {
  it('shows paths under the working directory relative to it and others absolute', () => {
    const cwd = '/work/project';
    const cases: Array<[string, string]> = [
      ['/work/project/a.yaml', 'a.yaml'],
      ['/work/project/dir/b.yaml', 'dir/b.yaml'],
      ['/work/project/.hidden/c.yaml', '.hidden/c.yaml'],
      ['/work/project/x/../d.yaml', 'd.yaml'],
      ['/work/project//e.yaml', 'e.yaml'],
      ['/work/project/f/', 'f'],
      ['/work/project', '.'],
      ['/work/projectile/g.yaml', '/work/projectile/g.yaml'],
      ['/work/h.yaml', '/work/h.yaml'],
      ['/elsewhere/i.yaml', '/elsewhere/i.yaml'],
    ];
    for (const [abs, want] of cases) expect([abs, displayPath(abs, cwd)]).toEqual([abs, want]);
    expect(displayPath('/work/project/a.yaml', '/work/project/')).toBe('a.yaml');
    expect(displayPath('/work/project/a.yaml', '/work/x/../project')).toBe('a.yaml');
  });
});
