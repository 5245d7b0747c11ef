/**
 * Internal shapes passed between the extractors and the finishing step of the tool-call parser.
 * Types only; nothing here is exported from the package.
 */
import type { SchemaInfo } from './schema-info.js';
import type { ToolDefinition } from '../messages.js';

/** A call as an extractor found it, before name matching, alias resolution and coercion. */
export interface RawCall {
  /** The tool name exactly as the model wrote it. */
  name: string;
  /** Arguments as found: an object, a string (JSON text or a bare value), or undefined. */
  args: unknown;
  /** Pythonic positional arguments, mapped onto the schema's property order later. */
  positional?: unknown[];
  /** Offset in the visible text, used to keep calls in the order the model wrote them. */
  at: number;
  format: string;
  repairs: string[];
  /** Whether a failure to resolve this call (unknown name) is worth an error back to the model. */
  explicit: boolean;
  /**
   * Found without call syntax around it (JSON in prose or a data fence): an unknown name is an
   * error only when nothing but closing punctuation follows it (a call ends the message; an example
   * is followed by explanation).
   */
  soft?: boolean;
  /** Offset just after the call's text, for the `soft` rule. */
  end?: number;
}

/** A clear attempt at a call that could not be recovered; becomes part of `error`. */
export interface Failure {
  at: number;
  message: string;
}

export interface Found {
  calls: RawCall[];
  failures: Failure[];
}

/** What every extractor gets: the offered tools and quick lookups over them. */
export interface ParseContext {
  tools: readonly ToolDefinition[];
  toolNames: readonly string[];
  schema(name: string): SchemaInfo;
  /** Name lookup; `strict` skips the synonym table (used for identifiers found in prose). */
  resolveName(raw: string, strict?: boolean): string | undefined;
}

export function emptyFound(): Found {
  return { calls: [], failures: [] };
}

export function mergeFound(into: Found, from: Found): void {
  into.calls.push(...from.calls);
  into.failures.push(...from.failures);
}
