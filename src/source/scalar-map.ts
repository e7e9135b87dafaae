/**
 * Maps each character of a scalar's *value* back to its offset in the file.
 *
 * YAML folds and unescapes scalars: `"a\tb"` has value `a<TAB>b`, block
 * scalars drop their indentation, folded scalars turn line breaks into
 * spaces. An expression inside such a value must still be reported at its
 * exact line and column, so we replay the folding over the raw source and
 * record, for every value character, where it came from. If the replay does
 * not reproduce the parser's value (an exotic form we do not model), we fall
 * back to a greedy alignment that is exact for every unescaped character.
 */

/** The scalar styles, in a fixed order (nodes and the load cache store a style as its index here). */
export const scalarStyles = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;

export type ScalarStyle = (typeof scalarStyles)[number];

/** `offsets[i]` is the file offset of value character i; `offsets[value.length]` is the end. */
export type OffsetMap = readonly number[];

/**
 * Builds the offset map for a scalar whose raw source text starts at `base`.
 * `value` is the parsed value the map must reproduce.
 */
export function buildOffsetMap(style: ScalarStyle, raw: string, base: number, value: string): OffsetMap {
  let replay: Replay | undefined;
  switch (style) {
    case 'PLAIN':
      replay = foldFlow(raw, 0, raw.length, false);
      break;
    case 'QUOTE_SINGLE':
      replay = foldFlow(raw, 1, closingQuote(raw, "'"), 'single');
      break;
    case 'QUOTE_DOUBLE':
      replay = foldFlow(raw, 1, closingQuote(raw, '"'), 'double');
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      replay = blockScalar(raw, style === 'BLOCK_FOLDED');
      break;
  }
  if (replay && replay.text === value) return replay.offsets.map((o) => o + base);
  return greedyAlign(raw, base, value);
}

interface Replay {
  text: string;
  offsets: number[];
}

function closingQuote(raw: string, quote: string): number {
  const last = raw.lastIndexOf(quote);
  return last > 0 ? last : raw.length;
}

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/**
 * Flow scalars (plain and quoted): lines are trimmed and joined with one
 * space; each empty line between them contributes a newline instead.
 */
function foldFlow(raw: string, from: number, to: number, quoting: false | 'single' | 'double'): Replay {
  const out: string[] = [];
  const offsets: number[] = [];
  const push = (ch: string, at: number): void => {
    out.push(ch);
    offsets.push(at);
  };
  let i = from;
  // Whitespace collected at the end of a line is dropped if a line break follows.
  let pendingBlanks: Array<[string, number]> = [];
  const flushBlanks = (): void => {
    for (const [ch, at] of pendingBlanks) push(ch, at);
    pendingBlanks = [];
  };
  while (i < to) {
    const ch = raw[i]!;
    if (ch === '\n' || ch === '\r') {
      pendingBlanks = [];
      const breakAt = i;
      // Count the line breaks in this run, skipping indentation between them.
      let breaks = 0;
      while (i < to && (raw[i] === '\n' || raw[i] === '\r' || isBlank(raw[i]))) {
        if (raw[i] === '\n') breaks++;
        else if (raw[i] === '\r' && raw[i + 1] !== '\n') breaks++;
        i++;
      }
      if (breaks <= 1) push(' ', breakAt);
      else for (let k = 1; k < breaks; k++) push('\n', breakAt);
      continue;
    }
    if (isBlank(ch)) {
      pendingBlanks.push([ch, i]);
      i++;
      continue;
    }
    flushBlanks();
    if (quoting === 'single' && ch === "'" && raw[i + 1] === "'") {
      push("'", i);
      i += 2;
      continue;
    }
    if (quoting === 'double' && ch === '\\') {
      const consumed = doubleQuoteEscape(raw, i, to, push);
      i += consumed;
      continue;
    }
    push(ch, i);
    i++;
  }
  flushBlanks();
  if (quoting === false) {
    // Plain scalars have no trailing blanks in their value.
    while (out.length > 0 && isBlank(out[out.length - 1])) {
      out.pop();
      offsets.pop();
    }
  }
  offsets.push(to);
  return { text: out.join(''), offsets };
}

const simpleEscapes: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** Replays one `\` escape in a double-quoted scalar; returns how many raw characters it used. */
function doubleQuoteEscape(raw: string, at: number, to: number, push: (ch: string, at: number) => void): number {
  const next = raw[at + 1];
  if (next === undefined || at + 1 >= to) {
    push('\\', at);
    return 1;
  }
  if (next === '\n' || next === '\r') {
    // Escaped line break: joins lines without a space; leading blanks of the next line go too.
    let j = at + 1;
    if (raw[j] === '\r' && raw[j + 1] === '\n') j++;
    j++;
    while (j < to && isBlank(raw[j])) j++;
    return j - at;
  }
  const simple = simpleEscapes[next];
  if (simple !== undefined) {
    push(simple, at);
    return 2;
  }
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const code = Number.parseInt(raw.slice(at + 2, at + 2 + hexLength), 16);
    if (Number.isFinite(code)) {
      const text = String.fromCodePoint(code);
      for (const unit of text.split('')) push(unit, at);
      return 2 + hexLength;
    }
  }
  push(next, at);
  return 2;
}

interface BlockHeader {
  chomp: 'clip' | 'strip' | 'keep';
  explicitIndent: number | undefined;
  bodyStart: number;
}

function parseBlockHeader(raw: string): BlockHeader {
  let i = 1; // after '|' or '>'
  let chomp: BlockHeader['chomp'] = 'clip';
  let explicitIndent: number | undefined;
  while (i < raw.length && raw[i] !== '\n' && raw[i] !== '\r' && raw[i] !== ' ' && raw[i] !== '\t' && raw[i] !== '#') {
    const c = raw[i]!;
    if (c === '-') chomp = 'strip';
    else if (c === '+') chomp = 'keep';
    else if (c >= '1' && c <= '9') explicitIndent = Number(c);
    i++;
  }
  while (i < raw.length && raw[i] !== '\n') i++;
  return { chomp, explicitIndent, bodyStart: i + 1 };
}

interface BlockLine {
  start: number; // offset of the first content character (after indentation)
  end: number; // offset of the line break (or end of text)
  indent: number;
  empty: boolean;
}

/** Block scalars (`|` and `>`): strip the indentation, fold for `>`, then chomp. */
function blockScalar(raw: string, folded: boolean): Replay | undefined {
  const header = parseBlockHeader(raw);
  const lines: BlockLine[] = [];
  let pos = header.bodyStart;
  while (pos <= raw.length && pos > 0) {
    let end = raw.indexOf('\n', pos);
    if (end === -1) end = raw.length;
    let lineEnd = end;
    if (lineEnd > pos && raw[lineEnd - 1] === '\r') lineEnd--;
    let indent = 0;
    while (pos + indent < lineEnd && raw[pos + indent] === ' ') indent++;
    const empty = raw.slice(pos + indent, lineEnd).trim() === '';
    lines.push({ start: pos, end: lineEnd, indent, empty });
    if (end >= raw.length) break;
    pos = end + 1;
  }
  if (lines.length > 0) {
    const last = lines[lines.length - 1]!;
    if (last.empty && last.start >= raw.length) lines.pop();
  }
  let indent = header.explicitIndent;
  if (indent === undefined) {
    const firstContent = lines.find((l) => !l.empty);
    indent = firstContent ? firstContent.indent : 0;
    // Leading empty lines longer than the content indentation are an error in YAML; ignore.
  }
  const out: string[] = [];
  const offsets: number[] = [];
  const push = (ch: string, at: number): void => {
    out.push(ch);
    offsets.push(at);
  };
  // Content lines, with their text after removing `indent` spaces.
  let lastContent = -1;
  for (let k = 0; k < lines.length; k++) if (!lines[k]!.empty || lines[k]!.end - lines[k]!.start > indent) lastContent = lines[k]!.empty ? lastContent : k;
  let prevWasText = false;
  let prevMoreIndented = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const textStart = line.start + Math.min(indent, line.end - line.start);
    const isEmpty = line.empty && line.end - line.start <= indent;
    if (k > lastContent) break; // trailing empty lines: handled by chomping
    const moreIndented = !line.empty && (raw[textStart] === ' ' || raw[textStart] === '\t');
    if (k > 0) {
      const prev = lines[k - 1]!;
      const breakAt = prev.end;
      const prevEmpty = prev.empty;
      if (!folded || isEmpty || line.empty) push('\n', breakAt);
      else if (!prevEmpty) push(prevMoreIndented || moreIndented ? '\n' : ' ', breakAt);
      // After empty lines, the break before a text line folds away, unless
      // either neighbour is more indented or no text came before.
      else if (!prevWasText || prevMoreIndented || moreIndented) push('\n', breakAt);
    }
    for (let c = textStart; c < line.end; c++) push(raw[c]!, c);
    if (!(isEmpty || line.empty)) {
      prevWasText = true;
      prevMoreIndented = moreIndented;
    }
  }
  const trailingBreakAt = lastContent >= 0 ? lines[lastContent]!.end : header.bodyStart;
  const trailingEmpty = lines.length - 1 - lastContent;
  if (lastContent >= 0) {
    if (header.chomp === 'clip') push('\n', trailingBreakAt);
    else if (header.chomp === 'keep') {
      push('\n', trailingBreakAt);
      for (let k = 0; k < trailingEmpty; k++) push('\n', lines[lastContent + 1 + k]!.start);
    }
  } else if (header.chomp === 'keep') {
    for (let k = 0; k < lines.length; k++) push('\n', lines[k]!.start);
  }
  offsets.push(raw.length);
  return { text: out.join(''), offsets };
}

/**
 * Fallback: walk value and raw text together; each value character maps to
 * the next raw occurrence of the same character, within a short window.
 */
function greedyAlign(raw: string, base: number, value: string): OffsetMap {
  const offsets: number[] = [];
  let r = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const found = raw.indexOf(ch, r);
    if (found !== -1 && found - r <= 8 + (ch === ' ' || ch === '\n' ? 64 : 0)) {
      offsets.push(base + found);
      r = found + 1;
    } else {
      offsets.push(base + Math.min(r, raw.length));
    }
  }
  offsets.push(base + raw.length);
  return offsets;
}
