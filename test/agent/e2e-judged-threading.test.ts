import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, messagesOf, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

const FORMAT = "export function formatAmount(value) {\n  return '$' + value.toFixed(2);\n}\n";
const INVOICE = "import { formatAmount } from './format.js';\n\nexport function invoiceLine(item) {\n  return item.name + ': ' + formatAmount(item.price);\n}\n";
const REPORT = "import { invoiceLine } from './invoice.js';\n\nexport function report(items) {\n  return items.map((item) => invoiceLine(item)).join('\\n');\n}\n";
const TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { report } from '../src/report.js';\n\n" +
  "test('default currency', () => assert.strictEqual(report([{ name: 'a', price: 3 }]), 'a: $3.00'));\n" +
  "test('given currency', () => assert.strictEqual(report([{ name: 'a', price: 3 }], 'EUR '), 'a: EUR 3.00'));\n";

const TASK = "add a currency parameter (default '$') to formatAmount in src/format.js and thread it through invoiceLine in src/invoice.js and report in src/report.js, so report(items, 'EUR ') prints amounts as 'EUR 3.00'";

/** True when the last tool result says the call did not work (what a model would notice). */
function failed(last: string): boolean {
  return /error|not found|did not match|no match|failed|missing|expected/i.test(last.slice(0, 400));
}

describe('end to end (judged): parameter threading across three files by a sloppy text-call model', () => {
  it('recovers from misnamed parameters and drifted whitespace through the feedback it gets, and the tests pass', async () => {
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'money', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/format.js': FORMAT,
      'src/invoice.js': INVOICE,
      'src/report.js': REPORT,
      'test/report.test.js': TEST,
    }));
    const seen: string[] = [];
    let driftedTried = false;
    let correctedTried = false;
    let misremembered = false;
    let fixedInvoice = false;
    let missFeedback = '';
    let step = 0;
    let planRequests = 0;
    // Each step is an answer in a different text format with the wrong parameter names a 7B model uses.
    const steps: ((last: string) => ScriptItem | 'next')[] = [
      () => ({ content: '```json\n{"name": "read_file", "arguments": {"file_path": "src/format.js"}}\n```' }),
      (last) => {
        if (!driftedTried) {
          driftedTried = true;
          // Whitespace drift: four spaces where the file has two, and a blank line at the end.
          return { content: '<tool_call>\n{"name": "patch", "arguments": {"file_path": "src/format.js", "old_str": "export function formatAmount(value) {\\n    return \'$\' + value.toFixed(2);\\n}", "new_str": "export function formatAmount(value, currency = \'$\') {\\n  return currency + value.toFixed(2);\\n}"}}\n</tool_call>' };
        }
        if (failed(last) && !correctedTried) {
          correctedTried = true;
          return { content: '{"tool": "patch", "args": {"filename": "src/format.js", "old_string": "export function formatAmount(value) {\\n  return \'$\' + value.toFixed(2);\\n}", "new_string": "export function formatAmount(value, currency = \'$\') {\\n  return currency + value.toFixed(2);\\n}"}}' };
        }
        return 'next';
      },
      () => ({ content: 'Now the invoice.\n[read_file(filepath="src/invoice.js")]' }),
      (last) => {
        if (!misremembered) {
          misremembered = true;
          // Misremembers the call (formatMoney) and gets told where the real text is.
          return { content: '{"name": "patch", "parameters": {"path": "src/invoice.js", "old_str": "  return item.name + \': \' + formatMoney(item.price);", "new_str": "  return item.name + \': \' + formatMoney(item.price, currency);"}}' };
        }
        if (!fixedInvoice) {
          fixedInvoice = true;
          missFeedback = last;
          return { content: '{"name": "patch", "parameters": {"path": "src/invoice.js", "old_str": "export function invoiceLine(item) {\\n  return item.name + \': \' + formatAmount(item.price);", "new_str": "export function invoiceLine(item, currency) {\\n  return item.name + \': \' + formatAmount(item.price, currency);"}}' };
        }
        return 'next';
      },
      () => ({ content: '<tool_call>\n<function=read_file>\n<parameter=file>\nsrc/report.js\n</parameter>\n</function>\n</tool_call>' }),
      () => ({ content: '```json\n{"name": "patch", "arguments": {"file_path": "src/report.js", "search": "export function report(items) {\\n  return items.map((item) => invoiceLine(item)).join(\'\\\\n\');", "replace": "export function report(items, currency) {\\n  return items.map((item) => invoiceLine(item, currency)).join(\'\\\\n\');"}}\n```' }),
      // Claims success without testing.
      () => ({ content: 'Done! The currency parameter is threaded through all three functions.' }),
    ];
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: (req) => {
        if (/TODO list/.test(String(messagesOf(req)[0]?.content ?? ''))) {
          planRequests++;
          return { content: 'Sure! First I will read the files, then change them.' };
        }
        const last = String(lastMessage(req)?.content ?? '');
        seen.push(last);
        for (;;) {
          const fn = steps[step] ?? steps[steps.length - 1]!;
          const out = fn(last);
          if (out === 'next') {
            step++;
            continue;
          }
          // Steps 1 and 3 stay until they say 'next' (their patch may need a second try); the others run once.
          if (step !== 1 && step !== 3) step++;
          return out;
        }
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: TASK });
    expect(run.code, `${run.stderr}\n${seen.join('\n=====\n')}`).toBe(0);
    expect(result.success).toBe(true);
    // The miss named the file's real line, so the second attempt could copy it.
    expect(missFeedback).toContain("return item.name + ': ' + formatAmount(item.price);");
    expect(readText(ws.root, 'src/format.js')).toBe("export function formatAmount(value, currency = '$') {\n  return currency + value.toFixed(2);\n}\n");
    expect(readText(ws.root, 'src/report.js')).toContain('invoiceLine(item, currency)');
    expect(readText(ws.root, 'src/invoice.js')).toContain('formatAmount(item.price, currency)');
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    expect(result.filesEdited.sort()).toEqual(['src/format.js', 'src/invoice.js', 'src/report.js']);
    expect(server.chatRequests.length - planRequests).toBeLessThanOrEqual(11);
  });
});
