/** The strict tsconfig.json written into the output folder (DESIGN.md §8). */
import { generatedHeader } from '../../generators/common/header.js';
import { formatJson } from '../../generators/common/format.js';

/** A strict configuration under which `tsc --noEmit -p OUT` checks every generated module. */
export async function generatedTsconfig(): Promise<string> {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['**/*.ts'],
  };
  // tsconfig.json allows comments, so it carries the generated header too.
  return generatedHeader(undefined) + (await formatJson(JSON.stringify(config)));
}
