import { describe, expect, it } from 'vitest';
import type { Name } from '../../src/lower/ir.js';
import { nameOffsets } from '../../src/resolve/name-offsets.js';
import { formatIdentity, looksLikeRegistryRef, parseReference, parseVersionSpec, type ParseReferenceOptions } from '../../src/resolve/ref.js';
import { SourceFile } from '../../src/source/span.js';

/** A reference written at offset 100 of file `m.yaml`, with exact per-character offsets. */
function written(value: string): { name: Name; offsets: number[] } {
  return {
    name: { value, span: { file: 'm.yaml', start: 100, end: 100 + value.length } },
    offsets: Array.from({ length: value.length + 1 }, (_, i) => 100 + i),
  };
}

function parse(value: string, options: ParseReferenceOptions = {}) {
  const { name, offsets } = written(value);
  return parseReference(name, { ...options, offsets });
}

describe('parseReference: valid references', () => {
  const cases: Array<[string, { type: string; namespace: string; name: string; version: unknown }]> = [
    ['connector:community/weather@1.0.0', { type: 'connector', namespace: 'community', name: 'weather', version: { kind: 'exact', version: '1.0.0' } }],
    ['connector:github/mcp@~0.4', { type: 'connector', namespace: 'github', name: 'mcp', version: { kind: 'range', range: '>=0.4.0 <0.5.0-0' } }],
    ['workflow:openworkflow/daily-weather-to-slack@^1.2', { type: 'workflow', namespace: 'openworkflow', name: 'daily-weather-to-slack', version: { kind: 'range' } }],
    ['agent:acme/triage_bot.v2@>=1 <2', { type: 'agent', namespace: 'acme', name: 'triage_bot.v2', version: { kind: 'range', range: '>=1.0.0 <2.0.0-0' } }],
    ['bundle:smartify/startup-starter@1.x', { type: 'bundle', namespace: 'smartify', name: 'startup-starter', version: { kind: 'range' } }],
    ['connector:community/slack@latest', { type: 'connector', namespace: 'community', name: 'slack', version: { kind: 'latest', implicit: false } }],
    ['connector:community/slack', { type: 'connector', namespace: 'community', name: 'slack', version: { kind: 'latest', implicit: true } }],
    ['connector:community/beta@2.0.0-rc.1', { type: 'connector', namespace: 'community', name: 'beta', version: { kind: 'exact', version: '2.0.0-rc.1' } }],
  ];
  it.each(cases)('%s', (text, want) => {
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.reference?.kind).toBe('registry');
    if (result.reference?.kind !== 'registry') return;
    const { ref } = result.reference;
    expect({ type: ref.type, namespace: ref.namespace, name: ref.name }).toEqual({ type: want.type, namespace: want.namespace, name: want.name });
    expect(ref.version).toMatchObject(want.version as object);
    expect(ref.text).toBe(text);
  });

  it('records the span of every part', () => {
    const result = parse('connector:community/weather@^1.2');
    if (result.reference?.kind !== 'registry') throw new Error('expected a registry reference');
    const { spans } = result.reference.ref;
    expect(spans.type).toMatchObject({ start: 100, end: 109 });
    expect(spans.namespace).toMatchObject({ start: 110, end: 119 });
    expect(spans.name).toMatchObject({ start: 120, end: 127 });
    expect(spans.version).toMatchObject({ start: 128, end: 132 });
  });

  it('accepts a bare name only where allowed', () => {
    expect(parse('slack', { allowBare: true }).reference).toMatchObject({ kind: 'bare', name: 'slack' });
    expect(parse('slack').diagnostics.map((d) => d.code)).toEqual(['OWC4003']);
  });
});

describe('parseReference: invalid references', () => {
  // [reference, options, code, the characters the error points at]
  const cases: Array<[string, ParseReferenceOptions, string, string]> = [
    ['plugin:community/slack@1.0.0', {}, 'OWC4001', 'plugin'],
    ['agent:community/slack@1.0.0', { expected: 'connector' }, 'OWC4002', 'agent'],
    ['connector:slack@1.0.0', {}, 'OWC4003', 'slack'],
    ['connector:/slack@1.0.0', {}, 'OWC4003', '/'],
    ['connector:community/@1.0.0', {}, 'OWC4003', '/'],
    ['connector:community/slack@', {}, 'OWC4003', '@'],
    ['slack@1.0.0', { allowBare: true }, 'OWC4003', 'slack@1.0.0'],
    ['connector:Community/slack@1.0.0', {}, 'OWC4004', 'C'],
    ['connector:community/my slack@1.0.0', {}, 'OWC4004', ' '],
    ['connector:community/a/b@1.0.0', {}, 'OWC4004', '/'],
    ['connector:community/slack@next', {}, 'OWC4005', 'next'],
    ['connector:community/slack@1.0.0.0', {}, 'OWC4005', '1.0.0.0'],
    ['connector:community/slack@^x.y', {}, 'OWC4005', '^x.y'],
  ];
  it.each(cases)('%s → %s', (text, options, code, marked) => {
    const result = parse(text, options);
    expect(result.reference).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    const d = result.diagnostics[0]!;
    expect(text.slice(d.span.start - 100, d.span.end - 100)).toBe(marked);
  });

  it('explains the problem in words', () => {
    const [invalidName] = parse('connector:Community/slack@1.0.0').diagnostics;
    expect(invalidName?.message).toBe("namespace 'Community' in reference 'connector:Community/slack@1.0.0' may contain only lower-case letters, digits, '-', '_' and '.'");
    expect(invalidName?.hint).toBe("did you mean 'community'?");
    const [wrongType] = parse('agent:acme/bot@1.0.0', { expected: 'connector' }).diagnostics;
    expect(wrongType?.message).toBe("expected a connector reference here, but 'agent:acme/bot@1.0.0' refers to an agent");
    expect(wrongType?.hint).toBe("write 'connector:acme/bot@1.0.0' if a connector of that name exists");
  });

  it('covers the whole reference when character offsets are unknown', () => {
    const name: Name = { value: 'connector:community/slack@next', span: { file: 'm.yaml', start: 5, end: 40 } };
    const [d] = parseReference(name).diagnostics;
    expect(d?.span).toEqual(name.span);
  });
});

describe('nameOffsets', () => {
  it('maps a double-quoted scalar past its quote', () => {
    const text = 'connector: "connector:community/slack@nope"\n';
    const file = new SourceFile('q.yaml', text);
    const value = 'connector:community/slack@nope';
    const start = text.indexOf('"');
    const name: Name = { value, span: { file: 'q.yaml', start, end: text.lastIndexOf('"') + 1 } };
    const [d] = parseReference(name, { offsets: nameOffsets(name, file)! }).diagnostics;
    expect(text.slice(d!.span.start, d!.span.end)).toBe('nope');
  });

  it('maps a quoted scalar with escapes', () => {
    const text = 'connector: "connector:comm\\u0075nity/Slack@1.0.0"\n';
    const file = new SourceFile('e.yaml', text);
    const name: Name = { value: 'connector:community/Slack@1.0.0', span: { file: 'e.yaml', start: 11, end: text.length - 1 } };
    const offsets = nameOffsets(name, file);
    expect(offsets).toBeDefined();
    const [d] = parseReference(name, { offsets: offsets! }).diagnostics;
    expect(text.slice(d!.span.start, d!.span.end)).toBe('S');
  });

  it('gives up when the span does not hold the value', () => {
    const file = new SourceFile('x.yaml', 'something: else\n');
    expect(nameOffsets({ value: 'connector:a/b@1', span: { file: 'x.yaml', start: 0, end: 9 } }, file)).toBeUndefined();
    expect(nameOffsets({ value: 'a', span: { file: 'other.yaml', start: 0, end: 1 } }, file)).toBeUndefined();
  });
});

describe('version specs', () => {
  it.each([
    ['1.2.3', 'exact'],
    ['^1.2', 'range'],
    ['~0.4', 'range'],
    ['>=1 <2', 'range'],
    ['1.x', 'range'],
    ['*', 'range'],
    ['latest', 'latest'],
  ])('%s is %s', (text, kind) => {
    expect(parseVersionSpec(text)?.kind).toBe(kind);
  });
  it.each(['', 'next', 'banana', '1.2.3.4'])('%j is not a version', (text) => {
    expect(parseVersionSpec(text)).toBeUndefined();
  });
  it('formats identities and tells references from bare names', () => {
    expect(formatIdentity('connector', 'community', 'weather', '1.0.0')).toBe('connector:community/weather@1.0.0');
    expect(formatIdentity('workflow', undefined, 'etl', undefined)).toBe('workflow:etl');
    expect(looksLikeRegistryRef('slack')).toBe(false);
    expect(looksLikeRegistryRef('connector:community/slack')).toBe(true);
  });
});
