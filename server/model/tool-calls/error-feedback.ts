/**
 * Writes the `error` text fed back to the model when it clearly tried to call a tool and nothing
 * usable came out: what was wrong, the real tool names, the expected parameters, and a one-line
 * example in the exact format to send. Pure text building.
 */
import type { Failure, ParseContext } from './types.js';

function exampleValue(types: Set<string>, name: string): string {
  if (types.has('integer') || types.has('number')) return '1';
  if (types.has('boolean')) return 'true';
  if (types.has('array')) return '["..."]';
  if (types.has('object')) return '{}';
  return `"<${name}>"`;
}

/** `<tool_call>{"name": "read_file", "arguments": {"path": "<path>"}}</tool_call>` for one tool. */
export function exampleCall(ctx: ParseContext, tool?: string): string {
  const name = tool ?? ctx.toolNames[0] ?? 'tool';
  const info = ctx.schema(name);
  const params = (info.required.length > 0 ? info.required : info.order.slice(0, 1))
    .map((p) => `"${p}": ${exampleValue(info.props.get(p)?.types ?? new Set(), p)}`)
    .join(', ');
  return `<tool_call>{"name": "${name}", "arguments": {${params}}}</tool_call>`;
}

/** Names a tool mentioned in a failure message, if it is a real one (for a matching example). */
function toolIn(message: string, ctx: ParseContext): string | undefined {
  const m = /for "([^"]+)"|of ([\w.-]+)/.exec(message);
  const n = m?.[1] ?? m?.[2];
  return n && ctx.toolNames.includes(n) ? n : undefined;
}

export function buildError(failures: Failure[], ctx: ParseContext): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of failures) {
    if (seen.has(f.message)) continue;
    seen.add(f.message);
    lines.push(f.message.startsWith('Unknown tool') || f.message.startsWith('The arguments') ? f.message : `Could not read your tool call: ${f.message}.`);
  }
  const unknown = failures.some((f) => f.message.startsWith('Unknown tool'));
  if (!unknown) lines.push(`The available tools are: ${ctx.toolNames.join(', ')}.`);
  const tool = failures.map((f) => toolIn(f.message, ctx)).find((t) => t !== undefined);
  lines.push(`Send one call per block, exactly like this: ${exampleCall(ctx, tool)}`);
  return lines.join('\n');
}
