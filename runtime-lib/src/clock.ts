/** The real clock and the abort helpers shared by every handler kind. */
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

/** Date.now and setTimeout. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const done = () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const timer = setTimeout(done, ms);
      function stop() {
        clearTimeout(timer);
        reject(abortError(signal as AbortSignal));
      }
      signal?.addEventListener('abort', stop, { once: true });
    }),
};
