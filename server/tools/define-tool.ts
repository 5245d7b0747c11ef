/**
 * The shape of a tool: name, a short description written for small models, a category, whether it
 * only reads, a zod schema for its arguments and the function that runs it with a ToolContext.
 * Types and one identity helper only; no I/O and no tool logic here.
 */
import type { z } from 'zod';
import type { Config } from '../config/variables.js';
import type { Shell } from '../shell/shell-session.js';
import type { Workspace } from '../workspace/workspace.js';

export type ToolCategory = 'read' | 'write' | 'search' | 'run' | 'plan';

/** What every tool returns. Failures are outcomes (ok: false) with a message the model can act on, never exceptions. */
export interface ToolOutcome {
  ok: boolean;
  output: string;
  /** Structured detail for the agent and traces (never shown to the model as is). */
  data?: unknown;
}

/** A file as the task sees it (open buffers and, in propose mode, the task's own proposed changes). */
export interface TaskFileText {
  path: string;
  text: string;
}

/** The edit engine as the file tools need it (filled in by the agent). */
export interface EditService {
  /** Reads through the task's changeset and records the read for the write guard. */
  read(path: string): Promise<TaskFileText>;
  patch(path: string, search: string, replace: string, options?: { replaceAll?: boolean; signal?: AbortSignal }): Promise<ToolOutcome>;
  write(path: string, content: string, options?: { signal?: AbortSignal }): Promise<ToolOutcome>;
}

/** The code graph as the read tools need it (filled in by the agent). */
export interface GraphService {
  search(query: string, limit?: number): Promise<string>;
  explain(symbol: string): Promise<string>;
  outline(path: string): Promise<string | null>;
}

/** Working memory as the memory tools need it (filled in by the agent). */
export interface MemoryService {
  load(query: string, limit?: number): Promise<string>;
  remember(text: string, tags?: readonly string[]): Promise<void>;
}

/** The task's TODO plan as the todo tool needs it (filled in by the agent). */
export interface PlanService {
  add(steps: readonly string[]): string;
  /** Async: the agent validates the step (type-check / tests) before it counts as done. */
  done(id: number, note?: string): Promise<string>;
  list(): string;
}

/** The session's working notes (filled in by the agent). */
export interface ScratchpadService {
  read(): string;
  write(note: string): void;
}

/**
 * Where a call sits in the task's conversation. With it, the registry answers a repeated read-only call
 * with a short note instead of the same result again, but only while the earlier result is still in view.
 */
export interface CallSite {
  /** This call's tool_call_id. */
  id: string;
  /** The task's turn (1-based) this call belongs to. */
  turn: number;
  /**
   * True while the result of the earlier call `id` is in the conversation the model is shown and still
   * holds `output` whole (not evicted, compacted away or cut by the context budget).
   */
  shownInView(id: string, output: string): boolean;
}

/** How a read-only tool names a repeat of itself, for the short note that replaces a repeated result. */
export interface RepeatText<A> {
  /** What the earlier call did, read after "You already": `read src/x.ts lines 1-200`. */
  did(args: A): string;
  /** What to do instead, read after "Next:": `patch src/x.ts (path, search, replace) or read a different range`. */
  next(args: A): string;
}

export interface ToolContext {
  /** Absolute workspace root. */
  root: string;
  signal: AbortSignal;
  config: Config;
  taskId: string;
  /** The task's shell (persistent or one-shot, see server/shell). Without it, bash runs each command in a fresh shell. */
  shell?: Shell;
  workspace?: Workspace;
  edit?: EditService;
  graph?: GraphService;
  memory?: MemoryService;
  plan?: PlanService;
  scratchpad?: ScratchpadService;
  /** The call's place in the conversation (filled in by the agent); without it a repeat gets its full result again. */
  call?: CallSite;
}

export interface ToolSpec<S extends z.ZodObject = z.ZodObject> {
  name: string;
  /** One or two short sentences; small models read every word of it on every turn. */
  description: string;
  category: ToolCategory;
  /** Read-only tools are cached by the registry; any other tool invalidates the cache. */
  readOnly: boolean;
  args: S;
  /** Told to the model when its result was cut, e.g. "read a smaller line range". */
  moreHint?: string;
  /** Read-only tools: how the note that answers an identical repeat names it (a generic text otherwise). */
  repeat?: RepeatText<z.output<S>>;
  // Method syntax on purpose: the registry stores tools with different argument types side by side.
  run(args: z.output<S>, ctx: ToolContext): Promise<ToolOutcome>;
}

/** A tool of any argument type, as the registry holds it. */
export type AnyTool = ToolSpec<z.ZodObject>;

/** Identity with inference: `defineTool({... args: z.object({...}), run(args) {...}})` types `args` from the schema. */
export function defineTool<S extends z.ZodObject>(spec: ToolSpec<S>): ToolSpec<S> {
  return spec;
}
