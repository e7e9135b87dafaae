import { describe, expect, it } from 'vitest';
import { waitTimestamps } from '../../src/checks/structure/wait-timestamps.js';
import { timestampProblem } from '../../src/checks/formats/timestamp.js';
import { runCheck, workflowWith } from './helpers.js';

describe('timestampProblem', () => {
  it.each(['2025-10-08T09:00:00Z', '2025-10-08T09:00Z', '2025-10-08T09:00:00.250+02:00', '2024-02-29T00:00:00-0500', '2025-10-08'])('accepts %s', (t) => expect(timestampProblem(t)).toBeUndefined());
  const bad: Array<[string, string]> = [
    ['2025-13-08T09:00:00Z', 'month 13 is out of range 01–12'],
    ['2025-02-29T09:00:00Z', 'day 29 does not exist in 2025-02'],
    ['2025-10-08T24:00:00Z', 'hour 24 is out of range 00–23'],
    ['2025-10-08T09:60:00Z', 'minute 60 is out of range 00–59'],
    ['tomorrow 9am', 'expected the form YYYY-MM-DDTHH:MM:SSZ'],
  ];
  it.each(bad)('rejects %s', (t, detail) => expect(timestampProblem(t)).toBe(detail));
});

describe('wait-timestamps', () => {
  it('warns about an invalid until.time', () => {
    expect(runCheck(waitTimestamps, workflowWith('- id: later\n  type: wait\n  until:\n    time: "2025-13-08T09:00:00Z"'))).toMatchObject([
      { code: 'OWC3023', severity: 'warning', message: "invalid ISO 8601 timestamp '2025-13-08T09:00:00Z': month 13 is out of range 01–12", at: '7:17' },
    ]);
  });

  it('accepts valid timestamps and templates', () => {
    const text = workflowWith('- id: a\n  type: wait\n  until: {time: "2025-10-08T09:00:00Z"}\n- id: b\n  type: wait\n  until: {time: "{{ inputs.when }}"}');
    expect(runCheck(waitTimestamps, text)).toEqual([]);
  });
});
