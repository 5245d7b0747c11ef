import { describe, expect, it } from 'vitest';
import { systemPrompt, taskNeedsEdits } from '../../server/agent/task-prompt.js';
import { createEstimator } from '../../server/model/budget/token-estimate.js';
import { taskTools } from '../../server/tools/task-tools.js';
import { toolDefinitions } from '../../server/tools/tool-schema.js';

describe('what the agent offers a small model', () => {
  const defs = toolDefinitions(taskTools({ webBrowse: false }, { window: 8192, graph: false, memory: false }));

  it('keeps parameters named like JSON Schema keywords (todo done needs its id)', () => {
    const todo = defs.find((d) => d.name === 'todo');
    expect(Object.keys((todo?.parameters['properties'] ?? {}) as object)).toEqual(['action', 'steps', 'id', 'note']);
  });

  it('leaves numeric bounds to validation instead of the prompt', () => {
    expect(JSON.stringify(defs)).not.toMatch(/"(minimum|maximum)"/);
  });

  it('fits the system prompt and tool schemas of an 8k profile into 1,200 tokens', () => {
    const system = systemPrompt({ root: '/home/user/projects/some-longer-project-name', project: 'Project: node (npm)\nRun tests: npm test', testCommand: 'npm test', format: 'json' });
    const est = createEstimator('generic');
    expect(est.message({ role: 'system', content: system }) + est.tools(defs)).toBeLessThanOrEqual(1200);
  });

  it('names the test command once when the project summary already has it', () => {
    const system = systemPrompt({ root: '/w', project: 'Project: node (npm)\nRun tests: npm test', testCommand: 'npm test', format: 'native' });
    expect(system.match(/npm test/g)?.length).toBe(1);
    expect(system).not.toContain('Project: Project:');
    expect(systemPrompt({ root: '/w', project: null, testCommand: null, format: 'native' })).toContain('No test command was detected.');
  });
});

describe('taskNeedsEdits for bug reports without an imperative', () => {
  it.each([
    ['parseDate in src/date.ts is off by one hour', true],
    ['sum() should ignore null values', true],
    ['the slugify helper crashes on empty strings', true],
    ['the tests in test/cart.test.js are failing', true],
    ['what does slugify return for empty strings?', false],
  ])('%j → %s', (task, expected) => {
    expect(taskNeedsEdits(task)).toBe(expected);
  });
});
