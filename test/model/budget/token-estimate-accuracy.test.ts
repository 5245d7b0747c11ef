/**
 * The estimate against real tokenizers: js-tiktoken's o200k (GPT-OSS's vocabulary) and cl100k (the base
 * of Llama 3's and Phi-4's) on real files of the dependencies. Excerpts are checked one by one (held
 * within a band) and in aggregate (close to 1), and the generic family must not undercount.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { estimateTokens, type ModelFamily } from '../../../server/model/budget/token-estimate.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FILES = [
  'node_modules/typescript/lib/lib.es5.d.ts',
  'node_modules/zod/src/v4/core/schemas.ts',
  'node_modules/yaml/dist/compose/composer.js',
  'node_modules/vscode-languageserver-protocol/lib/common/protocol.js',
  'node_modules/openai/README.md',
  'node_modules/zod/README.md',
  'node_modules/openai/package.json',
  'package-lock.json',
];

function excerpts(): string[] {
  const out: string[] = [];
  for (const f of FILES) {
    const text = readFileSync(root + f, 'utf8');
    for (let start = 0, k = 0; start < text.length && k < 4; start += Math.max(4000, Math.floor(text.length / 4)), k++) out.push(text.slice(start, start + 4000));
  }
  return out;
}

const o = new Tiktoken(o200k);
const c = new Tiktoken(cl100k);
const samples = excerpts().map((text) => ({ text, o200k: o.encode(text).length, cl100k: c.encode(text).length }));

function ratios(family: ModelFamily, ref: 'o200k' | 'cl100k'): { each: number[]; total: number } {
  const each = samples.map((s) => estimateTokens(s.text, family) / s[ref]);
  const total = samples.reduce((n, s) => n + estimateTokens(s.text, family), 0) / samples.reduce((n, s) => n + s[ref], 0);
  return { each, total };
}

describe('estimateTokens against real tokenizers', () => {
  it('has enough real excerpts to judge', () => {
    expect(samples.length).toBeGreaterThanOrEqual(24);
  });

  it('is within 15% of o200k overall and 30% per excerpt for GPT-OSS', () => {
    const r = ratios('gpt-oss', 'o200k');
    expect(r.total).toBeGreaterThan(0.9);
    expect(r.total).toBeLessThan(1.1);
    for (const x of r.each) {
      expect(x).toBeGreaterThan(0.7);
      expect(x).toBeLessThan(1.3);
    }
  });

  it('is within 15% of cl100k overall for Llama, never more than 30% under per excerpt', () => {
    const r = ratios('llama', 'cl100k');
    expect(r.total).toBeGreaterThan(0.9);
    expect(r.total).toBeLessThan(1.15);
    for (const x of r.each) expect(x).toBeGreaterThan(0.7);
  });

  it('errs on the safe side for unknown models (generic counts more than cl100k overall)', () => {
    const r = ratios('generic', 'cl100k');
    expect(r.total).toBeGreaterThan(1.05);
    expect(r.total).toBeLessThan(1.4);
  });

  it('counts CJK text close to o200k and never far under', () => {
    const zh = '编译器在解析源文件时遇到了一个类型错误，请检查函数的参数是否与声明一致。我们需要修改这个模块以便它能够正确处理空输入。';
    const ratio = estimateTokens(zh, 'gpt-oss') / o.encode(zh).length;
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.4);
  });
});
