/**
 * `owc build` in memory: the program → every file of the output folder, as
 * text, with the diagnostics of code generation. Nothing is written here
 * (see ./write.ts). Output is deterministic: connectors are ordered by
 * reference, file names come from a scope, and no file holds a timestamp or
 * an absolute path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { IndexEntry } from '../../generators/connector/index-module.js';
import { connectorFileBase, connectorNamespaceName, connectorRef } from '../../generators/connector/names.js';
import { generatedHeader } from '../../generators/common/header.js';
import { NameScope } from '../../generators/common/naming.js';
import { supportModuleDts, supportModuleJs, supportModulePath } from '../../generators/common/validator-support.js';
import { BuildCache } from '../cache/build-cache.js';
import { jsonHash } from '../cache/hash.js';
import { isRecord } from '../cache/stored.js';
import { buildMessages } from '../diagnostics/catalog/build.js';
import { createDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConnectorIR, JsonValue, Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import { displayPath } from '../source/load.js';
import { packageModeProblems } from './runtime-resolution.js';
import { owcPackageRoot, runtimeEntryPath } from './package-root.js';
import { generatedTsconfig } from './tsconfig.js';

/** `package`: modules import `owc/runtime`; `copy`: the runtime is copied to `OUT/runtime/` and imported relatively. */
export type RuntimeMode = 'package' | 'copy';

export interface BuildOptions {
  /** The output folder (used to name nothing in the files; kept for the writer and future relative paths). */
  readonly outDir: string;
  readonly runtime: RuntimeMode;
  /** Base for the manifest paths written into file headers; default the working directory. */
  readonly cwd?: string;
  /**
   * Use and record the build cache in `outDir` (see src/cache/build-cache.ts):
   * `true` reuses unchanged steps, `'refresh'` ignores what is stored but records
   * a new cache, a `BuildCache` is used as it is (it must belong to `outDir`),
   * absent or `false` uses no cache at all.
   */
  readonly cache?: boolean | 'refresh' | BuildCache;
  /**
   * Worker threads that compile validators besides this thread (0: all in
   * process). Default: one per other available core when enough validators
   * need compiling to pay for starting them (see `defaultWorkers`). The
   * output is the same either way.
   */
  readonly validatorWorkers?: number;
}

/** One file of the output folder; `path` is relative to it, with `/` separators. */
export interface BuildFile {
  readonly path: string;
  readonly text: string;
  /** The build cache found this exact text at this path in the output folder (a regular file), so writing may skip it. */
  readonly unchanged?: boolean;
}

export interface BuildResult {
  readonly files: readonly BuildFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** The cache to save next to the files once they are written (when the build used one). */
  readonly cache?: BuildCache;
}

/** The folder generated connector modules go into. */
export const connectorsDir = 'connectors';
/** The folder `--runtime copy` puts the runtime library into. */
export const runtimeDir = 'runtime';

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The manifest path for a header: relative to `cwd` when the file is under it, `/`-separated. */
function headerPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return toPosix(file);
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? toPosix(file.split(sep).slice(-2).join(sep)) : toPosix(rel);
}

function compareConnectors(a: ConnectorIR, b: ConnectorIR): number {
  const ka = `${connectorRef(a)}\u0000${a.origin.file.path}\u0000${a.origin.span.start}`;
  const kb = `${connectorRef(b)}\u0000${b.origin.file.path}\u0000${b.origin.span.start}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Every `.js` and `.d.ts` file under `dir`, relative and sorted. */
function runtimeFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub === '' ? name : `${sub}/${name}`;
      if (statSync(join(dir, rel)).isDirectory()) visit(rel);
      else if (name.endsWith('.js') || name.endsWith('.d.ts')) out.push(rel);
    }
  };
  visit('');
  return out;
}

/** The compiled runtime as build files under `runtime/`, plus the entry's specifier from a connector module. */
function copiedRuntime(): { files: BuildFile[]; entry: string } | { missing: string } {
  const root = owcPackageRoot();
  if (root === undefined) return { missing: 'the owc installation' };
  const entry = runtimeEntryPath(root);
  const entryDir = dirname(entry);
  try {
    readFileSync(entry, 'utf8');
  } catch {
    return { missing: toPosix(relative(process.cwd(), entry)) };
  }
  const files = runtimeFiles(entryDir).map((rel) => ({ path: `${runtimeDir}/${rel}`, text: readFileSync(join(entryDir, rel), 'utf8') }));
  return { files, entry: `../${runtimeDir}/${toPosix(relative(entryDir, entry))}` };
}

/** Diagnostics codes about where the output folder is rather than about the manifests (recomputed on every build). */
export const environmentCodes: ReadonlySet<string> = new Set([buildMessages.RuntimeNotResolvable.code, buildMessages.NotModulePackage.code]);

/** With the package runtime: whether `owc/runtime` resolves from `outDir` and whether the folder is an ES module package. */
export function environmentDiagnostics(outDir: string, runtime: RuntimeMode, cwd: string): Diagnostic[] {
  if (runtime !== 'package') return [];
  const diagnostics: Diagnostic[] = [];
  const problems = packageModeProblems(outDir);
  const shown = displayPath(outDir, cwd);
  const span = { file: shown, start: 0, end: 0 };
  if (problems.runtimeUnresolvable) diagnostics.push(createDiagnostic(buildMessages.RuntimeNotResolvable, span, { path: shown }));
  if (problems.notModulePackage) diagnostics.push(createDiagnostic(buildMessages.NotModulePackage, span, { path: shown }));
  return diagnostics;
}

/** What the build needs to know about a generated connector module besides its files. */
interface ModuleFacts {
  readonly factory: string;
  readonly client: string;
  readonly descriptor: string;
  readonly usesSupport: boolean;
}

function isModuleFacts(data: JsonValue): data is JsonValue & ModuleFacts {
  return isRecord(data) && typeof data['factory'] === 'string' && typeof data['client'] === 'string' && typeof data['descriptor'] === 'string' && typeof data['usesSupport'] === 'boolean';
}

/** One cacheable step: its files (paths relative to the output folder), facts and diagnostics. */
interface StepResult<T> {
  readonly files: readonly BuildFile[];
  readonly data: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Records what the step `key` produced in `cache`, when it produced files and no errors. */
function recordStep(cache: BuildCache | undefined, key: string, step: StepResult<JsonValue>): void {
  if (cache !== undefined && step.files.length > 0 && !step.diagnostics.some((d) => d.severity === 'error')) {
    cache.record(key, step.files, step.data, step.diagnostics);
  }
}

/** The data of steps that record nothing but their files. */
export const isNull = (data: JsonValue): data is null => data === null;

/**
 * The files of a step that records nothing but its files: those of the valid
 * entry `cache` holds for `key`, else `produce`'s (then recorded).
 */
async function cachedFiles(cache: BuildCache | undefined, key: string, produce: () => Promise<readonly BuildFile[]>): Promise<readonly BuildFile[]> {
  const hit = cache?.lookup(key);
  if (hit !== undefined && isNull(hit.data)) return hit.files;
  const files = await produce();
  recordStep(cache, key, { files, data: null, diagnostics: [] });
  return files;
}

/** CPU times of every core, summed: total and idle milliseconds. */
function cpuTimes(): { readonly total: number; readonly idle: number } {
  let total = 0;
  let idle = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
    idle += t.idle;
  }
  return { total, idle };
}

// Taken when this module loads — before the checks run, in `owc build` — and at each build, so a build can see whether
// other cores sat idle meanwhile.
let lastSample = { time: performance.now(), cpu: cpuTimes() };

/**
 * How many cores were idle lately: over the time since the last sample when
 * that is between 0.2 and 5 seconds, else from the one-minute load average.
 */
function idleCores(): number {
  const cores = availableParallelism();
  const now = { time: performance.now(), cpu: cpuTimes() };
  const elapsed = now.time - lastSample.time;
  const total = now.cpu.total - lastSample.cpu.total;
  const idle = now.cpu.idle - lastSample.cpu.idle;
  lastSample = now;
  if (elapsed >= 200 && elapsed <= 5000 && total > 0) return (cores * idle) / total;
  return Math.max(0, cores - loadavg()[0]!);
}

/**
 * Worker threads for compiling `validators` validators besides this thread:
 * none for fewer than a thousand (a worker costs about half a second of CPU
 * to start, load ajv and warm it up, while a thousand validators take about
 * half a second to compile) or when other work keeps the cores busy (a worker
 * would only take turns with it: compiling here costs less), else one per
 * other idle core, at most four.
 */
function defaultWorkers(validators: number): number {
  if (validators < 1000) return 0;
  const idle = idleCores();
  if (idle < 0.5) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, 4, Math.round(idle)));
}

/** Lets the event loop run (so workers' replies come in and they get more jobs). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Generates the output folder of `owc build` (DESIGN.md §8, §9): one module per
 * connector under `connectors/` with its validators, the validation support
 * module, an `index.ts`, a strict `tsconfig.json` and, with `runtime: 'copy'`,
 * the runtime library under `runtime/`. Files come back sorted by path. With
 * `cache`, a connector whose manifest text, names and options are unchanged
 * since the last build into `outDir` is taken from that build's files instead
 * of being generated again (the generators are then not even loaded).
 */
export async function buildProgram(program: Program, _bindings: Bindings, options: BuildOptions): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  const files: BuildFile[] = [];
  const cache =
    options.cache instanceof BuildCache
      ? options.cache
      : options.cache === true
        ? BuildCache.load(options.outDir)
        : options.cache === 'refresh'
          ? BuildCache.empty(options.outDir)
          : undefined;

  let runtimeSpecifier = 'owc/runtime';
  diagnostics.push(...environmentDiagnostics(options.outDir, options.runtime, cwd));
  if (options.runtime === 'copy') {
    const copied = copiedRuntime();
    if ('missing' in copied) {
      const span = { file: copied.missing, start: 0, end: 0 };
      diagnostics.push(createDiagnostic(buildMessages.RuntimeNotBuilt, span, { path: copied.missing }));
    } else {
      files.push(...copied.files);
      runtimeSpecifier = copied.entry;
      // Without owc around, the folder declares its own module format.
      files.push({ path: 'package.json', text: `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n` });
    }
  }

  const fileScope = new NameScope();
  const supportSpecifier = `../${supportModulePath}.js`;
  const planned = [...program.connectors].sort(compareConnectors).map((connector) => {
    const fileBase = fileScope.unique(connectorFileBase(connector));
    const moduleOptions = { fileBase, runtimeSpecifier, supportSpecifier, sourcePath: headerPath(connector.origin.file.path, cwd) };
    // Everything the module is generated from: the manifest's text (the connector is lowered from it alone), where in it the connector starts, and the names and specifiers chosen here.
    const key = jsonHash(['connector', connector.origin.file.path, connector.origin.file.text, connector.origin.span.start, moduleOptions]);
    const hit = cache?.lookup(key);
    return { connector, moduleOptions, key, hit: hit !== undefined && isModuleFacts(hit.data) ? { ...hit, data: hit.data } : undefined };
  });

  const generated = new Map<string, StepResult<ModuleFacts & JsonValue>>();
  const misses = planned.filter((p) => p.hit === undefined);
  if (misses.length > 0) {
    // Loaded on first use: a build served wholly from the cache never loads the generators or ajv.
    // The workers start first, so they load ajv while this thread loads the generators.
    const { createValidatorPool } = await import('../../generators/common/validator-pool.js');
    const validators = misses.reduce((n, m) => n + m.connector.actions.reduce((k, a) => k + (a.output ? 2 : 1), 0), 0);
    const workers = options.validatorWorkers ?? defaultWorkers(validators);
    const pool = workers > 0 ? createValidatorPool(workers) : undefined;
    try {
      const { generateConnectorModule } = await import('../../generators/connector/connector-module.js');
      // Each module hands its validators to the pool first, then writes its types and code while they compile; every few
      // modules the event loop runs, so workers get more jobs. A module is recorded in the cache (its files hashed) as soon
      // as it is done, not after the last one.
      const generate = async (miss: (typeof misses)[number]): Promise<void> => {
        const module = await generateConnectorModule(miss.connector, { ...miss.moduleOptions, ...(pool ? { validators: pool } : {}) });
        const step = {
          files: module.files.map((f) => ({ path: `${connectorsDir}/${f.path}`, text: f.text })),
          data: { ...module.exports, usesSupport: module.usesSupport },
          diagnostics: module.diagnostics,
        };
        recordStep(cache, miss.key, step);
        generated.set(miss.key, step);
      };
      const running: Promise<void>[] = [];
      for (const [i, miss] of misses.entries()) {
        const done = generate(miss);
        // A failure is reported by Promise.all below; until then it must not count as unhandled.
        done.catch(() => undefined);
        running.push(done);
        // Not after every module: this thread also compiles when it gets the chance, and handing out jobs comes first.
        if (pool && i % 8 === 7) await yieldToEventLoop();
      }
      await Promise.all(running);
    } finally {
      await pool?.close();
    }
  }

  const indexEntries: IndexEntry[] = [];
  let usesSupport = false;
  for (const { connector, moduleOptions, key, hit } of planned) {
    const step = hit ?? generated.get(key)!;
    diagnostics.push(...step.diagnostics);
    if (step.files.length === 0) continue;
    usesSupport ||= step.data.usesSupport;
    files.push(...step.files);
    indexEntries.push({
      specifier: `./${connectorsDir}/${moduleOptions.fileBase}.js`,
      namespaceName: connectorNamespaceName(connector),
      names: [
        { name: step.data.factory, isTypeOnly: false },
        { name: step.data.client, isTypeOnly: true },
        { name: step.data.descriptor, isTypeOnly: false },
      ],
    });
  }

  if (usesSupport) {
    const header = generatedHeader(undefined);
    // Fixed text, already in prettier's layout.
    files.push(
      ...(await cachedFiles(cache, jsonHash(['support']), async () => [
        { path: `${supportModulePath}.js`, text: header + supportModuleJs },
        { path: `${supportModulePath}.d.ts`, text: header + supportModuleDts },
      ])),
    );
  }
  files.push(
    ...(await cachedFiles(cache, jsonHash(['index', indexEntries]), async () => {
      const { generateIndexModule } = await import('../../generators/connector/index-module.js');
      return [{ path: 'index.ts', text: generateIndexModule(indexEntries) }];
    })),
  );
  files.push(...(await cachedFiles(cache, jsonHash(['tsconfig']), async () => [{ path: 'tsconfig.json', text: generatedTsconfig }])));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: sortDiagnostics(diagnostics), ...(cache ? { cache } : {}) };
}
