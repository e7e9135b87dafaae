/**
 * `npm run bench`: side-by-side ratios of owc against the floor (yaml parsing)
 * and a peer (openapi-typescript), measured in one run on one machine as
 * medians over repeated whole-process runs after a warm-up, with peak RSS,
 * at 1/10, 1/3 and full size. Prints a Markdown table; `--write` also updates
 * bench/RESULTS.md.
 *
 * Options: --sizes 0.1,0.33,1  --runs 5  --only check|build  --write
 *
 * Every figure is a whole process: `node bin/owc.js …` (the compiled CLI, as
 * users run it) against `node bench/floor.mjs` (plain JavaScript, no loader)
 * and `node openapi-typescript/bin/cli.js`. The incremental runs are measured
 * twice: on their own, and handed to an `owc daemon` the harness starts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject, type GeneratedProject } from './generate.js';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const work = path.join(root, 'bench', '.work');

/** How to start owc: the compiled CLI by default. */
const compiledOwc: readonly string[] = [process.execPath, path.join(root, 'bin', 'owc.js')];

/** Wall time (seconds) and peak resident set size (MB) of one whole-process run, or medians/maxima over several. */
export interface Measurement {
  readonly seconds: number;
  readonly maxRssMb: number;
}

/** One line of the table: an owc figure, what it is compared with, and the goal for the ratio. */
export interface Row {
  readonly label: string;
  readonly size: string;
  readonly owc: Measurement;
  readonly reference: Measurement;
  readonly referenceLabel: string;
  readonly goal: string;
}

export interface MeasureOptions {
  /** Measured runs (a warm-up run comes first unless `warmup` is false). */
  readonly runs: number;
  readonly warmup?: boolean;
  /** Also measure the incremental runs through `owc daemon` (needs the compiled CLI). */
  readonly daemon?: boolean;
}

let daemonDir: string | undefined;

/**
 * The environment of every measured command: daemons live in a folder of this
 * harness's own, so a daemon the user runs never serves a measured run.
 */
function benchEnv(): NodeJS.ProcessEnv {
  daemonDir ??= mkdtempSync(path.join(tmpdir(), 'owc-bench-daemon-'));
  return { ...process.env, OWC_DAEMON_DIR: daemonDir };
}

/** Removes the harness's daemon folder (daemons started in it have been stopped). */
export function removeDaemonFolder(): void {
  if (daemonDir !== undefined) rmSync(daemonDir, { recursive: true, force: true });
  daemonDir = undefined;
}

/** Runs a command once under /usr/bin/time, returning wall time and peak RSS. */
function measureOnce(command: readonly string[], cwd: string, okCodes: readonly number[] = [0]): Measurement {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: benchEnv() });
  const lines = result.stderr.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const match = /^([\d.]+) (\d+)$/.exec(last);
  if (!match || !okCodes.includes(result.status ?? -1)) {
    throw new Error(`${command.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  return { seconds: Number(match[1]), maxRssMb: Number(match[2]) / 1024 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A warm-up run, then `runs` measured runs; `before` runs ahead of each (untimed). Median time, highest peak RSS. */
function measure(
  options: MeasureOptions,
  command: readonly string[],
  cwd: string,
  extra: { readonly before?: () => void; readonly okCodes?: readonly number[] } = {},
): Measurement {
  if (options.warmup !== false) {
    extra.before?.();
    measureOnce(command, cwd, extra.okCodes);
  }
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < Math.max(1, options.runs); i++) {
    extra.before?.();
    const m = measureOnce(command, cwd, extra.okCodes);
    times.push(m.seconds);
    rss.push(m.maxRssMb);
  }
  return { seconds: median(times), maxRssMb: Math.max(...rss) };
}

/** `10c × 10a, 100w × 20s`. */
function sizeLabel(project: GeneratedProject): string {
  return `${project.connectorFiles.length}c × 10a, ${project.workflowFiles.length}w × 20s`;
}

/** Appends a comment to a file each time it is called (a change that keeps its meaning); returns the restore function too. */
function toucher(file: string): { touch: () => void; restore: () => void } {
  const original = readFileSync(file, 'utf8');
  let edit = 0;
  return { touch: () => writeFileSync(file, `${original}# edit ${++edit}\n`), restore: () => writeFileSync(file, original) };
}

/**
 * Runs `measureRuns` with an `owc daemon` started from `owc` (stopped
 * afterwards), and reads the daemon's peak RSS: in those runs the daemon does
 * the work, not the clients /usr/bin/time sees.
 */
function withDaemon<T>(owc: readonly string[], cwd: string, measureRuns: () => T): { readonly result: T; readonly daemonRssMb: number } {
  const daemon = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(owc[0]!, [...owc.slice(1), 'daemon', ...args], { cwd, env: benchEnv(), encoding: 'utf8' });
  const start = daemon('start', '--idle-timeout', '30');
  if (start.status !== 0) throw new Error(`owc daemon start failed (exit ${start.status}):\n${start.stderr}`);
  try {
    const result = measureRuns();
    const rss = /\(peak (\d+) MB\)/.exec(daemon('status').stdout);
    if (rss === null) throw new Error('the daemon stopped while it was measured');
    return { result, daemonRssMb: Number(rss[1]) };
  } finally {
    daemon('stop');
  }
}

/** Runs a daemon is given before it is measured: a daemon is meant to run for hours, and its first runs still compile owc's code. */
const daemonWarmUpRuns = 10;

function warmUpDaemon(command: readonly string[], cwd: string, change: () => void, okCodes: readonly number[] = [0]): void {
  for (let i = 0; i < daemonWarmUpRuns; i++) {
    change();
    measureOnce(command, cwd, okCodes);
  }
}

/**
 * The `owc check` rows for one generated project: cold vs the floor, nothing
 * changed vs cold, one workflow changed vs cold. Checks `connectors/` and
 * `workflows/` (not the OpenAPI document), with the cache in the project folder.
 */
export function benchCheck(project: GeneratedProject, options: MeasureOptions, owc: readonly string[] = compiledOwc): Row[] {
  const dir = project.dir;
  const size = sizeLabel(project);
  const cacheDir = path.join(dir, '.owc-cache');
  const check = [...owc, 'check', 'connectors', 'workflows', '--format', 'json', '--cache-dir', cacheDir];
  const ok = { okCodes: [0, 1] };
  const floor = measure(options, [process.execPath, path.join(root, 'bench', 'floor.mjs'), 'connectors', 'workflows'], dir);
  const cold = measure(options, check, dir, { ...ok, before: () => rmSync(cacheDir, { recursive: true, force: true }) });
  const rows: Row[] = [{ label: 'owc check, cold', size, owc: cold, reference: floor, referenceLabel: 'yaml parseDocument (floor)', goal: '≤ 1.5×' }];
  measureOnce(check, dir, ok.okCodes);
  const unchanged = measure(options, check, dir, ok);
  rows.push({ label: 'owc check, nothing changed', size, owc: unchanged, reference: cold, referenceLabel: 'owc check, cold', goal: '' });
  const workflow = toucher(project.workflowFiles[0]!);
  try {
    const incremental = measure(options, check, dir, { ...ok, before: workflow.touch });
    rows.push({ label: 'owc check, one workflow changed', size, owc: incremental, reference: cold, referenceLabel: 'owc check, cold', goal: '≤ 5 %' });
    if (options.daemon === true) {
      const { result, daemonRssMb } = withDaemon(owc, dir, () => {
        warmUpDaemon(check, dir, workflow.touch, ok.okCodes);
        return { unchanged: measure(options, check, dir, ok), incremental: measure(options, check, dir, { ...ok, before: workflow.touch }) };
      });
      const rss = { maxRssMb: daemonRssMb };
      rows.push({ label: 'owc check, nothing changed, with owc daemon', size, owc: { ...result.unchanged, ...rss }, reference: cold, referenceLabel: 'owc check, cold', goal: '' });
      rows.push({ label: 'owc check, one workflow changed, with owc daemon', size, owc: { ...result.incremental, ...rss }, reference: cold, referenceLabel: 'owc check, cold', goal: '≤ 5 %' });
    }
  } finally {
    workflow.restore();
  }
  return rows;
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

/**
 * The `owc build` rows for one generated project: connectors only and
 * everything, cold and with nothing changed, against openapi-typescript on the
 * same schemas; then everything after one workflow changed, against cold.
 */
function benchBuild(project: GeneratedProject, options: MeasureOptions, owc: readonly string[] = compiledOwc): Row[] {
  const dir = project.dir;
  const size = sizeLabel(project);
  const peer = measure(options, [process.execPath, ensurePeer(), project.openApiFile, '-o', path.join(dir, 'openapi.d.ts')], dir);
  const peerLabel = 'openapi-typescript';
  const rows: Row[] = [];
  const builds = [
    { what: 'connectors', paths: ['connectors'], out: path.join(dir, 'out-connectors') },
    { what: 'everything', paths: ['connectors', 'workflows'], out: path.join(dir, 'out-all') },
  ].map((b) => ({ ...b, command: [...owc, 'build', ...b.paths, '--out', b.out, '--no-lock'] }));
  let cold: Measurement | undefined;
  for (const b of builds) {
    cold = measure(options, b.command, dir, { before: () => rmSync(b.out, { recursive: true, force: true }) });
    rows.push({ label: `owc build ${b.what}, cold`, size, owc: cold, reference: peer, referenceLabel: peerLabel, goal: b.what === 'connectors' ? '≤ 1.5×' : '' });
    measureOnce(b.command, dir);
    const unchanged = measure(options, b.command, dir);
    rows.push({ label: `owc build ${b.what}, nothing changed`, size, owc: unchanged, reference: peer, referenceLabel: peerLabel, goal: b.what === 'connectors' ? '≤ 0.2×' : '' });
  }
  // The last build, and its cold run, are those of everything.
  const { command } = builds[1]!;
  const everythingCold = cold!;
  const workflow = toucher(project.workflowFiles[0]!);
  try {
    const incremental = measure(options, command, dir, { before: workflow.touch });
    rows.push({ label: 'owc build everything, one workflow changed', size, owc: incremental, reference: everythingCold, referenceLabel: 'owc build everything, cold', goal: '≤ 5 %' });
    if (options.daemon === true) {
      const { result, daemonRssMb } = withDaemon(owc, dir, () => {
        warmUpDaemon(command, dir, workflow.touch);
        return measure(options, command, dir, { before: workflow.touch });
      });
      rows.push({ label: 'owc build everything, one workflow changed, with owc daemon', size, owc: { ...result, maxRssMb: daemonRssMb }, reference: everythingCold, referenceLabel: 'owc build everything, cold', goal: '≤ 5 %' });
    }
  } finally {
    workflow.restore();
  }
  return rows;
}

function fmt(m: Measurement): string {
  return `${m.seconds.toFixed(2)} s, ${Math.round(m.maxRssMb)} MB`;
}

function ratio(r: Row): string {
  const x = r.owc.seconds / r.reference.seconds;
  return r.goal.includes('%') ? `${(100 * x).toFixed(1)} %` : `${x.toFixed(2)}×`;
}

/** The rows as a Markdown table. */
export function formatTable(rows: readonly Row[]): string {
  const header = '| measurement | size | owc (median, peak RSS) | compared with | reference (median, peak RSS) | ratio | goal |\n| --- | --- | --- | --- | --- | --- | --- |';
  const body = rows.map((r) => `| ${r.label} | ${r.size} | ${fmt(r.owc)} | ${r.referenceLabel} | ${fmt(r.reference)} | ${ratio(r)} | ${r.goal} |`).join('\n');
  return `${header}\n${body}\n`;
}

/** CPU, memory and Node version of this machine. */
function machineDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function main(): void {
  const sizes = arg('sizes', '0.1,0.33,1').split(',').map(Number);
  const runs = Number(arg('runs', '5'));
  const only = arg('only', 'all');
  const rows: Row[] = [];
  const failures: string[] = [];
  for (const scale of sizes) {
    // A folder per mode, so a check-only and a build-only run at the same time do not regenerate each other's projects.
    const project = generateProject(path.join(work, only === 'all' ? `scale-${scale}` : `scale-${scale}-${only}`), scale);
    for (const [mode, bench] of [
      ['check', benchCheck],
      ['build', benchBuild],
    ] as const) {
      if (only !== 'all' && only !== mode) continue;
      try {
        rows.push(...bench(project, { runs, daemon: true }));
      } catch (error) {
        // One failing command costs its rows, not the whole table.
        const message = (error as Error).message.split('\n')[0] ?? 'failed';
        failures.push(`owc ${mode} at size ${scale}: ${message}`);
        process.stderr.write(`${(error as Error).message}\n`);
      }
    }
    process.stderr.write(`size ${scale} done\n`);
  }
  removeDaemonFolder();
  const rss = rows.filter((r) => r.label === 'owc check, cold').at(-1);
  const rssLine = rss ? `\nPeak RSS of a cold \`owc check\` at the largest size: ${Math.round(rss.owc.maxRssMb)} MB (goal ≤ 400 MB).\n` : '';
  const table = `${formatTable(rows)}${failures.map((f) => `\nNot measured: ${f}\n`).join('')}`;
  const machine = machineDescription();
  const command = `npm run bench -- --runs ${runs} --sizes ${sizes.join(',')}${only === 'all' ? '' : ` --only ${only}`} --write`;
  process.stdout.write(`${table}${rssLine}\nmachine: ${machine}; runs: ${runs} (+1 warm-up) per figure\n`);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'bench', 'RESULTS.md');
    const notes = existsSync(file) ? /\n## Notes[\s\S]*$/.exec(readFileSync(file, 'utf8'))?.[0] ?? '' : '';
    writeFileSync(
      file,
      `# Benchmark results\n\nCommand: \`${command}\` (after \`npm run build\`)\n\nMachine: ${machine}. Medians of ${runs} whole-process runs after one warm-up; peak RSS is the highest of those runs.\n\n${table}${rssLine}${notes}`,
    );
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main();
