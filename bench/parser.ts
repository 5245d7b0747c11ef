/**
 * Benchmark of the forgiving tool-call parser: throughput (MB/s) on a mixed corpus built from the
 * test case texts, and on 1 MB adversarial inputs. Prints medians over several runs.
 * Run: npx vite-node bench/parser.ts   (optional: `-- --runs 9` or `-- --only "open braces"`)
 */
import { parseToolCalls } from '../server/model/tool-calls/parse-tool-calls.js';
import { TOOLS } from '../test/model/tool-calls/tools.js';
import { JSON_CASES } from '../test/model/tool-calls/cases/json.js';
import { WRAPPER_CASES } from '../test/model/tool-calls/cases/wrappers.js';
import { PYTHONIC_XML_YAML_CASES } from '../test/model/tool-calls/cases/pythonic-xml-yaml.js';
import { REPAIR_CASES } from '../test/model/tool-calls/cases/repairs.js';
import { ARGUMENT_CASES } from '../test/model/tool-calls/cases/arguments.js';
import { REASONING_CASES } from '../test/model/tool-calls/cases/reasoning.js';
import { NEGATIVE_CASES } from '../test/model/tool-calls/cases/negatives.js';
import { ERROR_CASES } from '../test/model/tool-calls/cases/errors.js';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg !== -1 ? Number(args[runsArg + 1]) : 7;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg !== -1 ? args[onlyArg + 1] : undefined;
const MB = 1 << 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Times `fn` RUNS times and returns the median milliseconds. */
function time(fn: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const cases = [...JSON_CASES, ...WRAPPER_CASES, ...PYTHONIC_XML_YAML_CASES, ...REPAIR_CASES, ...ARGUMENT_CASES, ...REASONING_CASES, ...NEGATIVE_CASES, ...ERROR_CASES];
const messages = cases.map((c) => c.text).filter((t) => t.length > 0);
const corpusBytes = messages.reduce((n, t) => n + t.length, 0);
const repeat = Math.max(1, Math.ceil((2 * MB) / corpusBytes));

const rows: [string, number, number][] = [];

if (!ONLY) {
  // Mixed corpus: every case text parsed as its own message, the set repeated to ~2 MB.
  const ms = time(() => {
    for (let r = 0; r < repeat; r++) for (const m of messages) parseToolCalls(m, TOOLS);
  });
  const bytes = corpusBytes * repeat;
  rows.push([`mixed corpus (${messages.length} messages x ${repeat})`, bytes, ms]);
  const perMsg = (ms * 1000) / (messages.length * repeat);
  console.log(`per message: median ${perMsg.toFixed(1)} us (${messages.length * repeat} messages)`);
}

const ADVERSARIAL: [string, string][] = [
  ['1 MB prose', fill('This is a long explanation of the code, with `ticks` and (parens). ')],
  ['open braces', fill('{')],
  ['open brackets and braces', fill('[{')],
  ['unterminated keys', fill('{"a')],
  ['nested objects never closed', fill('{"a":')],
  ['quotes only', fill('"')],
  ['unclosed tool_call tags', fill('<tool_call>')],
  ['tool_call tags with half JSON', fill('<tool_call>{"name": "read_file", "arguments": {"path": "')],
  ['unclosed fences', fill('```json\n{')],
  ['tool-named XML tags never closed', fill('<read_file><path>')],
  ['pythonic calls never closed', fill('read_file(path="')],
  ['ReAct lines', fill('Action: bash\nAction Input: {"command": "')],
  ['40k distinct XML-ish calls', Array.from({ length: 40_000 }, (_, i) => `<read_file><path>f${i}.ts</path></read_file>`).join('\n').slice(0, MB)],
  ['1 MB write_file content', `<tool_call>{"name": "write_file", "arguments": {"path": "big.txt", "content": ${JSON.stringify(fill('code "q" {b}\n', MB - 100))}}}</tool_call>`],
];

for (const [name, text] of ADVERSARIAL) {
  if (ONLY && !name.includes(ONLY)) continue;
  rows.push([name, text.length, time(() => parseToolCalls(text, TOOLS))]);
}

console.log(`\nparser throughput, median of ${RUNS} runs`);
console.log('input'.padEnd(48), 'size'.padStart(10), 'ms'.padStart(10), 'MB/s'.padStart(10));
for (const [name, bytes, ms] of rows) {
  console.log(name.padEnd(48), `${(bytes / MB).toFixed(2)} MB`.padStart(10), ms.toFixed(1).padStart(10), (bytes / MB / (ms / 1000)).toFixed(1).padStart(10));
}
