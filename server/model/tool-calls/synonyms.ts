/**
 * Data: groups of words models use for the same tool or the same parameter. A group only ever maps
 * a name onto a tool or property that actually exists in the request, and only when the match is
 * unique, so extending a group cannot invent tools or arguments. No logic here.
 */

/** Tool-name synonym groups (compared after normalising case and separators). */
export const TOOL_SYNONYMS: readonly (readonly string[])[] = [
  ['read_file', 'view_file', 'open_file', 'cat', 'cat_file', 'get_file', 'view', 'read', 'show_file', 'file_read',
    'read_text_file', 'load_file', 'get_file_contents', 'read_file_content', 'file_view', 'view_code', 'read_files', 'open'],
  ['write_file', 'create_file', 'save_file', 'write', 'new_file', 'write_to_file', 'create', 'file_write', 'overwrite_file',
    'put_file', 'write_file_content', 'create_new_file'],
  ['patch', 'edit_file', 'apply_patch', 'str_replace', 'replace_in_file', 'edit', 'search_replace', 'search_and_replace',
    'replace', 'modify_file', 'str_replace_editor', 'apply_edit', 'update_file', 'apply_diff', 'edit_code', 'replace_string',
    'file_edit', 'patch_file', 'replace_text', 'str_replace_based_edit_tool', 'editor'],
  ['bash', 'shell', 'run', 'run_command', 'execute_command', 'exec', 'execute', 'terminal', 'run_shell_command', 'cmd',
    'command', 'sh', 'run_terminal_cmd', 'execute_bash', 'run_bash', 'shell_exec', 'run_shell', 'terminal_command',
    'run_in_terminal', 'exec_command', 'bash_command', 'shell_command', 'run_terminal_command', 'container_exec', 'powershell'],
  ['search', 'grep', 'search_files', 'ripgrep', 'rg', 'find_in_files', 'code_search', 'search_code', 'grep_search',
    'search_text', 'text_search', 'search_in_files', 'find_text', 'search_codebase', 'codebase_search', 'search_file_content'],
  ['find_files', 'glob', 'list_files', 'find_file', 'file_search', 'find', 'glob_files', 'search_file_names', 'find_by_name',
    'list_dir', 'list_directory', 'ls', 'list', 'find_filenames', 'search_filenames', 'list_dir_files'],
  ['graph_search', 'symbol_search', 'search_symbols', 'find_symbol', 'workspace_symbol', 'find_symbols', 'search_symbol',
    'lookup_symbol', 'code_graph_search'],
  ['explain_symbol', 'describe_symbol', 'symbol_info', 'get_symbol', 'explain', 'go_to_definition', 'goto_definition'],
  ['memory_load', 'load_memory', 'recall', 'memory_recall', 'read_memory', 'get_memory', 'memory_get', 'memory_search'],
  ['memory_remember', 'remember', 'save_memory', 'memory_save', 'store_memory', 'write_memory', 'memory_store', 'memory_add', 'add_memory'],
  ['todo', 'todo_write', 'todos', 'update_todo', 'todo_list', 'manage_todo', 'plan', 'update_plan', 'task_list'],
  ['web_fetch', 'fetch', 'fetch_url', 'get_url', 'browse', 'open_url', 'http_get', 'read_url', 'web_get', 'fetch_webpage', 'url_fetch'],
  ['web_search', 'search_web', 'google_search', 'internet_search', 'brave_search', 'websearch', 'search_internet', 'bing_search', 'duckduckgo_search'],
];

/**
 * Parameter synonym groups. A key the model sent maps onto a schema property when both sit in one
 * group, the property exists, and it was not given; `secondary` groups are tried when the primary
 * ones find nothing (a `directory` may stand for a search tool's `path`).
 */
export const PARAM_SYNONYMS: readonly (readonly string[])[] = [
  ['path', 'file_path', 'filepath', 'filename', 'file_name', 'file', 'fname', 'target_file', 'target_path', 'relative_path',
    'absolute_path', 'abs_path', 'rel_path', 'pathname', 'uri', 'file_uri', 'source_file', 'filePath', 'the_path', 'p', 'files', 'paths'],
  ['directory', 'dir', 'folder', 'cwd', 'workdir', 'working_directory', 'root', 'base_dir', 'search_path', 'dir_path', 'directory_path', 'folder_path'],
  ['search', 'old_str', 'old_string', 'old', 'find', 'old_text', 'search_text', 'original', 'original_text', 'search_string',
    'search_block', 'old_code', 'before', 'from', 'existing', 'existing_text', 'needle', 'old_content', 'old_lines', 'match',
    'search_for', 'find_text', 'original_code', 'target', 'old_value', 'searchText'],
  ['replace', 'new_str', 'new_string', 'new', 'replacement', 'new_text', 'replace_text', 'replace_with', 'with', 'after', 'to',
    'replace_block', 'new_code', 'new_content', 'new_lines', 'substitute', 'replacement_text', 'updated', 'updated_code', 'new_value', 'replaceWith'],
  ['content', 'contents', 'text', 'data', 'body', 'file_content', 'file_contents', 'code', 'source', 'file_text', 'new_file_content',
    'full_content', 'file_data', 'source_code'],
  ['command', 'cmd', 'commands', 'script', 'shell_command', 'bash_command', 'command_line', 'cmdline', 'run', 'exec', 'shell',
    'bash', 'cmd_line', 'shell_cmd', 'command_string', 'code'],
  ['query', 'pattern', 'q', 'regex', 'regexp', 'search_query', 'search_term', 'term', 'keyword', 'keywords', 'search_pattern',
    'expression', 'search_string', 'text', 'search', 'grep', 'needle', 'string', 'name_query', 'query_string'],
  ['glob', 'pattern', 'file_pattern', 'glob_pattern', 'include', 'mask', 'name_pattern', 'files', 'filter', 'file_glob', 'globs', 'file_mask'],
  ['start_line', 'start', 'line_start', 'from_line', 'first_line', 'begin', 'offset', 'start_line_number', 'line_offset',
    'line', 'from', 'startLine', 'line_from', 'begin_line', 'start_at'],
  ['end_line', 'end', 'line_end', 'to_line', 'last_line', 'stop', 'end_line_number', 'to', 'endLine', 'line_to', 'stop_line', 'end_at'],
  ['limit', 'max_lines', 'count', 'num_lines', 'lines', 'max_results', 'n', 'max', 'max_count', 'line_count', 'top_k', 'k'],
  ['url', 'link', 'href', 'uri', 'address', 'website', 'webpage', 'page', 'site'],
  ['symbol', 'symbol_name', 'name', 'identifier', 'function', 'function_name', 'class_name', 'ident', 'sym', 'qualified_name'],
  ['key', 'name', 'title', 'id', 'topic', 'label', 'slug'],
  ['value', 'content', 'note', 'text', 'fact', 'memory', 'info', 'body', 'data', 'description'],
  ['replace_all', 'all', 'global', 'replace_all_occurrences', 'multiple', 'every', 'all_occurrences', 'replaceAll'],
  ['timeout', 'timeout_ms', 'timeout_seconds', 'time_limit', 'seconds', 'timeout_sec'],
  ['action', 'op', 'operation', 'mode', 'verb'],
  ['item', 'task', 'todo', 'description', 'text', 'title', 'step'],
  ['id', 'index', 'number', 'item_id', 'task_id', 'todo_id', 'idx'],
];

/** Groups whose keys may fall back onto another group's properties. */
export const PARAM_SECONDARY: readonly (readonly [string, string])[] = [
  ['directory', 'path'],
  ['path', 'directory'],
  ['glob', 'query'],
  ['query', 'glob'],
];
