#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` / `npm install` run via `prepare`):
// the single-module bundle when the build made one and it is not older than the compiled modules
// (scripts/bundle-cli.mjs), otherwise the compiled modules themselves.
import { statSync } from 'node:fs';

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
