/** Minimal ANSI styling; disabled unless the stream is a terminal (or FORCE_COLOR is set). */

export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ansi: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const plain: Palette = { red: (s) => s, yellow: (s) => s, blue: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };

/** Chooses colours the way most CLIs do: NO_COLOR wins, FORCE_COLOR forces, otherwise only on a TTY. */
export function choosePalette(isTTY: boolean, env: NodeJS.ProcessEnv): Palette {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return ansi;
  if (env.TERM === 'dumb') return plain;
  return isTTY ? ansi : plain;
}
