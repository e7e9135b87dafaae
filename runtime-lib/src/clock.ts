/** The real clock and the abort helpers shared by every handler kind. */
import { setTimeout as wait } from 'node:timers/promises';
import { ActionError } from './errors.js';
import type { Clock } from './types.js';

/** The error an aborted signal stands for: its reason when that is an ActionError, else CANCELED. */
export function abortError(signal: AbortSignal): ActionError {
  return signal.reason instanceof ActionError ? signal.reason : new ActionError('CANCELED', 'the call was canceled');
}

/** Resolves when `signal` aborts, rejecting with its abort error; never settles otherwise. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortError(signal));
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

/** Date.now and timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    wait(ms, undefined, { signal }).then(
      () => undefined,
      () => Promise.reject(abortError(signal as AbortSignal)),
    ),
};
