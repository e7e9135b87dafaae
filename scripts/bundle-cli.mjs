/**
 * Build step (`npm run build`, after tsc): bundles the compiled CLI into one
 * module, dist/src/cli/main.bundle.js, which bin/owc.js prefers. Resolving and
 * linking ~150 modules and ~400 CommonJS files of the dependencies cost each
 * `owc` process 0.15–0.2 s before it did anything — most of an incremental
 * `owc check`. The bundle sits at the same depth as every compiled module
 * (dist/src/<folder>/), so paths taken relative to import.meta.url (schemas/,
 * package.json, the precompiled validators) still resolve. What only
 * `owc build` and `owc import` use is split into chunks next to it, loaded on
 * demand, and the heavy packages they need (prettier, the MCP SDK)
 * stay packages.
 * Without esbuild (a dev dependency) the step is skipped and bin/owc.js runs
 * dist/src/cli/main.js.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outdir = fileURLToPath(new URL('../dist/src/cli/', import.meta.url));
const entry = path.join(outdir, 'main.js');
// The validator pool starts ./validator-worker.js beside the chunk that holds it (generators/common/validator-pool.ts): all chunks are in outdir.
const workerEntry = fileURLToPath(new URL('../dist/generators/common/validator-worker.js', import.meta.url));
const workerFile = path.join(outdir, 'validator-worker.js');
const outfile = path.join(outdir, 'main.bundle.js');
// Chunks of an earlier build have other names: remove them all first.
for (const name of readdirSync(outdir)) if (name.startsWith('main.bundle')) rmSync(path.join(outdir, name), { force: true });
rmSync(workerFile, { force: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  process.stdout.write('esbuild is not installed: bin/owc.js will run the unbundled CLI\n');
  process.exit(0);
}

/** What both bundles share: one ES module for node, with a require() for the bundled CommonJS dependencies. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __owcCreateRequire } from 'node:module';\nconst require = __owcCreateRequire(import.meta.url);" },
};

await esbuild.build({
  ...common,
  entryPoints: { 'main.bundle': entry },
  outdir,
  // Modules only `owc build` or `owc import` load go to chunks loaded on demand; modules both use are in one copy.
  splitting: true,
  chunkNames: 'main.bundle-[hash]',
  // The dependencies `owc check` never loads stay packages (loaded by the chunks that need them).
  external: [
    'prettier',
    'prettier/*',
    '@modelcontextprotocol/*',
    'zod',
    'jsonata',
    'kafkajs',
    '@opentelemetry/*',
    'ajv',
    'ajv/*',
    'ajv-formats',
  ],
});
process.stdout.write(`wrote ${outfile}\n`);

// The validator worker is one file with ajv inside: each worker loads it afresh, and one module loads faster than ajv's many.
await esbuild.build({ ...common, entryPoints: [workerEntry], outfile: workerFile });
process.stdout.write(`wrote ${workerFile}\n`);
