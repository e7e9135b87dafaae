/** Retry policy arithmetic and the retry loop (DESIGN.md §7). */
import { ActionError, toActionError } from './errors.js';
import type { Clock, RetryPolicy } from './types.js';

/**
 * Milliseconds to wait after failed attempt `n` (1-based) before attempt n+1:
 * fixed d, linear d·n, exponential d·factor^(n−1), capped at maxDelay, full jitter optional.
 */
export function retryDelayMs(policy: RetryPolicy, n: number, random: () => number = Math.random): number {
  const d = (policy.initialDelay ?? 1) * 1000;
  const raw = policy.backoff === 'fixed' ? d : policy.backoff === 'linear' ? d * n : d * (policy.backoffFactor ?? 2) ** (n - 1);
  const capped = Math.min(raw, (policy.maxDelay ?? 60) * 1000);
  return policy.jitter ? Math.floor(random() * capped) : capped;
}

/** Whether `error` may be retried under `policy` (attempt budget aside). */
export function shouldRetry(policy: RetryPolicy | undefined, error: ActionError): boolean {
  const code = error.code.toUpperCase();
  if (code === 'CANCELED' || code === 'VALIDATION') return false;
  const named = (policy?.retryOn ?? []).map((c) => c.toUpperCase());
  const specific = [error.details.httpCode, error.details.backendCode].some((c) => typeof c === 'string' && named.includes(c.toUpperCase()));
  if (!error.retryable) return specific;
  return policy?.retryOn === undefined || specific || named.includes(code);
}

export interface RetryOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
  /** Called before each wait with the failed attempt number, the error and the delay. */
  readonly onRetry?: (attempt: number, error: ActionError, delayMs: number) => void;
}

/**
 * Runs `attempt(n)` until it succeeds, the policy gives up, or the error is not
 * retryable. A `details.retryAfterMs` replaces the computed delay; one beyond
 * maxDelay ends the retries. The final error carries `details.attempts`.
 */
export async function withRetry<T>(policy: RetryPolicy | undefined, attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const max = Math.max(1, Math.floor(policy?.maxAttempts ?? 1));
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (thrown) {
      const error = toActionError(thrown);
      const after = error.details.retryAfterMs;
      const tooLong = policy !== undefined && after !== undefined && after > (policy.maxDelay ?? 60) * 1000;
      if (n >= max || tooLong || !policy || !shouldRetry(policy, error)) {
        throw new ActionError(error.code, error.message, { ...error.details, attempts: n }, error.retryable);
      }
      const delay = after ?? retryDelayMs(policy, n, options.random);
      options.onRetry?.(n, error, delay);
      await options.clock.sleep(delay, options.signal);
    }
  }
}
