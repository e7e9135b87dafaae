import { describe, expect, it } from 'vitest';
import { emptyStepLists } from '../../src/checks/structure/empty-step-lists.js';
import { runCheck, workflowWith } from './helpers.js';

describe('empty-step-lists', () => {
  it("reports a workflow's empty steps list at the list", () => {
    expect(runCheck(emptyStepLists, 'workflows:\n  - name: demo\n    steps: []\n')).toMatchObject([
      { code: 'OWC3007', severity: 'error', message: "empty step list: 'steps' of workflow 'demo'", at: '3:12', text: '[]' },
    ]);
  });

  const failing: Array<[string, string, string]> = [
    ['then', '- {id: c, type: if, condition: x, then: []}', "'then' of step 'c'"],
    ['else', '- {id: c, type: if, condition: x, then: [{id: t, plugin: p, action: a}], else: []}', "'else' of step 'c'"],
    ['a case', '- {id: r, type: switch, value: x, cases: {high: []}}', "case 'high' of step 'r'"],
    ['default', '- {id: r, type: switch, value: x, cases: {a: [{id: t, plugin: p, action: a}]}, default: []}', "'default' of step 'r'"],
    ['a branch', '- {id: g, type: parallel, branches: {w: []}}', "branch 'w' of step 'g'"],
    ['a forEach body', '- {id: l, type: forEach, items: x, steps: []}', "'steps' of step 'l'"],
    ['a try body', '- {id: t, type: try, steps: []}', "'steps' of step 't'"],
    ['catch', '- {id: t, type: try, steps: [{id: u, plugin: p, action: a}], catch: []}', "'catch' of step 't'"],
    ['finally', '- {id: t, type: try, steps: [{id: u, plugin: p, action: a}], finally: []}', "'finally' of step 't'"],
  ];
  it.each(failing)('reports an empty %s', (_name, yaml, where) => {
    expect(runCheck(emptyStepLists, workflowWith(yaml))).toMatchObject([{ code: 'OWC3007', message: `empty step list: ${where}`, text: '[]' }]);
  });

  it('accepts lists with steps, and does not report absent lists', () => {
    const text = workflowWith('- {id: c, type: if, condition: x, then: [{id: t, plugin: p, action: a}]}\n- {id: l, type: forEach, items: x}');
    expect(runCheck(emptyStepLists, text)).toEqual([]);
  });
});
