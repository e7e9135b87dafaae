/** Test helpers: YAML text → loaded manifests → IR. */
import { loadText } from '../../src/source/load.js';
import { lowerManifests } from '../../src/lower/index.js';
import type { Program, StepIR, WorkflowIR } from '../../src/lower/ir.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { SourceFile } from '../../src/source/span.js';

export interface Lowered {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
  readonly loadDiagnostics: readonly Diagnostic[];
  readonly file: SourceFile;
}

/** Loads and lowers one file's text. */
export function lower(text: string, path = 'test.yaml'): Lowered {
  const loaded = loadText(path, text);
  const { program, diagnostics } = lowerManifests(loaded.manifests);
  return { program, diagnostics, loadDiagnostics: loaded.diagnostics, file: loaded.file };
}

/** The only workflow of `text`. */
export function workflowOf(text: string): WorkflowIR {
  const { program } = lower(text);
  if (program.workflows.length !== 1) throw new Error(`expected one workflow, got ${program.workflows.length}`);
  return program.workflows[0]!;
}

/** Wraps step YAML (a list, indented by two spaces per level as written) in a one-workflow manifest. */
export function withSteps(steps: string): string {
  const body = steps
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `workflows:\n  - name: demo\n    steps:\n${body}\n`;
}

/** The first step of a workflow whose steps are `steps`. */
export function firstStep(steps: string): StepIR {
  const workflow = workflowOf(withSteps(steps));
  const step = workflow.steps[0];
  if (!step) throw new Error('no step lowered');
  return step;
}

/** The source text a span covers. */
export function textAt(file: SourceFile, span: { start: number; end: number }): string {
  return file.text.slice(span.start, span.end);
}
