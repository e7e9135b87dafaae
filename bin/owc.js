#!/usr/bin/env node
// Runs the compiled CLI (built by `npm run build`, which `npm ci` / `npm install` run via `prepare`).
import { runFromProcess } from '../dist/src/cli/main.js';

await runFromProcess();
