/**
 * Model routing across tasks: per-model failure rates persisted in `.smallcode/routing.json`; a
 * default model failing more than 30% of recent tasks routes the next task to SMALLCODE_MODEL_MEDIUM,
 * more than 60% to SMALLCODE_MODEL_STRONG. The choice is pure; reading and writing the file is here too.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ModelRecord {
  /** Outcomes of the most recent tasks, newest last (true = success). */
  recent: boolean[];
}

export interface RoutingStats {
  models: Record<string, ModelRecord>;
}

export const RECENT_TASKS = 20;
/** Fewer outcomes than this say nothing about a model. */
export const MIN_TASKS = 3;

export function failureRate(stats: RoutingStats, model: string): number | null {
  const r = stats.models[model]?.recent ?? [];
  if (r.length < MIN_TASKS) return null;
  return r.filter((ok) => !ok).length / r.length;
}

export interface RouteDecision {
  model: string;
  tier: 'default' | 'medium' | 'strong';
  reason: string;
}

export function chooseModel(stats: RoutingStats, base: string, medium: string | null, strong: string | null): RouteDecision {
  const rate = failureRate(stats, base);
  if (rate === null) return { model: base, tier: 'default', reason: `${base}: not enough history to judge` };
  const pct = `${Math.round(rate * 100)}%`;
  if (rate > 0.6 && strong) return { model: strong, tier: 'strong', reason: `${base} failed ${pct} of recent tasks (> 60%): routed to SMALLCODE_MODEL_STRONG ${strong}` };
  if (rate > 0.3 && medium) return { model: medium, tier: 'medium', reason: `${base} failed ${pct} of recent tasks (> 30%): routed to SMALLCODE_MODEL_MEDIUM ${medium}` };
  if (rate > 0.3 && strong) return { model: strong, tier: 'strong', reason: `${base} failed ${pct} of recent tasks (> 30%) and no medium model is set: routed to ${strong}` };
  return { model: base, tier: 'default', reason: `${base} failed ${pct} of recent tasks` };
}

export function recordOutcome(stats: RoutingStats, model: string, ok: boolean): RoutingStats {
  const recent = [...(stats.models[model]?.recent ?? []), ok].slice(-RECENT_TASKS);
  return { models: { ...stats.models, [model]: { recent } } };
}

function file(root: string): string {
  return join(root, '.smallcode', 'routing.json');
}

export function readRoutingStats(root: string): RoutingStats {
  try {
    const parsed = JSON.parse(readFileSync(file(root), 'utf8')) as RoutingStats;
    return parsed && typeof parsed.models === 'object' ? parsed : { models: {} };
  } catch (err) {
    void err; // missing or unreadable history starts fresh: routing is advice, not state to protect
    return { models: {} };
  }
}

export function writeRoutingStats(root: string, stats: RoutingStats): void {
  mkdirSync(join(root, '.smallcode'), { recursive: true });
  const tmp = `${file(root)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(stats, null, 2));
  renameSync(tmp, file(root));
}
