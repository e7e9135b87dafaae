/**
 * Lays out the JavaScript that ajv's code generator writes with `lines: true`
 * (one statement or block edge per line, no indentation): each line is
 * indented two spaces per open block. Leading whitespace never changes what
 * JavaScript means outside template literals and multi-line strings, which
 * ajv's code never contains (it writes strings with JSON escaping), so this is
 * a pure layout step — and a linear one, unlike a full formatter, which spends
 * about a second on one connector's validators.
 */

/** Indents `code` by block depth: a line starting with `}` closes a block, a line ending with `{` opens one. */
export function indentBlocks(code: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const first = line[0];
    if (first === '}' && depth > 0) depth--;
    out.push(`${'  '.repeat(depth)}${line}`);
    const last = line[line.length - 1];
    if (last === '{') depth++;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
