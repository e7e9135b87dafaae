/**
 * Whether generated modules will work where they are written, in package
 * mode: `owc/runtime` must resolve from the output folder, and the folder must
 * be inside an ES module package. Checked by walking up the folders, as Node's
 * resolver does, so `owc build` can warn before `tsc` or `node` fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function readPackage(dir: string): { name?: unknown; type?: unknown } | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown; type?: unknown }) : {};
  } catch {
    return {};
  }
}

export interface PackageModeProblems {
  /** `owc/runtime` does not resolve from the folder. */
  readonly runtimeUnresolvable: boolean;
  /** The nearest package.json does not declare `"type": "module"`. */
  readonly notModulePackage: boolean;
}

/** Inspects the folders above `outDir` (which need not exist yet). */
export function packageModeProblems(outDir: string): PackageModeProblems {
  let nearest: { name?: unknown; type?: unknown } | undefined;
  let resolvable = false;
  for (let dir = outDir; ; dir = dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg !== undefined && nearest === undefined) {
      nearest = pkg;
      // Self-reference: a package may import itself by name through its exports.
      if (pkg.name === 'owc') resolvable = true;
    }
    if (existsSync(join(dir, 'node_modules', 'owc', 'package.json'))) resolvable = true;
    if (dirname(dir) === dir) break;
  }
  return { runtimeUnresolvable: !resolvable, notModulePackage: nearest?.type !== 'module' };
}
