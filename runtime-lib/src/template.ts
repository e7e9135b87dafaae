/** `${…}` placeholders in handler config (README: Templates). */
import { ActionError } from './errors.js';

const PLACEHOLDER = /\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g;

/** Where placeholder values come from. */
export interface TemplateVars {
  env(name: string): string | undefined;
  secret(name: string): Promise<string | undefined>;
}

/** The value at a dotted path of the input (`a.b.0`), or undefined. */
function inputAt(input: unknown, path: string): unknown {
  let v = input;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The value a placeholder reference stands for; `fromInput` marks action input. */
export async function resolve(ref: string, input: unknown, vars: TemplateVars): Promise<{ value: unknown; fromInput: boolean }> {
  const dot = ref.indexOf('.');
  const root = dot < 0 ? '' : ref.slice(0, dot);
  const rest = ref.slice(dot + 1);
  if (root === 'input') return { value: inputAt(input, rest), fromInput: true };
  const value = root === 'env' ? vars.env(rest) : root === 'secrets' ? await vars.secret(rest) : ((await vars.secret(ref)) ?? vars.env(ref));
  if (value === undefined) throw new ActionError('UNAVAILABLE', `'${ref}' is not set`, {}, false);
  return { value, fromInput: false };
}

/**
 * Substitutes every placeholder of `template`. `encode` applies to input values
 * only (URL parts); env and secret values are trusted configuration and go in verbatim.
 */
export async function substitute(template: string, input: unknown, vars: TemplateVars, encode?: (s: string) => string): Promise<string> {
  const parts = template.split(PLACEHOLDER);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i % 2 === 0) out += part;
    else {
      const { value, fromInput } = await resolve(part, input, vars);
      out += fromInput && encode ? encode(text(value)) : text(value);
    }
  }
  return out;
}

/** The top-level input fields a template refers to. */
export function inputFieldsUsed(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) => (m[1]?.startsWith('input.') ? [m[1].slice(6).split('.')[0] ?? ''] : []));
}

/** True when the whole template is one `${input.…}` placeholder. */
export function isWholeInput(template: string): boolean {
  return /^\$\{\s*input\.[\w.-]+\s*\}$/.test(template.trim());
}
