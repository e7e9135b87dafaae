/**
 * owc/runtime — what generated connector clients import. The core has no
 * dependencies; transports for command, mcp and kafka load on first use.
 */
export { invokeAction } from './src/invoke.js';
export { ActionError, toActionError, knownCode } from './src/errors.js';
export { fromAjv, type AjvValidateFunction } from './src/validate.js';
export { registerAction, unregisterAction, registerTransport, closeTransports } from './src/registry.js';
export { createRedactor } from './src/redact.js';
export { realClock } from './src/clock.js';
export { retryDelayMs, shouldRetry, withRetry, type RetryOptions } from './src/retry.js';
export type * from './src/types.js';
