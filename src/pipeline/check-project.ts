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
import { parseLockFile, type LockFile } from '../resolve/lockfile.js';
import { validateManifest } from '../schema/index.js';
import { loadPaths, type LoadedManifest } from '../source/load.js';
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

interface Loaded {
  readonly manifests: readonly LoadedManifest[];
  readonly files: readonly SourceFile[];
  readonly diagnostics: Diagnostic[];
  readonly program: Program;
  readonly missing: readonly string[];
}

/** Loads, validates and lowers everything under `paths`. */
async function loadAndLower(paths: readonly string[], cwd: string): Promise<Loaded> {
  const loaded = await loadPaths(paths, { cwd });
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  for (const manifest of loaded.manifests) diagnostics.push(...validateManifest(manifest));
  const lowered = lowerManifests(loaded.manifests);
  diagnostics.push(...lowered.diagnostics);
  return { manifests: loaded.manifests, files: loaded.files, diagnostics, program: lowered.program, missing: loaded.missing };
}

/** Runs every checking stage over `options.paths`. */
export async function checkProject(options: CheckOptions): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const main = await loadAndLower(options.paths.length > 0 ? options.paths : ['.'], cwd);
  const registryDirs = options.registryDirs ?? [];
  const registry = registryDirs.length > 0 ? await loadAndLower(registryDirs, cwd) : undefined;
  const diagnostics: Diagnostic[] = [...main.diagnostics, ...(registry?.diagnostics ?? [])];
  const files: SourceFile[] = [...main.files, ...(registry?.files ?? [])];

  const lockPath = path.resolve(cwd, options.lockPath ?? 'owc.lock');
  let lock: LockFile | undefined;
  const lockText = options.ignoreLock ? undefined : await readFile(lockPath, 'utf8').catch(() => undefined);
  if (lockText !== undefined) {
    const parsed = parseLockFile(lockText, path.relative(cwd, lockPath) || 'owc.lock');
    diagnostics.push(...parsed.diagnostics);
    files.push(parsed.file);
    lock = parsed.lock;
  }

  const emptyProgram: Program = { files: [], connectors: [], workflows: [], agents: [], bundles: [] };
  const resolved = resolveProgram(main.program, registry?.program ?? emptyProgram, { ...(lock ? { lock } : {}), cwd, lockDir: path.dirname(lockPath) });
  diagnostics.push(...resolved.diagnostics);
  diagnostics.push(...runChecks(main.program, resolved.bindings, { strict: options.strict ?? false }));

  return {
    diagnostics: sortDiagnostics(diagnostics),
    files,
    checkedFileCount: main.files.length,
    program: main.program,
    bindings: resolved.bindings,
    lock: resolved.lock,
    lockPath,
    missing: [...main.missing, ...(registry?.missing ?? [])],
  };
}
