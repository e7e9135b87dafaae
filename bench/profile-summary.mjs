/**
 * Summarises a V8 CPU profile (`node --cpu-prof …` writes one per process):
 * self time per file or package and per function, and — for the stage
 * functions named with --stages — the time spent inside each, charged to the
 * innermost named stage on the stack (so nested stages are not counted twice).
 * The profile tables in bench/RESULTS.md come from this script.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/owc.js check connectors workflows --no-cache
 *   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile --top 25 \
 *     --stages readPlainYaml,validateManifest,lowerManifests,resolveProgram,runChecks
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args.splice(i, 2)[1] : fallback;
};
const top = Number(option('top', '25'));
const stages = option('stages', '').split(',').filter(Boolean);
const file = args[0];
if (file === undefined) {
  process.stderr.write('usage: node bench/profile-summary.mjs PROFILE.cpuprofile [--top N] [--stages f,g,…]\n');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});

/** Where a function lives: its package, or its path inside this repository. */
function place(url) {
  if (!url) return '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '').replace(/^.*?\/(dist|src|generators|bench|bin)\//, '$1/');
}

const byFunction = new Map();
const byPlace = new Map();
const byStage = new Map([...stages, '(elsewhere)'].map((s) => [s, 0]));
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = place(url);
  const fn = `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  const bucket = where || functionName;
  byPlace.set(bucket, (byPlace.get(bucket) ?? 0) + t);
  if (stages.length > 0) {
    let stage = '(elsewhere)';
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = nodes.get(cur).callFrame.functionName;
      if (byStage.has(name) && name !== '(elsewhere)') {
        stage = name;
        break;
      }
    }
    // Garbage collection interrupts whatever runs: keep it apart.
    if (functionName === '(garbage collector)') stage = '(elsewhere)';
    byStage.set(stage, byStage.get(stage) + t);
  }
}

const row = (label, t) => `${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${label}`;
const table = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => row(k, t)).join('\n');

let out = `total ${(total / 1e6).toFixed(2)} s of samples\n\n-- self time by file or package\n${table(byPlace, 12)}\n\n-- self time by function\n${table(byFunction, top)}\n`;
if (stages.length > 0) out += `\n-- time inside each stage (innermost named stage; garbage collection under (elsewhere))\n${[...byStage].map(([k, t]) => row(k, t)).join('\n')}\n`;
process.stdout.write(out);
