/*
 * The extractor's own parse threads: a FIFO of tasks served by exactly as many threads as the
 * indexer asked for (libuv's shared pool has its own size and serves fs and crypto too). Threads
 * start on demand, never exit, and run at a lower priority than the JS thread: on two cores the
 * JS thread (extraction, store writes) is what a cold index waits for, and under fair scheduling
 * parse threads would take most of its core. Knows nothing about tree-sitter or N-API.
 */
#define _GNU_SOURCE /* dladdr */
#include "pool.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

typedef struct Task {
  void (*run)(void *);
  void *arg;
  struct Task *next;
} Task;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static Task *head, *tail;
static int started;  /* threads running */
static int wanted;   /* threads allowed to take tasks: thread i works while i < wanted */

#define PARSE_THREAD_NICE 10

typedef struct {
  int index;
} ThreadArg;

static void *thread_main(void *p) {
  int index = ((ThreadArg *)p)->index;
  free(p);
#ifdef __linux__
  setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), PARSE_THREAD_NICE);
#endif
  for (;;) {
    pthread_mutex_lock(&lock);
    while (!head || index >= wanted) pthread_cond_wait(&wake, &lock);
    Task *t = head;
    head = t->next;
    if (!head) tail = NULL;
    pthread_mutex_unlock(&lock);
    t->run(t->arg);
    free(t);
  }
  return NULL;
}

/*
 * Node unmaps an addon when the last worker thread that loaded it ends (unless the main thread
 * loaded it too), but these threads never exit: their code must stay mapped. One extra, never
 * closed, RTLD_NODELETE reference to this library pins it. Called with the lock held.
 */
static int pin_library(void) {
  static int pinned;
  Dl_info info;
  if (pinned) return 1;
  if (!dladdr((void *)thread_main, &info) || !info.dli_fname) return 0;
  pinned = dlopen(info.dli_fname, RTLD_NOW | RTLD_NODELETE) != NULL;
  return pinned;
}

int sc_pool_set_threads(int n) {
  if (n < 1) n = 1;
  if (n > SC_POOL_MAX_THREADS) n = SC_POOL_MAX_THREADS;
  pthread_mutex_lock(&lock);
  wanted = n;
  while (started < n && pin_library()) {
    ThreadArg *arg = malloc(sizeof(ThreadArg));
    pthread_t thread;
    pthread_attr_t attr;
    if (!arg) break;
    arg->index = started;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int failed = pthread_create(&thread, &attr, thread_main, arg);
    pthread_attr_destroy(&attr);
    if (failed) {
      free(arg);
      break;
    }
    started++;
  }
  int running = started < wanted ? started : wanted;
  if (running < 1) wanted = 0;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
  return running;
}

int sc_pool_submit(void (*run)(void *), void *arg) {
  Task *t = malloc(sizeof(Task));
  if (!t) return 0;
  t->run = run;
  t->arg = arg;
  t->next = NULL;
  pthread_mutex_lock(&lock);
  if (started == 0 || wanted == 0) {
    pthread_mutex_unlock(&lock);
    free(t);
    return 0;
  }
  if (tail) tail->next = t;
  else head = t;
  tail = t;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
  return 1;
}
