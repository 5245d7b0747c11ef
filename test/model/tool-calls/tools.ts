/**
 * The tool set the parser cases run against: the agent's real tool names with small JSON Schemas
 * (read_file, write_file, patch, bash, search, find_files, todo, web_fetch). Data only.
 */
import type { ToolDefinition } from '../../../server/model/messages.js';

const str = { type: 'string' };
const int = { type: 'integer' };

export const TOOLS: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file with line numbers.',
    parameters: { type: 'object', properties: { path: str, start_line: int, end_line: int }, required: ['path'] },
  },
  {
    name: 'write_file',
    description: 'Create or overwrite a file.',
    parameters: { type: 'object', properties: { path: str, content: str }, required: ['path', 'content'] },
  },
  {
    name: 'patch',
    description: 'Replace exact text in a file.',
    parameters: {
      type: 'object',
      properties: { path: str, search: str, replace: str, replace_all: { type: 'boolean' } },
      required: ['path', 'search', 'replace'],
    },
  },
  {
    name: 'bash',
    description: 'Run a shell command.',
    parameters: { type: 'object', properties: { command: str, timeout: { type: 'number' } }, required: ['command'] },
  },
  {
    name: 'search',
    description: 'Search file contents.',
    parameters: {
      type: 'object',
      properties: { pattern: str, path: str, glob: str, ignore_case: { type: 'boolean' }, max_results: int },
      required: ['pattern'],
    },
  },
  {
    name: 'find_files',
    description: 'Find files by glob.',
    parameters: { type: 'object', properties: { pattern: str, path: str, max_results: int }, required: ['pattern'] },
  },
  {
    name: 'todo',
    description: 'Manage the TODO list.',
    parameters: {
      type: 'object',
      properties: { action: { type: 'string', enum: ['add', 'done', 'list'] }, items: { type: 'array', items: str }, id: int },
      required: ['action'],
    },
  },
  {
    name: 'web_fetch',
    description: 'Fetch a URL.',
    parameters: { type: 'object', properties: { url: str }, required: ['url'] },
  },
];
