/**
 * Splits identifiers into lowercase word parts (camelCase, PascalCase, snake_case, kebab-case,
 * acronyms such as `HTTPServer`) and builds the expanded token text the FTS index stores.
 * Pure functions; no I/O, no SQLite.
 */

/** `HTTPServer` → [http, server]; `parse_user_name` → [parse, user, name]; `base64Encode` → [base64, encode]. */
export function identifierParts(name: string): string[] {
  const parts: string[] = [];
  for (const chunk of name.split(/[^\p{L}\p{N}]+/u)) {
    if (!chunk) continue;
    // Boundaries: lower/digit → Upper ("parseUser", "v2Data"), and the last capital of an
    // acronym run that starts a new word ("HTTPServer" → "HTTP" + "Server").
    const words = chunk
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1\u0000$2')
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1\u0000$2')
      .split('\u0000');
    for (const w of words) if (w) parts.push(w.toLowerCase());
  }
  return parts;
}

/**
 * The text stored in the FTS `tokens` column: the parts plus, for compound names, the parts
 * joined (`parseuser`), so both `parse user`, `user` and `parseus` find `parseUser`.
 */
export function expandedTokenText(name: string): string {
  const parts = identifierParts(name);
  if (parts.length <= 1) return parts.join(' ');
  return `${parts.join(' ')} ${parts.join('')}`;
}

/** Every token of the expanded text (what a JSON index keys on). */
export function expandedTokens(name: string): string[] {
  const parts = identifierParts(name);
  const out = new Set(parts);
  if (parts.length > 1) out.add(parts.join(''));
  return [...out];
}

/** Query words → lowercase tokens: `parse user` and `parseUser` both give [parse, user]. */
export function queryTokens(query: string): string[] {
  const out: string[] = [];
  for (const word of query.split(/\s+/)) {
    for (const p of identifierParts(word)) if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** Lowercase words of free text (doc comments, memories) for token indexes. */
export function textWords(text: string): string[] {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) out.add(w);
  return [...out];
}

/** An FTS5 MATCH expression requiring every token as a prefix, restricted to the given columns. */
export function ftsPrefixQuery(tokens: string[], columns: string[], op: 'AND' | 'OR' = 'AND'): string | null {
  const safe = tokens.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
  if (safe.length === 0) return null;
  const body = safe.map((t) => `"${t}"*`).join(` ${op} `);
  return `{${columns.join(' ')}} : (${body})`;
}
