/**
 * A cron expression validator: 5 fields (minute hour day-of-month month
 * day-of-week) or 6 with seconds first; each field a list of `*`, values,
 * ranges `a-b` and steps (`/n` after `*`, a range or a value); month and weekday names
 * (JAN–DEC, SUN–SAT); `?` for either day field; and the macros @yearly,
 * @annually, @monthly, @weekly, @daily, @midnight, @hourly.
 */

/** A problem, with the character range it concerns inside the expression. */
export interface CronProblem {
  readonly detail: string;
  readonly start: number;
  readonly end: number;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly question?: boolean;
}

const second: FieldSpec = { name: 'second', min: 0, max: 59 };
const fiveFields: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 0 and 7 are both Sunday.
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], question: true },
];

const macros = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** The first problem in `expression`, or undefined when it is a valid cron expression. */
export function validateCron(expression: string): CronProblem | undefined {
  const whole = { start: 0, end: expression.length };
  const trimmed = expression.trim();
  if (trimmed === '') return { detail: 'it is empty', ...whole };
  if (trimmed.startsWith('@')) {
    return macros.includes(trimmed.toLowerCase()) ? undefined : { detail: `unknown macro '${trimmed}' (known: ${macros.join(', ')})`, ...whole };
  }
  const fields: { text: string; start: number }[] = [];
  for (const match of expression.matchAll(/\S+/g)) fields.push({ text: match[0], start: match.index });
  if (fields.length !== 5 && fields.length !== 6) {
    return { detail: `it has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)`, ...whole };
  }
  const specs = fields.length === 6 ? [second, ...fiveFields] : fiveFields;
  for (let i = 0; i < fields.length; i++) {
    const problem = validateField(fields[i]!.text, specs[i]!);
    if (problem) return { detail: problem.detail, start: fields[i]!.start + problem.start, end: fields[i]!.start + problem.end };
  }
  return undefined;
}

function validateField(text: string, spec: FieldSpec): CronProblem | undefined {
  let offset = 0;
  for (const item of text.split(',')) {
    const problem = validateItem(item, spec);
    if (problem) return { detail: problem.detail, start: offset + problem.start, end: offset + problem.end };
    offset += item.length + 1;
  }
  return undefined;
}

function allowed(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}–${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}–${spec.max}${names}`;
}

function validateItem(item: string, spec: FieldSpec): CronProblem | undefined {
  const at = (detail: string, start = 0, end = item.length): CronProblem => ({ detail, start, end });
  if (item === '') return at(`the ${spec.name} field has an empty list item`);
  const slash = item.indexOf('/');
  const base = slash === -1 ? item : item.slice(0, slash);
  if (slash !== -1) {
    const stepText = item.slice(slash + 1);
    const step = /^\d+$/.test(stepText) ? Number(stepText) : NaN;
    if (!(step >= 1 && step <= spec.max)) {
      return at(`the ${spec.name} field step '${stepText}' must be a whole number from 1 to ${spec.max}`, slash + 1, item.length);
    }
  }
  if (base === '*') return undefined;
  if (base === '?') return spec.question && slash === -1 ? undefined : at(`'?' is allowed only alone, in the day-of-month and day-of-week fields`, 0, 1);
  const dash = base.indexOf('-', 1);
  const parts = dash === -1 ? [base] : [base.slice(0, dash), base.slice(dash + 1)];
  const values: number[] = [];
  let partStart = 0;
  for (const part of parts) {
    const value = valueOf(part, spec);
    if (value === undefined) {
      return at(`the ${spec.name} field value '${part}' is not valid (allowed: ${allowed(spec)})`, partStart, partStart + part.length);
    }
    if (value < spec.min || value > spec.max) {
      return at(`the ${spec.name} field value '${part}' is out of range ${allowed(spec)}`, partStart, partStart + part.length);
    }
    values.push(value);
    partStart += part.length + 1;
  }
  if (values.length === 2 && values[0]! > values[1]!) return at(`the ${spec.name} field range '${base}' runs backwards`, 0, base.length);
  return undefined;
}

function valueOf(part: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(part)) return Number(part);
  const index = spec.names?.indexOf(part.toUpperCase()) ?? -1;
  if (index === -1) return undefined;
  return spec.name === 'month' ? index + 1 : index;
}
