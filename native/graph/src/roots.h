/*
 * Which node types can start a match of a compiled query, read from the query's own source: the
 * extractor then runs the query only at nodes of those types (extract.c) instead of walking every
 * node with the query cursor, whose per-node cost was about a third of a parse. Pure: no JS, no
 * allocation beyond the returned table.
 */
#ifndef SMALLCODE_ROOTS_H
#define SMALLCODE_ROOTS_H

#include <stdint.h>
#include <tree_sitter/api.h>

/*
 * A table indexed by node symbol (length ts_language_symbol_count), nonzero where a pattern of
 * `query` may be rooted; the caller frees it. NULL when that cannot be told for certain (a wildcard
 * or supertype root, a pattern that is not rooted in one node, an unknown name, no memory): the
 * query must then walk the whole tree.
 */
uint8_t *sc_query_roots(const TSLanguage *language, const TSQuery *query, const char *source, uint32_t length);

#endif
