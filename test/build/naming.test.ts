/** Names in generated code and of generated files. */
import { describe, expect, it } from 'vitest';
import { camelCase, NameScope, pascalCase } from '../../generators/common/naming.js';
import { connectorFileBase, connectorNamespaceName, connectorRef } from '../../generators/connector/names.js';
import type { ConnectorIR } from '../../src/lower/ir.js';

describe('case conversion', () => {
  const cases: [string, { camel: string; pascal: string }][] = [
    ['get_current_weather', { camel: 'getCurrentWeather', pascal: 'GetCurrentWeather' }],
    ['post-message', { camel: 'postMessage', pascal: 'PostMessage' }],
    ['getForecast', { camel: 'getForecast', pascal: 'GetForecast' }],
    ['HTTPRequest', { camel: 'httpRequest', pascal: 'HttpRequest' }],
    ['2fa.verify', { camel: '_2faVerify', pascal: '_2faVerify' }],
    ['***', { camel: 'unnamed', pascal: 'Unnamed' }],
  ];
  for (const [name, want] of cases) {
    it(name, () => {
      expect(camelCase(name)).toBe(want.camel);
      expect(pascalCase(name)).toBe(want.pascal);
    });
  }
});

describe('NameScope', () => {
  it('hands out unique names and avoids reserved words', () => {
    const scope = new NameScope(['invokeAction']);
    expect(scope.unique('getItem')).toBe('getItem');
    expect(scope.unique('getItem')).toBe('getItem2');
    expect(scope.unique('invokeAction')).toBe('invokeAction2');
    expect(scope.unique('delete')).toBe('delete2');
  });
});

function connector(namespace: string | undefined, name: string, version: string | undefined): ConnectorIR {
  const span = { file: 'x.yaml', start: 0, end: 0 };
  const named = (value: string) => ({ value, span });
  return {
    name: named(name),
    namespace: namespace === undefined ? undefined : named(namespace),
    version: version === undefined ? undefined : named(version),
  } as unknown as ConnectorIR;
}

describe('connector module names', () => {
  const cases: [string, { ns?: string; name: string; version?: string; file: string; ref: string; id: string }][] = [
    ['namespaced and versioned', { ns: 'community', name: 'weather', version: '1.0.0', file: 'community-weather-v1_0_0', ref: 'connector:community/weather@1.0.0', id: 'communityWeatherV1_0_0' }],
    ['prerelease', { ns: 'acme', name: 'Big API', version: '2.0.0-beta.1', file: 'acme-big_api-v2_0_0-beta_1', ref: 'connector:acme/Big API@2.0.0-beta.1', id: 'acmeBigApiV2_0_0_beta_1' }],
    ['bare', { name: 'chat', file: 'chat', ref: 'connector:chat', id: 'chat' }],
    ['reserved device name', { name: 'con', file: 'con_', ref: 'connector:con', id: 'con' }],
  ];
  for (const [label, c] of cases) {
    it(label, () => {
      const ir = connector(c.ns, c.name, c.version);
      expect(connectorFileBase(ir)).toBe(c.file);
      expect(connectorRef(ir)).toBe(c.ref);
      expect(connectorNamespaceName(ir)).toBe(c.id);
    });
  }
});
