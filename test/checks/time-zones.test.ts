import { describe, expect, it } from 'vitest';
import { timeZones } from '../../src/checks/structure/time-zones.js';
import { isTimeZone } from '../../src/checks/formats/time-zone.js';
import { runCheck } from './helpers.js';

const schedule = (tz: string) => `workflows:\n  - name: demo\n    triggers:\n      - type: schedule\n        cron: "0 8 * * *"\n        timezone: ${tz}\n    steps: []\n`;

describe('time-zones', () => {
  it('knows IANA names and UTC', () => {
    expect(['America/New_York', 'Europe/Paris', 'UTC', 'Asia/Kolkata'].every(isTimeZone)).toBe(true);
    expect(['America/NewYork', 'Mars/Olympus', '', ' UTC'].some(isTimeZone)).toBe(false);
  });

  it('warns about an unknown zone with a did-you-mean hint', () => {
    expect(runCheck(timeZones, schedule('America/NewYork'))).toEqual([
      { code: 'OWC3022', severity: 'warning', message: "unknown time zone 'America/NewYork'", at: '6:19', text: 'America/NewYork', hint: "did you mean 'America/New_York'?" },
    ]);
  });

  it('warns without a suggestion when nothing is close', () => {
    expect(runCheck(timeZones, schedule('Nowhere'))[0]?.hint).toBe('use an IANA time zone name such as America/New_York, Europe/Paris or UTC');
  });

  it('accepts known zones and templates', () => {
    expect(runCheck(timeZones, schedule('America/Los_Angeles'))).toEqual([]);
    expect(runCheck(timeZones, schedule('"{{ env.TZ }}"'))).toEqual([]);
  });
});
