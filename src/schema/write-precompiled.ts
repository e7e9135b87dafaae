/** Build step (`npm run build`): writes the precompiled manifest validators (see precompiled.ts). */
import { writeFileSync } from 'node:fs';
import { precompiledPath, precompiledSource } from './precompiled.js';

writeFileSync(precompiledPath, precompiledSource());
process.stdout.write(`wrote ${precompiledPath}\n`);
