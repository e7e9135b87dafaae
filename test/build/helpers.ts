/** Shared helpers for the build tests: manifests → program → build, and running tsc. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, type BuildResult, type RuntimeMode } from '../../src/build/index.js';
import { lowerManifests } from '../../src/lower/index.js';
import type { Program } from '../../src/lower/ir.js';
import { emptyBindings } from '../../src/resolve/bindings.js';
import { loadText } from '../../src/source/load.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** The example connectors every snapshot and end-to-end test covers. */
export const exampleConnectors = ['examples/connectors/weather.yaml', 'examples/connectors/calculator.yaml', 'examples/connectors/chat.yaml', 'examples/connectors/orders.yaml'];

/** Loads and lowers manifests given by repository-relative paths (paths stay relative, as the CLI shows them). */
export function programOf(paths: readonly string[]): Program {
  const manifests = paths.flatMap((p) => loadText(p, readFileSync(join(repoRoot, p), 'utf8')).manifests);
  return lowerManifests(manifests).program;
}

/** Builds the manifests at `paths`. */
export function buildPaths(paths: readonly string[], runtime: RuntimeMode = 'package', outDir = 'gen'): Promise<BuildResult> {
  return buildProgram(programOf(paths), emptyBindings(), { outDir, runtime, cwd: repoRoot });
}

/** The newest modification time of the files under `dir` (0 when it is missing). */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Runs `npm run build` when `dist/` is missing or older than what it is
 * built from, so `dist/` (and so `owc/runtime`) is current. A clean checkout
 * is built by `npm ci` already: rebuilding it anyway rewrote `dist/` while
 * other test files copied the runtime out of it.
 */
export function ensureDist(): void {
  const built = join(repoRoot, 'dist', 'schema-validators.cjs'); // written after tsc by every build
  const sources = ['src', 'runtime-lib', 'generators', 'schemas', 'scripts'].map((d) => newestUnder(join(repoRoot, d)));
  const inputs = Math.max(...sources, ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(repoRoot, f)).mtimeMs));
  if (existsSync(built) && existsSync(join(repoRoot, 'dist', 'runtime-lib', 'index.js')) && statSync(built).mtimeMs >= inputs) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  // tsc emits even when files elsewhere in the tree have type errors; what matters here is the runtime.
  if (!existsSync(join(repoRoot, 'dist', 'runtime-lib', 'index.js'))) {
    throw new Error(`npm run build did not produce the runtime:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Runs the repository's tsc (TypeScript 7) with `args`; returns exit code and output. */
export function runTsc(args: readonly string[]): { code: number | null; output: string } {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), [...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
