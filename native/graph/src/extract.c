/*
 * Parse + symbol-query pass of the graph extractor, in C: one call parses a UTF-16 source with the
 * tree-sitter runtime and grammars compiled into this addon, runs the language's two compiled
 * `.scm` queries, and packs every match and capture into one int32 buffer (the layout in
 * extract.h). The tree is deleted before returning, so nothing waits for a JS finalizer. No JS
 * values here: this file runs on the parse threads (pool.c) as well as JS threads.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* the runtime's own headers: the root-node walk reads subtrees directly (see run_query_at_roots) */
#include "language.h"
#include "length.h"
#include "subtree.h"
#include "tree.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_go(void);
const TSLanguage *tree_sitter_rust(void);

const char *const SC_LANGUAGE_NAMES[SC_LANGUAGE_COUNT] = {"typescript", "tsx", "javascript", "python", "go", "rust"};

const TSLanguage *sc_language(int index) {
  switch (index) {
    case 0: return tree_sitter_typescript();
    case 1: return tree_sitter_tsx();
    case 2: return tree_sitter_javascript();
    case 3: return tree_sitter_python();
    case 4: return tree_sitter_go();
    case 5: return tree_sitter_rust();
    default: return NULL;
  }
}

/* One parser per language and one query cursor per thread: they are not thread-safe, TSQuery is. */
static _Thread_local TSParser *parsers[SC_LANGUAGE_COUNT];
static _Thread_local TSQueryCursor *cursor;

typedef struct {
  int32_t *data;
  size_t len;
  size_t cap;
  int failed;
} Buf;

/* per-thread buffers keep their capacity from file to file */
static _Thread_local Buf matches, captures;

/* One level of the root-node walk (run_query_at_roots): a node's children, the next one to visit and where it starts. */
typedef struct {
  Subtree parent;
  Length position;
  uint32_t child;
  uint32_t structural_child;
  const TSSymbol *aliases;
} Frame;

static _Thread_local Frame *frames;
static _Thread_local uint32_t frames_cap;

void sc_extract_release_thread(void) {
  for (int i = 0; i < SC_LANGUAGE_COUNT; i++) {
    if (parsers[i]) ts_parser_delete(parsers[i]);
    parsers[i] = NULL;
  }
  if (cursor) ts_query_cursor_delete(cursor);
  cursor = NULL;
  free(frames);
  frames = NULL;
  frames_cap = 0;
  free(matches.data);
  free(captures.data);
  memset(&matches, 0, sizeof matches);
  memset(&captures, 0, sizeof captures);
}

static int32_t *buf_grow(Buf *b, size_t n) {
  if (b->failed) return NULL;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n) cap *= 2;
    int32_t *d = realloc(b->data, cap * sizeof(int32_t));
    if (!d) {
      b->failed = 1;
      return NULL;
    }
    b->data = d;
    b->cap = cap;
  }
  int32_t *at = b->data + b->len;
  b->len += n;
  return at;
}

static int32_t symbol_of(TSNode n) {
  return ts_node_is_null(n) ? -1 : (int32_t)ts_node_symbol(n);
}

/* UTF-16LE byte offsets and columns, halved to UTF-16 code units (what JS strings index). */
static void put_node(int32_t *rec, TSNode n) {
  TSPoint s = ts_node_start_point(n);
  TSPoint e = ts_node_end_point(n);
  rec[SC_CAP_START] = (int32_t)(ts_node_start_byte(n) >> 1);
  rec[SC_CAP_ROW] = (int32_t)s.row;
  rec[SC_CAP_COL] = (int32_t)(s.column >> 1);
  rec[SC_CAP_END] = (int32_t)(ts_node_end_byte(n) >> 1);
  rec[SC_CAP_END_ROW] = (int32_t)e.row;
  rec[SC_CAP_END_COL] = (int32_t)(e.column >> 1);
}

/* What extraction asks of a definition's node: its parent chain, first named child, docstring. */
static void put_facts(int32_t *rec, TSNode n, int python) {
  TSNode parent = ts_node_parent(n);
  rec[SC_CAP_PARENT] = symbol_of(parent);
  rec[SC_CAP_GRANDPARENT] = ts_node_is_null(parent) ? -1 : symbol_of(ts_node_parent(parent));
  rec[SC_CAP_FIRST_NAMED] = symbol_of(ts_node_named_child(n, 0));
  rec[SC_CAP_DOC_START] = -1;
  rec[SC_CAP_DOC_END] = -1;
  if (!python) return;
  TSNode body = ts_node_child_by_field_name(n, "body", 4);
  if (ts_node_is_null(body)) return;
  TSNode first = ts_node_named_child(body, 0);
  if (ts_node_is_null(first) || strcmp(ts_node_type(first), "expression_statement") != 0) return;
  TSNode str = ts_node_named_child(first, 0);
  if (ts_node_is_null(str) || strcmp(ts_node_type(str), "string") != 0) return;
  rec[SC_CAP_DOC_START] = (int32_t)(ts_node_start_byte(str) >> 1);
  rec[SC_CAP_DOC_END] = (int32_t)(ts_node_end_byte(str) >> 1);
}

/* Packs every match of the query cursor's current run. */
static void pack_matches(const ScQuery *q, int python, Buf *matches, Buf *captures) {
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) {
    int32_t *mrec = buf_grow(matches, SC_MATCH_FIELDS);
    if (!mrec) return;
    mrec[0] = (int32_t)m.pattern_index;
    mrec[1] = (int32_t)(captures->len / SC_CAP_FIELDS);
    mrec[2] = (int32_t)m.capture_count;
    for (uint16_t i = 0; i < m.capture_count; i++) {
      int32_t *rec = buf_grow(captures, SC_CAP_FIELDS);
      if (!rec) return;
      TSNode n = m.captures[i].node;
      uint32_t id = m.captures[i].index;
      rec[SC_CAP_ID] = (int32_t)id;
      put_node(rec, n);
      if (id < q->capture_count && q->roles[id] == SC_ROLE_FACTS) {
        put_facts(rec, n, python);
      } else {
        rec[SC_CAP_PARENT] = rec[SC_CAP_GRANDPARENT] = rec[SC_CAP_FIRST_NAMED] = -1;
        rec[SC_CAP_DOC_START] = rec[SC_CAP_DOC_END] = -1;
      }
    }
  }
}

static void run_query(const ScQuery *q, TSNode root, uint32_t max_start_depth, int python, Buf *matches, Buf *captures) {
  ts_query_cursor_set_max_start_depth(cursor, max_start_depth);
  ts_query_cursor_exec(cursor, q->query, root);
  pack_matches(q, python, matches, captures);
}

/*
 * The same matches as run_query(q, root, UINT32_MAX, …), in document order of their root nodes:
 * a walk over the tree's subtrees finds the visible nodes whose type can root a pattern
 * (q->roots), and the query cursor runs only there, descending only as far as its patterns reach.
 * The query cursor's own whole-tree walk costs about 140 ns per node and a public tree cursor's
 * about 50; this one reads the runtime's subtrees directly (tree-sitter 0.25's internal headers,
 * pinned by package.json's overrides), the way its node child iterator does: hidden nodes are
 * walked through, an alias from the parent's production renames a child, extras take no alias.
 * Returns 0 when it ran out of memory for its stack (the caller then walks with the query cursor).
 */
static int run_query_at_roots(const ScQuery *q, const TSTree *tree, int python, Buf *matches, Buf *captures) {
  const TSLanguage *language = tree->language;
  TSNode root = ts_tree_root_node(tree);
  TSSymbol root_symbol = ts_node_symbol(root);
  /* start depth 0: only the matches rooted at that node */
  if (root_symbol < q->symbol_count && q->roots[root_symbol]) run_query(q, root, 0, python, matches, captures);
  if (ts_subtree_child_count(tree->root) == 0) return 1;
  if (!frames) {
    frames = malloc(256 * sizeof(Frame));
    if (!frames) return 0;
    frames_cap = 256;
  }
  uint32_t depth = 1;
  frames[0] = (Frame){tree->root, ts_subtree_padding(tree->root), 0, 0, ts_language_alias_sequence(language, ts_subtree_production_id(tree->root))};
  while (depth) {
    Frame *f = &frames[depth - 1];
    if (f->child >= ts_subtree_child_count(f->parent)) {
      depth--;
      continue;
    }
    const Subtree *child = &ts_subtree_children(f->parent)[f->child];
    TSSymbol alias = 0;
    if (!ts_subtree_extra(*child)) {
      if (f->aliases) alias = f->aliases[f->structural_child];
      f->structural_child++;
    }
    if (f->child > 0) f->position = length_add(f->position, ts_subtree_padding(*child));
    Length start = f->position;
    f->position = length_add(f->position, ts_subtree_size(*child));
    f->child++;
    if (ts_subtree_visible(*child) || alias) {
      TSSymbol symbol = ts_language_public_symbol(language, alias ? alias : ts_subtree_symbol(*child));
      if (symbol < q->symbol_count && q->roots[symbol]) {
        run_query(q, ts_node_new(tree, child, start, alias), 0, python, matches, captures);
        if (matches->failed || captures->failed) return 1;
      }
    }
    if (ts_subtree_child_count(*child) == 0) continue;
    if (depth == frames_cap) {
      Frame *grown = realloc(frames, 2 * frames_cap * sizeof(Frame));
      if (!grown) return 0;
      frames = grown;
      frames_cap *= 2;
    }
    frames[depth++] = (Frame){*child, start, 0, 0, ts_language_alias_sequence(language, ts_subtree_production_id(*child))};
  }
  return 1;
}

/* This thread's parser for a language; a parser the grammar failed to load into is not kept. */
static TSParser *parser_for(int language) {
  if (parsers[language]) return parsers[language];
  TSParser *p = ts_parser_new();
  if (p && !ts_parser_set_language(p, sc_language(language))) {
    ts_parser_delete(p);
    p = NULL;
  }
  parsers[language] = p;
  return p;
}

/* The floor the benchmark compares with: parse and free, nothing else. Returns -1 on failure. */
int sc_parse_only(int language, const uint16_t *text, uint32_t length) {
  if (language < 0 || language >= SC_LANGUAGE_COUNT) return -1;
  TSParser *parser = parser_for(language);
  if (!parser) return -1;
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, length * 2, TSInputEncodingUTF16LE);
  if (!tree) return -1;
  int has_error = ts_node_has_error(ts_tree_root_node(tree));
  ts_tree_delete(tree);
  return has_error;
}

ScResult sc_extract(int language, const ScQuery *deep, const ScQuery *top, const uint16_t *text, uint32_t length) {
  ScResult r = {NULL, 0, NULL};
  if (language < 0 || language >= SC_LANGUAGE_COUNT) {
    r.error = "unknown language";
    return r;
  }
  TSParser *parser = parser_for(language);
  if (!parser) {
    r.error = "the grammar does not load into the tree-sitter runtime";
    return r;
  }
  if (!cursor) cursor = ts_query_cursor_new();
  /*
   * UTF-16, as the Node binding parses: error recovery weighs skipped bytes against fixed per-line
   * costs, so a UTF-8 parse of a file with syntax errors can recover differently from the binding's
   * (and the incremental path uses the binding). Measured: UTF-8 saved nothing on the cold index.
   */
  TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, length * 2, TSInputEncodingUTF16LE);
  if (!tree) {
    ts_parser_reset(parser);
    r.error = "tree-sitter returned no tree";
    return r;
  }
  TSNode root = ts_tree_root_node(tree);
  int python = language == 3;
  matches.len = captures.len = 0;
  matches.failed = captures.failed = 0;
  if (!deep->roots || !run_query_at_roots(deep, tree, python, &matches, &captures)) {
    matches.len = captures.len = 0;
    run_query(deep, root, UINT32_MAX, python, &matches, &captures);
  }
  size_t deep_matches = matches.len / SC_MATCH_FIELDS;
  if (top) run_query(top, root, 0, python, &matches, &captures);
  int has_error = ts_node_has_error(root);
  ts_tree_delete(tree);
  if (matches.failed || captures.failed) {
    r.error = "out of memory packing captures";
    return r;
  }
  size_t total = SC_HEADER_FIELDS + matches.len + captures.len;
  int32_t *out = malloc(total * sizeof(int32_t));
  if (!out) {
    r.error = "out of memory packing captures";
    return r;
  }
  out[SC_HEAD_HAS_ERROR] = has_error;
  out[SC_HEAD_MATCHES] = (int32_t)(matches.len / SC_MATCH_FIELDS);
  out[SC_HEAD_CAPTURES] = (int32_t)(captures.len / SC_CAP_FIELDS);
  out[SC_HEAD_DEEP_MATCHES] = (int32_t)deep_matches;
  if (matches.len) memcpy(out + SC_HEADER_FIELDS, matches.data, matches.len * sizeof(int32_t));
  if (captures.len) memcpy(out + SC_HEADER_FIELDS + matches.len, captures.data, captures.len * sizeof(int32_t));
  r.data = out;
  r.length = total;
  return r;
}
