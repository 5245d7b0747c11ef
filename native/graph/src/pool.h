/* The extractor's parse threads (pool.c). */
#ifndef SMALLCODE_POOL_H
#define SMALLCODE_POOL_H

#define SC_POOL_MAX_THREADS 64

/* Lets exactly n threads take tasks (starting them when needed); returns how many can run. */
int sc_pool_set_threads(int n);
/* Queues run(arg) on a pool thread; 0 when no thread runs (call sc_pool_set_threads first). */
int sc_pool_submit(void (*run)(void *), void *arg);

#endif
