/*
 * N-API surface of the native graph extractor: compile a language's `.scm` query, describe it
 * (capture names, predicates, node type names), and run extract.c on one source either right here
 * (extractSync) or on one of its parse threads (extractAsync, a Promise; pool.c). Compiled queries belong to the
 * JS environment that made them (instance data), so worker threads and tests in threads never share
 * a table. Owns no extraction logic: that stays in TypeScript over the packed captures.
 */
#include <node_api.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "pool.h"
#include "roots.h"

typedef struct {
  ScQuery **items;
  uint32_t count;
  uint32_t cap;
} QueryTable;

/*
 * Per JS environment: its compiled queries and the way parse threads hand results back to it.
 * Parse threads may still hold jobs of an environment that is gone (a worker's teardown with
 * extractAsync in flight): the state is counted — one reference for the environment, one for the
 * threadsafe function, one per job submitted — and freed, queries included, by the last release.
 */
typedef struct {
  QueryTable queries;
  napi_threadsafe_function done;
  uint32_t pending; /* unsettled promises; JS thread only */
  pthread_mutex_t lock; /* guards refs and closed */
  uint32_t refs;
  int closed; /* `done` was finalized: calling it now would touch freed memory */
} EnvState;

#define CHECK(env, call)                                  \
  do {                                                    \
    if ((call) != napi_ok) {                              \
      napi_throw_error((env), "SC_NAPI", #call " failed"); \
      return NULL;                                        \
    }                                                     \
  } while (0)

static EnvState *state_of(napi_env env) {
  void *data = NULL;
  if (napi_get_instance_data(env, &data) != napi_ok) return NULL;
  return (EnvState *)data;
}

static QueryTable *table_of(napi_env env) {
  EnvState *s = state_of(env);
  return s ? &s->queries : NULL;
}

static void state_retain(EnvState *s) {
  pthread_mutex_lock(&s->lock);
  s->refs++;
  pthread_mutex_unlock(&s->lock);
}

/* Any thread: the last reference frees the queries, so no parse thread is still reading them. */
static void state_release(EnvState *s) {
  pthread_mutex_lock(&s->lock);
  uint32_t left = --s->refs;
  pthread_mutex_unlock(&s->lock);
  if (left) return;
  QueryTable *t = &s->queries;
  for (uint32_t i = 0; i < t->count; i++) {
    ts_query_delete(t->items[i]->query);
    free(t->items[i]->roles);
    free(t->items[i]->roots);
    free(t->items[i]);
  }
  free(t->items);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

/* The environment ends (on its own thread): its thread's parsers go too, a worker thread is ending. */
static void state_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  sc_extract_release_thread();
  state_release(data);
}

/* The threadsafe function is about to be deleted (environment teardown). */
static void done_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  EnvState *s = data;
  pthread_mutex_lock(&s->lock);
  s->closed = 1;
  pthread_mutex_unlock(&s->lock);
  state_release(s);
}

static int get_int(napi_env env, napi_value v, int32_t *out) {
  return napi_get_value_int32(env, v, out) == napi_ok;
}

static ScQuery *query_arg(napi_env env, napi_value v, int allow_none) {
  int32_t h;
  QueryTable *t = table_of(env);
  if (!get_int(env, v, &h) || !t || h < (allow_none ? -1 : 0) || h >= (int32_t)t->count) {
    napi_throw_range_error(env, "SC_QUERY", "not a compiled query handle");
    return NULL;
  }
  return h < 0 ? NULL : t->items[h];
}

/*
 * A call whose first argument is a query handle: reads `count` arguments into argv (N-API fills
 * missing ones with undefined) and returns that query, or NULL with a JS exception pending.
 */
static ScQuery *query_call(napi_env env, napi_callback_info info, size_t count, napi_value *argv) {
  size_t argc = count;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    napi_throw_error(env, "SC_NAPI", "napi_get_cb_info failed");
    return NULL;
  }
  return query_arg(env, argv[0], 0);
}

static int language_arg(napi_env env, napi_value v) {
  int32_t lang;
  if (!get_int(env, v, &lang) || lang < 0 || lang >= SC_LANGUAGE_COUNT) {
    napi_throw_range_error(env, "SC_LANGUAGE", "not a language index");
    return -1;
  }
  return lang;
}

static char *utf8_arg(napi_env env, napi_value v, size_t *len) {
  if (napi_get_value_string_utf8(env, v, NULL, 0, len) != napi_ok) return NULL;
  char *s = malloc(*len + 1);
  if (s && napi_get_value_string_utf8(env, v, s, *len + 1, len) != napi_ok) {
    free(s);
    return NULL;
  }
  return s;
}

/* compileQuery(languageIndex, source) → handle */
static napi_value compile_query(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int lang = language_arg(env, argv[0]);
  if (lang < 0) return NULL;
  size_t len;
  napi_valuetype type;
  if (argc < 2 || napi_typeof(env, argv[1], &type) != napi_ok || type != napi_string) {
    napi_throw_type_error(env, "SC_QUERY", "the query source must be a string");
    return NULL;
  }
  char *source = utf8_arg(env, argv[1], &len);
  if (!source) {
    napi_throw_error(env, "SC_MEMORY", "out of memory reading the query source");
    return NULL;
  }
  uint32_t error_offset = 0;
  TSQueryError error_type = TSQueryErrorNone;
  TSQuery *query = ts_query_new(sc_language(lang), source, (uint32_t)len, &error_offset, &error_type);
  /* NULL (walk the whole tree) is always correct, so running out of memory here is not an error */
  uint8_t *roots = query ? sc_query_roots(sc_language(lang), query, source, (uint32_t)len) : NULL;
  free(source);
  if (!query) {
    char message[96];
    snprintf(message, sizeof message, "query error %d at byte %u", (int)error_type, error_offset);
    napi_throw_error(env, "SC_QUERY", message);
    return NULL;
  }
  QueryTable *t = table_of(env);
  ScQuery *q = calloc(1, sizeof(ScQuery));
  uint32_t captures = ts_query_capture_count(query);
  if (q) q->roles = calloc(captures ? captures : 1, 1);
  if (t && t->count == t->cap) {
    uint32_t cap = t->cap ? t->cap * 2 : 16;
    ScQuery **items = realloc(t->items, cap * sizeof(ScQuery *));
    if (items) {
      t->items = items;
      t->cap = cap;
    }
  }
  if (!t || !q || !q->roles || t->count == t->cap) {
    ts_query_delete(query);
    if (q) free(q->roles);
    free(q);
    free(roots);
    napi_throw_error(env, "SC_MEMORY", "out of memory compiling a query");
    return NULL;
  }
  q->query = query;
  q->language = lang;
  q->capture_count = captures;
  q->roots = roots;
  q->symbol_count = ts_language_symbol_count(sc_language(lang));
  t->items[t->count] = q;
  napi_value result;
  CHECK(env, napi_create_int32(env, (int32_t)t->count++, &result));
  return result;
}

/* captureNames(handle) → string[] indexed by capture id */
static napi_value capture_names(napi_env env, napi_callback_info info) {
  napi_value argv[1], result, name;
  ScQuery *q = query_call(env, info, 1, argv);
  if (!q) return NULL;
  CHECK(env, napi_create_array_with_length(env, q->capture_count, &result));
  for (uint32_t i = 0; i < q->capture_count; i++) {
    uint32_t len;
    const char *s = ts_query_capture_name_for_id(q->query, i, &len);
    CHECK(env, napi_create_string_utf8(env, s, len, &name));
    CHECK(env, napi_set_element(env, result, i, name));
  }
  return result;
}

/* setRoles(handle, Uint8Array by capture id): which captures get their node facts packed */
static napi_value set_roles(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  ScQuery *q = query_call(env, info, 2, argv);
  if (!q) return NULL;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(env, argv[1], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array ||
      length != q->capture_count) {
    napi_throw_type_error(env, "SC_ROLES", "roles must be a Uint8Array with one entry per capture");
    return NULL;
  }
  memcpy(q->roles, data, length);
  return NULL;
}

/* startsAtRoots(handle) → whether the query runs only at its patterns' root node types (roots.c) */
static napi_value starts_at_roots(napi_env env, napi_callback_info info) {
  napi_value argv[1], result;
  ScQuery *q = query_call(env, info, 1, argv);
  if (!q) return NULL;
  CHECK(env, napi_get_boolean(env, q->roots != NULL, &result));
  return result;
}

/* predicates(handle) → per pattern, per predicate, its steps: a string, or a capture id (number) */
static napi_value predicates(napi_env env, napi_callback_info info) {
  napi_value argv[1], result;
  ScQuery *q = query_call(env, info, 1, argv);
  if (!q) return NULL;
  uint32_t patterns = ts_query_pattern_count(q->query);
  CHECK(env, napi_create_array_with_length(env, patterns, &result));
  for (uint32_t p = 0; p < patterns; p++) {
    uint32_t steps = 0;
    const TSQueryPredicateStep *step = ts_query_predicates_for_pattern(q->query, p, &steps);
    napi_value list, current, value;
    CHECK(env, napi_create_array(env, &list));
    CHECK(env, napi_create_array(env, &current));
    uint32_t n_preds = 0, n_steps = 0;
    for (uint32_t i = 0; i < steps; i++) {
      if (step[i].type == TSQueryPredicateStepTypeDone) {
        CHECK(env, napi_set_element(env, list, n_preds++, current));
        CHECK(env, napi_create_array(env, &current));
        n_steps = 0;
        continue;
      }
      if (step[i].type == TSQueryPredicateStepTypeCapture) {
        CHECK(env, napi_create_uint32(env, step[i].value_id, &value));
      } else {
        uint32_t len;
        const char *s = ts_query_string_value_for_id(q->query, step[i].value_id, &len);
        CHECK(env, napi_create_string_utf8(env, s, len, &value));
      }
      CHECK(env, napi_set_element(env, current, n_steps++, value));
    }
    CHECK(env, napi_set_element(env, result, p, list));
  }
  return result;
}

/* typeNames(languageIndex) → node type name by symbol id */
static napi_value type_names(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result, name;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int lang = language_arg(env, argv[0]);
  if (lang < 0) return NULL;
  const TSLanguage *language = sc_language(lang);
  uint32_t count = ts_language_symbol_count(language);
  CHECK(env, napi_create_array_with_length(env, count, &result));
  for (uint32_t i = 0; i < count; i++) {
    const char *s = ts_language_symbol_name(language, (TSSymbol)i);
    CHECK(env, napi_create_string_utf8(env, s ? s : "", NAPI_AUTO_LENGTH, &name));
    CHECK(env, napi_set_element(env, result, i, name));
  }
  return result;
}

static void free_result(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value to_int32_array(napi_env env, ScResult r) {
  napi_value buffer, array;
  if (napi_create_external_arraybuffer(env, r.data, r.length * sizeof(int32_t), free_result, NULL, &buffer) != napi_ok) {
    free(r.data);
    napi_throw_error(env, "SC_NAPI", "could not hand the packed captures to JavaScript");
    return NULL;
  }
  CHECK(env, napi_create_typedarray(env, napi_int32_array, r.length, buffer, 0, &array));
  return array;
}

typedef struct {
  int language;
  const ScQuery *deep;
  const ScQuery *top;
  uint16_t *text;
  uint32_t length;
  ScResult result;
  napi_deferred deferred;
  EnvState *state;
} Job;

/* Reads (language, deep, top, text) shared by both entry points; the text is copied as UTF-16. */
static int job_args(napi_env env, napi_callback_info info, Job *job) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4) {
    napi_throw_type_error(env, "SC_ARGS", "expected (language, deepQuery, topQuery, text)");
    return 0;
  }
  job->language = language_arg(env, argv[0]);
  if (job->language < 0) return 0;
  job->deep = query_arg(env, argv[1], 0);
  if (!job->deep) return 0;
  job->top = query_arg(env, argv[2], 1);
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return 0;
  if (job->deep->language != job->language || (job->top && job->top->language != job->language)) {
    napi_throw_range_error(env, "SC_QUERY", "the queries were compiled for another language");
    return 0;
  }
  size_t len;
  if (napi_get_value_string_utf16(env, argv[3], NULL, 0, &len) != napi_ok || len > UINT32_MAX / 4) {
    napi_throw_type_error(env, "SC_ARGS", "the source text must be a string");
    return 0;
  }
  job->text = malloc((len + 1) * sizeof(uint16_t));
  if (!job->text) {
    napi_throw_error(env, "SC_MEMORY", "out of memory copying the source");
    return 0;
  }
  napi_get_value_string_utf16(env, argv[3], (char16_t *)job->text, len + 1, &len);
  job->length = (uint32_t)len;
  return 1;
}

/* extractSync(language, deep, top, text) → Int32Array (layout in extract.h) */
static napi_value extract_sync(napi_env env, napi_callback_info info) {
  Job job = {0};
  if (!job_args(env, info, &job)) return NULL;
  ScResult r = sc_extract(job.language, job.deep, job.top, job.text, job.length);
  free(job.text);
  if (!r.data) {
    napi_throw_error(env, "SC_EXTRACT", r.error);
    return NULL;
  }
  return to_int32_array(env, r);
}

/* parseOnly(language, text) → whether the tree has errors: the benchmark's native parse floor */
static napi_value parse_only(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], result;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, "SC_ARGS", "expected (language, text)");
    return NULL;
  }
  int lang = language_arg(env, argv[0]);
  if (lang < 0) return NULL;
  size_t len;
  if (napi_get_value_string_utf16(env, argv[1], NULL, 0, &len) != napi_ok) {
    napi_throw_type_error(env, "SC_ARGS", "the source text must be a string");
    return NULL;
  }
  uint16_t *text = malloc((len + 1) * sizeof(uint16_t));
  if (!text) {
    napi_throw_error(env, "SC_MEMORY", "out of memory copying the source");
    return NULL;
  }
  napi_get_value_string_utf16(env, argv[1], (char16_t *)text, len + 1, &len);
  int has_error = sc_parse_only(lang, text, (uint32_t)len);
  free(text);
  if (has_error < 0) {
    napi_throw_error(env, "SC_EXTRACT", "tree-sitter returned no tree");
    return NULL;
  }
  CHECK(env, napi_get_boolean(env, has_error != 0, &result));
  return result;
}

/* On a pool thread: parse and pack, then hand the job back to its JS thread. */
static void job_run(void *data) {
  Job *job = data;
  EnvState *s = job->state;
  pthread_mutex_lock(&s->lock);
  int closed = s->closed;
  pthread_mutex_unlock(&s->lock);
  if (!closed) job->result = sc_extract(job->language, job->deep, job->top, job->text, job->length);
  free(job->text);
  job->text = NULL;
  /* under the lock, so `done` cannot be finalized in between; the queue is unbounded, the call never waits */
  napi_status status = napi_closing;
  pthread_mutex_lock(&s->lock);
  if (!s->closed) status = napi_call_threadsafe_function(s->done, job, napi_tsfn_blocking);
  pthread_mutex_unlock(&s->lock);
  if (status != napi_ok) {
    /* the JS environment is gone: nobody is waiting for this result */
    free(job->result.data);
    free(job);
    state_release(s);
  }
}

/* On the JS thread: settle the job's promise. */
static void job_done(napi_env env, napi_value js_callback, void *context, void *data) {
  (void)js_callback;
  (void)context;
  Job *job = data;
  EnvState *state = job->state;
  if (env) {
    napi_value value = NULL, message;
    if (job->result.data) {
      value = to_int32_array(env, job->result);
      job->result.data = NULL;
    }
    if (value) {
      napi_resolve_deferred(env, job->deferred, value);
    } else {
      bool pending = false;
      napi_is_exception_pending(env, &pending);
      if (pending) napi_get_and_clear_last_exception(env, &value);
      if (!value) {
        napi_create_string_utf8(env, job->result.error ? job->result.error : "the extraction failed", NAPI_AUTO_LENGTH, &message);
        napi_create_error(env, NULL, message, &value);
      }
      napi_reject_deferred(env, job->deferred, value);
    }
    /* pending jobs keep the process alive; none left, the event loop may end */
    if (--state->pending == 0) napi_unref_threadsafe_function(env, state->done);
  }
  free(job->result.data);
  free(job);
  state_release(state);
}

/* setThreads(n) → how many parse threads now take jobs */
static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int32_t n;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1 || !get_int(env, argv[0], &n) || n < 1) {
    napi_throw_range_error(env, "SC_THREADS", "the thread count must be a positive integer");
    return NULL;
  }
  CHECK(env, napi_create_int32(env, sc_pool_set_threads(n), &result));
  return result;
}

/* extractAsync(language, deep, top, text) → Promise<Int32Array>, parsed on a parse thread */
static napi_value extract_async(napi_env env, napi_callback_info info) {
  EnvState *state = state_of(env);
  Job *job = calloc(1, sizeof(Job));
  if (!job || !state) {
    free(job);
    napi_throw_error(env, "SC_MEMORY", "out of memory");
    return NULL;
  }
  if (!job_args(env, info, job)) {
    free(job->text);
    free(job);
    return NULL;
  }
  job->state = state;
  napi_value promise;
  if (napi_create_promise(env, &job->deferred, &promise) != napi_ok) {
    free(job->text);
    free(job);
    napi_throw_error(env, "SC_NAPI", "could not create a promise");
    return NULL;
  }
  if (state->pending++ == 0) napi_ref_threadsafe_function(env, state->done);
  state_retain(state);
  if (!sc_pool_submit(job_run, job)) {
    /* no parse thread yet: start one rather than fail */
    if (sc_pool_set_threads(1) < 1 || !sc_pool_submit(job_run, job)) {
      napi_value message, error;
      napi_create_string_utf8(env, "no parse thread could start", NAPI_AUTO_LENGTH, &message);
      napi_create_error(env, NULL, message, &error);
      napi_reject_deferred(env, job->deferred, error);
      if (--state->pending == 0) napi_unref_threadsafe_function(env, state->done);
      free(job->text);
      free(job);
      state_release(state);
    }
  }
  return promise;
}

NAPI_MODULE_INIT() {
  EnvState *state = calloc(1, sizeof(EnvState));
  napi_value resource;
  if (!state || pthread_mutex_init(&state->lock, NULL) != 0) {
    free(state);
    napi_throw_error(env, "SC_NAPI", "could not set up the extractor's state");
    return NULL;
  }
  state->refs = 2; /* the environment (instance data) and the threadsafe function */
  if (napi_create_string_utf8(env, "smallcode.graphExtract", NAPI_AUTO_LENGTH, &resource) != napi_ok ||
      napi_create_threadsafe_function(env, NULL, NULL, resource, 0, 1, state, done_finalize, NULL, job_done, &state->done) != napi_ok) {
    pthread_mutex_destroy(&state->lock);
    free(state);
    napi_throw_error(env, "SC_NAPI", "could not set up the extractor's state");
    return NULL;
  }
  if (napi_unref_threadsafe_function(env, state->done) != napi_ok || napi_set_instance_data(env, state, state_finalize, NULL) != napi_ok) {
    /* done_finalize releases the function's reference once it is gone */
    napi_release_threadsafe_function(state->done, napi_tsfn_abort);
    state_release(state);
    napi_throw_error(env, "SC_NAPI", "could not set up the extractor's state");
    return NULL;
  }
  napi_value languages, name, layout, fields;
  CHECK(env, napi_create_array_with_length(env, SC_LANGUAGE_COUNT, &languages));
  for (uint32_t i = 0; i < SC_LANGUAGE_COUNT; i++) {
    CHECK(env, napi_create_string_utf8(env, SC_LANGUAGE_NAMES[i], NAPI_AUTO_LENGTH, &name));
    CHECK(env, napi_set_element(env, languages, i, name));
  }
  CHECK(env, napi_create_int32(env, SC_LAYOUT_VERSION, &layout));
  CHECK(env, napi_create_int32(env, SC_CAP_FIELDS, &fields));
  napi_property_descriptor props[] = {
      {"languages", NULL, NULL, NULL, NULL, languages, napi_enumerable, NULL},
      {"layoutVersion", NULL, NULL, NULL, NULL, layout, napi_enumerable, NULL},
      {"captureFields", NULL, NULL, NULL, NULL, fields, napi_enumerable, NULL},
      {"compileQuery", NULL, compile_query, NULL, NULL, NULL, napi_enumerable, NULL},
      {"captureNames", NULL, capture_names, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setRoles", NULL, set_roles, NULL, NULL, NULL, napi_enumerable, NULL},
      {"startsAtRoots", NULL, starts_at_roots, NULL, NULL, NULL, napi_enumerable, NULL},
      {"predicates", NULL, predicates, NULL, NULL, NULL, napi_enumerable, NULL},
      {"typeNames", NULL, type_names, NULL, NULL, NULL, napi_enumerable, NULL},
      {"extractSync", NULL, extract_sync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"extractAsync", NULL, extract_async, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"parseOnly", NULL, parse_only, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}
