/**
 * Benchmark of the model layer's own overhead (the model's speed is not ours to measure): a streamed
 * 2,000-token answer through ModelProvider vs the bare openai SDK against the scripted server on
 * 127.0.0.1 (median / p99 and the ratio), stream assembly of tool-call deltas per chunk, and
 * profile detection per model name. Run: npx vite-node bench/provider.ts
 */
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { ModelProvider } from '../server/model/provider/provider.js';
import { StreamAssembler, type ChunkLike } from '../server/model/provider/stream-assembler.js';
import { detectProfile } from '../server/model/profiles/detect.js';
import { startModelServer } from '../test/support/model-server.js';

function stats(xs: number[]): { p50: number; p99: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

const fmt = (n: number): string => n.toFixed(n < 1 ? 4 : 2);

async function main(): Promise<void> {
  const answer = 'word '.repeat(2000);
  const srv = await startModelServer({ script: () => ({ content: answer, chunkSize: 5 }) });
  const provider = new ModelProvider({ baseUrl: srv.url, model: 'qwen3:8b', profile: detectProfile('qwen3:8b').profile });
  const sdk = new OpenAI({ baseURL: srv.url, apiKey: 'x', maxRetries: 0 });
  const RUNS = 60;
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    let t = performance.now();
    const r = await provider.chat({ messages: [{ role: 'user', content: 'go' }] });
    const a = performance.now() - t;
    if (r.content.length < answer.length - 1) throw new Error('short answer');
    t = performance.now();
    const stream = await sdk.chat.completions.create({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'go' }], stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    const b = performance.now() - t;
    if (text.length < answer.length - 1) throw new Error('short answer');
    if (i >= 5) {
      ours.push(a);
      bare.push(b);
    }
  }
  await srv.close();
  const o = stats(ours);
  const b = stats(bare);
  console.log(`streamed 2000-token answer (2000 chunks), ${RUNS} runs`);
  console.log(`  ModelProvider.chat   p50 ${fmt(o.p50)} ms  p99 ${fmt(o.p99)} ms`);
  console.log(`  bare openai SDK      p50 ${fmt(b.p50)} ms  p99 ${fmt(b.p99)} ms`);
  console.log(`  overhead ratio (p50) ${(o.p50 / b.p50).toFixed(2)}x`);

  const chunks: ChunkLike[] = [];
  for (let i = 0; i < 200; i++) {
    chunks.push({ choices: [{ delta: { tool_calls: [{ index: i % 4, ...(i < 4 ? { id: `c${i}`, function: { name: 'edit_file', arguments: '' } } : { function: { arguments: '{"x":"abcdefgh"}'.slice(0, 8) } }) }] } }] });
  }
  const per: number[] = [];
  for (let r = 0; r < 200; r++) {
    const t = performance.now();
    const asm = new StreamAssembler();
    for (const c of chunks) asm.push(c);
    asm.result();
    per.push(((performance.now() - t) * 1000) / chunks.length);
  }
  const s = stats(per);
  console.log(`stream assembly: p50 ${fmt(s.p50)} µs/chunk  p99 ${fmt(s.p99)} µs/chunk`);

  const names = ['qwen2.5-coder:14b-instruct-q4_K_M', 'lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-MLX-4bit', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'gpt-oss:20b', 'my-finetune'];
  detectProfile(names[0]!);
  const det: number[] = [];
  for (let r = 0; r < 2000; r++) {
    const t = performance.now();
    detectProfile(names[r % names.length]!);
    det.push((performance.now() - t) * 1000);
  }
  const d = stats(det);
  console.log(`detectProfile: p50 ${fmt(d.p50)} µs  p99 ${fmt(d.p99)} µs per name`);
}

void main();
