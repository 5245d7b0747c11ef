/**
 * The engine's public surface, for the package barrel and for other folders (tools, agent). Nothing
 * inside this folder imports it, so it cannot create a cycle.
 */
export { applySearchReplace } from './apply-search-replace.js';
export { applyUnifiedDiff } from './unified-diff.js';
export { checkWholeFileRewrite } from './whole-file.js';
export type { SearchReplaceOptions, SearchReplaceResult, RefusalCode } from './types.js';
