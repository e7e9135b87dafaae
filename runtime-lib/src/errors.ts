/**
 * The error every runtime failure surfaces as: a taxonomy code (DESIGN.md §7),
 * a message for a person, and structured details.
 */
import type { ErrorCode, ErrorDetails } from './types.js';

/** A failed action call. `retryable: false` opts out of the default retry rules. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly retryable: boolean;

  // VALIDATION and CANCELED never retry whatever `retryable` says (see shouldRetry).
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, retryable = true) {
    super(message);
    this.code = code;
    this.details = details;
    this.retryable = retryable;
  }

  /** The JSON form used in run results. */
  toJSON(): { code: string; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

const TAXONOMY = ['VALIDATION', 'UNAVAILABLE', 'BACKEND_ERROR', 'TIMEOUT', 'CANCELED', 'INTERNAL_ERROR', 'RATE_LIMIT'];

/** The taxonomy code `raw` names (case-insensitive), or undefined. */
export function knownCode(raw: unknown): string | undefined {
  const up = typeof raw === 'string' ? raw.toUpperCase() : '';
  return TAXONOMY.includes(up) ? up : undefined;
}

/**
 * Wraps any thrown value as an ActionError. A thrown object whose `code` is a
 * taxonomy code keeps it; another string `code` goes to `details.backendCode`.
 */
export function toActionError(value: unknown, fallback: ErrorCode = 'BACKEND_ERROR'): ActionError {
  if (value instanceof ActionError) return value;
  const raw = typeof value === 'object' && value !== null && 'code' in value ? value.code : undefined;
  const known = knownCode(raw);
  return new ActionError(
    known ?? fallback,
    value instanceof Error ? value.message : String(value),
    typeof raw === 'string' && !known ? { backendCode: raw } : {},
  );
}
