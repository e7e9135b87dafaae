/**
 * The checking pipeline behind `owc check` (and the front half of `owc build`):
 * load → validate → lower → resolve → check. Each stage is a function from
 * data to data plus diagnostics; this file only wires them together.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { runChecks } from '../checks/index.js';
import type { Program } from '../lower/ir.js';
import { lowerManifests } from '../lower/index.js';
import type { Bindings } from '../resolve/bindings.js';
import { resolveProgram } from '../resolve/index.js';
import { lockFileName, parseLockFile, type LockFile } from '../resolve/lockfile.js';
import { validateManifest } from '../schema/index.js';
import { collectInputs, loadInputs, readInput, type InputFile, type LoadedManifest, type ReadInput } from '../source/load.js';
import type { SourceFile } from '../source/span.js';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly registryDirs?: readonly string[];
  readonly strict?: boolean;
  readonly cwd?: string;
  /** The lock file to honour; default `owc.lock` in the working directory, if present. */
  readonly lockPath?: string;
  /** Resolve without pinning to the lock file (what `owc lock` does to re-lock). */
  readonly ignoreLock?: boolean;
}

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Every file whose text a diagnostic may point into (checked files, registry files, the lock file). */
  readonly files: readonly SourceFile[];
  /** How many files the user asked to check (the summary count). */
  readonly checkedFileCount: number;
  readonly program: Program;
  readonly bindings: Bindings;
  /** The lock describing what this run resolved to. */
  readonly lock: LockFile;
  readonly lockPath: string;
  /** Paths given on the command line that do not exist (usage error). */
  readonly missing: readonly string[];
}

/** Everything a check reads, already read: the checked files, the registry files and the lock file. */
export interface CheckInputs {
  readonly main: readonly ReadInput[];
  readonly registry: readonly ReadInput[];
  /** Diagnostics about the paths themselves (a folder without manifests). */
  readonly pathDiagnostics: readonly Diagnostic[];
  readonly missing: readonly string[];
  readonly lockPath: string;
  /** The lock file's path as diagnostics show it (relative to the working directory). */
  readonly lockShown: string;
  /** The lock file's text, when there is one to honour. */
  readonly lockText: string | undefined;
  /** Whether any registry folder was given (registry files are loaded only then). */
  readonly hasRegistry: boolean;
}

/** The outcome of the pipeline over `CheckInputs`, with resolution's own diagnostics kept apart. */
export interface PipelineResult extends CheckResult {
  /** The diagnostics of the resolve stage (also in `diagnostics`). */
  readonly resolveDiagnostics: readonly Diagnostic[];
  /** The manifests of the registry folders, lowered (empty without `--registry`). */
  readonly registryProgram: Program;
  /** Every manifest loaded (checked files, then registry files). */
  readonly manifests: readonly LoadedManifest[];
  /** The diagnostics of loading (also in `diagnostics`). */
  readonly loadDiagnostics: readonly Diagnostic[];
  /** For each file holding references, the keys of `lock` they were bound under. */
  readonly lockKeysByFile: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Everything a check reads, found but not read yet (the lock file excepted). */
export interface FoundInputs extends Omit<CheckInputs, 'main' | 'registry'> {
  readonly main: readonly InputFile[];
  readonly registry: readonly InputFile[];
}

/** Finds every input of a check: the files under the paths and registry folders, and the lock file's text. */
export async function findCheckInputs(options: CheckOptions): Promise<FoundInputs> {
  const cwd = options.cwd ?? process.cwd();
  const main = await collectInputs(options.paths.length > 0 ? options.paths : ['.'], { cwd });
  const registryDirs = options.registryDirs ?? [];
  const registry = registryDirs.length > 0 ? await collectInputs(registryDirs, { cwd }) : undefined;
  const lockPath = path.resolve(cwd, options.lockPath ?? lockFileName);
  return {
    main: main.inputs,
    registry: registry?.inputs ?? [],
    pathDiagnostics: [...main.diagnostics, ...(registry?.diagnostics ?? [])],
    missing: [...main.missing, ...(registry?.missing ?? [])],
    lockPath,
    lockShown: path.relative(cwd, lockPath) || lockFileName,
    lockText: options.ignoreLock ? undefined : await readFile(lockPath, 'utf8').catch(() => undefined),
    hasRegistry: registry !== undefined,
  };
}

/** Finds and reads every input of a check (the file system part of the pipeline). */
export async function readCheckInputs(options: CheckOptions): Promise<CheckInputs> {
  const found = await findCheckInputs(options);
  const readAll = (inputs: readonly InputFile[]): ReadInput[] => inputs.map((input) => ({ ...input, ...readInput(input.abs) }));
  return { ...found, main: readAll(found.main), registry: readAll(found.registry) };
}

/** Loads, validates and lowers the given inputs. */
function loadAndLower(read: readonly ReadInput[], skipValidation: ReadonlySet<string>): { files: SourceFile[]; diagnostics: Diagnostic[]; program: Program; manifests: LoadedManifest[]; loadDiagnostics: Diagnostic[] } {
  const loaded = loadInputs(read);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  for (const manifest of loaded.manifests) {
    if (skipValidation.has(manifest.file.path)) continue;
    for (const d of validateManifest(manifest)) diagnostics.push(d);
  }
  const lowered = lowerManifests(loaded.manifests);
  for (const d of lowered.diagnostics) diagnostics.push(d);
  return { files: loaded.files, diagnostics, program: lowered.program, manifests: loaded.manifests, loadDiagnostics: loaded.diagnostics };
}

/** Runs validate → lower → resolve → check over inputs already read. */
export function runPipeline(
  inputs: CheckInputs,
  options: {
    readonly strict?: boolean;
    readonly cwd: string;
    /** Files whose schema validation is known already (it depends on nothing but the file): not validated, no schema diagnostics. */
    readonly skipValidation?: ReadonlySet<string>;
  },
): PipelineResult {
  const skip = options.skipValidation ?? new Set<string>();
  const main = loadAndLower(inputs.main, skip);
  const registry = inputs.hasRegistry ? loadAndLower(inputs.registry, skip) : undefined;
  const diagnostics: Diagnostic[] = [...inputs.pathDiagnostics, ...main.diagnostics, ...(registry?.diagnostics ?? [])];
  const files: SourceFile[] = [...main.files, ...(registry?.files ?? [])];

  const { cwd, strict } = options;
  let lock: LockFile | undefined;
  if (inputs.lockText !== undefined) {
    const parsed = parseLockFile(inputs.lockText, inputs.lockShown);
    diagnostics.push(...parsed.diagnostics);
    files.push(parsed.file);
    lock = parsed.lock;
  }

  const emptyProgram: Program = { files: [], connectors: [], workflows: [], agents: [], bundles: [] };
  const resolved = resolveProgram(main.program, registry?.program ?? emptyProgram, {
    ...(lock ? { lock } : {}),
    cwd,
    lockDir: path.dirname(inputs.lockPath),
  });
  diagnostics.push(...resolved.diagnostics);
  diagnostics.push(...runChecks(main.program, resolved.bindings, { strict: strict ?? false }));

  return {
    diagnostics: sortDiagnostics(diagnostics),
    resolveDiagnostics: resolved.diagnostics,
    registryProgram: registry?.program ?? emptyProgram,
    manifests: [...main.manifests, ...(registry?.manifests ?? [])],
    loadDiagnostics: [...main.loadDiagnostics, ...(registry?.loadDiagnostics ?? [])],
    files,
    checkedFileCount: main.files.length,
    program: main.program,
    bindings: resolved.bindings,
    lock: resolved.lock,
    lockKeysByFile: resolved.lockKeysByFile,
    lockPath: inputs.lockPath,
    missing: inputs.missing,
  };
}

/** Runs every checking stage over `options.paths`. */
export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const inputs = await readCheckInputs(options);
  return runPipeline(inputs, { cwd: options.cwd ?? process.cwd(), strict: options.strict });
}
