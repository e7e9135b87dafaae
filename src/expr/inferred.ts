/**
 * The result of inferring an expression: its type and whether it derives
 * from a secret (taint), with the helpers that combine operand results.
 */
import type { MessageArgs, MessageDef, RelatedLocation, Severity } from '../diagnostics/diagnostic.js';
import type { Span } from '../source/span.js';
import type { Type } from './types.js';

/** The type of an expression, and whether (and from which secret) it derives from `secrets.*`. */
export interface Inferred {
  readonly type: Type;
  readonly tainted: boolean;
  /** The first secret it derives from, as written (`secrets.API_TOKEN`). */
  readonly secret?: string;
  /** Where that secret is read. */
  readonly secretSpan?: Span;
}

/** Where inference reports what does not fit. */
export type Reporter = (
  def: MessageDef,
  span: Span,
  args: MessageArgs,
  extras?: {
    readonly hint?: string;
    readonly related?: readonly RelatedLocation[];
    readonly severity?: Severity;
  },
) => void;

/** A result of `type` that carries no secret. */
export function plain(type: Type): Inferred {
  return { type, tainted: false };
}

/** A result of `type` derived from `from`: it carries the first secret among them. */
export function derived(type: Type, ...from: readonly Inferred[]): Inferred {
  const source = from.find((f) => f.tainted);
  return source ? { ...source, type } : { type, tainted: false };
}
