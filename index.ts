/**
 * The programmatic API of the `smallcode` package. Each subsystem exports its public pieces here;
 * nothing inside server/ imports this file.
 */
export { SmallCodeError, isSmallCodeError, type ErrorCode } from './server/core/errors.js';
export { loadConfig } from './server/config/load.js';
export { VARIABLES, type Config } from './server/config/variables.js';
export type { ChatMessage, ToolCall, ToolDefinition, JsonSchema } from './server/model/messages.js';
export * as protocol from './protocol-ext/index.js';
export { applySearchReplace, applyUnifiedDiff, checkWholeFileRewrite, type SearchReplaceOptions, type SearchReplaceResult } from './server/edit/search-replace/api.js';
export { parseToolCalls, type ParseResult, type ParseOptions } from './server/model/tool-calls/parse-tool-calls.js';
