/**
 * The check framework. A check is one file exporting a `Check`: a name, a
 * sentence of documentation, and `run`, which reads the lowered and resolved
 * program and reports into the bag. Checks never throw on odd input and never
 * write message text inline: they report catalog entries.
 *
 * To add a check: write `src/checks/<area>/<name>.ts` exporting a `Check`,
 * add it to the list in ./registry.ts, and pair it with
 * `test/checks/<name>.test.ts`.
 */
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Program } from '../lower/ir.js';
import type { Bindings } from '../resolve/bindings.js';

export interface CheckOptions {
  /** `--strict`: warnings about possibly-undefined values become errors. */
  readonly strict: boolean;
}

/** What a check can read, and where it reports. */
export interface CheckContext {
  readonly program: Program;
  readonly bindings: Bindings;
  readonly options: CheckOptions;
  readonly bag: DiagnosticBag;
}

export interface Check {
  /** Kebab-case, unique: `duplicate-step-ids`. */
  readonly name: string;
  /** One sentence: what the check reports. */
  readonly doc: string;
  readonly run: (context: CheckContext) => void;
}
