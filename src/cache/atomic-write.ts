/** Writing a cache file so that a reader never sees half of it. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to a temporary file beside `file` and renames it into place,
 * creating the folder. False when that failed (a read-only folder, a full
 * disk): a cache that cannot be written only costs later runs their speed.
 */
export function writeFileAtomically(file: string, text: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}
