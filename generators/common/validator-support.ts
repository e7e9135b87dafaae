/**
 * The helpers that ajv standalone validators call at run time (string length
 * in code points, deep equality, string formats), emitted once into the build
 * output as `_owc/validation-support.js` so generated validators depend on
 * neither ajv nor ajv-formats. The text is a fixed file (no manifest text in
 * it); `formatNames` lists what it implements, and the generator registers
 * exactly those names with ajv, so the two cannot drift apart.
 */

/** Where the support module goes, relative to the output folder. */
export const supportModulePath = '_owc/validation-support';

/** The string formats the support module validates (DESIGN.md §5: formats beyond these are not checked). */
export const formatNames: readonly string[] = [
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'url',
  'iri',
  'iri-reference',
  'uri-template',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'regex',
  'byte',
  'binary',
  'password',
];

/** The JavaScript source of the support module, in prettier's layout (test/build/layout.test.ts checks it). */
export const supportModuleJs = String.raw`/** Counts code points, as JSON Schema's minLength/maxLength do. */
export function ucs2length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    n++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** Deep equality of JSON values (const, enum, uniqueItems). */
export function equal(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a !== a && b !== b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !equal(a[key], b[key])) return false;
  }
  return true;
}

const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : daysInMonth[month]);
}

function isTime(text) {
  const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|([+-])(\d{2}):?(\d{2}))$/i.exec(text);
  if (m === null) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3]);
  const offsetHour = m[7] === undefined ? 0 : Number(m[7]);
  const offsetMinute = m[8] === undefined ? 0 : Number(m[8]);
  if (offsetHour > 23 || offsetMinute > 59 || hour > 23 || minute > 59) return false;
  // A leap second is written as :60.
  return second <= 60;
}

function isDateTime(text) {
  const parts = text.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0]) && isTime(parts[1]);
}

function isUri(text) {
  if (!/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function isIpv6(text) {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(':')) return false;
  try {
    new URL('http://[' + text + ']/');
    return true;
  } catch {
    return false;
  }
}

function isRegex(text) {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}

const hostname =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const email =
  /^[a-z0-9!#$%&'*+/=?^_${'`'}{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_${'`'}{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const duration = /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/;
const uuid = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const jsonPointer = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
const relativeJsonPointer = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;
const byte = /^(?:[a-z0-9+/]{4})*(?:[a-z0-9+/]{2}==|[a-z0-9+/]{3}=)?$/i;
const noSpace = /^[^\s]*$/;
const anything = () => true;

/** Format checks by name; each entry is called as entry.validate(text). */
export const formats = {
  date: { validate: isDate },
  time: { validate: isTime },
  'date-time': { validate: isDateTime },
  duration: { validate: (t) => duration.test(t) },
  uri: { validate: isUri },
  'uri-reference': { validate: (t) => noSpace.test(t) },
  url: { validate: isUri },
  iri: { validate: isUri },
  'iri-reference': { validate: (t) => noSpace.test(t) },
  'uri-template': { validate: (t) => noSpace.test(t) },
  email: { validate: (t) => email.test(t) },
  'idn-email': { validate: (t) => /^[^\s@]+@[^\s@]+$/.test(t) },
  hostname: { validate: (t) => hostname.test(t) },
  'idn-hostname': { validate: (t) => /^[^\s]+$/.test(t) },
  ipv4: { validate: (t) => ipv4.test(t) },
  ipv6: { validate: isIpv6 },
  uuid: { validate: (t) => uuid.test(t) },
  'json-pointer': { validate: (t) => jsonPointer.test(t) },
  'relative-json-pointer': { validate: (t) => relativeJsonPointer.test(t) },
  regex: { validate: isRegex },
  byte: { validate: (t) => byte.test(t) },
  binary: { validate: anything },
  password: { validate: anything },
};
`;

/** The declarations of the support module (so strict TypeScript projects can import it), in prettier's layout. */
export const supportModuleDts = `/** Counts code points, as JSON Schema's minLength/maxLength do. */
export declare function ucs2length(text: string): number;
/** Deep equality of JSON values. */
export declare function equal(a: unknown, b: unknown): boolean;
/** Format checks by name. */
export declare const formats: {
  readonly [name: string]: { readonly validate: (text: string) => boolean };
};
`;
