import { describe, expect, it } from 'vitest';
import { parseVersionSpec } from '../../src/resolve/ref.js';
import { satisfiesSpec, selectVersion, sortVersions } from '../../src/resolve/versions.js';

const loaded = ['0.3.2', '0.4.0', '0.4.7', '1.0.0', '1.2.0', '1.2.5', '1.10.0', '2.0.0-beta.1', '2.0.0-rc.2'];

function select(spec: string, versions: readonly string[] = loaded, preferred?: string): string | undefined {
  const parsed = parseVersionSpec(spec);
  if (parsed === undefined) throw new Error(`bad spec ${spec}`);
  return selectVersion(versions, parsed, preferred);
}

describe('selectVersion', () => {
  it.each([
    ['1.2.0', '1.2.0'],
    ['1.2.1', undefined],
    ['^1.2', '1.10.0'],
    ['^1.2.1', '1.10.0'],
    ['~1.2', '1.2.5'],
    ['~0.4', '0.4.7'],
    ['^0.4', '0.4.7'],
    ['>=1 <2', '1.10.0'],
    ['>=0.4 <1', '0.4.7'],
    ['1.x', '1.10.0'],
    ['0.x', '0.4.7'],
    ['*', '1.10.0'],
    ['^3', undefined],
  ])('%s → %s', (spec, want) => {
    expect(select(spec)).toBe(want);
  });

  it('compares versions numerically, not as text', () => {
    expect(select('latest', ['1.9.0', '1.10.0', '1.2.0'])).toBe('1.10.0');
  });

  describe('prereleases', () => {
    it('latest never picks a prerelease', () => {
      expect(select('latest')).toBe('1.10.0');
      expect(select('latest', ['2.0.0-beta.1'])).toBeUndefined();
    });
    it('a plain range does not match prereleases', () => {
      expect(select('^2.0.0')).toBeUndefined();
      expect(select('>=1.10.0')).toBe('1.10.0');
    });
    it('an exact prerelease, or a range naming one, does', () => {
      expect(select('2.0.0-beta.1')).toBe('2.0.0-beta.1');
      expect(select('^2.0.0-beta.0')).toBe('2.0.0-rc.2');
    });
  });

  describe('a preferred (locked) version', () => {
    it('wins while it still satisfies the range', () => {
      expect(select('^1.2', loaded, '1.2.0')).toBe('1.2.0');
      expect(select('latest', loaded, '1.0.0')).toBe('1.0.0');
    });
    it('is ignored when it no longer satisfies the range or is not loaded', () => {
      expect(select('^1.2', loaded, '1.0.0')).toBe('1.10.0');
      expect(select('^1.2', loaded, '1.3.0')).toBe('1.10.0');
    });
  });
});

describe('satisfiesSpec and sorting', () => {
  it('treats latest as "not a prerelease"', () => {
    expect(satisfiesSpec('1.0.0', parseVersionSpec('latest')!)).toBe(true);
    expect(satisfiesSpec('1.0.0-alpha', parseVersionSpec('latest')!)).toBe(false);
  });
  it('sorts lowest first, dropping invalid and duplicate versions', () => {
    expect(sortVersions(['1.0.0', 'x', '1.10.0', '1.2.0', '1.0.0'])).toEqual(['1.0.0', '1.2.0', '1.10.0']);
  });
});
