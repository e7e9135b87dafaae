/**
 * Replaying code generation. What `owc build` generates depends on the checked
 * program only through its connectors: workflow, agent and bundle modules are
 * not generated yet (DESIGN.md §9, ./build-program.ts), and each connector
 * module is generated from its manifest's text alone. So the generated files
 * are fixed by the files that declare connectors (path and text) and the
 * options. When those are what a previous successful build into the same
 * folder generated from, that build's files and generation diagnostics are the
 * answer, and no connector is loaded, lowered or generated — however many
 * workflows changed. The entry is an ordinary build-cache entry
 * (src/cache/build-cache.ts): salted with owc's version and code, valid only
 * while every output file is still there unchanged. Diagnostics about the
 * output folder's surroundings (OWC8009, OWC8010) are not stored but computed
 * again.
 *
 * When workflow modules are generated, their files must join the key.
 */
import path from 'node:path';
import type { BuildCache } from '../cache/build-cache.js';
import { jsonHash } from '../cache/hash.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { environmentCodes, environmentDiagnostics, isNull, type BuildResult, type RuntimeMode } from './build-program.js';

/** The options of `owc build` that can change the generated files or their diagnostics. */
export interface GenerationSettings {
  readonly outDir: string;
  readonly runtime: RuntimeMode;
  readonly cwd: string;
}

/** A file that declares connectors, as the check cache records it. */
export interface GenerationInput {
  /** The path diagnostics show (and file headers name, relative to `cwd`). */
  readonly path: string;
  /** The hash of its text. */
  readonly hash: string;
}

/**
 * The key of the generation step: the files declaring connectors and the
 * options. Only the package runtime mode has one (a copied runtime comes from
 * owc's installation, which the key cannot see).
 */
export function generationKey(inputs: readonly GenerationInput[], settings: GenerationSettings): string | undefined {
  if (settings.runtime !== 'package') return undefined;
  return jsonHash([
    'generate',
    inputs.map((f) => [f.path, f.hash]),
    { runtime: settings.runtime, cwd: settings.cwd, outDir: path.resolve(settings.outDir) },
  ]);
}

/** Records a generation that has no errors under `key` (its diagnostics without the environment ones). */
export function recordGeneration(cache: BuildCache, key: string, result: BuildResult): void {
  if (result.diagnostics.some((d) => d.severity === 'error')) return;
  cache.record(
    key,
    result.files,
    null,
    result.diagnostics.filter((d) => !environmentCodes.has(d.code)),
  );
}

/** The generation recorded under `key`, when it is in `cache` and its files are intact; undefined otherwise. */
export function replayGeneration(cache: BuildCache, key: string, settings: GenerationSettings): BuildResult | undefined {
  const hit = cache.lookup(key);
  if (hit === undefined || !isNull(hit.data)) return undefined;
  // The per-connector entries stay for the next build that changes a connector.
  cache.retainAll();
  const environment = environmentDiagnostics(settings.outDir, settings.runtime, settings.cwd);
  return { files: hit.files, diagnostics: sortDiagnostics([...hit.diagnostics, ...environment]), cache };
}
