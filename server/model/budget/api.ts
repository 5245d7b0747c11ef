/**
 * The budget engine's public surface for the package API (index.ts): the fitter, the overflow retry, the
 * estimator and the data for smallcode/budget and smallcode/tokens. Re-exports only; nothing inside
 * server/model/budget imports this file.
 */
export { fitConversation, fitConversationSync, type FitInput, type FitOptions, type FitResult, type FitSuccess, type FitFailure } from './fit-conversation.js';
export { shrinkAfterOverflow, parseContextOverflow, type OverflowInfo } from './overflow.js';
export { estimateTokens, createEstimator, familyOf, type TokenEstimator, type ModelFamily } from './token-estimate.js';
export { Calibrator } from './calibrator.js';
export { validateConversation, repairConversation, type ConversationProblem } from './conversation-invariants.js';
export { stripReasoning, splitReasoning } from './thinking-history.js';
export { truncateToolResult } from './truncate-tool-result.js';
export { routeTools, parseCategoryChoice, type CategorisedTool, type ToolCategory } from './tool-routing.js';
export { splitBudget, toBudgetResult } from './budget-split.js';
export { TokenLedger, type TokenCallRecord } from './token-ledger.js';
export { summariserFrom, formatStructuredSummary, type Summariser, type StructuredSummary } from './compact.js';
