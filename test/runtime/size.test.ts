import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the runtime core an HTTP connector client pulls in stays under 5,000 bytes min+gzip', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['bench/runtime-size.mjs']);
  const sizes = JSON.parse(stdout) as Record<string, { minified: number; gzip: number }>;
  expect(sizes['core']?.gzip).toBeLessThan(5000);
  expect(sizes['everything']?.gzip).toBeGreaterThan(sizes['core']?.gzip ?? 0);
});
