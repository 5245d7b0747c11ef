/**
 * Loads the prompt-function prompts: Markdown files with a YAML front matter (name, maxTokens, ttlMs,
 * temperature) whose body is the system prompt. Returns `{items, diagnostics}`; never throws on a bad file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../../core/package-root.js';

export const PromptFrontMatter = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  maxTokens: z.number().int().min(16).max(32_000),
  ttlMs: z.number().int().min(0),
  temperature: z.number().min(0).max(2).default(0),
  description: z.string().optional(),
}).strict();

export interface PromptFile extends z.infer<typeof PromptFrontMatter> {
  system: string;
  file: string;
}

export function builtinPromptsDir(): string {
  return join(packageRoot(), 'server', 'model', 'prompt-fn', 'prompts');
}

export function parsePromptFile(text: string, file: string): { ok: true; prompt: PromptFile } | { ok: false; message: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { ok: false, message: 'missing the --- front matter --- block' };
  let fm: unknown;
  try {
    fm = parseYaml(m[1]!);
  } catch (err) {
    return { ok: false, message: `front matter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const parsed = PromptFrontMatter.safeParse(fm);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  const system = m[2]!.trim();
  if (system === '') return { ok: false, message: 'the prompt body is empty' };
  return { ok: true, prompt: { ...parsed.data, system, file } };
}

export function loadPromptFiles(dir: string = builtinPromptsDir()): { items: Map<string, PromptFile>; diagnostics: { file: string; message: string }[] } {
  const items = new Map<string, PromptFile>();
  const diagnostics: { file: string; message: string }[] = [];
  if (!existsSync(dir)) return { items, diagnostics: [{ file: dir, message: 'prompt folder not found' }] };
  for (const n of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const file = join(dir, n);
    const r = parsePromptFile(readFileSync(file, 'utf8'), file);
    if (r.ok) items.set(r.prompt.name, r.prompt);
    else diagnostics.push({ file, message: r.message });
  }
  return { items, diagnostics };
}
