/** Explicit HTTP body templates (loaded only by handlers that declare `body`). */
import { isWholeInput, resolve, substitute, type TemplateVars } from './template.js';
import type { JsonValue } from './types.js';

/** Substitutes strings inside a JSON body template; a string that is exactly `${input.x}` keeps its JSON type. */
export async function substituteJson(value: JsonValue, input: unknown, vars: TemplateVars): Promise<unknown> {
  if (typeof value === 'string') {
    if (isWholeInput(value)) return (await resolve(value.trim().slice(2, -1).trim(), input, vars)).value;
    return substitute(value, input, vars);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => substituteJson(v, input, vars)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await substituteJson(v, input, vars);
    return out;
  }
  return value;
}
