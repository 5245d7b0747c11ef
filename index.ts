/**
 * The programmatic API of the `smallcode` package. Each subsystem exports its public pieces here;
 * nothing inside server/ imports this file.
 */
export { SmallCodeError, isSmallCodeError, type ErrorCode } from './server/core/errors.js';
export { loadConfig } from './server/config/load.js';
export { VARIABLES, type Config } from './server/config/variables.js';
export type { ChatMessage, ToolCall, ToolDefinition, JsonSchema } from './server/model/messages.js';
export * as protocol from './protocol-ext/index.js';
export { SmallCode, type SmallCodeOptions, type SmallCodeEvents, type RunOptions } from './server/agent/smallcode.js';
export type { RunResultT as RunResult, TaskEventT as TaskEvent } from './protocol-ext/agent.js';
export { runDoctor, type DoctorReport } from './server/agent/doctor.js';
export { applySearchReplace, applyUnifiedDiff, checkWholeFileRewrite, type SearchReplaceOptions, type SearchReplaceResult } from './server/edit/search-replace/api.js';
export { parseToolCalls, type ParseResult, type ParseOptions } from './server/model/tool-calls/parse-tool-calls.js';
export { ModelProvider, type ProviderOptions } from './server/model/provider/provider.js';
export { createProvider, type ModelConfig, type ModelSetup } from './server/model/provider/create.js';
export { detectBaseUrl, probeBaseUrls, LOCAL_SERVER_CANDIDATES } from './server/model/provider/detect-base-url.js';
export { discoverServerContext, resolveContextWindow, type ServerKind } from './server/model/provider/discovery.js';
export { apiKeyForBaseUrl } from './server/model/provider/cloud-keys.js';
export type { ChatRequest, ChatResult, Usage } from './server/model/provider/types.js';
export { detectProfile } from './server/model/profiles/detect.js';
export { loadProfiles } from './server/model/profiles/load.js';
export type { ModelProfile } from './server/model/profiles/schema.js';
export { definePromptFunction } from './server/model/prompt-fn/define.js';
export { classifyTask, decomposeTask, summariseHistory, repairToolCall } from './server/model/prompt-fn/functions.js';
export { Workspace } from './server/workspace/workspace.js';
export { computeTextEdits, applyTextEdits } from './server/edit/text-edits.js';
export { fitConversation, shrinkAfterOverflow, estimateTokens, createEstimator, Calibrator, validateConversation, stripReasoning, routeTools, parseCategoryChoice, TokenLedger, type FitInput, type FitResult, type TokenEstimator } from './server/model/budget/api.js';
export { GraphService, type GraphServiceOptions } from './server/graph/graph-service.js';
export { openGraphStore, type OpenedGraphStore } from './server/graph/store/open-graph-store.js';
export { GraphIndexer, type FileEvent, type UpdateOutcome, type FileEventsSummary } from './server/graph/indexer/graph-indexer.js';
export { indexWorkspace, type IndexSummary, type IndexRunOptions } from './server/graph/indexer/cold-index.js';
export { Debouncer } from './server/graph/indexer/debouncer.js';
export { extractFile, type ExtractInput } from './server/graph/extract/extract-file.js';
export type { ExtractedFile, ExtractedSymbol, ExtractedReference, Language as GraphLanguage } from './server/graph/types.js';
export { MemoryService } from './server/memory/memory-service.js';
