/**
 * Turns an HTML page into readable plain text for a model: drops scripts, styles and markup, keeps
 * headings, paragraphs, list items, table rows and preformatted code as lines. A small hand-written
 * converter, not a full HTML parser. Pure; no I/O.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·',
  times: '×', larr: '←', rarr: '→', para: '¶', sect: '§', deg: '°', trade: '™', euro: '€',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const DROP_WITH_CONTENT = /<(script|style|noscript|svg|template|iframe|object|canvas|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK = /<\/?(p|div|section|article|main|header|footer|nav|aside|blockquote|form|table|thead|tbody|tfoot|ul|ol|dl|dt|dd|figure|figcaption|details|summary|hr)\b[^>]*>/gi;

/** The page title, if any. */
export function htmlTitle(html: string): string | null {
  const m = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const t = m ? decodeEntities(m[1] as string).replace(/\s+/g, ' ').trim() : '';
  return t || null;
}

export function htmlToText(html: string): string {
  const title = htmlTitle(html);
  let s = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!doctype[^>]*>/gi, '');
  s = s.replace(DROP_WITH_CONTENT, '');
  // Preformatted blocks keep their whitespace: stash them before whitespace is collapsed.
  const pres: string[] = [];
  s = s.replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_m, body: string) => {
    pres.push(decodeEntities(body.replace(/<[^>]+>/g, '')));
    return `\n\u0000PRE${pres.length - 1}\u0000\n`;
  });
  s = s.replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, body: string) => `\n${'#'.repeat(Number(level))} ${body}\n`);
  s = s.replace(/<li\b[^>]*>/gi, '\n- ');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<tr\b[^>]*>/gi, '\n').replace(/<\/tr\s*>/gi, '');
  s = s.replace(/<\/t[dh]\s*>/gi, ' | ');
  s = s.replace(/<code\b[^>]*>([\s\S]*?)<\/code\s*>/gi, (_m, body: string) => `\`${body}\``);
  s = s.replace(BLOCK, '\n');
  s = s.replace(/<[^>]*>/g, '');
  s = decodeEntities(s);
  const lines = s
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/( \| )+$/, '').trim())
    .filter((l, i, arr) => l !== '' || (i > 0 && arr[i - 1] !== ''));
  let text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  text = text.replace(/\u0000PRE(\d+)\u0000/g, (_m, i: string) => '```\n' + (pres[Number(i)] as string).replace(/^\n+|\s+$/g, '') + '\n```');
  if (title && !text.slice(0, 2000).includes(`# ${title}`)) text = `# ${title}\n\n${text}`;
  return text;
}
