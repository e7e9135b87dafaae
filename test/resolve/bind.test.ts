import { describe, expect, it } from 'vitest';
import type { ActionStepIR, Program } from '../../src/lower/ir.js';
import { resolveProgram } from '../../src/resolve/index.js';
import { connectorYaml, noRegistry, programOf, spanText, summary } from './program.js';

/** A workflow file whose steps are given as YAML lines (indented for a `steps:` list). */
function workflowYaml(name: string, steps: string): string {
  return `workflows:\n  - name: ${name}\n    steps:\n${steps}`;
}

function actionStep(id: string, connector: string, action = 'run', key = 'connector'): string {
  return `      - id: ${id}\n        ${key}: ${connector}\n        action: ${action}\n`;
}

function firstAction(program: Program): ActionStepIR {
  const step = program.workflows[0]!.steps[0]!;
  if (step.kind !== 'action') throw new Error('expected an action step');
  return step;
}

function versionOf(program: Program, registry: Program = noRegistry): string | undefined {
  const result = resolveProgram(program, registry);
  return result.bindings.connectors.get(firstAction(program).connector)?.version?.value;
}

describe('registry references to connectors', () => {
  const registry = programOf({
    'reg/weather-1.0.0.yaml': connectorYaml('community', 'weather', '1.0.0'),
    'reg/weather-1.1.0.yaml': connectorYaml('community', 'weather', '1.1.0'),
    'reg/weather-1.10.0.yaml': connectorYaml('community', 'weather', '1.10.0'),
    'reg/weather-2.0.0-beta.1.yaml': connectorYaml('community', 'weather', '2.0.0-beta.1'),
  });
  const bound = (ref: string): string | undefined => versionOf(programOf({ 'w.yaml': workflowYaml('w', actionStep('s', ref)) }), registry);

  it.each([
    ['connector:community/weather@1.1.0', '1.1.0'],
    ['connector:community/weather@^1.0', '1.10.0'],
    ['connector:community/weather@~1.1', '1.1.0'],
    ['"connector:community/weather@>=1.0 <1.5"', '1.1.0'],
    ['connector:community/weather@latest', '1.10.0'],
    ['connector:community/weather@2.0.0-beta.1', '2.0.0-beta.1'],
  ])('%s binds version %s', (ref, want) => {
    expect(bound(ref)).toBe(want);
  });

  it('binds the action and reports nothing', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@1.0.0')) });
    const result = resolveProgram(program, registry);
    expect(result.diagnostics).toEqual([]);
    const binding = result.bindings.actions.get(firstAction(program));
    expect(binding?.action.name.value).toBe('run');
    expect(binding?.connector.version?.value).toBe('1.0.0');
    expect(result.dependencies).toEqual([binding?.connector]);
  });

  it('binds program-local manifests too, and they are not dependencies', () => {
    const program = programOf({
      'c.yaml': connectorYaml('community', 'weather', '3.0.0'),
      'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@^1 || ^3')),
    });
    const result = resolveProgram(program, registry);
    expect(result.bindings.connectors.get(firstAction(program).connector)?.version?.value).toBe('3.0.0');
    expect(result.dependencies).toEqual([]);
  });

  it('warns about a missing version and names what it chose', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather')) });
    const result = resolveProgram(program, registry);
    expect(summary(result.diagnostics)).toEqual(["OWC4006 'connector:community/weather' has no version, so it resolves to the latest release (1.10.0)"]);
    expect(result.diagnostics[0]!.hint).toContain("'connector:community/weather@^1.10.0'");
  });

  it('lists the available versions when none satisfies the range, pointing at the range', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@^3.0')) });
    const result = resolveProgram(program, registry);
    expect(summary(result.diagnostics)).toEqual(["OWC4011 no loaded version of connector:community/weather satisfies '^3.0'"]);
    expect(result.diagnostics[0]!.hint).toBe('available: connector:community/weather@1.0.0, 1.1.0, 1.10.0, 2.0.0-beta.1');
    expect(spanText(result.diagnostics[0]!, program.files)).toBe('^3.0');
  });

  it('explains that latest skips prereleases', () => {
    const prerelease = programOf({ 'r.yaml': connectorYaml('acme', 'edge', '0.1.0-alpha.1') });
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:acme/edge@latest')) });
    const [d] = resolveProgram(program, prerelease).diagnostics;
    expect(d?.code).toBe('OWC4011');
    expect(d?.hint).toBe("only prereleases are loaded: connector:acme/edge@0.1.0-alpha.1; 'latest' never picks a prerelease, so pin one exactly");
  });

  it('says when nothing of that name is loaded', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/slack@1.2.0')) });
    const [d] = resolveProgram(program, registry).diagnostics;
    expect(d?.message).toBe("no connector named 'community/slack' is loaded");
    expect(d?.hint).toBe('pass --registry DIR or add its manifest to the paths owc checks');
    expect(spanText(d!, program.files)).toBe('connector:community/slack@1.2.0');
  });

  it('suggests a close name, or the same name in another namespace', () => {
    const typo = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/wether@1.0.0')) });
    expect(resolveProgram(typo, registry).diagnostics[0]?.hint).toMatch(/^did you mean 'connector:community\/weather'\?/);
    const elsewhere = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:acme/weather@1.0.0')) });
    expect(resolveProgram(elsewhere, registry).diagnostics[0]?.hint).toBe(
      'loaded in another namespace: connector:community/weather@1.0.0, connector:community/weather@1.1.0, connector:community/weather@1.10.0, connector:community/weather@2.0.0-beta.1',
    );
  });

  it('reports two manifests with the same identity as ambiguous, with both locations', () => {
    const twice = programOf({
      'a/weather.yaml': connectorYaml('community', 'weather', '1.0.0'),
      'b/weather.yaml': connectorYaml('community', 'weather', '1.0.0'),
    });
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@1.0.0')) });
    const [d] = resolveProgram(program, twice).diagnostics;
    expect(d?.message).toBe("'connector:community/weather@1.0.0' is ambiguous: 2 manifests declare connector:community/weather@1.0.0");
    expect(d?.related?.map((r) => r.span.file)).toEqual(['a/weather.yaml', 'b/weather.yaml']);
  });

  it('counts a manifest given both as a path and in a registry folder once', () => {
    const shared = programOf({ 'c.yaml': connectorYaml('community', 'weather', '1.0.0') });
    const program: Program = {
      ...programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@1.0.0')) }),
    };
    const both: Program = { ...program, files: [...program.files, ...shared.files], connectors: shared.connectors };
    expect(resolveProgram(both, shared).diagnostics).toEqual([]);
  });

  it('rejects a reference of the wrong type at its type prefix', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'agent:community/weather@1.0.0')) });
    const [d] = resolveProgram(program, registry).diagnostics;
    expect(d?.code).toBe('OWC4002');
    expect(spanText(d!, program.files)).toBe('agent');
  });

  it('points syntax errors inside quoted references at the bad characters', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', '"connector:community/Weather@1.0.0"')) });
    const [d] = resolveProgram(program, registry).diagnostics;
    expect(d?.code).toBe('OWC4004');
    expect(spanText(d!, program.files)).toBe('W');
  });
});

describe('actions', () => {
  const registry = programOf({ 'reg/weather.yaml': connectorYaml('community', 'weather', '1.0.0', ['get_current_weather', 'get_forecast']) });

  it('reports an unknown action with a did-you-mean and the list of actions', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@1.0.0', 'get_curent_weather')) });
    const result = resolveProgram(program, registry);
    const [d] = result.diagnostics;
    expect(d?.message).toBe("connector:community/weather@1.0.0 has no action 'get_curent_weather'");
    expect(d?.hint).toBe("did you mean 'get_current_weather'? its actions are: get_current_weather, get_forecast");
    expect(spanText(d!, program.files)).toBe('get_curent_weather');
    expect(d?.related?.[0]?.span.file).toBe('reg/weather.yaml');
    expect(result.bindings.actions.size).toBe(0);
    expect(result.bindings.connectors.size).toBe(1);
  });

  it('lists the actions when nothing is close', () => {
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/weather@1.0.0', 'send_email')) });
    expect(resolveProgram(program, registry).diagnostics[0]?.hint).toBe('its actions are: get_current_weather, get_forecast');
  });

  it('trusts an MCP server that declares no actions (its tools are discovered at run time)', () => {
    const mcp = programOf({
      'mcp.yaml': 'schemaVersion: 0.1.0\ntype: connector\nkind: mcp-server\nnamespace: github\nname: mcp\nversion: 0.4.1\nmcp: {transport: websocket, endpoint: "wss://mcp.example"}\n',
    });
    const program = programOf({ 'w.yaml': workflowYaml('w', actionStep('s', 'connector:github/mcp@~0.4', 'create_issue')) });
    const result = resolveProgram(program, mcp);
    expect(result.diagnostics).toEqual([]);
    expect(result.bindings.connectors.size).toBe(1);
  });
});

describe('legacy plugin names', () => {
  it('binds a bare name to the only connector of that name', () => {
    const program = programOf({
      'c.yaml': connectorYaml('community', 'slack', '1.2.0', ['sendMessage']),
      'w.yaml': workflowYaml('w', actionStep('s', 'slack', 'sendMessage', 'plugin')),
    });
    const result = resolveProgram(program, noRegistry);
    expect(result.diagnostics).toEqual([]);
    expect(result.bindings.actions.get(firstAction(program))?.connector.name.value).toBe('slack');
    expect(result.lock.references['connector:slack']?.resolved).toBe('connector:community/slack@1.2.0');
  });

  it('takes the highest version when one namespace holds several', () => {
    const program = programOf({
      'c1.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'c2.yaml': connectorYaml('community', 'slack', '1.3.0'),
      'w.yaml': workflowYaml('w', actionStep('s', 'slack', 'run', 'plugin')),
    });
    expect(versionOf(program)).toBe('1.3.0');
  });

  it('reports a name found in several namespaces as ambiguous', () => {
    const program = programOf({
      'c1.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'c2.yaml': connectorYaml('acme', 'slack', '2.0.0'),
      'w.yaml': workflowYaml('w', actionStep('s', 'slack', 'run', 'plugin')),
    });
    const [d] = resolveProgram(program, noRegistry).diagnostics;
    expect(d?.message).toBe("'slack' could mean 2 connectors: connector:acme/slack@2.0.0, connector:community/slack@1.2.0");
    expect(d?.hint).toBe("write the full reference instead, for example 'connector:community/slack@1.2.0'");
    expect(d?.related).toHaveLength(2);
  });

  it('reports an unknown bare name with a suggestion', () => {
    const program = programOf({
      'c.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'w.yaml': workflowYaml('w', actionStep('s', 'slakc', 'run', 'plugin')),
    });
    const [d] = resolveProgram(program, noRegistry).diagnostics;
    expect(d?.message).toBe("no connector named 'slakc' is loaded");
    expect(d?.hint).toMatch(/^did you mean 'slack'\?/);
  });

  it('reads a registry reference written under plugin:', () => {
    const program = programOf({
      'c.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'w.yaml': workflowYaml('w', actionStep('s', 'connector:community/slack@^1', 'run', 'plugin')),
    });
    expect(versionOf(program)).toBe('1.2.0');
  });
});

describe('agents and bundles', () => {
  const agentYaml = (ns: string, name: string, version: string, toolset: readonly string[]): string =>
    `schemaVersion: 0.1.0\ntype: agent\nnamespace: ${ns}\nname: ${name}\nversion: ${version}\nmodel: {provider: anthropic, id: claude}\ntoolset:\n${toolset.map((t) => `  - ${t}\n`).join('')}`;

  it('binds agent steps, handoff targets and agent toolsets', () => {
    const program = programOf({
      'agents.yaml': agentYaml('acme', 'triage', '1.0.0', ['connector:community/slack@^1']),
      'support.yaml': agentYaml('acme', 'support', '2.0.0', []),
      'slack.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'w.yaml': workflowYaml(
        'w',
        [
          '      - id: ask',
          '        type: agent',
          '        agent: agent:acme/triage@1.0.0',
          '      - id: route',
          '        type: handoff',
          '        selectAgent:',
          '          - condition: "{{ true }}"',
          '            agent: agent:acme/support@^2',
          '          - default: triage',
          '',
        ].join('\n'),
      ),
    });
    const result = resolveProgram(program, noRegistry);
    expect(result.diagnostics).toEqual([]);
    expect([...result.bindings.agents.values()].map((a) => a.name.value)).toEqual(['triage', 'support', 'triage']);
    expect([...result.bindings.connectors.values()].map((c) => c.name.value)).toEqual(['slack']);
  });

  it('reports an unresolved toolset entry in an agent', () => {
    const program = programOf({ 'agents.yaml': agentYaml('acme', 'triage', '1.0.0', ['connector:github/mcp@0.4.1']) });
    expect(summary(resolveProgram(program, noRegistry).diagnostics)).toEqual(["OWC4010 no connector named 'github/mcp' is loaded"]);
  });

  it('binds bundle includes of every type, and needs full references there', () => {
    const program = programOf({
      'slack.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'agents.yaml': agentYaml('acme', 'triage', '1.0.0', []),
      'w.yaml': 'schemaVersion: 0.1.0\ntype: workflow\nnamespace: acme\nname: daily\nversion: 1.0.0\nsteps: []\n',
      'inner.yaml': 'schemaVersion: 0.1.0\ntype: bundle\nnamespace: acme\nname: inner\nversion: 0.1.0\nincludes: []\n',
      'bundle.yaml':
        'schemaVersion: 0.1.0\ntype: bundle\nnamespace: acme\nname: starter\nversion: 1.0.0\nincludes:\n  - connector:community/slack@1.2.0\n  - agent:acme/triage@1.0.0\n  - workflow:acme/daily@1.0.0\n  - bundle:acme/inner@0.1.0\n  - slack\n',
    });
    const result = resolveProgram(program, noRegistry);
    expect(summary(result.diagnostics)).toEqual(["OWC4015 bundle include 'slack' needs a full registry reference"]);
    expect(result.bindings.connectors.size).toBe(1);
    expect(result.bindings.agents.size).toBe(1);
    expect(result.bindings.workflows.size).toBe(1);
    expect(result.bindings.bundles.size).toBe(1);
  });

  it('resolves the references of registry resources it binds, and lists them as dependencies', () => {
    const registry = programOf({
      'reg/triage.yaml': agentYaml('acme', 'triage', '1.0.0', ['connector:community/slack@1.2.0', 'connector:community/missing@1.0.0']),
      'reg/slack.yaml': connectorYaml('community', 'slack', '1.2.0'),
      'reg/unused.yaml': agentYaml('acme', 'unused', '1.0.0', ['connector:community/nowhere@1.0.0']),
    });
    const program = programOf({ 'w.yaml': workflowYaml('w', '      - id: ask\n        agent: agent:acme/triage@1.0.0\n') });
    const result = resolveProgram(program, registry);
    expect(summary(result.diagnostics)).toEqual(["OWC4010 no connector named 'community/missing' is loaded"]);
    expect(result.diagnostics[0]!.span.file).toBe('reg/triage.yaml');
    expect(result.dependencies.map((r) => `${r.kind}:${r.name.value}`)).toEqual(['agent:triage', 'connector:slack']);
  });
});
