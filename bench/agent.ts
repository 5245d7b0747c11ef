/**
 * Benchmarks of the agent loop (issue 6): harness overhead per turn excluding model and test time
 * (test (a)'s bug fix run in-process through Host.runTask against the scripted model server), the
 * tokens of the system prompt plus tool schemas of the first request for an 8k and a 32k profile
 * (goal for 8k: at most 1,200), and the end-to-end time of test (a).
 * Run with: npx vite-node bench/agent.ts   (add --runs N for more samples; default 7)
 */
import { performance } from 'node:perf_hooks';
import { Host } from '../server/agent/host.js';
import { createEstimator, familyOf } from '../server/model/budget/token-estimate.js';
import type { ChatMessage, ToolDefinition } from '../server/model/messages.js';
import { buggyNodeProject } from '../test/support/fixture-projects.js';
import { startModelServer } from '../test/support/model-server.js';

const TASK = 'fix the add function in src/math.js so the tests pass';

function script() {
  return [
    { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
    { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'export function add(a, b) {\n  return a - b;\n}', replace: 'export function add(a, b) {\n  return a + b;\n}' } }] },
    { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
    { content: 'Fixed add: it now returns a + b. The tests pass.' },
  ];
}

interface Sample {
  totalMs: number;
  setupMs: number;
  perTurnMs: number;
  turns: number;
  commandMs: number;
  firstRequest: { messages: ChatMessage[]; tools: ToolDefinition[] };
  success: boolean;
}

async function runOnce(model: string): Promise<Sample> {
  const ws = buggyNodeProject();
  const server = await startModelServer({ models: [model], script: script() });
  const host = new Host({ root: ws.root, env: { PATH: process.env.PATH, HOME: process.env.HOME, SMALLCODE_BASE_URL: server.url, SMALLCODE_MODEL: model, SMALLCODE_AUTO_APPROVE: 'true' } });
  let firstTurnAt = 0;
  let commandMs = 0;
  const t0 = performance.now();
  try {
    const result = await host.runTask({ task: TASK, mode: 'apply' }, {
      onProgress: (m) => {
        if (!firstTurnAt && m.startsWith('turn 1:')) firstTurnAt = performance.now();
      },
      onEvent: (e) => {
        // Shell time (the model's bash calls and the runner's own validation runs) is not harness time.
        if (e.kind === 'tool_end' && (e.name === 'bash' || e.name === 'validate')) commandMs += e.ms ?? 0;
      },
    }, new AbortController().signal);
    const end = performance.now();
    const turns = server.chatRequests.length;
    const body = server.chatRequests[0]!.body!;
    const tools = ((body['tools'] ?? []) as { function: ToolDefinition }[]).map((t) => t.function);
    return {
      totalMs: end - t0,
      setupMs: firstTurnAt - t0,
      perTurnMs: (end - firstTurnAt - commandMs) / turns,
      turns,
      commandMs,
      firstRequest: { messages: body['messages'] as ChatMessage[], tools },
      success: result.success,
    };
  } finally {
    host.dispose();
    await server.close();
    ws.cleanup();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)]!;
const fmt = (n: number): string => n.toFixed(1);

function promptTokens(model: string, req: Sample['firstRequest']): { system: number; tools: number; total: number; request: number } {
  const est = createEstimator(familyOf(model));
  const system = req.messages.find((m) => m.role === 'system');
  const s = system ? est.message(system) : 0;
  const t = est.tools(req.tools);
  return { system: s, tools: t, total: s + t, request: est.request(req.messages, req.tools) };
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

  // Token budget of the fixed prefix for an 8k profile (unknown model → generic, 8192) and a 32k one.
  for (const [label, model] of [['8k profile (generic)', 'tiny-coder-7b'], ['32k profile (qwen2.5-coder)', 'qwen2.5-coder:7b']] as const) {
    const s = await runOnce(model);
    const tk = promptTokens(model, s.firstRequest);
    console.log(`${label}: system prompt ${tk.system} + tool schemas ${tk.tools} (${s.firstRequest.tools.length} tools: ${s.firstRequest.tools.map((t) => t.name).join(', ')}) = ${tk.total} tokens; whole first request ${tk.request} tokens${model === 'tiny-coder-7b' ? `  [goal ≤ 1200: ${tk.total <= 1200 ? 'met' : 'NOT met'}]` : ''}`);
  }

  const samples: Sample[] = [];
  await runOnce('qwen2.5-coder:7b'); // warm-up: module loading, first spawn
  for (let i = 0; i < runs; i++) samples.push(await runOnce('qwen2.5-coder:7b'));
  const ok = samples.filter((s) => s.success).length;
  const perTurn = samples.map((s) => s.perTurnMs);
  console.log(`test (a) in-process, ${runs} runs (${ok} succeeded), ${samples[0]!.turns} model turns each:`);
  console.log(`  harness overhead per turn (wall time minus bash/validation time; the scripted model answers at once): median ${fmt(median(perTurn))} ms, p99 ${fmt(p99(perTurn))} ms`);
  console.log(`  setup before the first turn (config, model discovery, graph index, project detection): median ${fmt(median(samples.map((s) => s.setupMs)))} ms`);
  console.log(`  shell time (npm test by the model + validation): median ${fmt(median(samples.map((s) => s.commandMs)))} ms`);
  console.log(`  end-to-end time of test (a): median ${fmt(median(samples.map((s) => s.totalMs)))} ms, p99 ${fmt(p99(samples.map((s) => s.totalMs)))} ms`);
  console.log(`  overhead share of end-to-end: ${fmt((100 * median(perTurn) * samples[0]!.turns) / median(samples.map((s) => s.totalMs)))}%`);
}

await main();
