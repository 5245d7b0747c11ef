/**
 * Model profiles: every built-in file validates, real model names from Ollama, LM Studio and Hugging
 * Face map to the right family (and variant), the reason names the pattern, and user files in
 * temp dirs override or add profiles while a bad file only produces a diagnostic.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectProfile, toProfileResult } from '../../../server/model/profiles/detect.js';
import { builtinProfiles, loadProfiles, mergeProfileData } from '../../../server/model/profiles/load.js';
import { FALLBACK_PROFILE, matchProfile } from '../../../server/model/profiles/match.js';
import { ProfileResult } from '../../../protocol-ext/model.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'smallcode-profiles-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('built-in profiles', () => {
  it('all load without diagnostics and cover the required families', () => {
    const { items, diagnostics } = builtinProfiles();
    expect(diagnostics).toEqual([]);
    expect(items.map((p) => p.id).sort()).toEqual(
      ['deepseek-r1', 'gemma3', 'gemma4', 'generic', 'gpt-oss', 'granite', 'llama3', 'mistral', 'phi4', 'qwen2.5', 'qwen2.5-coder', 'qwen3', 'qwen3-coder'].sort(),
    );
  });

  // [model name as a server lists it, expected profile id, expected context window]
  const TABLE: [string, string, number][] = [
    ['qwen2.5-coder:7b', 'qwen2.5-coder', 32768],
    ['qwen2.5-coder:14b-instruct-q4_K_M', 'qwen2.5-coder', 32768],
    ['qwen2.5-coder:32b', 'qwen2.5-coder', 32768],
    ['lmstudio-community/Qwen2.5-Coder-7B-Instruct-GGUF', 'qwen2.5-coder', 32768],
    ['Qwen/Qwen2.5-Coder-14B-Instruct', 'qwen2.5-coder', 32768],
    ['qwen2.5-coder-7b-instruct', 'qwen2.5-coder', 32768],
    ['hf.co/bartowski/Qwen2.5-Coder-32B-Instruct-GGUF:Q4_K_M', 'qwen2.5-coder', 32768],
    ['qwen2.5:7b-instruct', 'qwen2.5', 32768],
    ['qwen3:8b', 'qwen3', 40960],
    ['qwen3:14b', 'qwen3', 40960],
    ['qwen3:30b-a3b', 'qwen3', 40960],
    ['Qwen/Qwen3-8B', 'qwen3', 40960],
    ['unsloth/Qwen3-30B-A3B-GGUF', 'qwen3', 40960],
    ['qwen3-30b-a3b-instruct-2507', 'qwen3', 262144],
    ['qwen3-coder:30b', 'qwen3-coder', 262144],
    ['Qwen/Qwen3-Coder-30B-A3B-Instruct', 'qwen3-coder', 262144],
    ['lmstudio-community/Qwen3-Coder-30B-A3B-Instruct-MLX-4bit', 'qwen3-coder', 262144],
    ['llama3.1:8b', 'llama3', 131072],
    ['llama3.2:3b', 'llama3', 131072],
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama3', 131072],
    ['Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 'llama3', 131072],
    ['llama3:8b', 'llama3', 131072],
    ['gemma3:12b', 'gemma3', 131072],
    ['gemma3:1b', 'gemma3', 32768],
    ['google/gemma-3-27b-it', 'gemma3', 131072],
    ['gemma4:31b', 'gemma4', 262144],
    ['google/gemma-4-E4B-it', 'gemma4', 131072],
    ['mistral-small3.2:24b', 'mistral', 131072],
    ['mistralai/Mistral-Small-3.1-24B-Instruct-2503', 'mistral', 131072],
    ['devstral:24b', 'mistral', 131072],
    ['mistralai/Devstral-Small-2505', 'mistral', 131072],
    ['mistral:7b', 'mistral', 32768],
    ['deepseek-r1:14b', 'deepseek-r1', 131072],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'deepseek-r1', 131072],
    ['deepseek-r1:8b-0528-qwen3-q4_K_M', 'deepseek-r1', 131072],
    ['DeepSeek-R1-Distill-Llama-8B-GGUF', 'deepseek-r1', 131072],
    ['phi4:14b', 'phi4', 16384],
    ['phi4-mini:3.8b', 'phi4', 131072],
    ['microsoft/Phi-4-reasoning', 'phi4', 32768],
    ['granite3.3:8b', 'granite', 131072],
    ['ibm-granite/granite-4.0-h-tiny', 'granite', 131072],
    ['gpt-oss:20b', 'gpt-oss', 131072],
    ['openai/gpt-oss-20b', 'gpt-oss', 131072],
    ['codellama:7b', 'generic', 8192],
    ['starcoder2:15b', 'generic', 8192],
    ['my-finetune', 'generic', 8192],
  ];

  it.each(TABLE)('%s → %s (%i tokens)', (name, id, ctx) => {
    const m = detectProfile(name);
    expect(m.profile.id).toBe(id);
    expect(m.profile.contextWindow).toBe(ctx);
  });

  it('explains the choice with the pattern and the name', () => {
    expect(detectProfile('qwen2.5-coder:7b').reason).toBe('matched pattern /qwen2\\.?5[-_ .]?coder/ in qwen2.5-coder:7b');
    expect(detectProfile('gemma3:1b').reason).toContain('variant /(^|[^0-9])(1b|270m)/');
    expect(detectProfile('zzz').reason).toBe('no profile pattern matched "zzz"; using the generic profile');
    expect(detectProfile(null).reason).toBe('no model configured; using the generic profile');
  });

  it('lets the more specific family win over one whose name it contains', () => {
    expect(detectProfile('qwen3-coder:30b-a3b-q4_K_M').profile.id).toBe('qwen3-coder');
    expect(detectProfile('deepseek-r1:8b-0528-qwen3').profile.id).toBe('deepseek-r1');
  });

  it('carries the thinking switch per family', () => {
    expect(detectProfile('qwen3:8b').profile.thinking?.disable).toEqual({ systemSuffix: '/no_think', templateKwargs: { enable_thinking: false } });
    expect(detectProfile('gpt-oss:20b').profile.thinking?.disable).toEqual({ reasoningEffort: 'low' });
    expect(detectProfile('deepseek-r1:14b').profile.thinking).toMatchObject({ default: 'always' });
    expect(detectProfile('deepseek-r1:14b').profile.thinking?.disable).toBeUndefined();
    expect(detectProfile('qwen3-30b-a3b-instruct-2507').profile.thinking).toBeUndefined();
  });

  it('converts to a valid smallcode/profile result', () => {
    const r = toProfileResult(detectProfile('qwen3:14b'), 'qwen3:14b', { contextWindow: 8192 });
    expect(ProfileResult.parse(r)).toEqual(r);
    expect(r).toMatchObject({ id: 'qwen3', contextWindow: 8192, thinking: { tags: ['think'], disable: 'system message ends with /no_think; chat_template_kwargs {"enable_thinking":false}' } });
  });
});

describe('user profile files', () => {
  it('workspace files override user files, which override built-ins (merged field by field)', () => {
    const ws = tempDir();
    const user = tempDir();
    mkdirSync(join(ws, '.smallcode', 'profiles'), { recursive: true });
    writeFileSync(join(user, 'qwen.yaml'), 'id: qwen2.5-coder\ncontextWindow: 65536\ntemperature: 0.1\n');
    writeFileSync(join(ws, '.smallcode', 'profiles', 'qwen.yaml'), 'id: qwen2.5-coder\ncontextWindow: 16384\n');
    const r = loadProfiles({ workspaceRoot: ws, userDir: user });
    expect(r.diagnostics).toEqual([]);
    const q = r.items.find((p) => p.id === 'qwen2.5-coder')!;
    expect(q.contextWindow).toBe(16384);
    expect(q.temperature).toBe(0.1);
    expect(q.toolCallStyle).toBe('hermes'); // untouched built-in field
    expect(r.sources['qwen2.5-coder']).toBe(join(ws, '.smallcode', 'profiles', 'qwen.yaml'));
  });

  it('adds a new family from a user file and matches it', () => {
    const user = tempDir();
    writeFileSync(join(user, 'starcoder.yaml'), [
      'id: starcoder2', 'name: StarCoder2', 'patterns: ["starcoder2"]', 'contextWindow: 16384', 'toolCallStyle: text', 'temperature: 0.1',
    ].join('\n'));
    const r = loadProfiles({ userDir: user });
    const m = matchProfile('starcoder2:15b', r.items);
    expect(m.profile.id).toBe('starcoder2');
    expect(m.profile.contextWindow).toBe(16384);
  });

  it('reports a bad file as a diagnostic and keeps every other profile', () => {
    const user = tempDir();
    writeFileSync(join(user, 'a-broken.yaml'), 'id: [unclosed\n');
    writeFileSync(join(user, 'b-invalid.yaml'), 'id: qwen3\ncontextWindow: lots\n');
    writeFileSync(join(user, 'c-badregex.yaml'), 'id: x\nname: X\npatterns: ["(unclosed"]\ncontextWindow: 4096\ntoolCallStyle: json\ntemperature: 0.2\n');
    writeFileSync(join(user, 'd-noid.yaml'), 'name: nothing\n');
    const r = loadProfiles({ userDir: user });
    expect(r.diagnostics.map((d) => d.file.split('/').pop())).toEqual(['a-broken.yaml', 'b-invalid.yaml', 'c-badregex.yaml', 'd-noid.yaml']);
    expect(r.diagnostics[1]?.message).toContain('contextWindow');
    expect(r.diagnostics[2]?.message).toContain('valid regular expression');
    expect(r.items.find((p) => p.id === 'qwen3')?.contextWindow).toBe(40960);
    expect(r.items).toHaveLength(builtinProfiles().items.length);
  });

  it('null in an override removes a field (turning a thinking family into a plain one)', () => {
    expect(mergeProfileData({ a: 1, thinking: { tags: ['think'] } }, { thinking: null })).toEqual({ a: 1 });
    expect(mergeProfileData({ t: { x: 1, y: 2 }, arr: [1, 2] }, { t: { y: 3 }, arr: [9] })).toEqual({ t: { x: 1, y: 3 }, arr: [9] });
  });

  it('falls back to a built-in generic profile when the list has none', () => {
    expect(matchProfile('anything', []).profile).toBe(FALLBACK_PROFILE);
  });
});
