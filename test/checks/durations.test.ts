import { describe, expect, it } from 'vitest';
import { durations } from '../../src/checks/structure/durations.js';
import { parseDuration } from '../../src/lower/duration.js';
import { runCheck, workflowWith } from './helpers.js';

describe('parseDuration', () => {
  const cases: Array<[string, number | undefined]> = [
    ['30s', 30],
    ['10m', 600],
    ['1h', 3600],
    ['2d', 172800],
    ['1h30m', 5400],
    ['1d 2h', 93600],
    ['1.5h', 5400],
    ['500ms', 0.5],
    ['45', 45],
    ['30 seconds', undefined],
    ['30m1h', undefined],
    ['1h1h', undefined],
    ['', undefined],
    ['h', undefined],
    ['-5s', undefined],
  ];
  it.each(cases)('%s → %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));
});

describe('durations', () => {
  it('warns about an unparseable wait duration', () => {
    expect(runCheck(durations, workflowWith('- id: pause\n  type: wait\n  duration: 30 seconds'))).toEqual([
      expect.objectContaining({ code: 'OWC3021', severity: 'warning', message: "invalid duration '30 seconds'", at: '6:19', text: '30 seconds' }),
    ]);
  });

  it('warns about text timeouts on steps and event waits', () => {
    const text = workflowWith('- id: a\n  plugin: p\n  action: x\n  timeout: forever\n- id: w\n  type: wait\n  until: {event: e, timeout: 1 day}');
    expect(runCheck(durations, text).map((d) => d.message)).toEqual(["invalid duration 'forever'", "invalid duration '1 day'"]);
  });

  it('accepts durations, numbers and templates', () => {
    const text = workflowWith('- id: a\n  type: wait\n  duration: 1h30m\n- id: b\n  type: wait\n  duration: 45\n- id: c\n  type: wait\n  duration: "{{ inputs.d }}"\n- id: d\n  plugin: p\n  action: x\n  timeout: 300');
    expect(runCheck(durations, text)).toEqual([]);
  });

  it('treats a value made of {% %} tags alone as a template too', () => {
    const text = workflowWith('- id: a\n  type: wait\n  duration: "{% if inputs.long %}1h{% else %}5m{% endif %}"');
    expect(runCheck(durations, text)).toEqual([]);
  });
});
