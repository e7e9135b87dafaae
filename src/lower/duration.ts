/**
 * Durations as manifests write them: a number of seconds (`30`, `"30"`,
 * `"1.5"`), a number with a unit (`30s`, `10m`, `1h`, `2d`, `500ms`), or units
 * combined from largest to smallest (`1h30m`, `2d 4h`). Shared by lowering
 * (wait durations and timeouts become seconds) and the duration check.
 */

const unitSeconds: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 };
const unitOrder = ['d', 'h', 'm', 's', 'ms'];
const part = /(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)\s*/y;

/** Seconds for a duration string, or undefined when it is not a valid duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  let total = 0;
  let lastUnit = -1;
  part.lastIndex = 0;
  while (part.lastIndex < trimmed.length) {
    const match = part.exec(trimmed);
    if (match === null) return undefined;
    const unit = unitOrder.indexOf(match[2]!);
    if (unit <= lastUnit) return undefined; // each unit once, largest first
    lastUnit = unit;
    total += Number(match[1]) * unitSeconds[match[2]!]!;
  }
  return total;
}

/** Seconds for a duration written as a number or a string; undefined when it is neither. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string') return parseDuration(value);
  return undefined;
}
