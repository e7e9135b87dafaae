/** Adapts build-time validators and turns their failures into VALIDATION errors. */
import { ActionError } from './errors.js';
import type { ValidationIssue, Validator } from './types.js';

/** The shape of an ajv (standalone) validate function. */
export interface AjvValidateFunction {
  (data: unknown): boolean;
  errors?: readonly { instancePath: string; keyword: string; message?: string; params: { readonly [key: string]: unknown } }[] | null;
}

/** Wraps an ajv standalone validate function as a Validator; `required` errors point at the missing field. */
export function fromAjv(validate: AjvValidateFunction): Validator {
  return (value) => {
    if (validate(value)) return { ok: true };
    const errors = (validate.errors ?? []).map((e): ValidationIssue => {
      const missing = e.params['missingProperty'];
      const path = typeof missing === 'string' ? `${e.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
      return { path, message: e.message ?? e.keyword };
    });
    return { ok: false, errors };
  };
}

/** Runs `validator` and throws VALIDATION naming `what` and the failing paths. */
export function check(validator: Validator | undefined, value: unknown, what: string): void {
  const result = validator?.(value);
  if (!result || result.ok) return;
  const paths = [...new Set(result.errors.map((e) => e.path))];
  const list = result.errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ');
  throw new ActionError('VALIDATION', `${what} is invalid: ${list}`, { paths, errors: result.errors });
}
