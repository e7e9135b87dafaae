/**
 * Version selection: which of the loaded versions a reference binds to.
 * Ranges follow npm's SemVer rules, so a prerelease matches only a range that
 * names a prerelease of the same major.minor.patch; `latest` is the highest
 * version that is not a prerelease.
 */
import semver from 'semver';
import type { VersionSpec } from './ref.js';

/** Whether `version` (valid SemVer) is allowed by `spec`. */
export function satisfiesSpec(version: string, spec: VersionSpec): boolean {
  switch (spec.kind) {
    case 'exact':
      return semver.eq(version, spec.version);
    case 'range':
      return semver.satisfies(version, spec.range);
    case 'latest':
      return semver.prerelease(version) === null;
  }
}

/**
 * The version to bind among `versions` (valid SemVer strings): `preferred`
 * (the locked one) when it is loaded and still satisfies `spec`, otherwise
 * the highest satisfying version.
 */
export function selectVersion(versions: readonly string[], spec: VersionSpec, preferred?: string): string | undefined {
  // The spec's kind and text determine it; the same candidates and spec recur for every step using a connector.
  const key = `${spec.kind}\u0000${spec.text}\u0000${preferred ?? ''}\u0000${versions.join('\u0000')}`;
  if (selected.has(key)) return selected.get(key);
  const version = selectVersionUncached(versions, spec, preferred);
  if (selected.size > 10_000) selected.clear();
  selected.set(key, version);
  return version;
}

const selected = new Map<string, string | undefined>();

function selectVersionUncached(versions: readonly string[], spec: VersionSpec, preferred?: string): string | undefined {
  if (preferred !== undefined && versions.some((v) => semver.eq(v, preferred)) && satisfiesSpec(preferred, spec)) {
    return versions.find((v) => semver.eq(v, preferred));
  }
  let best: string | undefined;
  for (const v of versions) {
    if (!satisfiesSpec(v, spec)) continue;
    if (best === undefined || semver.gt(v, best)) best = v;
  }
  return best;
}

/** Valid SemVer versions, lowest first, without duplicates. */
export function sortVersions(versions: Iterable<string>): string[] {
  const unique = new Map<string, string>();
  for (const v of versions) {
    const clean = semver.valid(v);
    if (clean !== null && !unique.has(clean)) unique.set(clean, v);
  }
  return [...unique.keys()].sort(semver.compare);
}
