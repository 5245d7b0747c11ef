/*
 * The packed result of one file's parse + query pass (see extract.c). Every field is an int32; the
 * JS reader (server/graph/extract/native-captures.ts) mirrors these offsets and checks
 * SC_LAYOUT_VERSION once at load, so a mismatch falls back to the JS path instead of misreading.
 *
 *   header   [hasError, matchCount, captureCount, deepMatchCount]
 *   matches  matchCount × [patternIndex, firstCapture, captureCount]
 *            (the first deepMatchCount come from the deep query, the rest from the top query)
 *   captures captureCount × SC_CAP_FIELDS, positions in UTF-16 code units
 */
#ifndef SMALLCODE_EXTRACT_H
#define SMALLCODE_EXTRACT_H

#include <stdint.h>
#include <tree_sitter/api.h>

#define SC_LAYOUT_VERSION 1
#define SC_LANGUAGE_COUNT 6

enum { SC_HEAD_HAS_ERROR, SC_HEAD_MATCHES, SC_HEAD_CAPTURES, SC_HEAD_DEEP_MATCHES, SC_HEADER_FIELDS };
enum { SC_MATCH_FIELDS = 3 };
enum {
  SC_CAP_ID,
  SC_CAP_START,
  SC_CAP_ROW,
  SC_CAP_COL,
  SC_CAP_END,
  SC_CAP_END_ROW,
  SC_CAP_END_COL,
  /* node symbols (alias-aware; -1 when there is no such node), only for SC_ROLE_FACTS captures */
  SC_CAP_PARENT,
  SC_CAP_GRANDPARENT,
  SC_CAP_FIRST_NAMED,
  /* Python docstring string node of a definition, -1 when none */
  SC_CAP_DOC_START,
  SC_CAP_DOC_END,
  SC_CAP_FIELDS
};

/* What a capture needs beyond its own range. */
enum { SC_ROLE_PLAIN = 0, SC_ROLE_FACTS = 1 };

typedef struct {
  TSQuery *query;
  int language;
  uint32_t capture_count;
  uint8_t *roles; /* per capture id */
  /* by node symbol: where a pattern may start (roots.c); NULL = run the query over the whole tree */
  uint8_t *roots;
  uint32_t symbol_count;
} ScQuery;

typedef struct {
  int32_t *data; /* malloc'd; the caller frees */
  size_t length; /* in int32s */
  const char *error; /* static message when data is NULL */
} ScResult;

extern const char *const SC_LANGUAGE_NAMES[SC_LANGUAGE_COUNT];
const TSLanguage *sc_language(int index);
int sc_parse_only(int language, const uint16_t *text, uint32_t length);
/* `text` is UTF-16LE, `length` in code units. */
ScResult sc_extract(int language, const ScQuery *deep, const ScQuery *top, const uint16_t *text, uint32_t length);
/* Frees the calling thread's parsers, cursor and buffers (a JS thread's, when its environment ends). */
void sc_extract_release_thread(void);

#endif
