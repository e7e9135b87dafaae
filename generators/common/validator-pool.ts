/**
 * Compiling validators (ajv standalone code) is most of a cold build, and each
 * connector's validators are compiled apart from every other connector's (a
 * fresh ajv instance per module, see ./validators.ts), so they can be compiled
 * on worker threads — and on this thread when it has nothing else to do —
 * while this thread writes types and client code. The result of a job does
 * not depend on which thread ran it or in what order, so the output stays
 * byte-identical to an in-process build.
 *
 * The worker entry is ./validator-worker.js beside this module — the compiled
 * file, or the bundle's copy next to the CLI chunks (scripts/bundle-cli.mjs,
 * one file with ajv inside). Run from TypeScript sources (tsx, vitest), the
 * worker loads the `.ts` entry through tsx. Without either, or if a worker
 * fails, its jobs are compiled on this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ValidatorModuleResult, ValidatorSpec } from './validator-specs.js';

/** Compiles in this thread, loading ajv (./validators.ts) on first use: with workers, this thread never needs it. */
async function compileHere(specs: readonly ValidatorSpec[]): Promise<ValidatorModuleResult> {
  const { compileValidatorModule } = await import('./validators.js');
  return compileValidatorModule(specs);
}

/** Compiles the validators of one module (see `compileValidatorModule`). */
export interface ValidatorCompiler {
  compile(specs: readonly ValidatorSpec[]): Promise<ValidatorModuleResult>;
  /** Stops the workers (call once every job has settled). */
  close(): Promise<void>;
  /** How many jobs a worker thread compiled (the rest were compiled in process). */
  workerJobs(): number;
}

/** Compiles on the calling thread. */
export const inProcessCompiler: ValidatorCompiler = {
  compile: compileHere,
  close: () => Promise.resolve(),
  workerJobs: () => 0,
};

function startWorker(): Worker | undefined {
  const compiled = new URL('./validator-worker.js', import.meta.url);
  if (compiled.protocol === 'file:' && existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const source = new URL('./validator-worker.ts', import.meta.url);
  if (source.protocol === 'file:' && existsSync(fileURLToPath(source))) {
    // From TypeScript sources: register tsx in the worker first.
    const code = `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source.href)}));`;
    return new Worker(code, { eval: true });
  }
  return undefined;
}

interface Pending {
  readonly specs: readonly ValidatorSpec[];
  readonly resolve: (result: ValidatorModuleResult) => void;
  readonly reject: (error: Error) => void;
}

interface Member {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  failed: boolean;
}

/** Jobs a worker holds besides the one it runs, so it rarely waits for this thread to hand it the next. */
const queueDepth = 2;

/**
 * A pool of `size` workers, or undefined when no worker entry can be found.
 * Jobs wait in one queue: each worker holds a few of them at a time (taken
 * from the front), and with `helpHere` this thread compiles from the back of
 * the queue whenever it is free, so the work divides itself between them.
 * The caller should let the event loop run now and then (between modules),
 * so replies are taken in and workers handed more jobs.
 */
export function createValidatorPool(size: number, options: { readonly helpHere?: boolean } = {}): ValidatorCompiler | undefined {
  const helpHere = options.helpHere ?? true;
  const members: Member[] = [];
  const queue: Pending[] = [];
  let fromWorkers = 0;
  let nextId = 0;
  let scheduled = false;

  const live = (): Member[] => members.filter((m) => !m.failed);
  /** Hands queued jobs to workers with room; schedules this thread's next job. */
  const pump = (): void => {
    for (const m of live()) {
      while (m.pending.size <= queueDepth && queue.length > 0) {
        const job = queue.shift()!;
        const id = nextId++;
        m.pending.set(id, job);
        m.worker.ref();
        m.worker.postMessage({ id, specs: JSON.stringify(job.specs) });
      }
    }
    if (queue.length > 0 && !scheduled && (helpHere || live().length === 0)) {
      scheduled = true;
      setImmediate(runHere);
    }
  };
  /** Compiles the job at the back of the queue here, then lets the event loop run before the next. */
  const runHere = (): void => {
    scheduled = false;
    const job = queue.pop();
    if (job === undefined) return;
    compileHere(job.specs).then(job.resolve, (error: unknown) => job.reject(error instanceof Error ? error : new Error(String(error)))).finally(pump);
  };

  for (let i = 0; i < size; i++) {
    const worker = startWorker();
    if (worker === undefined) break;
    const member: Member = { worker, pending: new Map(), failed: false };
    worker.on('message', (reply: { id: number; result?: ValidatorModuleResult; error?: string }) => {
      const job = member.pending.get(reply.id);
      if (job === undefined) return;
      member.pending.delete(reply.id);
      fromWorkers++;
      if (reply.result !== undefined) job.resolve(reply.result);
      else job.reject(new Error(`validator worker: ${reply.error ?? 'no result'}`));
      pump();
      // An idle worker does not keep the process alive; one with jobs does (see `pump`).
      if (member.pending.size === 0) worker.unref();
    });
    // A worker that cannot run (or dies): its jobs go back to the queue, for the others or this thread.
    const fail = (): void => {
      if (member.failed) return;
      member.failed = true;
      queue.unshift(...member.pending.values());
      member.pending.clear();
      pump();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    members.push(member);
  }
  if (members.length === 0) return undefined;

  return {
    compile(specs) {
      return new Promise((resolve, reject) => {
        queue.push({ specs, resolve, reject });
        pump();
      });
    },
    async close() {
      await Promise.all(members.map((m) => (m.failed ? undefined : m.worker.terminate())));
    },
    workerJobs: () => fromWorkers,
  };
}
