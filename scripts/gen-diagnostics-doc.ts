// Writes docs/diagnostics.md from the message catalog.
import { writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../src/diagnostics/docs.js';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsDoc());
