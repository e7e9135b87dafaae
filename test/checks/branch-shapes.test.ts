import { describe, expect, it } from 'vitest';
import { branchShapes } from '../../src/checks/structure/branch-shapes.js';
import { runCheck, workflowWith } from './helpers.js';

const step = '{id: s, plugin: p, action: a}';

describe('branch-shapes', () => {
  const failing: Array<[string, string, string, string]> = [
    ['switch with empty cases', '- id: r\n  type: switch\n  value: x\n  cases: {}', 'OWC3005', "switch step 'r' has no cases"],
    ['parallel with empty branches', '- id: g\n  type: parallel\n  branches: {}', 'OWC3006', "parallel step 'g' has no branches"],
    ['inline parallel with no steps', '- id: g\n  parallel: []', 'OWC3006', "parallel step 'g' has no branches"],
  ];
  it.each(failing)('reports %s', (_name, yaml, code, message) => {
    expect(runCheck(branchShapes, workflowWith(yaml))).toMatchObject([{ code, severity: 'error', message }]);
  });

  it('leaves missing then, cases and branches to the schema stage', () => {
    const text = workflowWith('- {id: c, type: if, condition: x}\n- {id: r, type: switch, value: x}\n- {id: g, type: parallel}');
    expect(runCheck(branchShapes, text)).toEqual([]);
  });

  it('accepts well-formed branching steps', () => {
    const text = workflowWith(
      [
        `- {id: c, type: if, condition: x, then: [${step.replace('id: s', 'id: s1')}]}`,
        `- {id: r, type: switch, value: x, cases: {a: [${step.replace('id: s', 'id: s2')}]}}`,
        `- {id: g, type: parallel, branches: {a: [${step.replace('id: s', 'id: s3')}]}}`,
        `- {id: h, parallel: [${step.replace('id: s', 'id: s4')}]}`,
      ].join('\n'),
    );
    expect(runCheck(branchShapes, text)).toEqual([]);
  });
});
