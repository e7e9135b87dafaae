/**
 * The floor for `owc check`: read and parse every manifest under the given
 * folders with yaml's parseDocument, keeping positions — the least any
 * position-aware checker must do. Plain JavaScript run by plain node, the same
 * way bin/owc.js runs the compiled compiler, so the comparison is fair.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

/** Every .yaml/.yml file under `dir`. */
function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(ya?ml)$/.test(e.name)) out.push(full);
  }
}

const files = [];
for (const dir of process.argv.slice(2)) walk(dir, files);
let nodes = 0;
for (const file of files) {
  const doc = parseDocument(readFileSync(file, 'utf8'), { keepSourceTokens: false });
  if (doc.errors.length > 0) process.exitCode = 1;
  if (doc.contents) nodes++;
}
process.stdout.write(`${files.length} files, ${nodes} documents\n`);
