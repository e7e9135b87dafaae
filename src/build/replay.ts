/**
 * The whole-build cache entry: when every input of `owc build` (each checked
 * and registry file's path and text, the lock file, the options) is exactly
 * what a previous successful build into the same folder read, that build's
 * files and diagnostics are the answer, and nothing is parsed, checked or
 * generated. The entry is an ordinary build-cache entry (src/cache/build-cache.ts):
 * salted with owc's version and code, valid only while every output file is
 * still there unchanged. Diagnostics about the output folder's surroundings
 * (OWC8009, OWC8010) are not stored but computed again.
 */
import path from 'node:path';
import type { BuildCache } from '../cache/build-cache.js';
import { jsonHash } from '../cache/hash.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { JsonValue } from '../lower/ir.js';
import type { CheckInputs } from '../pipeline/check-project.js';
import { SourceFile } from '../source/span.js';
import { environmentCodes, environmentDiagnostics, type BuildResult, type RuntimeMode } from './build-program.js';

/** The options of `owc build` that can change its output or its diagnostics. */
export interface BuildSettings {
  readonly outDir: string;
  readonly runtime: RuntimeMode;
  readonly strict: boolean;
  readonly registryDirs: readonly string[];
  readonly cwd: string;
  /** Whether owc.lock is written (a replayed build never writes it). */
  readonly lock: boolean;
}

function inputKeyPart(input: CheckInputs['main'][number]): readonly unknown[] {
  return [input.shown, input.abs, 'text' in input ? input.text : null, 'error' in input ? input.error : null];
}

/** The key of a whole build: everything it reads. Only the package runtime mode has one (a copied runtime comes from owc's installation). */
export function wholeBuildKey(inputs: CheckInputs, settings: BuildSettings): string | undefined {
  if (settings.runtime !== 'package') return undefined;
  return jsonHash([
    'build',
    inputs.main.map(inputKeyPart),
    inputs.registry.map(inputKeyPart),
    inputs.hasRegistry,
    inputs.missing,
    inputs.lockPath,
    inputs.lockText ?? null,
    [...inputs.pathDiagnostics],
    { ...settings, outDir: path.resolve(settings.outDir) },
  ]);
}

/** The facts a replayed build needs besides files and diagnostics. */
interface WholeBuildFacts {
  readonly checkedFileCount: number;
}

function isFacts(data: JsonValue): data is JsonValue & WholeBuildFacts {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && typeof (data as { [k: string]: JsonValue })['checkedFileCount'] === 'number';
}

/** Records a successful build under `key` (its diagnostics without the environment ones). */
export function recordWholeBuild(cache: BuildCache, key: string, result: BuildResult, diagnostics: readonly Diagnostic[], checkedFileCount: number): void {
  if (diagnostics.some((d) => d.severity === 'error')) return;
  cache.record(
    key,
    result.files,
    { checkedFileCount },
    diagnostics.filter((d) => !environmentCodes.has(d.code)),
  );
}

/** A build answered from the cache: the result to write, every diagnostic, and the files for showing them. */
export interface ReplayedBuild {
  readonly result: BuildResult;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly SourceFile[];
  readonly checkedFileCount: number;
}

/** The previous build for `key` from `cache`, when it is there and its files are intact; undefined otherwise. */
export function replayBuild(cache: BuildCache, key: string, inputs: CheckInputs, settings: BuildSettings): ReplayedBuild | undefined {
  const hit = cache.lookup(key);
  if (hit === undefined || !isFacts(hit.data)) return undefined;
  // The per-connector entries stay for the next build that changes something.
  cache.retainAll();
  const environment = environmentDiagnostics(settings.outDir, settings.runtime, settings.cwd);
  const diagnostics = sortDiagnostics([...hit.diagnostics, ...environment]);
  const files: SourceFile[] = [];
  for (const input of [...inputs.main, ...inputs.registry]) if ('text' in input) files.push(new SourceFile(input.shown, input.text));
  if (inputs.lockText !== undefined) files.push(new SourceFile(path.relative(settings.cwd, inputs.lockPath) || 'owc.lock', inputs.lockText));
  return {
    result: { files: hit.files, diagnostics, cache },
    diagnostics,
    files,
    checkedFileCount: hit.data.checkedFileCount,
  };
}
