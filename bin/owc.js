#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` / `npm install` run via `prepare`):
// the single-module bundle when the build made one and it is not older than the compiled modules
// (scripts/bundle-cli.mjs), otherwise the compiled modules themselves — or hands the run to a daemon.
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
const argv = process.argv.slice(2);

// `owc check` and `owc build` go to a daemon of this owc when one is running (`owc daemon start`); the
// client module loads nothing but node built-ins, so without a daemon this costs a stat or two.
// The commands named here are the client's `servedCommands`; naming them again spares every other command the import.
let served;
if (argv[0] === 'check' || argv[0] === 'build') {
  const client = new URL('../dist/src/daemon/client.js', import.meta.url);
  if (mtime(client) >= 0) {
    const { runThroughDaemon } = await import(client.href);
    served = await runThroughDaemon(argv);
  }
}

if (served !== undefined) {
  process.exitCode = served;
} else {
  const entry = mtime(bundle) >= mtime(modules) ? bundle : modules;
  const { runFromProcess } = await import(entry.href);
  await runFromProcess();
}
