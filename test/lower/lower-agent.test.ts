import { describe, expect, it } from 'vitest';
import type { AgentIR } from '../../src/lower/ir.js';
import { lower, textAt } from './helpers.js';

function agentOf(text: string, path = 'a.json'): AgentIR {
  const { program, diagnostics } = lower(text, path);
  expect(diagnostics).toEqual([]);
  expect(program.agents).toHaveLength(1);
  return program.agents[0]!;
}

describe('agents', () => {
  it('lowers the registry form', () => {
    const a = agentOf(
      JSON.stringify({
        schemaVersion: '0.1.0',
        type: 'agent',
        name: 'triage-bot',
        namespace: 'smartify',
        version: '0.2.0',
        model: { provider: 'anthropic', id: 'claude-3-5-sonnet-20241022', temperature: 0.7 },
        toolset: ['connector:github/mcp@0.4.1', 'connector:community/slack@1.2.0'],
        systemPrompt: 'Triage issues.',
        io: { inputSchema: { type: 'object', required: ['issueUrl'] }, outputSchema: { type: 'object' } },
        execution: { backend: 'native' },
      }),
    );
    expect(a).toMatchObject({
      name: { value: 'triage-bot' },
      namespace: { value: 'smartify' },
      version: { value: '0.2.0' },
      model: { provider: 'anthropic', id: 'claude-3-5-sonnet-20241022', params: { temperature: 0.7 } },
      systemPrompt: 'Triage issues.',
      execution: { backend: 'native' },
    });
    expect(a.toolset.map((t) => t.value)).toEqual(['connector:github/mcp@0.4.1', 'connector:community/slack@1.2.0']);
    expect(a.inputSchema?.json).toEqual({ type: 'object', required: ['issueUrl'] });
    expect(a.outputSchema?.json).toEqual({ type: 'object' });
  });

  it('reads personality.systemPrompt when there is no systemPrompt', () => {
    const a = agentOf(JSON.stringify({ schemaVersion: '0.1.0', type: 'agent', name: 'x', personality: { systemPrompt: 'Be kind.' } }));
    expect(a.systemPrompt).toBe('Be kind.');
    expect(a.model).toBeUndefined();
  });

  it('lowers the agent: block form', () => {
    const a = agentOf('agent:\n  name: helper\n  namespace: acme\n  version: 1.0.0\n  model: {provider: openai, id: gpt-4}\n  systemPrompt: Help.\n  toolset: [connector:acme/x@1]\n', 'a.yaml');
    expect([a.name.value, a.namespace?.value, a.model?.id, a.systemPrompt, a.toolset.map((t) => t.value)]).toEqual(['helper', 'acme', 'gpt-4', 'Help.', ['connector:acme/x@1']]);
  });

  it('reads agent: block fields written beside the block', () => {
    const a = agentOf('agent:\n  name: helper\n  systemPrompt: Inside.\nsystemPrompt: Beside.\nmodel: {provider: openai, id: gpt-4}\n', 'a.yaml');
    expect([a.name.value, a.systemPrompt, a.model?.id]).toEqual(['helper', 'Inside.', 'gpt-4']);
  });

  it('lowers the agent JSON Schema form, splitting a registry id', () => {
    const text = JSON.stringify({
      agent: { id: 'agent:acme/reviewer@2.1.0' },
      model: { provider: 'anthropic', name: 'claude', params: { temperature: 0 } },
      instructions: { system: 'Review code.' },
      tools: [{ name: 'connector:github/mcp@0.4.1' }],
      runtime: 'any',
      io: { output_schema: 'schemas/out.json' },
    });
    const { program, file } = lower(text, 'a.json');
    const a = program.agents[0]!;
    expect([a.namespace?.value, a.name.value, a.version?.value]).toEqual(['acme', 'reviewer', '2.1.0']);
    expect([textAt(file, a.namespace!.span), textAt(file, a.name.span), textAt(file, a.version!.span)]).toEqual(['acme', 'reviewer', '2.1.0']);
    expect(a.model).toEqual({ provider: 'anthropic', id: 'claude', params: { temperature: 0 } });
    expect(a.systemPrompt).toBe('Review code.');
    expect(a.toolset.map((t) => t.value)).toEqual(['connector:github/mcp@0.4.1']);
    expect(a.outputSchema).toBeUndefined();
    expect(a.execution).toEqual({ runtime: 'any' });
  });

  it('keeps a plain agent id as the name', () => {
    const a = agentOf(JSON.stringify({ agent: { id: 'helper' }, model: { provider: 'x', name: 'y' }, instructions: { system: 's' }, tools: [], runtime: 'any' }));
    expect([a.name.value, a.namespace]).toEqual(['helper', undefined]);
  });
});

describe('bundles', () => {
  it('lowers includes', () => {
    const { program, diagnostics } = lower(
      JSON.stringify({ schemaVersion: '0.1.0', type: 'bundle', name: 'starter', namespace: 'smartify', version: '1.0.0', description: 'pack', includes: ['workflow:a/b@1.0.0', 'connector:c/d@1.2.0'] }),
      'b.json',
    );
    expect(diagnostics).toEqual([]);
    expect(program.bundles[0]).toMatchObject({ name: { value: 'starter' }, namespace: { value: 'smartify' }, version: { value: '1.0.0' }, description: 'pack' });
    expect(program.bundles[0]?.includes.map((i) => i.value)).toEqual(['workflow:a/b@1.0.0', 'connector:c/d@1.2.0']);
  });
});
