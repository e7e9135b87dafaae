/**
 * `npm run bench`: side-by-side ratios of owc against the floor (yaml parsing)
 * and a peer (openapi-typescript), measured in one run on one machine as
 * medians over repeated whole-process runs after a warm-up, with peak RSS,
 * at 1/10, 1/3 and full size. Prints a Markdown table; `--write` also updates
 * bench/RESULTS.md.
 *
 * Options: --sizes 0.1,0.33,1  --runs 5  --write
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateProject } from './generate.js';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const work = path.join(root, 'bench', '.work');
const owc = path.join(root, 'bin', 'owc.js');

interface Measurement {
  readonly seconds: number;
  readonly maxRssMb: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Runs a command once under /usr/bin/time, returning wall time and peak RSS. */
function measureOnce(command: string, args: readonly string[], cwd: string, okCodes: readonly number[] = [0]): Measurement {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const lines = result.stderr.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const match = /^([\d.]+) (\d+)$/.exec(last);
  if (!match || !okCodes.includes(result.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  return { seconds: Number(match[1]), maxRssMb: Number(match[2]) / 1024 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Warm-up once, then `runs` measured runs; `before` runs ahead of each (untimed). */
function measure(runs: number, command: string, args: readonly string[], cwd: string, options: { before?: () => void; okCodes?: readonly number[] } = {}): Measurement {
  options.before?.();
  measureOnce(command, args, cwd, options.okCodes);
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    options.before?.();
    const m = measureOnce(command, args, cwd, options.okCodes);
    times.push(m.seconds);
    rss.push(m.maxRssMb);
  }
  return { seconds: median(times), maxRssMb: Math.max(...rss) };
}

/** openapi-typescript lives in an isolated folder: its TypeScript peer range differs from ours. */
function ensurePeer(): string {
  const dir = path.join(work, 'peers');
  const cli = path.join(dir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  if (!existsSync(cli)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', 'openapi-typescript@7', 'typescript@5'], { cwd: dir, stdio: 'inherit' });
  }
  return cli;
}

interface Row {
  readonly label: string;
  readonly size: string;
  readonly owc: Measurement;
  readonly reference: Measurement;
  readonly goal: string;
}

function fmt(m: Measurement): string {
  return `${m.seconds.toFixed(2)} s / ${Math.round(m.maxRssMb)} MB`;
}

function main(): void {
  const sizes = arg('sizes', '0.1,0.33,1').split(',').map(Number);
  const runs = Number(arg('runs', '5'));
  const peer = ensurePeer();
  const rows: Row[] = [];
  for (const scale of sizes) {
    const dir = path.join(work, `scale-${scale}`);
    const project = generateProject(dir, scale);
    const size = `${project.connectorFiles.length}c × 10a, ${project.workflowFiles.length}w × 20s`;
    const floor = measure(runs, process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'floor.ts'), dir], root);
    const check = measure(runs, process.execPath, [owc, 'check', dir, '--format', 'json'], root, { okCodes: [0, 1] });
    rows.push({ label: 'owc check vs yaml parse (floor)', size, owc: check, reference: floor, goal: '≤ 1.5×' });

    const openapiOut = path.join(dir, 'openapi.d.ts');
    const peerRun = measure(runs, process.execPath, [peer, project.openApiFile, '-o', openapiOut], root);
    const outConnectors = path.join(dir, 'gen-connectors');
    const cold = measure(runs, process.execPath, [owc, 'build', path.join(dir, 'connectors'), '--out', outConnectors], root, {
      before: () => rmSync(outConnectors, { recursive: true, force: true }),
    });
    rows.push({ label: 'owc build connectors (cold) vs openapi-typescript', size, owc: cold, reference: peerRun, goal: '≤ 1.5×' });
    const warm = measure(runs, process.execPath, [owc, 'build', path.join(dir, 'connectors'), '--out', outConnectors], root);
    rows.push({ label: 'owc build connectors (unchanged) vs openapi-typescript', size, owc: warm, reference: peerRun, goal: '≤ 0.2×' });

    const workflowFile = project.workflowFiles[0]!;
    const original = readFileSync(workflowFile, 'utf8');
    let edit = 0;
    const touch = (): void => writeFileSync(workflowFile, `${original}# edit ${++edit}\n`);
    const incremental = measure(runs, process.execPath, [owc, 'check', dir, '--format', 'json'], root, { before: touch, okCodes: [0, 1] });
    rows.push({ label: 'owc check after one workflow changed vs cold check', size, owc: incremental, reference: check, goal: '≤ 5 %' });
    writeFileSync(workflowFile, original);
  }
  const header = `| measurement | size | owc (median, peak RSS) | reference | ratio | goal |\n| --- | --- | --- | --- | --- | --- |`;
  const body = rows.map((r) => `| ${r.label} | ${r.size} | ${fmt(r.owc)} | ${fmt(r.reference)} | ${(r.owc.seconds / r.reference.seconds).toFixed(2)}× | ${r.goal} |`).join('\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = `${header}\n${body}\n`;
  process.stdout.write(`${table}\nmachine: ${machine}; runs: ${runs} (+1 warm-up) per figure\n`);
  if (process.argv.includes('--write')) {
    writeFileSync(
      path.join(root, 'bench', 'RESULTS.md'),
      `# Benchmark results\n\nCommand: \`npm run bench -- --runs ${runs} --sizes ${sizes.join(',')} --write\`\n\nMachine: ${machine}\n\n${table}`,
    );
  }
}

main();
