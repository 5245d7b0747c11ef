/**
 * The tools a task is offered, in a stable order (the prompt prefix must not change between turns):
 * the file tools, then this folder's shell/search tools, then the graph, memory and plan tools when
 * their services exist and the context window has room for their schemas. Decided by configuration
 * and task state, never by a regex on the user's message.
 */
import type { Config } from '../config/variables.js';
import { availableTools } from './available-tools.js';
import type { AnyTool } from './define-tool.js';
import { explainSymbolTool, graphSearchTool } from './graph-tools.js';
import { memoryLoadTool, memoryRememberTool } from './memory-tools.js';
import { patchTool } from './patch.js';
import { readFileTool } from './read-file.js';
import { scratchpadTool } from './scratchpad.js';
import { todoTool } from './todo.js';
import { writeFileTool } from './write-file.js';

/** Below this window the graph and memory schemas cost more than they return. */
export const SMALL_WINDOW = 16_384;

export function taskTools(config: Pick<Config, 'webBrowse'>, opts: { window: number; graph: boolean; memory: boolean; scratchpad?: boolean }): AnyTool[] {
  const tools: AnyTool[] = [readFileTool, patchTool, writeFileTool, ...availableTools(config), todoTool];
  if (opts.window > SMALL_WINDOW) {
    if (opts.graph) tools.push(graphSearchTool, explainSymbolTool);
    if (opts.memory) tools.push(memoryLoadTool, memoryRememberTool);
    if (opts.scratchpad) tools.push(scratchpadTool);
  }
  return tools;
}
