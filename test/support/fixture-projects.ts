/** Small real-shaped projects for end-to-end agent tests: each has a bug and a test that shows it. */
import { makeTempWorkspace, type TempWorkspace } from './temp-dir.js';

/** A Node project whose `add` subtracts; `npm test` (node --test) fails until it is fixed. */
export function buggyNodeProject(): TempWorkspace {
  return makeTempWorkspace({
    'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2) + '\n',
    'src/math.js': 'export function add(a, b) {\n    return a - b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n',
    'test/math.test.js':
      "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { add, mul } from '../src/math.js';\n\ntest('add', () => assert.strictEqual(add(2, 3), 5));\ntest('mul', () => assert.strictEqual(mul(2, 3), 6));\n",
  });
}
