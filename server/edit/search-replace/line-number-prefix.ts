/**
 * Recognises line-number prefixes a model copied from read_file output (`  12│ `, `12: `, `12\t`,
 * `L12:`, `12 | `, `12→`) and strips them. Only a block where EVERY line carries the same style of
 * prefix with strictly increasing numbers qualifies; the caller strips only when the raw block failed
 * to match, so a file whose real lines look like that is never mangled.
 */

const PREFIX = /^(\s*)(L?)(\d{1,7})(\s*[│|:→]\s?|\t)/;

interface Prefixed {
  /** Style key: the `L` marker plus the separator character. */
  style: string;
  number: number;
  rest: string;
}

function parse(line: string): Prefixed | null {
  const m = PREFIX.exec(line);
  if (!m) return null;
  const sep = (m[4] ?? '').trim() || '\t';
  return { style: `${m[2] ?? ''}${sep}`, number: Number(m[3]), rest: line.slice(m[0].length) };
}

/** The stripped lines, or null when the block does not carry a consistent prefix on every line. */
export function stripLineNumberPrefixes(lines: readonly string[]): { lines: string[]; style: string } | null {
  if (lines.length === 0) return null;
  const out: string[] = [];
  let style: string | null = null;
  let last = -1;
  for (const line of lines) {
    const p = parse(line);
    if (!p) return null;
    if (style === null) style = p.style;
    else if (p.style !== style) return null;
    if (p.number <= last) return null;
    last = p.number;
    out.push(p.rest);
  }
  return style === null ? null : { lines: out, style };
}

/**
 * Strips the same prefix style from the replacement lines that carry it (a model edits the copied
 * lines and often writes new lines without numbers); lines without the prefix stay as they are.
 */
export function stripReplacePrefixes(lines: readonly string[], style: string): string[] {
  return lines.map((line) => {
    const p = parse(line);
    return p && p.style === style ? p.rest : line;
  });
}
