import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToText, decodeEntities } from '../../server/tools/html-text.js';
import { closestToolName } from '../../server/tools/arg-errors.js';
import { availableTools } from '../../server/tools/available-tools.js';
import { ToolRegistry } from '../../server/tools/registry.js';
import { defaultConfig } from '../../server/config/variables.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

describe('htmlToText', () => {
  it('keeps structure and drops scripts, styles and comments', () => {
    const html = `<!doctype html><html><head><title>API &mdash; Ref</title><style>.a{}</style></head><body>
      <nav><a href="/">Home</a></nav><!-- hidden -->
      <h1>API &mdash; Ref</h1><p>Use <b>fetch</b>&nbsp;to call.</p>
      <script>var secret = 1;</script>
      <ul><li>one</li><li>two</li></ul>
      <pre><code>if (a &lt; b) {
  return;
}</code></pre>
      <table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table></body></html>`;
    expect(htmlToText(html)).toBe('Home\n\n# API — Ref\n\nUse fetch to call.\n\n- one\n- two\n\n```\nif (a < b) {\n  return;\n}\n```\n\nk | v\na | 1');
  });

  it('decodes numeric and named entities and leaves unknown ones', () => {
    expect(decodeEntities('&#65;&#x42;&lt;&amp;&bogus;')).toBe('AB<&&bogus;');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => typeof htmlToText(s) === 'string'));
  });
});

describe('closestToolName', () => {
  it('finds typos and containment, not unrelated names', () => {
    const names = ['bash', 'search', 'find_files', 'read_file'];
    expect(closestToolName('serach', names)).toBe('search');
    expect(closestToolName('readFile', names)).toBe('read_file');
    expect(closestToolName('run_bash', names)).toBe('bash');
    expect(closestToolName('deploy', names)).toBeNull();
    expect(closestToolName('grep', names)).toBe('search');
    expect(closestToolName('run_terminal_cmd', names)).toBe('bash');
    expect(closestToolName('cat', names)).toBe('read_file');
    expect(closestToolName('str_replace', names)).toBeNull();
  });
});

describe('dispatch robustness', () => {
  it('never throws and always answers text for any tool name and argument value', async () => {
    const reg = new ToolRegistry(availableTools({ ...defaultConfig(), webBrowse: true }));
    const root = tempWorkspace({ 'a.txt': 'hello' });
    const ctx = toolContext(root);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('search', 'find_files', 'web_fetch', 'web_search', 'nope', ''), fc.jsonValue(), async (name, args) => {
        // bash is left out: random strings as commands are not something to execute.
        const r = await reg.dispatch(name, args, ctx);
        return typeof r.output === 'string' && typeof r.ok === 'boolean';
      }),
      { numRuns: 150 },
    );
  });
});
