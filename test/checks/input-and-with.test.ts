import { describe, expect, it } from 'vitest';
import { inputAndWith } from '../../src/checks/structure/input-and-with.js';
import { runCheck, workflowWith } from './helpers.js';

describe('input-and-with', () => {
  it("reports 'with' beside 'input'", () => {
    const text = workflowWith('- id: add\n  plugin: calc\n  action: add\n  input: {a: 1}\n  with: {a: 2}');
    expect(runCheck(inputAndWith, text)).toMatchObject([{ code: 'OWC3003', severity: 'error', message: "step 'add' has both 'input' and 'with'", at: '8:9', text: 'with', related: ["'input' is given here @7:9"] }]);
  });

  it("accepts either one alone", () => {
    expect(runCheck(inputAndWith, workflowWith('- id: a\n  plugin: c\n  action: x\n  with: {a: 2}\n- id: b\n  plugin: c\n  action: x\n  input: {a: 1}'))).toEqual([]);
  });
});
