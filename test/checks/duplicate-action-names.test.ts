import { describe, expect, it } from 'vitest';
import { duplicateActionNames } from '../../src/checks/structure/duplicate-action-names.js';
import { runCheck } from './helpers.js';

describe('duplicate-action-names', () => {
  it('reports a repeated action name in one connector', () => {
    const text = 'connector:\n  kind: sdk\n  name: calc\nactions:\n  - name: add\n    handler: {function: calc.add}\n  - name: add\n    handler: {function: calc.plus}\n';
    expect(runCheck(duplicateActionNames, text)).toMatchObject([
      { code: 'OWC3009', severity: 'error', message: "duplicate action name 'add' in connector 'calc'", at: '7:11', related: ['first defined here @5:11'] },
    ]);
  });

  it('accepts distinct names', () => {
    expect(runCheck(duplicateActionNames, 'connector:\n  kind: sdk\n  name: calc\nactions:\n  - name: add\n  - name: sub\n')).toEqual([]);
  });
});
