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

/** The text stored in the FTS `tokens` column: the name's parts, space separated. */
export function expandedTokenText(name: string): string {
  return identifierParts(name).join(' ');
}

/** Every distinct part (what a JSON index keys on). */
export function expandedTokens(name: string): string[] {
  return [...new Set(identifierParts(name))];
}

/**
 * The name key behind exact and prefix lookups: lowercase with separators removed, so
 * `parse_user`, `parseUser` and `ParseUser` share the key `parseuser`.
 */
export function nameKey(name: string): string {
  const key = name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key === '' ? name.toLowerCase() : key;
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

/**
 * An FTS5 MATCH expression over the given column(s): with `lastIsPrefix`, every token must match a
 * whole indexed word except the last, which may be a prefix (what a user is still typing). Tokens
 * are quoted so FTS operators in user text cannot change the query.
 */
export function ftsMatchQuery(tokens: string[], op: 'AND' | 'OR' = 'AND', lastIsPrefix = true, allPrefix = false): string | null {
  const safe = tokens.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
  if (safe.length === 0) return null;
  return safe.map((t, i) => `"${t}"${allPrefix || (lastIsPrefix && i === safe.length - 1) ? '*' : ''}`).join(` ${op} `);
}
