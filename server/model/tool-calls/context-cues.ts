/**
 * Reads the words just before a candidate call to tell a call the model makes from one it only shows:
 * an example ("for example:", "the format is"), advice to a reader ("you can call"), or a quoted tool
 * result ("the tool returned:"). Also finds a tool-name label before a bare argument object
 * ("Calling read_file with:"). Looks at most two lines back; regexes run on bounded slices only.
 */
import { nearLineStart } from './text-scan.js';

const SHOWN = new RegExp(
  [
    'for example', 'for instance', 'e\\.g\\.', '\\bexample\\s*:', 'example of', 'example (tool )?call', 'example usage',
    "here(?: is|'s) an example", 'as an example', 'an example (?:of|call|would|might)', 'would look like', 'looks like this',
    'should look like', 'the (?:correct |right |expected )?format (?:is|would be|looks)', '\\bsyntax\\b', '(?:this|that|the following|following|same) format\\b', '\\bformat\\s*:', '\\busage\\s*:',
    'you (?:can|could|would|should|might|may|need to) (?:call|use|invoke|run|send|write|try)', "you'd (?:call|use|write)",
    'to call (?:a|the) tool', "(?:don't|do not|never) (?:call|use|send|write)", 'instead of (?:calling|writing|sending)',
    '(?:tool|function|call|command|it) (?:returned|responded|gave back|produced)', '\\b(?:result|output|response)s?\\b[^.\\n]{0,40}?\\b(?:was|were)\\b',
    '^\\W*(?:tool )?(?:result|output|observation|response)\\s*:', 'previous (?:call|attempt)', 'you sent', 'i sent',
    'in (?:javascript|typescript|python|js|ts|node|bash|shell|go|rust|java)\\b', 'template', 'the schema',
    '\\b(?:test|tests|code|function|script|program|snippet|module|caller|handler|library|api) (?:calls|does|runs|uses|invokes|contains|looks like)\\b',
    '\\bsuch as\\b', '\\bsignature\\b', 'is defined as', 'is called like',
  ].join('|'),
  'i',
);

/** Up to two lines of text before `at` (the current line's prefix and the previous non-empty line). */
export function textBefore(s: string, at: number, floor = 0): string {
  const ls = Math.max(floor, nearLineStart(s, at));
  let prevStart = ls;
  let guard = 0;
  // Skip blank lines back to the previous non-empty line.
  while (prevStart > floor && prevStart > at - 600 && guard++ < 50) {
    const pls = Math.max(floor, nearLineStart(s, prevStart - 1));
    const line = s.slice(pls, prevStart - 1);
    prevStart = pls;
    if (line.trim().length > 0) break;
  }
  const from = Math.max(prevStart, at - 400);
  return s.slice(from, at);
}

/** The model is showing this call (example, advice, quoted result), not making it. */
export function shownNotCalled(s: string, at: number, floor = 0): boolean {
  const before = textBefore(s, at, floor);
  if (before.length === 0) return false;
  const lines = before.split('\n');
  const same = lines[lines.length - 1]!;
  if (same.trim().length > 0 && SHOWN.test(same)) return true;
  // The line above counts only when it introduces what follows ("For example:", "... such as"):
  // "the bug shows e.g. with empty lists." above a call is explanation, not an example intro.
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i]!.trimEnd();
    if (line.trim().length === 0) continue;
    const m = SHOWN.exec(line);
    if (!m) return false;
    return line.endsWith(':') || m.index + m[0].length >= line.length - 30;
  }
  return false;
}

const CONNECTORS = new Set(['with', 'using', 'the', 'following', 'arguments', 'args', 'parameters', 'params', 'input', 'tool', 'function', 'these', 'call', 'and']);
const LABEL_WORDS = /^\W*(?:tool|function|action|call|calling|invoke|tool[ _]name|name|using tool|use tool)\s*[:=]/i;
const INTENT_WORDS = /\b(?:i'll|i will|let me|let's|i'm going to|i am going to|i need to|now|next|first|then|calling|invoking|using|call|use|run|invoke|execute)\b/i;

/**
 * A tool name labelling an argument object that starts at `at`, or undefined: "read_file:",
 * "Tool: read_file", "Calling `read_file` with:", "I'll use read_file with the arguments".
 * Tokenises the line from its end instead of using a backtracking regex.
 */
export function labelBefore(s: string, at: number, resolve: (raw: string) => string | undefined, floor = 0): string | undefined {
  const ls = Math.max(floor, nearLineStart(s, at, 200));
  let line = s.slice(ls, at);
  if (line.trim().length === 0) {
    const before = textBefore(s, at, floor).split('\n').filter((l) => l.trim().length > 0);
    if (before.length === 0) return undefined;
    line = before[before.length - 1]!.slice(-200);
  }
  const tokens = line.split(/[\s:=`*"'()]+/).filter((t) => t.length > 0);
  let k = tokens.length - 1;
  while (k >= 0 && CONNECTORS.has(tokens[k]!.toLowerCase().replace(/[^a-z]/g, ''))) k--;
  if (k < 0) return undefined;
  const token = tokens[k]!.replace(/^[^A-Za-z_]+|[^\w]+$/g, '');
  if (!/^[A-Za-z_][\w.-]*$/.test(token) || !resolve(token)) return undefined;
  // Alone on its line, after a label word, or after an intent ("I'll call ...").
  if (k === 0) return token;
  const head = tokens.slice(0, k).join(' ');
  if (LABEL_WORDS.test(line) || INTENT_WORDS.test(head)) return token;
  return undefined;
}
