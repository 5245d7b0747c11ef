/**
 * A stand-in parse worker for ParsePool's `script` (tests only): the real compiled worker from
 * dist/, which answers its first chunk as always, and dies on receiving its second (see the hook).
 * The hook is a module of its own because imports run in order and before this file's body: its
 * listener must be registered before the real worker's.
 */
import './dying-parse-worker-hook.mjs';
import '../../dist/server/graph/indexer/parse-worker.js';
