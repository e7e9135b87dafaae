import { describe, expect, it } from 'vitest';
import { duplicateWorkflowNames } from '../../src/checks/structure/duplicate-workflow-names.js';
import { runCheck } from './helpers.js';

describe('duplicate-workflow-names', () => {
  it('reports a repeated name in one file', () => {
    const text = 'workflows:\n  - name: report\n    steps: []\n  - name: report\n    steps: []\n';
    expect(runCheck(duplicateWorkflowNames, text)).toMatchObject([
      { code: 'OWC3008', severity: 'error', message: "duplicate workflow name 'report' in this file", at: '4:11', related: ['first defined here @2:11'] },
    ]);
  });

  it('accepts distinct names', () => {
    expect(runCheck(duplicateWorkflowNames, 'workflows:\n  - name: a\n    steps: []\n  - name: b\n    steps: []\n')).toEqual([]);
  });
});
