import { describe, expect, it } from 'vitest';
import { cronExpressions } from '../../src/checks/structure/cron-expressions.js';
import { validateCron } from '../../src/checks/formats/cron.js';
import { runCheck } from './helpers.js';

const schedule = (cron: string, tz = '') => `workflows:\n  - name: demo\n    triggers:\n      - type: schedule\n        cron: ${cron}\n${tz}    steps: []\n`;

describe('validateCron', () => {
  const valid = ['0 8 * * *', '*/5 * * * *', '0 9 * * MON-FRI', '0 0 1 JAN,jul *', '30 0 8 * * *', '0-30/10 8-18 * * 1,3,5', '0 0 ? * SUN', '0 0 * * 7', '@daily', '@hourly', '@annually', '5/15 * * * *'];
  it.each(valid)('accepts %s', (cron) => expect(validateCron(cron)).toBeUndefined());

  const invalid: Array<[string, string]> = [
    ['0 25 * * *', "the hour field value '25' is out of range 0–23"],
    ['60 * * * *', "the minute field value '60' is out of range 0–59"],
    ['0 0 0 * *', "the day-of-month field value '0' is out of range 1–31"],
    ['0 0 * 13 *', "the month field value '13' is out of range 1–12 or JAN–DEC"],
    ['0 0 * * FUNDAY', "the day-of-week field value 'FUNDAY' is not valid (allowed: 0–7 or SUN–SAT)"],
    ['* * * *', 'it has 4 fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)'],
    ['*/0 * * * *', "the minute field step '0' must be a whole number from 1 to 59"],
    ['0 18-8 * * *', "the hour field range '18-8' runs backwards"],
    ['0 0 * * 1,,2', 'the day-of-week field has an empty list item'],
    ['0 ? * * *', "'?' is allowed only alone, in the day-of-month and day-of-week fields"],
    ['@sometimes', "unknown macro '@sometimes' (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)"],
    ['61 0 8 * * *', "the second field value '61' is out of range 0–59"],
  ];
  it.each(invalid)('rejects %s', (cron, detail) => expect(validateCron(cron)?.detail).toBe(detail));
});

describe('cron-expressions', () => {
  it('warns at the offending field inside the quoted expression', () => {
    expect(runCheck(cronExpressions, schedule('"0 25 * * *"'))).toEqual([
      expect.objectContaining({ code: 'OWC3020', severity: 'warning', message: "invalid cron expression '0 25 * * *': the hour field value '25' is out of range 0–23", at: '5:18', text: '25' }),
    ]);
  });

  it('checks the shorthand trigger too, and skips templates', () => {
    const text = 'workflows:\n  - name: demo\n    triggers:\n      - schedule: "0 8 * *"\n      - schedule: "{{ env.CRON }}"\n    steps: []\n';
    expect(runCheck(cronExpressions, text).map((d) => d.code)).toEqual(['OWC3020']);
  });

  it('accepts valid expressions', () => {
    expect(runCheck(cronExpressions, schedule('"0 8 * * *"'))).toEqual([]);
  });
});
