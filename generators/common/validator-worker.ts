/**
 * Worker-thread entry of the validator pool (./validator-pool.ts): compiles
 * one connector's validators per message. A message is the specs as JSON
 * text with a job number; the reply carries the same number and the laid-out
 * module (or the failures, or the error that stopped the compiler).
 */
import { parentPort } from 'node:worker_threads';
import type { ValidatorSpec } from './validator-specs.js';
import { compileValidatorModule } from './validators.js';

interface Job {
  readonly id: number;
  readonly specs: string;
}

const port = parentPort;
if (port === null) throw new Error('validator-worker runs only as a worker thread');
port.on('message', (job: Job) => {
  try {
    port.postMessage({ id: job.id, result: compileValidatorModule(JSON.parse(job.specs) as ValidatorSpec[]) });
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
