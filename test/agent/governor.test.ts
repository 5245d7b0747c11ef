import { describe, expect, it } from 'vitest';
import { Governor } from '../../server/agent/governor.js';

const TASK = 'fix the add function in src/math.js';
const gov = (o: Partial<ConstructorParameters<typeof Governor>[0]> = {}): Governor =>
  new Governor({ task: TASK, baseTemperature: 0.2, tempAdapt: true, trustDecay: true, ...o });

describe('Governor: exact-repeat calls', () => {
  it('lets a call run twice and steers the third identical one with the task', () => {
    const g = gov();
    expect(g.beforeCall('read_file', '{"path":"a.js"}')).toBeNull();
    expect(g.beforeCall('read_file', '{"path":"a.js"}')).toBeNull();
    const iv = g.beforeCall('read_file', '{"path":"a.js"}');
    expect(iv?.kind).toBe('repeat');
    expect(iv?.message).toContain('3 times');
    expect(iv?.message).toContain(TASK);
  });

  it('starts counting a call afresh when its earlier answer left the view (forgetCall), and still steers real loops after', () => {
    const g = gov();
    const args = '{"path":"a.js"}';
    expect(g.beforeCall('read_file', args)).toBeNull();
    expect(g.beforeCall('read_file', args)).toBeNull();
    g.forgetCall('read_file', args);
    expect(g.beforeCall('read_file', args)).toBeNull();
    expect(g.beforeCall('read_file', args)).toBeNull();
    expect(g.beforeCall('read_file', args)?.kind).toBe('repeat');
  });

  it('does not count calls with different arguments as repeats', () => {
    const g = gov();
    for (let i = 0; i < 6; i++) expect(g.beforeCall('read_file', `{"path":"f${i}.js"}`)).toBeNull();
  });

  it('forgets a repeat that is far back in the history', () => {
    const g = gov();
    g.beforeCall('bash', '{"command":"npm test"}');
    g.beforeCall('bash', '{"command":"npm test"}');
    for (let i = 0; i < 5; i++) g.beforeCall('read_file', `{"path":"f${i}.js"}`);
    expect(g.beforeCall('bash', '{"command":"npm test"}')).toBeNull();
  });

  it('does not count re-reading or re-testing after a successful edit as a loop', () => {
    const g = gov();
    const test = '{"command":"npm test"}';
    for (let i = 0; i < 4; i++) {
      expect(g.beforeCall('read_file', '{"path":"a.js"}')).toBeNull();
      expect(g.beforeCall('patch', `{"path":"a.js","search":"v${i}"}`)).toBeNull();
      g.afterEdit('a.js', true);
      expect(g.beforeCall('bash', test)).toBeNull();
    }
    // Without an edit in between, the third identical test run is a loop.
    g.beforeCall('bash', test);
    expect(g.beforeCall('bash', test)?.kind).toBe('repeat');
  });

  it('stops steering after the per-kind cap and asks the runner to stop instead', () => {
    const g = gov({ maxPerKind: 2 });
    const key = '{"path":"a.js"}';
    const kinds: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) kinds.push(g.beforeCall('read_file', key)?.kind);
    expect(kinds).toEqual([undefined, undefined, 'repeat', 'repeat', 'cap_reached', 'cap_reached']);
    expect(g.log.at(-1)?.message).toBeNull();
  });
});

describe('Governor: patch spirals and temperature', () => {
  it('steers to re-read the region after three failed edits of one file, and resets on success', () => {
    const g = gov();
    expect(g.afterEdit('src/a.js', false)).toBeNull();
    expect(g.afterEdit('src/a.js', false)).toBeNull();
    const iv = g.afterEdit('src/a.js', false);
    expect(iv?.kind).toBe('patch_spiral');
    expect(iv?.message).toMatch(/read_file on src\/a\.js/);
    expect(g.afterEdit('src/a.js', true)).toBeNull();
    expect(g.afterEdit('src/a.js', false)).toBeNull();
  });

  it('keeps failures of different files apart', () => {
    const g = gov();
    g.afterEdit('a.js', false);
    g.afterEdit('b.js', false);
    expect(g.afterEdit('c.js', false)).toBeNull();
  });

  it('raises the temperature with consecutive failed edits when SMALLCODE_TEMP_ADAPT is on, and not when off', () => {
    const g = gov();
    expect(g.temperature()).toBe(0.2);
    g.afterEdit('a.js', false);
    g.afterEdit('a.js', false);
    expect(g.temperature()).toBeCloseTo(0.5);
    for (let i = 0; i < 10; i++) g.afterEdit('a.js', false);
    expect(g.temperature()).toBe(0.9);
    g.afterEdit('a.js', true);
    expect(g.temperature()).toBe(0.2);
    const off = gov({ tempAdapt: false });
    off.afterEdit('a.js', false);
    expect(off.temperature()).toBe(0.2);
  });

  it('asks for verification when trust in the edit tools has decayed, only with SMALLCODE_TRUST_DECAY', () => {
    const g = gov();
    expect(g.wantsVerification).toBe(false);
    g.afterEdit('a.js', false);
    g.afterEdit('b.js', false);
    expect(g.trustOf('patch')).toBeCloseTo(0.5);
    expect(g.wantsVerification).toBe(true);
    const off = gov({ trustDecay: false });
    off.afterEdit('a.js', false);
    off.afterEdit('b.js', false);
    expect(off.wantsVerification).toBe(false);
  });
});

describe('Governor: text-only turns', () => {
  it('answers an empty turn with the task', () => {
    const iv = gov().afterTextOnly('   ', { editsMade: false, needsEdits: true });
    expect(iv?.kind).toBe('empty_turn');
    expect(iv?.message).toContain(TASK);
  });

  it('re-injects the task after a greeting regression', () => {
    const iv = gov().afterTextOnly('Hello! How can I help you today?', { editsMade: true, needsEdits: true });
    expect(iv?.kind).toBe('lost_task');
    expect(iv?.message).toContain(`The task is: ${TASK}`);
  });

  it.each([
    'What task would you like me to help with?',
    'Hi there! Please provide the code you want me to look at.',
    "I'm here to help. How may I assist you?",
  ])('treats %j as a lost task', (text) => {
    expect(gov().afterTextOnly(text, { editsMade: false, needsEdits: true })?.kind).toBe('lost_task');
  });

  it('does not mistake a summary with a polite closing for a lost task', () => {
    expect(gov().afterTextOnly('Fixed add in src/math.js. How can I help you further?', { editsMade: true, needsEdits: true })).toBeNull();
    // Without any edit, the same politeness is still a lost task.
    expect(gov().afterTextOnly('How can I help you further?', { editsMade: true, needsEdits: true })?.kind).toBe('lost_task');
  });

  it('sends the model back when it stops before changing a file on an editing task', () => {
    const iv = gov().afterTextOnly('The bug is in add.', { editsMade: false, needsEdits: true });
    expect(iv?.kind).toBe('no_tool');
    expect(iv?.message).toMatch(/No file has been changed yet/);
  });

  it('accepts a final answer once edits were made, or when the task needs none', () => {
    expect(gov().afterTextOnly('Fixed add.', { editsMade: true, needsEdits: true })).toBeNull();
    expect(gov().afterTextOnly('add subtracts instead of adding.', { editsMade: false, needsEdits: false })).toBeNull();
  });

  it('names the real tools when the model invents one', () => {
    const iv = gov().unknownTool('run_tests', ['read_file', 'patch', 'bash']);
    expect(iv.kind).toBe('unknown_tool');
    expect(iv.message).toBe('There is no tool named run_tests. The tools are: read_file, patch, bash.');
  });
});
