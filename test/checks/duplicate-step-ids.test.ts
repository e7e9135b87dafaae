import { describe, expect, it } from 'vitest';
import { duplicateStepIds } from '../../src/checks/structure/duplicate-step-ids.js';
import { runCheck, workflowWith } from './helpers.js';

describe('duplicate-step-ids', () => {
  it('reports a repeated id at the duplicate, pointing back at the first', () => {
    const text = workflowWith('- id: fetch\n  plugin: p\n  action: a\n- id: fetch\n  plugin: p\n  action: b');
    expect(runCheck(duplicateStepIds, text)).toEqual([
      {
        code: 'OWC3004',
        severity: 'error',
        message: "duplicate step id 'fetch' in workflow 'demo'",
        at: '7:13',
        text: 'fetch',
        hint: 'step ids are unique within a workflow, including steps nested in branches, loops and try blocks; rename one of them',
        related: ['first defined here @4:13'],
      },
    ]);
  });

  it('counts nested steps and name-as-id', () => {
    const text = workflowWith('- name: alert\n  plugin: p\n  action: a\n- id: c\n  type: if\n  condition: x\n  then:\n    - id: alert\n      plugin: p\n      action: a');
    expect(runCheck(duplicateStepIds, text).map((d) => [d.message, d.at])).toEqual([["duplicate step id 'alert' in workflow 'demo'", '11:17']]);
  });

  it('accepts unique ids, and the same id in different workflows', () => {
    const text = 'workflows:\n  - name: a\n    steps:\n      - {id: s, plugin: p, action: a}\n      - {id: t, plugin: p, action: a}\n  - name: b\n    steps:\n      - {id: s, plugin: p, action: a}\n';
    expect(runCheck(duplicateStepIds, text)).toEqual([]);
  });
});
