/** Lowers a `retry:` block (on steps, `try` steps and HTTP handlers) to a RetryPolicyIR. */
import type { ValueNode } from '../source/nodes.js';
import type { RetryPolicyIR } from './ir.js';
import { booleanOf, numberOf, secondsOf, stringListOf, stringOf, valueOf } from './values.js';

/**
 * Defaults, decided here because the spec leaves them open: a `retry` block
 * without `maxAttempts` allows 3 attempts (the value every spec example
 * writes); without `backoff` it is `exponential`, the strategy the default
 * `backoffFactor` of 2 (DESIGN §7) is meant for. `initialDelay`,
 * `backoffFactor` and `maxDelay` stay undefined when absent so the runtime
 * applies its documented defaults (1 s, 2, 60 s). No `retry` block at all
 * means no policy (a single attempt).
 */
const defaultMaxAttempts = 3;
const backoffs = ['fixed', 'linear', 'exponential'] as const;

/** The retry policy of `node`, or undefined when it is absent or not a mapping. */
export function lowerRetry(node: ValueNode | undefined): RetryPolicyIR | undefined {
  if (node?.kind !== 'map') return undefined;
  const attempts = numberOf(valueOf(node, 'maxAttempts', 'max_attempts'));
  const backoff = stringOf(valueOf(node, 'backoff'));
  const retryOnNode = valueOf(node, 'retryOn', 'retry_on');
  return {
    maxAttempts: attempts !== undefined && attempts >= 1 ? Math.floor(attempts) : defaultMaxAttempts,
    backoff: backoffs.find((b) => b === backoff) ?? 'exponential',
    initialDelay: secondsOf(valueOf(node, 'initialDelay', 'initial_delay')),
    backoffFactor: numberOf(valueOf(node, 'backoffFactor', 'backoff_factor')),
    maxDelay: secondsOf(valueOf(node, 'maxDelay', 'max_delay')),
    jitter: booleanOf(valueOf(node, 'jitter'), false),
    retryOn: retryOnNode?.kind === 'seq' ? stringListOf(retryOnNode) : undefined,
    span: node.span,
  };
}
