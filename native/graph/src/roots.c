/*
 * Root node types of a query's patterns (see roots.h). Reads each pattern's text between
 * ts_query_start_byte_for_pattern and ts_query_end_byte_for_pattern: tree-sitter has compiled
 * and validated it already, so this only has to find the outermost node name, through groupings
 * `((node …) (#pred? …))` and alternations `[(a) (b)]`, and give up on anything else.
 */
#include "roots.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROOT_NAMES 128
#define MAX_NAME 96

/* Where the scanner is in one pattern's text. */
typedef struct {
  const char *p;
  const char *end;
} Scan;

/* Distinct root names of every pattern so far. */
typedef struct {
  char names[MAX_ROOT_NAMES][MAX_NAME];
  int count;
} Roots;

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void skip_space(Scan *s) {
  while (s->p < s->end) {
    if (is_space(*s->p)) s->p++;
    else if (*s->p == ';') {
      while (s->p < s->end && *s->p != '\n') s->p++;
    } else break;
  }
}

static void skip_string(Scan *s) {
  s->p++;
  while (s->p < s->end && *s->p != '"') s->p += *s->p == '\\' ? 2 : 1;
  if (s->p < s->end) s->p++;
}

/* Past one element: a parenthesised or bracketed group, a string, or a bare token. */
static void skip_element(Scan *s) {
  if (s->p >= s->end) return;
  if (*s->p == '"') {
    skip_string(s);
    return;
  }
  if (*s->p != '(' && *s->p != '[') {
    s->p++;
    while (s->p < s->end && !is_space(*s->p) && !strchr("()[]\";", *s->p)) s->p++;
    return;
  }
  int depth = 0;
  while (s->p < s->end) {
    char c = *s->p;
    if (c == '"') {
      skip_string(s);
      continue;
    }
    if (c == ';') {
      skip_space(s);
      continue;
    }
    s->p++;
    if (c == '(' || c == '[') depth++;
    else if ((c == ')' || c == ']') && --depth == 0) return;
  }
}

static int is_pattern_start(const Scan *s) {
  return s->p < s->end && (*s->p == '(' || *s->p == '[');
}

static int add_root(Roots *roots, const char *name, size_t len) {
  for (int i = 0; i < roots->count; i++) {
    if (strlen(roots->names[i]) == len && !memcmp(roots->names[i], name, len)) return 1;
  }
  if (roots->count >= MAX_ROOT_NAMES) return 0;
  memcpy(roots->names[roots->count], name, len);
  roots->names[roots->count][len] = '\0';
  roots->count++;
  return 1;
}

/*
 * Adds the root names of the pattern element at `at` (a copy: the caller's position stays); 0 when
 * they cannot be told, which makes the whole query walk every node, so nothing needs undoing.
 */
static int element_roots(Roots *roots, Scan at) {
  if (*at.p == '[') {
    at.p++;
    for (;;) {
      skip_space(&at);
      if (at.p >= at.end) return 0;
      if (*at.p == ']') return 1;
      if (is_pattern_start(&at)) {
        if (!element_roots(roots, at)) return 0;
      } else if (*at.p == '"' || *at.p == '_') {
        return 0; /* an anonymous node or a wildcard may start anywhere */
      }
      skip_element(&at);
    }
  }
  at.p++;
  skip_space(&at);
  if (at.p >= at.end) return 0;
  /* a grouping: ts_query_is_pattern_rooted has ruled out sibling patterns, so its first element is the root */
  if (is_pattern_start(&at)) return element_roots(roots, at);
  const char *name = at.p;
  while (at.p < at.end && is_name_char(*at.p)) at.p++;
  size_t len = (size_t)(at.p - name);
  if (len == 0 || len >= MAX_NAME) return 0;
  if ((len == 1 && name[0] == '_') || (len == 5 && !memcmp(name, "ERROR", 5)) || (len == 7 && !memcmp(name, "MISSING", 7))) return 0;
  if (at.p < at.end && !is_space(*at.p) && *at.p != ')') return 0; /* `(a/b)` and other forms this scanner does not read */
  return add_root(roots, name, len);
}

uint8_t *sc_query_roots(const TSLanguage *language, const TSQuery *query, const char *source, uint32_t length) {
  Roots *roots = calloc(1, sizeof(Roots));
  if (!roots) return NULL;
  uint32_t patterns = ts_query_pattern_count(query);
  int ok = patterns > 0;
  for (uint32_t i = 0; ok && i < patterns; i++) {
    uint32_t start = ts_query_start_byte_for_pattern(query, i);
    uint32_t end = ts_query_end_byte_for_pattern(query, i);
    if (!ts_query_is_pattern_rooted(query, i) || start >= end || end > length) {
      ok = 0;
      break;
    }
    Scan at = {source + start, source + end};
    skip_space(&at);
    ok = is_pattern_start(&at) && element_roots(roots, at);
  }
  uint32_t symbols = ts_language_symbol_count(language);
  uint8_t *table = ok ? calloc(symbols ? symbols : 1, 1) : NULL;
  for (int n = 0; table && n < roots->count; n++) {
    int found = 0;
    for (uint32_t sym = 0; sym < symbols; sym++) {
      const char *name = ts_language_symbol_name(language, (TSSymbol)sym);
      if (!name || strcmp(name, roots->names[n]) != 0) continue;
      TSSymbolType type = ts_language_symbol_type(language, (TSSymbol)sym);
      if (type == TSSymbolTypeSupertype) {
        found = 0; /* its subtypes start matches, under other names */
        break;
      }
      if (type == TSSymbolTypeRegular) {
        table[sym] = 1;
        found = 1;
      }
    }
    if (!found) {
      free(table);
      table = NULL;
    }
  }
  free(roots);
  return table;
}
