/**
 * ISO 8601 timestamps as wait steps write them: `2025-10-08T09:00:00Z`, with
 * optional seconds and fraction, `Z` or an offset (`+02:00`), or a date alone.
 */
const pattern = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))?)?$/;

/** Why `text` is not an ISO 8601 timestamp, or undefined when it is one. */
export function timestampProblem(text: string): string | undefined {
  const m = pattern.exec(text);
  if (!m) return 'expected the form YYYY-MM-DDTHH:MM:SSZ';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `month ${m[2]} is out of range 01–12`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  if (m[4] !== undefined && Number(m[4]) > 23) return `hour ${m[4]} is out of range 00–23`;
  if (m[5] !== undefined && Number(m[5]) > 59) return `minute ${m[5]} is out of range 00–59`;
  if (m[6] !== undefined && Number(m[6]) > 59) return `second ${m[6]} is out of range 00–59`;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return `offset ${m[7]}:${m[8]} is out of range`;
  return undefined;
}
