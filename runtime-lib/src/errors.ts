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

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, retryable = code !== 'VALIDATION' && code !== 'CANCELED') {
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

/**
 * Wraps any thrown value as an ActionError. A thrown object whose `code` is a
 * taxonomy code keeps it; another string `code` goes to `details.backendCode`.
 */
export function toActionError(value: unknown, fallback: ErrorCode = 'BACKEND_ERROR'): ActionError {
  if (value instanceof ActionError) return value;
  const raw = typeof value === 'object' && value !== null && 'code' in value ? value.code : undefined;
  const known = typeof raw === 'string' && TAXONOMY.includes(raw.toUpperCase());
  return new ActionError(
    known ? raw.toUpperCase() : fallback,
    value instanceof Error ? value.message : String(value),
    typeof raw === 'string' && !known ? { backendCode: raw } : {},
  );
}
