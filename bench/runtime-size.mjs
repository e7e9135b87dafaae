// Measures the runtime a generated HTTP connector client pulls in: esbuild
// bundles a small client module (minified, node platform), gzips it (level 9)
// and prints bytes. `core` is what every HTTP client loads. The modules the
// runtime imports lazily stay separate files, as they are in dist/: auth
// (apiKey/bearer/basic), oauth2, the urlValidation policy, body templates, a
// caller's fetch, and the command/mcp/kafka transports (never in an HTTP
// client). The other rows add the lazy modules a connector using them loads.
// Usage: node bench/runtime-size.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const client = `
import { invokeAction, fromAjv } from './runtime-lib/index.ts';
const validate = fromAjv(Object.assign((v) => typeof v === 'object', { errors: null }));
export const connector = { ref: 'connector:x/y@1.0.0', name: 'y', kind: 'http', runtime: {}, 
  actions: { a: { handler: { kind: 'http', url: 'https://example.com/\${input.id}', method: 'POST' }, validateInput: validate } } };
export const call = (input, options) => invokeAction(connector, 'a', input, options);
`;

async function measure(external) {
  const result = await build({
    stdin: { contents: client, resolveDir: root, loader: 'js', sourcefile: 'client.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    external,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const lazy = { auth: './auth.js', oauth2: './oauth2.js', urlValidation: './url-policy.js', bodyTemplate: '../body-template.js', fetch: './fetch.js' };
const without = (...loaded) =>
  Object.entries(lazy)
    .filter(([k]) => !loaded.includes(k))
    .map(([, v]) => v);
console.log(
  JSON.stringify({
    core: await measure(without()),
    withAuth: await measure(without('auth')),
    withOAuth2: await measure(without('auth', 'oauth2')),
    withUrlValidation: await measure(without('urlValidation')),
    everything: await measure([]),
  }),
);
