import { describe, expect, it } from 'vitest';
import type { Program, WorkflowIR, WorkflowStepIR } from '../../src/lower/ir.js';
import { allSteps } from '../../src/lower/walk.js';
import { resolveProgram } from '../../src/resolve/index.js';
import { noRegistry, programOf, spanText, summary } from './program.js';

/** A workflow list entry calling each of `calls` (NAME or reference, optionally with a version field). */
function workflow(name: string, calls: ReadonlyArray<string | { workflow: string; version: string }> = []): string {
  const steps = calls.map((call, i) =>
    typeof call === 'string'
      ? `      - id: call_${i}\n        workflow: ${call}\n`
      : `      - id: call_${i}\n        workflow: ${call.workflow}\n        version: "${call.version}"\n`,
  );
  return `  - name: ${name}\n    steps:\n${steps.length === 0 ? '      - id: noop\n        type: wait\n        duration: 1s\n' : steps.join('')}`;
}

function registryWorkflow(ns: string, name: string, version: string): string {
  return `schemaVersion: 0.1.0\ntype: workflow\nnamespace: ${ns}\nname: ${name}\nversion: ${version}\nsteps:\n  - id: noop\n    type: wait\n    duration: 1s\n`;
}

function calls(program: Program): WorkflowStepIR[] {
  return program.workflows.flatMap((w) => allSteps(w.steps)).filter((s): s is WorkflowStepIR => s.kind === 'workflow');
}

function target(program: Program, step: WorkflowStepIR, registry: Program = noRegistry): WorkflowIR | undefined {
  return resolveProgram(program, registry).bindings.workflows.get(step.workflow);
}

describe('sub-workflow steps', () => {
  it('bind a name to the workflow in the same file first', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('main', ['helper'])}${workflow('helper')}`,
      'b.yaml': `workflows:\n${workflow('helper')}`,
    });
    const [call] = calls(program);
    const bound = target(program, call!);
    expect(bound?.origin.file.path).toBe('a.yaml');
    expect(resolveProgram(program, noRegistry).diagnostics).toEqual([]);
  });

  it('bind a name to another loaded file when the own file has none', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('main', ['helper'])}`,
      'b.yaml': `workflows:\n${workflow('helper')}`,
    });
    const result = resolveProgram(program, noRegistry);
    expect(result.diagnostics).toEqual([]);
    expect(result.bindings.workflows.get(calls(program)[0]!.workflow)?.origin.file.path).toBe('b.yaml');
    expect(result.lock.references['workflow:helper']).toMatchObject({ resolved: 'workflow:helper', file: 'b.yaml' });
  });

  it('report a name defined in two other files as ambiguous', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('main', ['helper'])}`,
      'b.yaml': `workflows:\n${workflow('helper')}`,
      'c.yaml': `workflows:\n${workflow('helper')}`,
    });
    const [d] = resolveProgram(program, noRegistry).diagnostics;
    expect(d?.message).toBe("'helper' could mean 2 workflows: workflow:helper");
    expect(d?.related?.map((r) => r.span.file)).toEqual(['b.yaml', 'c.yaml']);
  });

  it('report an unknown workflow name with a suggestion', () => {
    const program = programOf({ 'a.yaml': `workflows:\n${workflow('main', ['helpr'])}${workflow('helper')}` });
    const [d] = resolveProgram(program, noRegistry).diagnostics;
    expect(d?.message).toBe("no workflow named 'helpr' is loaded");
    expect(d?.hint).toMatch(/^did you mean 'helper'\?/);
    expect(spanText(d!, program.files)).toBe('helpr');
  });

  describe('versions', () => {
    const registry = programOf({
      'reg/etl-1.0.0.yaml': registryWorkflow('acme', 'etl', '1.0.0'),
      'reg/etl-1.2.0.yaml': registryWorkflow('acme', 'etl', '1.2.0'),
      'reg/etl-2.0.0.yaml': registryWorkflow('acme', 'etl', '2.0.0'),
    });

    it('bind a registry reference by range', () => {
      const program = programOf({ 'a.yaml': `workflows:\n${workflow('main', ['workflow:acme/etl@^1'])}` });
      expect(target(program, calls(program)[0]!, registry)?.version?.value).toBe('1.2.0');
    });

    it('let the version field constrain a name', () => {
      const program = programOf({ 'a.yaml': `workflows:\n${workflow('main', [{ workflow: 'etl', version: '1.0.0' }, { workflow: 'etl', version: '^1' }, 'etl'])}` });
      const result = resolveProgram(program, registry);
      expect(result.diagnostics).toEqual([]);
      expect(calls(program).map((c) => result.bindings.workflows.get(c.workflow)?.version?.value)).toEqual(['1.0.0', '1.2.0', '2.0.0']);
      expect(Object.keys(result.lock.references)).toEqual(['workflow:etl', 'workflow:etl@1.0.0', 'workflow:etl@^1']);
    });

    it('report a version field that nothing satisfies at the field', () => {
      const program = programOf({ 'a.yaml': `workflows:\n${workflow('main', [{ workflow: 'etl', version: '^3' }])}` });
      const [d] = resolveProgram(program, registry).diagnostics;
      expect(d?.code).toBe('OWC4011');
      expect(d?.hint).toBe('available: workflow:acme/etl@1.0.0, 1.2.0, 2.0.0');
      expect(spanText(d!, program.files)).toBe('"^3"');
    });

    it('report an invalid version field, and a version given twice', () => {
      const program = programOf({
        'a.yaml': `workflows:\n${workflow('main', [{ workflow: 'etl', version: 'soon' }, { workflow: 'workflow:acme/etl@^1', version: '1.0.0' }])}`,
      });
      const result = resolveProgram(program, registry);
      expect(summary(result.diagnostics)).toEqual([
        "OWC4005 invalid version 'soon' in reference 'etl'",
        "OWC4007 step 'call_1' gives the workflow version twice: '^1' in the reference and '1.0.0' in 'version:'",
      ]);
      // The reference's own range still binds.
      expect(result.bindings.workflows.get(calls(program)[1]!.workflow)?.version?.value).toBe('1.2.0');
    });
  });
});

describe('sub-workflow cycles', () => {
  it('report a workflow calling itself', () => {
    const program = programOf({ 'a.yaml': `workflows:\n${workflow('loop', ['loop'])}` });
    const result = resolveProgram(program, noRegistry);
    expect(summary(result.diagnostics)).toEqual(["OWC4030 step 'call_0' closes a sub-workflow cycle: loop → loop"]);
    expect(spanText(result.diagnostics[0]!, program.files)).toBe('loop');
  });

  it('report A → B → A once, at the step that closes it, with the other call related', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('a', ['b'])}`,
      'b.yaml': `workflows:\n${workflow('b', ['a'])}`,
    });
    const result = resolveProgram(program, noRegistry);
    expect(summary(result.diagnostics)).toEqual(["OWC4030 step 'call_0' closes a sub-workflow cycle: a → b → a"]);
    const [d] = result.diagnostics;
    expect(d?.span.file).toBe('b.yaml');
    expect(d?.related?.map((r) => `${r.message} @${r.span.file}`)).toEqual(["'call_0' calls 'b' here @a.yaml"]);
  });

  it('report a longer cycle reached from an acyclic start', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('start', ['x'])}${workflow('x', ['y'])}${workflow('y', ['z'])}${workflow('z', ['x'])}`,
    });
    expect(summary(resolveProgram(program, noRegistry).diagnostics)).toEqual(["OWC4030 step 'call_0' closes a sub-workflow cycle: x → y → z → x"]);
  });

  it('accept diamonds (two paths to one workflow are not a cycle)', () => {
    const program = programOf({
      'a.yaml': `workflows:\n${workflow('top', ['left', 'right'])}${workflow('left', ['bottom'])}${workflow('right', ['bottom'])}${workflow('bottom')}`,
    });
    expect(resolveProgram(program, noRegistry).diagnostics).toEqual([]);
  });

  it('find cycles nested inside control-flow steps', () => {
    const text = [
      'workflows:',
      '  - name: outer',
      '    steps:',
      '      - id: check',
      '        type: if',
      '        condition: "{{ true }}"',
      '        then:',
      '          - id: again',
      '            workflow: outer',
      '',
    ].join('\n');
    const program = programOf({ 'a.yaml': text });
    expect(summary(resolveProgram(program, noRegistry).diagnostics)).toEqual(["OWC4030 step 'again' closes a sub-workflow cycle: outer → outer"]);
  });
});
