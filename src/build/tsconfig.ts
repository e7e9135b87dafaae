/** The strict tsconfig.json written into the output folder (DESIGN.md §8). */
import { generatedHeader } from '../../generators/common/header.js';

/**
 * A strict configuration under which `tsc --noEmit -p OUT` checks every
 * generated module, written as prettier formats it (test/build/layout.test.ts
 * holds it to that), so no build loads prettier for it. tsconfig.json allows
 * comments, so it carries the generated header too.
 */
export const generatedTsconfig = `${generatedHeader(undefined)}{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "lib": ["ES2023"],
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitOverride": true,
    "noFallthroughCasesInSwitch": true,
    "isolatedModules": true,
    "verbatimModuleSyntax": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["**/*.ts"]
}
`;
