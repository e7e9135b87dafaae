#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` / `npm install` run via `prepare`):
// the single-module bundle when the build made one and it is not older than the compiled modules
// (scripts/bundle-cli.mjs), otherwise the compiled modules themselves.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 "pretenures" objects from allocation sites whose objects tended to survive: early in a check
// (loading, lowering) that decides that expression syntax trees are long-lived, so during the checks
// they are allocated straight into the old generation, where they pile up as garbage until a major
// collection. Peak memory of a full-size `owc check` then varied between 280 and 410 MB from run to
// run; without pretenuring it stays at ≈ 275 MB, at the same speed (bench/RESULTS.md). The flag
// only steers that heuristic, and is set before anything else is loaded.
setFlagsFromString('--no-allocation-site-pretenuring');

const bundle = new URL('../dist/src/cli/main.bundle.js', import.meta.url);
const modules = new URL('../dist/src/cli/main.js', import.meta.url);
const mtime = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
};
const entry = mtime(bundle) >= mtime(modules) ? bundle : modules;
const { runFromProcess } = await import(entry.href);

await runFromProcess();
