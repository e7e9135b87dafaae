/** owc's own version, read once from package.json. */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const url = new URL('../../package.json', import.meta.url);
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      // Compiled into dist/src/cli/: package.json is one level further up.
      text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    }
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const toolVersion = readVersion();
