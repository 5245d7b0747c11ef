/**
 * The shape of one parser case (text in, expected calls / no call / error out) and a shorthand for
 * expected calls. Free of vitest so the benchmark can reuse the case texts.
 */
import type { ToolDefinition } from '../../../server/model/messages.js';

export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown>;
}

export type Expectation =
  | { calls: ExpectedCall[]; repairs?: RegExp }
  | { none: true }
  | { error: RegExp; calls?: ExpectedCall[] };

export interface ParserCase {
  name: string;
  text: string;
  tools?: ToolDefinition[];
  reasoning?: string;
  expect: Expectation;
}

/** Shorthand for one expected call. */
export function call(name: string, args: Record<string, unknown>): ExpectedCall {
  return { name, arguments: args };
}
