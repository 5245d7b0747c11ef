/**
 * Decides which of this folder's tools a task is offered, from configuration alone (never from a
 * regex on the user's message): bash, search and find_files always; web_fetch and web_search only
 * when SMALLCODE_WEB_BROWSE is on. The agent adds its own tools (read_file, patch, ...) beside them.
 */
import type { Config } from '../config/variables.js';
import { bashTool } from './bash.js';
import type { AnyTool } from './define-tool.js';
import { findFilesTool } from './find-files.js';
import { searchTool } from './search.js';
import { webFetchTool } from './web-fetch.js';
import { webSearchTool } from './web-search.js';

export function availableTools(config: Pick<Config, 'webBrowse'>): AnyTool[] {
  const tools: AnyTool[] = [bashTool, searchTool, findFilesTool];
  if (config.webBrowse) tools.push(webFetchTool, webSearchTool);
  return tools;
}
