/**
 * `owc check` with a cache (see src/cache/check-cache.ts for the file).
 *
 * Every input is read and hashed on every run, unless its size, times and
 * inode are what the cache recorded (then its cached hash stands). When the
 * cache's key (owc version and build, options, lock file) and its list of
 * files match, each file keeps its cached diagnostics unless it changed or
 * depends, directly or through other files, on a file that changed. Only
 * those files ("affected"), plus the files they depend on, go through the
 * pipeline again. The result must equal a run without the cache, so the
 * incremental run gives up and checks everything when it cannot be sure:
 *
 * - a changed file declares other resources than before (a new version, a
 *   rename, a file that no longer parses) — references elsewhere may bind
 *   differently;
 * - resolution reports anything in an affected file or outside the inputs
 *   (messages there may list candidates from the whole project);
 * - a file checked only for context gets other diagnostics than cached;
 * - what an affected file now depends on is not in the run after two rounds
 *   of adding it.
 *
 * A dependency of a file is a file declaring a resource one of its references
 * binds to, and every file declaring a resource of the same kind and name
 * (the candidates resolution chooses among) or of the same kind and name as
 * one the file declares itself.
 *
 * `owc build` uses the same machinery (with its cache in the output folder,
 * written only once the build succeeded): besides diagnostics a run hands back
 * the project as the cache now records it — each file's hash and declared
 * resources, the lock a full run would write (kept per file as the lock keys
 * its references were bound under), and a way to lower just the files code
 * generation needs without parsing what the cache already holds.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaMessages } from '../diagnostics/catalog/schema.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lowerManifests } from '../lower/index.js';
import type { Name, Program, Resource } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';
import type { LockEntry, LockFile } from '../resolve/lockfile.js';
import { contentHash, jsonHash } from '../cache/hash.js';
import { checkCacheStore, fileStamp, sameStamp, type CacheMemory, type CachedCheckFile, type CheckCache, type CheckCacheStore, type FileStamp } from '../cache/check-cache.js';
import { encodeLoaded } from '../source/node-codec.js';
import { loadInputs, readInput, type InputFile, type ReadInput } from '../source/load.js';
import { SourceFile } from '../source/span.js';
import { findCheckInputs, runPipeline, type CheckInputs, type CheckOptions, type FoundInputs, type PipelineResult } from './check-project.js';

export interface CachedCheckOptions extends CheckOptions {
  /** The cache folder; relative paths are taken from `cwd`. */
  readonly cacheDir: string;
  /** owc's version, part of the cache key. */
  readonly toolVersion: string;
  /**
   * How long before the previous run a file must have last changed for its
   * size and times alone to vouch for its text (default 2 s, for file systems
   * with coarse time stamps); tests set 0.
   */
  readonly racyMs?: number;
  /** Ignore what the cache holds: check everything, then record a new cache. */
  readonly refresh?: boolean;
  /** Leave writing the cache to the caller (`project.save()`), e.g. until a build has succeeded. */
  readonly deferWrite?: boolean;
  /** What a long-lived process (`owc daemon`) keeps of the cache between runs. */
  readonly memory?: CacheMemory;
}

/** How a cached check produced its diagnostics. */
export type CacheOutcome = 'cold' | 'unchanged' | 'incremental' | 'uncacheable';

export interface CachedCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly SourceFile[];
  readonly checkedFileCount: number;
  readonly missing: readonly string[];
  readonly outcome: CacheOutcome;
  /** Files that went through the pipeline (all of them unless the cache was used). */
  readonly checkedAgain: number;
  /** What the cache knows about the project now; absent when the run could not use a cache. */
  readonly project?: CheckedProject;
}

/** The project as the cache records it after a run, for `owc build`. */
export interface CheckedProject {
  /** Every input file (checked files, then registry files), in input order. */
  readonly files: readonly CachedCheckFile[];
  /**
   * The lock a run without the cache resolves to (what owc.lock records);
   * undefined when it is not known without a full run (with registry folders).
   */
  readonly lock: LockFile | undefined;
  readonly lockPath: string;
  /**
   * Loads and lowers the checked files at `paths` (taken from this run where
   * it lowered them, else from stored nodes, else parsed); undefined when one
   * of them changed since the run read it.
   */
  lower(paths: readonly string[]): Program | undefined;
  /** The source files `diagnostics` point into (and the lock file), for printing them. */
  sources(diagnostics: readonly Diagnostic[]): SourceFile[];
  /** Writes the cache; only needed with `deferWrite` (otherwise the run wrote it). */
  save(): void;
}

/** A file whose text changed in the same tick as the cache read it may look unchanged: trust stamps older than this. */
const defaultRacyMs = 2000;

/** Thrown when a file cannot be read after all, or does not hold what its stamp promised: check everything. */
class GiveUp extends Error {}

/** One input file of this run, read only when needed. */
class Entry {
  text: string | undefined;

  constructor(
    readonly input: InputFile,
    readonly group: 'main' | 'registry',
    readonly stamp: FileStamp | undefined,
    /** The hash of the text: read and hashed, or trusted from the cache when the stamp matches. */
    public hash: string,
  ) {}

  /** Reads and hashes the text now. */
  read(): string {
    if (this.text === undefined) {
      const read = readInput(this.input.abs);
      if ('error' in read) throw new GiveUp(read.error);
      const hash = contentHash(read.text);
      if (this.hash !== '' && hash !== this.hash) throw new GiveUp(`${this.input.shown} changed without a new time stamp`);
      this.hash = hash;
      this.text = read.text;
    }
    return this.text;
  }

  /** The input with its text, for the pipeline. */
  readInput(): ReadInput {
    return { ...this.input, text: this.read() };
  }

  /** For a run without the cache: the text this run read already, else read now (an unreadable file gives its error). */
  loaded(): ReadInput {
    return this.text === undefined ? { ...this.input, ...readInput(this.input.abs) } : { ...this.input, text: this.text };
  }
}

function trustStamp(cached: CachedCheckFile, stamp: FileStamp | undefined, readAt: number, racyMs: number): boolean {
  const old = cached.stamp;
  return (
    stamp !== undefined &&
    old !== undefined &&
    sameStamp(old, stamp) &&
    stamp.mtimeMs < readAt - racyMs &&
    stamp.ctimeMs < readAt - racyMs
  );
}

/** Checks like checkProject, reusing and updating the cache in `options.cacheDir`. */
export async function checkProjectCached(options: CachedCheckOptions): Promise<CachedCheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const store = checkCacheStore(path.resolve(cwd, options.cacheDir), options.memory);
  const strict = options.strict ?? false;
  const readAt = Date.now();
  const found = await findCheckInputs(options);
  const entries: Entry[] = [
    ...found.main.map((input) => new Entry(input, 'main', fileStamp(input.abs), '')),
    ...found.registry.map((input) => new Entry(input, 'registry', fileStamp(input.abs), '')),
  ];
  // A file an incremental attempt read before giving up is not read again.
  const readAll = (): CheckInputs => {
    const read = (group: Entry['group']): ReadInput[] => entries.filter((e) => e.group === group).map((e) => e.loaded());
    return { ...found, main: read('main'), registry: read('registry') };
  };
  const distinct = new Set(entries.map((e) => e.input.shown));
  const context: ProjectContext = { found, entries, cwd, store };
  if (found.missing.length > 0 || distinct.size !== entries.length || entries.some((e) => e.stamp === undefined)) {
    return runEverything(context, readAll(), strict, undefined);
  }
  const key = jsonHash({
    toolVersion: options.toolVersion,
    build: buildStamp(),
    cwd,
    paths: options.paths,
    registryDirs: options.registryDirs ?? [],
    strict,
    lockPath: found.lockPath,
    lock: found.lockText === undefined ? null : contentHash(found.lockText),
    hasRegistry: found.hasRegistry,
  });
  /** Writes the cache now (with a cache memory: once the reply is out), or leaves it to the caller (`deferWrite`). */
  const persisting = (persist: () => void): (() => void) => {
    if (options.deferWrite === true) return persist;
    store.later(persist);
    return () => {};
  };
  const cache = options.refresh === true ? undefined : store.read();
  try {
    if (cache !== undefined && cache.key === key && sameFileList(cache.files, entries)) {
      // Every file's hash is confirmed from here on: by a trusted stamp or by reading it.
      let readSome = false;
      entries.forEach((e, i) => {
        const cached = cache.files[i]!;
        if (trustStamp(cached, e.stamp, cache.readAt, options.racyMs ?? defaultRacyMs)) e.hash = cached.hash;
        else {
          e.read();
          readSome = true;
        }
      });
      const changed = entries.filter((e, i) => cache.files[i]!.hash !== e.hash).map((e) => e.input.shown);
      if (changed.length === 0) {
        const diagnostics = sortDiagnostics([...cache.other, ...cache.files.flatMap((f) => f.diagnostics)]);
        // A file read only because its stamp was new (a touch) or too close to the last run's start: record this run's stamps
        // and start, so the next run trusts it instead of reading it again.
        let files = cache.files;
        let save = (): void => {};
        if (readSome) {
          files = cache.files.map((f, i) => ({ ...f, stamp: entries[i]!.stamp }));
          const state: CheckCache = { ...cache, readAt, files };
          save = persisting(() => store.write(state));
        }
        const project = checkedProject(context, files, cache.lock, undefined, save);
        return { diagnostics, ...renderFiles(found, entries, diagnostics), missing: [], outcome: 'unchanged', checkedAgain: 0, project };
      }
      const incremental = checkIncrementally(found, entries, cache, new Set(changed), cwd, strict, store);
      if (incremental !== undefined) {
        const lock = incremental.lock;
        const state: CheckCache = { key, readAt, files: incremental.files, other: cache.other, ...(lock === undefined ? {} : { lock }) };
        const save = persisting(() => {
          store.write(state);
          storeNodes(store, entries, incremental.files, incremental.result, incremental.reused);
        });
        const diagnostics = sortDiagnostics([...cache.other, ...incremental.files.flatMap((f) => f.diagnostics)]);
        const project = checkedProject(context, incremental.files, lock, incremental.result, save);
        return { diagnostics, ...renderFiles(found, entries, diagnostics), missing: [], outcome: 'incremental', checkedAgain: incremental.checked, project };
      }
    }
  } catch (error) {
    if (!(error instanceof GiveUp)) throw error;
  }
  return runEverything(context, readAll(), strict, { key, readAt, persisting });
}

/**
 * A run without the cache's results: checks every input and, with `record`,
 * records a new cache. Inputs that cannot be read (or a run without `record`)
 * make it 'uncacheable'; only unreadable inputs leave it without a project.
 */
function runEverything(
  context: ProjectContext,
  inputs: CheckInputs,
  strict: boolean,
  record: { readonly key: string; readonly readAt: number; readonly persisting: (persist: () => void) => () => void } | undefined,
): CachedCheckResult {
  const { entries, cwd, store } = context;
  const all = [...inputs.main, ...inputs.registry];
  const result = runPipeline(inputs, { cwd, strict });
  const summary = { ...summaryOf(result), checkedAgain: entries.length };
  if (all.some((input) => !('text' in input))) return { ...summary, outcome: 'uncacheable' };
  all.forEach((input, i) => {
    const entry = entries[i]!;
    entry.text = 'text' in input ? input.text : '';
    entry.hash = contentHash(entry.text);
  });
  const stored = cacheEntries(entries, result);
  const references = result.lock.references;
  if (record === undefined) return { ...summary, outcome: 'uncacheable', project: checkedProject(context, stored.files, references, result, () => {}) };
  const state: CheckCache = { key: record.key, readAt: record.readAt, ...stored, lock: references };
  const save = record.persisting(() => {
    store.write(state);
    storeNodes(store, entries, stored.files, result, new Set());
  });
  return { ...summary, outcome: 'cold', project: checkedProject(context, stored.files, references, result, save) };
}

/** What a `CheckedProject` reads from its run. */
interface ProjectContext {
  readonly found: FoundInputs;
  readonly entries: readonly Entry[];
  readonly cwd: string;
  readonly store: CheckCacheStore;
}

function checkedProject(
  context: ProjectContext,
  files: readonly CachedCheckFile[],
  references: CheckCache['lock'],
  run: PipelineResult | undefined,
  save: () => void,
): CheckedProject {
  const { found, entries, store } = context;
  return {
    files,
    lock: references === undefined ? undefined : { lockfileVersion: 1, references },
    lockPath: found.lockPath,
    save,
    sources: (diagnostics) => renderFiles(found, entries, diagnostics, { lenient: true }).files,
    lower: (paths) => lowerFiles(entries, paths, run, store),
  };
}

/**
 * Lowers the checked files at `paths`: what this run lowered already is taken
 * from its program, the rest is decoded from stored nodes or parsed again.
 * Undefined when a file no longer holds the text this run checked.
 */
function lowerFiles(entries: readonly Entry[], paths: readonly string[], run: PipelineResult | undefined, store: CheckCacheStore): Program | undefined {
  const wanted = new Set(paths);
  const inRun = new Set((run?.program.files ?? []).map((f) => f.path).filter((p) => wanted.has(p)));
  const rest: ReadInput[] = [];
  try {
    for (const e of entries) {
      const shown = e.input.shown;
      if (e.group !== 'main' || !wanted.has(shown) || inRun.has(shown)) continue;
      const input = e.readInput();
      const data = store.readNodes(nodeKey(e));
      rest.push(data === undefined ? input : { ...input, encoded: data });
    }
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
  const lowered = lowerManifests(loadInputs(rest).manifests).program;
  const keep = <T extends Resource>(list: readonly T[]): T[] => list.filter((r) => inRun.has(r.origin.file.path));
  const program = run?.program;
  return {
    files: [...(program?.files ?? []).filter((f) => inRun.has(f.path)), ...lowered.files],
    connectors: [...keep(program?.connectors ?? []), ...lowered.connectors],
    workflows: [...keep(program?.workflows ?? []), ...lowered.workflows],
    agents: [...keep(program?.agents ?? []), ...lowered.agents],
    bundles: [...keep(program?.bundles ?? []), ...lowered.bundles],
  };
}

function summaryOf(result: PipelineResult): Omit<CachedCheckResult, 'outcome' | 'checkedAgain'> {
  return { diagnostics: result.diagnostics, files: result.files, checkedFileCount: result.checkedFileCount, missing: result.missing };
}

/** The files the report needs (those the diagnostics point into) and the number of files checked. */
function renderFiles(
  found: FoundInputs,
  entries: readonly Entry[],
  diagnostics: readonly Diagnostic[],
  options: { readonly lenient?: boolean } = {},
): { files: SourceFile[]; checkedFileCount: number } {
  const pointed = new Set<string>();
  for (const d of diagnostics) {
    pointed.add(d.span.file);
    for (const r of d.related ?? []) pointed.add(r.span.file);
  }
  // Lenient: a file that changed since the run read it is shown as it is now rather than stopping the report.
  const text = (e: Entry): string => {
    if (!options.lenient) return e.read();
    try {
      return e.read();
    } catch (error) {
      if (!(error instanceof GiveUp)) throw error;
      const now = readInput(e.input.abs);
      return 'text' in now ? now.text : '';
    }
  };
  const files = entries.filter((e) => pointed.has(e.input.shown)).map((e) => new SourceFile(e.input.shown, text(e)));
  if (found.lockText !== undefined) files.push(new SourceFile(found.lockShown, found.lockText));
  return { files, checkedFileCount: entries.filter((e) => e.group === 'main').length };
}

/** Changes whenever the compiled owc changes (a rebuild rewrites its modules). */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'unknown';
  }
}

function sameFileList(cached: readonly CachedCheckFile[], entries: readonly Entry[]): boolean {
  return (
    cached.length === entries.length &&
    cached.every((c, i) => c.path === entries[i]!.input.shown && c.group === entries[i]!.group && c.explicit === entries[i]!.input.explicit)
  );
}

/** Re-checks what `changed` affects; undefined when the result could differ from a full run. */
function checkIncrementally(
  inputs: FoundInputs,
  entries: readonly Entry[],
  cache: CheckCache,
  changed: ReadonlySet<string>,
  cwd: string,
  strict: boolean,
  store: CheckCacheStore,
): { files: CachedCheckFile[]; checked: number; result: PipelineResult; reused: Set<string>; lock: Record<string, LockEntry> | undefined } | undefined {
  const byPath = new Map(cache.files.map((f) => [f.path, f]));
  const dependents = new Map<string, string[]>();
  for (const f of cache.files) {
    for (const d of f.deps) {
      const list = dependents.get(d);
      if (list) list.push(f.path);
      else dependents.set(d, [f.path]);
    }
  }
  const affected = closure(changed, (p) => dependents.get(p) ?? []);
  let context = closure(affected, (p) => byPath.get(p)?.deps ?? []);
  const inputPaths = new Set(entries.map((e) => e.input.shown));

  const dependedOn = new Set(dependents.keys());
  const encoded = new Map<string, unknown>();
  const withNodes = (e: Entry): ReadInput => {
    const shown = e.input.shown;
    const input = e.readInput();
    if (changed.has(shown) || !dependedOn.has(shown)) return input;
    if (!encoded.has(shown)) encoded.set(shown, store.readNodes(nodeKey(e)));
    const data = encoded.get(shown);
    return data === undefined ? input : { ...input, encoded: data };
  };
  for (let round = 0; round < 3; round++) {
    const subset: CheckInputs = {
      ...inputs,
      main: entries.filter((e) => e.group === 'main' && context.has(e.input.shown)).map(withNodes),
      registry: entries.filter((e) => e.group === 'registry' && context.has(e.input.shown)).map(withNodes),
      pathDiagnostics: [],
      missing: [],
    };
    // Schema validation reads nothing but the file: files checked only for context keep their cached schema diagnostics.
    const skipValidation = new Set([...context].filter((p) => !affected.has(p)));
    const result = runPipeline(subset, { cwd, strict, skipValidation });
    const subsetEntries = entries.filter((e) => context.has(e.input.shown));
    const facts = fileFacts(subsetEntries, result, cache.files);

    for (const p of changed) if (!sameList(facts.get(p)?.identities ?? [], byPath.get(p)?.identities ?? [])) return undefined;
    if (result.resolveDiagnostics.some((d) => affected.has(d.span.file) || !inputPaths.has(d.span.file))) return undefined;
    const located = groupByFile(result.diagnostics);
    for (const file of located.keys()) if (!inputPaths.has(file) && file !== inputs.lockShown) return undefined;
    for (const p of context) {
      if (affected.has(p)) continue;
      if (!sameDiagnostics(located.get(p) ?? [], withoutSchema(byPath.get(p)?.diagnostics ?? []))) return undefined;
    }
    const needed = closure(affected, (p) => (affected.has(p) ? (facts.get(p)?.deps ?? []) : (byPath.get(p)?.deps ?? [])));
    const missing = [...needed].filter((p) => !context.has(p));
    if (missing.length > 0) {
      context = new Set([...context, ...needed]);
      continue;
    }
    const files = cache.files.map((f, i): CachedCheckFile => {
      const entry = entries[i]!;
      // The run confirmed every file's hash (its stamp matched or it was read): the stamp it took vouches for it next time.
      if (!affected.has(f.path)) return { ...f, stamp: entry.stamp };
      return {
        ...f,
        hash: entry.hash,
        stamp: entry.stamp,
        identities: facts.get(f.path)?.identities ?? [],
        deps: facts.get(f.path)?.deps ?? [],
        diagnostics: plain(located.get(f.path) ?? []),
        lockKeys: lockKeysOf(result, f.path),
      };
    });
    // With registry folders a file's lock keys depend on which registry resources are reached: the lock is known only after a full run.
    const lock = inputs.hasRegistry ? undefined : mergeLock(files, affected, result.lock, cache.lock ?? {});
    if (lock === undefined && !inputs.hasRegistry) return undefined;
    const reused = new Set([...encoded].filter(([, data]) => data !== undefined).map(([shown]) => shown));
    return { files, checked: context.size, result, reused, lock };
  }
  return undefined;
}

/** The lock keys a run bound the references of `file` under, sorted. */
function lockKeysOf(result: PipelineResult, file: string): string[] {
  return [...(result.lockKeysByFile.get(file) ?? [])].sort();
}

/**
 * The lock entries of the whole project after an incremental run: every key
 * some file's references were bound under, with the entry this run resolved
 * (for keys of the files it checked again) or the cached one. An entry depends
 * only on its key and the files declaring candidates for it, which every file
 * using the key depends on, so an unaffected file using a key this run
 * resolved differently means the cache cannot be trusted: undefined.
 */
function mergeLock(
  files: readonly CachedCheckFile[],
  affected: ReadonlySet<string>,
  fresh: LockFile,
  cached: Readonly<Record<string, LockEntry>>,
): Record<string, LockEntry> | undefined {
  const out: Record<string, LockEntry> = {};
  for (const f of files) {
    const unaffected = !affected.has(f.path);
    for (const key of f.lockKeys) {
      if (out[key] !== undefined && !unaffected) continue;
      const now = fresh.references[key];
      const before = cached[key];
      if (unaffected && now !== undefined && before !== undefined && !sameLockEntry(now, before)) return undefined;
      const entry = now ?? before;
      if (entry === undefined) return undefined;
      out[key] = entry;
    }
  }
  return out;
}

function sameLockEntry(a: LockEntry, b: LockEntry): boolean {
  return a.resolved === b.resolved && a.file === b.file && a.sha256 === b.sha256;
}

/** Where a file's parsed nodes are stored: a hash of its path and text. */
function nodeKey(e: Entry): string {
  return jsonHash([e.input.shown, e.hash]);
}

/**
 * Stores the parsed nodes of every file others depend on that this run
 * parsed (`reused`: read back from the store instead), and removes stored
 * nodes no file needs any more.
 */
function storeNodes(store: CheckCacheStore, entries: readonly Entry[], files: readonly CachedCheckFile[], result: PipelineResult, reused: ReadonlySet<string>): void {
  const dependedOn = new Set(files.flatMap((f) => f.deps));
  const manifests = groupBy(result.manifests, (m) => m.file.path);
  const loadDiagnostics = groupByFile(result.loadDiagnostics);
  const parsed = new Set(result.files.map((f) => f.path));
  const keep = new Set<string>();
  for (const e of entries) {
    const shown = e.input.shown;
    if (!dependedOn.has(shown)) continue;
    const key = nodeKey(e);
    keep.add(key);
    if (reused.has(shown) || !parsed.has(shown)) continue;
    const data = encodeLoaded({ manifests: manifests.get(shown) ?? [], diagnostics: plain(loadDiagnostics.get(shown) ?? []) });
    if (data !== undefined) store.writeNodes(key, data);
  }
  store.pruneNodes(keep);
}

/** Cache entries for a full run. */
function cacheEntries(entries: readonly Entry[], result: PipelineResult): Pick<CheckCache, 'files' | 'other'> {
  const facts = fileFacts(entries, result, []);
  const located = groupByFile(result.diagnostics);
  const files = entries.map((e): CachedCheckFile => {
    const shown = e.input.shown;
    const fact = facts.get(shown);
    return {
      path: shown,
      group: e.group,
      explicit: e.input.explicit,
      hash: e.hash,
      stamp: e.stamp,
      identities: fact?.identities ?? [],
      deps: fact?.deps ?? [],
      diagnostics: plain(located.get(shown) ?? []),
      lockKeys: lockKeysOf(result, shown),
    };
  });
  const inputPaths = new Set(entries.map((e) => e.input.shown));
  const other = plain(result.diagnostics.filter((d) => !inputPaths.has(d.span.file)));
  return { files, other };
}

/**
 * For each file of a run: the identities it declares and the files it depends
 * on. Same-name candidates come from the run's own resources plus `known`
 * (the cache's view of the files not in the run).
 */
function fileFacts(entries: readonly Entry[], result: PipelineResult, known: readonly CachedCheckFile[]): Map<string, { identities: string[]; deps: string[] }> {
  const resources = allResources(result.program, result.registryProgram);
  const identities = new Map<string, string[]>(entries.map((e) => [e.input.shown, []]));
  const sameName = new Map<string, Set<string>>();
  const addName = (nameKey: string, file: string): void => {
    const set = sameName.get(nameKey);
    if (set) set.add(file);
    else sameName.set(nameKey, new Set([file]));
  };
  const inRun = new Set(entries.map((e) => e.input.shown));
  for (const f of known) {
    if (inRun.has(f.path)) continue;
    for (const identity of f.identities) addName(nameKeyOfIdentity(identity), f.path);
  }
  const seen = new Set<Resource>();
  for (const r of resources) {
    if (seen.has(r)) continue;
    seen.add(r);
    const file = r.origin.file.path;
    const identity = identityOf(r);
    const list = identities.get(file);
    if (list && !list.includes(identity)) list.push(identity);
    addName(nameKeyOf(r), file);
  }
  const deps = new Map<string, Set<string>>(entries.map((e) => [e.input.shown, new Set<string>()]));
  const addDep = (from: string, target: Resource): void => {
    const set = deps.get(from);
    if (set === undefined) return;
    set.add(target.origin.file.path);
    for (const f of sameName.get(nameKeyOf(target)) ?? []) set.add(f);
  };
  for (const [name, target] of bindingPairs(result.bindings)) addDep(name.span.file, target);
  for (const r of seen) {
    const file = r.origin.file.path;
    for (const f of sameName.get(nameKeyOf(r)) ?? []) deps.get(file)?.add(f);
  }
  const out = new Map<string, { identities: string[]; deps: string[] }>();
  for (const e of entries) {
    const shown = e.input.shown;
    const own = deps.get(shown) ?? new Set<string>();
    own.delete(shown);
    out.set(shown, { identities: identities.get(shown) ?? [], deps: [...own].sort() });
  }
  return out;
}

function allResources(...programs: readonly Program[]): Resource[] {
  return programs.flatMap((p) => [...p.connectors, ...p.workflows, ...p.agents, ...p.bundles]);
}

function* bindingPairs(bindings: Bindings): Iterable<readonly [Name, Resource]> {
  yield* bindings.connectors;
  yield* bindings.agents;
  yield* bindings.workflows;
  yield* bindings.bundles;
}

/** Whether a file, as the cache records it, declares a resource of `kind`. */
export function declaresKind(file: CachedCheckFile, kind: Resource['kind']): boolean {
  return file.identities.some((identity) => (JSON.parse(identity) as [string])[0] === kind);
}

function identityOf(r: Resource): string {
  return JSON.stringify([r.kind, r.name.value, r.namespace?.value ?? null, r.version?.value ?? null]);
}

/** Kind and name: what resolution looks candidates up by. */
function nameKeyOf(r: Resource): string {
  return `${r.kind}\u0000${r.name.value}`;
}

/** `nameKeyOf` the resource an identity (see identityOf) stands for. */
function nameKeyOfIdentity(identity: string): string {
  const [kind, name] = JSON.parse(identity) as [string, string];
  return `${kind}\u0000${name}`;
}

function closure(start: Iterable<string>, next: (p: string) => readonly string[]): Set<string> {
  const out = new Set(start);
  const queue = [...out];
  while (queue.length > 0) {
    for (const n of next(queue.pop()!)) {
      if (out.has(n)) continue;
      out.add(n);
      queue.push(n);
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  return groupBy(diagnostics, (d) => d.span.file);
}

/** Diagnostics reduced to their JSON fields, as the cache stores them. */
function plain(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    span: { file: d.span.file, start: d.span.start, end: d.span.end },
    ...(d.hint === undefined ? {} : { hint: d.hint }),
    ...(d.related === undefined ? {} : { related: d.related.map((r) => ({ message: r.message, span: { file: r.span.file, start: r.span.start, end: r.span.end } })) }),
  }));
}

const schemaCodes = new Set<string>(Object.values(schemaMessages).map((m) => m.code));

/** Diagnostics other than those of schema validation. */
function withoutSchema(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !schemaCodes.has(d.code));
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
