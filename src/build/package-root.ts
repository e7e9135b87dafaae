/**
 * Where owc is installed, and where its compiled runtime library is: read
 * from owc's own package.json (`exports["./runtime"]`), so a source checkout
 * and an installed tarball are found the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding owc's package.json (searched upward from this module). */
export function owcPackageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
        if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'owc') return dir;
      } catch {
        // not a readable package.json: keep looking upward
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function exportTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  for (const condition of ['import', 'default', 'node']) {
    const value: unknown = (entry as { readonly [key: string]: unknown })[condition];
    const target = exportTarget(value);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** The compiled runtime entry (`…/index.js`) that `owc/runtime` resolves to, absolute; default `dist/runtime-lib/index.js`. */
export function runtimeEntryPath(root: string): string {
  let target = 'dist/runtime-lib/index.js';
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const exportsField = typeof pkg === 'object' && pkg !== null && 'exports' in pkg ? pkg.exports : undefined;
    const runtime = typeof exportsField === 'object' && exportsField !== null ? (exportsField as { readonly [key: string]: unknown })['./runtime'] : undefined;
    target = exportTarget(runtime) ?? target;
  } catch {
    // fall back to the conventional location
  }
  return join(root, target);
}
