import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/registry.js';
import { structureMessages } from '../../src/diagnostics/catalog/structure.js';
import { lower } from '../lower/helpers.js';
import { runAllChecks } from './helpers.js';

describe('the structure catalog', () => {
  const entries = Object.entries(structureMessages);

  it('uses unique codes in the OWC30xx range', () => {
    const codes = entries.map(([, m]) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^OWC30\d\d$/);
  });

  it.each(entries)('%s: its example manifest triggers it', (_key, message) => {
    const lowered = lower(message.example, 'example.yaml');
    const codes = [...lowered.diagnostics, ...runAllChecks(message.example, 'example.yaml')].map((d) => d.code);
    expect(codes).toContain(message.code);
  });
});

describe('the check registry', () => {
  it('names every check uniquely, in kebab case, with a doc sentence', () => {
    const names = checks.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const check of checks) {
      expect(check.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(check.doc.length).toBeGreaterThan(10);
    }
  });

  it('runs the structural checks together and returns sorted diagnostics', () => {
    const text = 'workflows:\n  - name: w\n    triggers:\n      - schedule: "0 25 * * *"\n    steps:\n      - {id: a, type: wait, duration: 1s}\n      - {id: a, type: wait, duration: forever}\n  - name: w\n    steps: []\n';
    const diagnostics = runAllChecks(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['OWC3020', 'OWC3004', 'OWC3021', 'OWC3008', 'OWC3007']);
  });
});
