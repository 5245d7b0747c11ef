/**
 * The records the extractor produces and the store keeps. This is the contract between
 * extraction (tree-sitter, queries, workers) and storage/queries (SQLite, FTS5, repo map).
 * Pure types; no I/O.
 */

export type Language = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'rust';

export type SymbolKind =
  | 'function' | 'class' | 'method' | 'interface' | 'type' | 'enum' | 'constant' | 'variable' | 'module' | 'field';

export type ReferenceKind = 'call' | 'import' | 'type' | 'heritage';

/** 0-based lines; columns in UTF-16 code units (LSP positions). */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface ExtractedSymbol {
  name: string;
  kind: SymbolKind;
  range: SourceRange;
  /** Name of the enclosing class/interface/impl/module, if any. */
  container: string | null;
  /** The declaration's first line, trimmed (what a repo map shows). */
  signature: string;
  doc: string | null;
  exported: boolean;
}

export interface ExtractedReference {
  /** The referenced name (callee, imported name, type name, base class). */
  name: string;
  kind: ReferenceKind;
  range: SourceRange;
  /** The symbol the reference sits inside (for callers/callees), if any. */
  fromSymbol: string | null;
  /** For imports: the module specifier. */
  module?: string;
}

export interface ExtractedFile {
  path: string; // workspace-relative, forward slashes
  language: Language;
  hash: string; // content hash (sha1 hex)
  mtimeMs: number;
  lines: number;
  symbols: ExtractedSymbol[];
  references: ExtractedReference[];
  /** True when tree-sitter reported syntax errors (the file is still indexed). */
  hasErrors: boolean;
}
