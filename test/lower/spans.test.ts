import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/source/span.js';
import { lower, textAt } from './helpers.js';

const text = [
  'workflows:', // 1
  '  - name: Daily Report', // 2
  '    inputs:', // 3
  '      city:', // 4
  '        type: string', // 5
  '    triggers:', // 6
  '      - type: schedule', // 7
  '        cron: "0 8 * * *"', // 8
  '    steps:', // 9
  '      - id: fetch', // 10
  '        connector: connector:community/weather@1.0.0', // 11
  '        action: get_current_weather', // 12
  '      - name: check', // 13
  '        type: if', // 14
  '        condition: "{{ steps.fetch.output.temperature > 30 }}"', // 15
  '        then:', // 16
  '          - id: alert', // 17
  '            plugin: slack', // 18
  '            action: post', // 19
  '    outputs:', // 20
  '      temp: "{{ steps.fetch.output.temperature }}"', // 21
  '',
].join('\n');

describe('spans', () => {
  const { program, file } = lower(text, 'daily.yaml');
  const workflow = program.workflows[0]!;
  const at = (span: Span) => ({ ...file.position(span.start), text: textAt(file, span) });

  it('points names at their value scalars', () => {
    expect(at(workflow.name.span)).toEqual({ line: 2, column: 11, text: 'Daily Report' });
    expect(at(workflow.inputs[0]!.name.span)).toEqual({ line: 4, column: 7, text: 'city' });
    expect(at(workflow.outputs[0]!.name.span)).toEqual({ line: 21, column: 7, text: 'temp' });
    const fetch = workflow.steps[0]!;
    expect(at(fetch.id.span)).toEqual({ line: 10, column: 13, text: 'fetch' });
    if (fetch.kind !== 'action') throw new Error(fetch.kind);
    expect(at(fetch.connector.span)).toEqual({ line: 11, column: 20, text: 'connector:community/weather@1.0.0' });
    expect(at(fetch.action.span)).toEqual({ line: 12, column: 17, text: 'get_current_weather' });
  });

  it('gives a step the span of its whole mapping', () => {
    const check = workflow.steps[1]!;
    expect(file.position(check.span.start)).toEqual({ line: 13, column: 9 });
    expect(file.position(check.span.end).line).toBeGreaterThanOrEqual(19);
    expect(at(check.id.span)).toEqual({ line: 13, column: 15, text: 'check' });
  });

  it('keeps nested steps and value nodes with their spans', () => {
    const check = workflow.steps[1]!;
    if (check.kind !== 'if') throw new Error(check.kind);
    expect(at(check.then.steps[0]!.id.span)).toEqual({ line: 17, column: 17, text: 'alert' });
    expect(at(check.condition.span)).toMatchObject({ line: 15, column: 20 });
    const trigger = workflow.triggers[0]!;
    if (trigger.kind !== 'schedule') throw new Error(trigger.kind);
    expect(at(trigger.cron.span)).toEqual({ line: 8, column: 15, text: '"0 8 * * *"' });
  });

  it('places a synthetic step id at the step', () => {
    const { program, file: f } = lower('workflows:\n  - name: w\n    steps:\n      - plugin: p\n        action: a\n');
    const id = program.workflows[0]!.steps[0]!.id;
    expect([id.value, f.position(id.span.start)]).toEqual(['steps[0]', { line: 4, column: 9 }]);
  });
});
