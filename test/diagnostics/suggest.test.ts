import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/diagnostics/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['forEach', 'foreach', 0],
    ['iff', 'if', 1],
  ])('%s ~ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('closestMatch', () => {
  const kinds = ['action', 'agent', 'workflow', 'if', 'switch', 'forEach', 'parallel'];
  it('finds a close candidate', () => {
    expect(closestMatch('iff', kinds)).toBe('if');
    expect(closestMatch('paralel', kinds)).toBe('parallel');
    expect(closestMatch('Europe/Pariss', ['Europe/Paris', 'Europe/Prague'])).toBe('Europe/Paris');
  });
  it('prefers a case-only difference', () => {
    expect(closestMatch('foreach', ['forEach', 'foreacx'])).toBe('forEach');
  });
  it('gives nothing when no candidate is close, or the word itself is a candidate', () => {
    expect(closestMatch('zzzzzz', kinds)).toBeUndefined();
    expect(closestMatch('if', ['if'])).toBeUndefined();
  });
});
