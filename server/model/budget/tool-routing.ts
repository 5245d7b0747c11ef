/**
 * Two-stage tool routing for small contexts (16k tokens or less): stage 1 offers one tiny
 * `choose_category` tool, stage 2 only the chosen category's schemas. Pure: builds the stage-1 tool and
 * reads the model's choice leniently from a call or from plain text.
 */
import type { ToolCall, ToolDefinition, WireToolCall } from '../messages.js';
import { stripReasoning } from './thinking-history.js';

export const TOOL_CATEGORIES = ['read', 'write', 'search', 'run', 'plan'] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

export interface CategorisedTool {
  definition: ToolDefinition;
  category: ToolCategory;
}

export const CHOOSE_CATEGORY = 'choose_category';
/** Windows at or below this many tokens use two-stage routing. */
export const ROUTING_MAX_WINDOW = 16_384;

const CATEGORY_DOC: Record<ToolCategory, string> = {
  read: 'look at files',
  write: 'create or change files',
  search: 'find code, files or symbols',
  run: 'run commands or tests',
  plan: 'record or update the plan',
};

export interface RoutedTools {
  /** False when the window is large enough to offer every tool at once. */
  enabled: boolean;
  /** The only tool of stage 1 (its enum lists the non-empty categories). */
  stage1Tool: ToolDefinition;
  /** The stage-1 instruction for models without native tools. */
  stage1Text: string;
  byCategory: Record<ToolCategory, ToolDefinition[]>;
  /** Categories that have at least one tool, in the canonical order. */
  categories: ToolCategory[];
}

/** Groups tools by category and builds the stage-1 tool; `enabled` says whether to route at all. */
export function routeTools(tools: readonly CategorisedTool[], window: number, maxWindow = ROUTING_MAX_WINDOW): RoutedTools {
  const byCategory = { read: [], write: [], search: [], run: [], plan: [] } as Record<ToolCategory, ToolDefinition[]>;
  for (const t of tools) byCategory[t.category].push(t.definition);
  const categories = TOOL_CATEGORIES.filter((c) => byCategory[c].length > 0);
  const lines = categories.map((c) => `${c}: ${CATEGORY_DOC[c]} (${byCategory[c].map((d) => d.name).join(', ')})`);
  const stage1Tool: ToolDefinition = {
    name: CHOOSE_CATEGORY,
    description: `Pick the kind of tool you need next. ${lines.join('; ')}.`,
    parameters: {
      type: 'object',
      properties: { category: { type: 'string', enum: categories } },
      required: ['category'],
    },
  };
  const stage1Text = `Before acting, answer with one word naming the kind of tool you need next:\n${lines.map((l) => `- ${l}`).join('\n')}`;
  // Routing only pays when there is more than one category to choose from.
  return { enabled: window <= maxWindow && categories.length > 1, stage1Tool, stage1Text, byCategory, categories };
}

const SYNONYMS: [RegExp, ToolCategory][] = [
  [/\b(read|reading|view|open|look|inspect|cat|show)\b/, 'read'],
  [/\b(write|writing|edit|editing|modify|change|create|patch|replace|fix|update)\b/, 'write'],
  [/\b(search|searching|find|grep|locate|lookup|look up|query)\b/, 'search'],
  [/\b(run|running|execute|exec|test|tests|build|compile|shell|bash|command)\b/, 'run'],
  [/\b(plan|planning|todo|todos|steps)\b/, 'plan'],
];

export type CategoryChoice = { ok: true; category: ToolCategory; via: 'call' | 'exact' | 'tool-name' | 'synonym' } | { ok: false; error: string };

type ChoiceInput = string | ToolCall | WireToolCall | null | undefined;

function argsOf(input: ToolCall | WireToolCall): Record<string, unknown> {
  if ('function' in input) {
    try {
      const v: unknown = JSON.parse(input.function.arguments || '{}');
      if (v && typeof v === 'object') return v as Record<string, unknown>;
      if (typeof v === 'string') return { category: v };
    } catch (err) {
      void err; // a bare word as arguments ("read") is still a usable answer
      return { category: input.function.arguments };
    }
    return {};
  }
  return input.arguments;
}

/**
 * Reads the model's category choice from a `choose_category` call or from text ("read", "I need to
 * search", `{"category": "run"}`, a tool name such as `read_file`). Only categories in `available`
 * (default: all) count; two different categories named equally prominently is an error, not a guess.
 */
export function parseCategoryChoice(input: ChoiceInput, routed?: Pick<RoutedTools, 'categories' | 'byCategory'>): CategoryChoice {
  const available: readonly ToolCategory[] = routed?.categories ?? TOOL_CATEGORIES;
  const list = available.join(', ');
  if (input === null || input === undefined) return { ok: false, error: `No category given. Answer with one of: ${list}.` };
  let text: string;
  let via: 'call' | null = null;
  if (typeof input === 'string') {
    text = input;
  } else {
    const name = 'function' in input ? input.function.name : input.name;
    const args = argsOf(input);
    const value = args.category ?? args.kind ?? args.type ?? args.name ?? Object.values(args)[0];
    text = typeof value === 'string' ? value : name !== CHOOSE_CATEGORY ? name : '';
    via = 'call';
  }
  const clean = stripReasoning(text).toLowerCase().trim();
  // JSON-ish answers: {"category": "read"}
  const json = /"?(?:category|kind)"?\s*[:=]\s*"?([a-z_]+)/.exec(clean);
  const exactWord = clean.replace(/^[\s"'`*.:-]+|[\s"'`*.!:-]+$/g, '');
  const candidates = [json?.[1], exactWord].filter((s): s is string => !!s);
  for (const c of candidates) {
    if ((available as readonly string[]).includes(c)) return { ok: true, category: c as ToolCategory, via: via ?? 'exact' };
  }
  // A tool name stands for its category.
  if (routed) {
    for (const cat of available) {
      for (const d of routed.byCategory[cat]) {
        if (new RegExp(`\\b${d.name.replace(/[^a-z0-9_]/gi, '')}\\b`, 'i').test(clean)) return { ok: true, category: cat, via: 'tool-name' };
      }
    }
  }
  // Category words and synonyms: the earliest mention wins only when no other category is mentioned.
  const hits = new Map<ToolCategory, number>();
  for (const cat of available) {
    const m = new RegExp(`\\b${cat}\\b`).exec(clean);
    if (m) hits.set(cat, m.index);
  }
  if (hits.size === 0) {
    for (const [re, cat] of SYNONYMS) {
      if (!available.includes(cat)) continue;
      const m = re.exec(clean);
      if (m && !hits.has(cat)) hits.set(cat, m.index);
    }
  }
  if (hits.size === 1) {
    const [cat] = [...hits.keys()];
    return { ok: true, category: cat!, via: via ?? 'synonym' };
  }
  if (hits.size > 1) return { ok: false, error: `The answer names several kinds (${[...hits.keys()].join(', ')}). Answer with exactly one of: ${list}.` };
  return { ok: false, error: `Could not read a tool category from the answer. Answer with exactly one of: ${list}.` };
}
