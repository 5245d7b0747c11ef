/**
 * Unified-diff and whole-file-rewrite cases: hunks are located by context despite wrong line
 * numbers and sloppy prefixes; rewrites with truncation markers or a drastic shrink are refused.
 */
import type { Case } from './check.js';

const PY = `import sys


def main(argv):
    args = parse(argv)
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
`;

const LONG = Array.from({ length: 48 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';

export const DIFF_CASES: Case[] = [
  {
    name: 'diff: a Python hunk with correct line numbers applies',
    lang: 'py',
    mode: 'diff',
    file: PY,
    search: `--- a/main.py
+++ b/main.py
@@ -4,4 +4,5 @@
 def main(argv):
     args = parse(argv)
+    check(args)
     run(args)
     return 0
`,
    replace: '',
    expect: {
      strategy: 'unified-diff',
      text: `import sys


def main(argv):
    args = parse(argv)
    check(args)
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
`,
    },
  },
  {
    name: 'diff: wrong hunk line numbers are ignored; the context locates the hunk',
    lang: 'py',
    mode: 'diff',
    file: PY,
    search: `@@ -40,3 +40,3 @@
 if __name__ == "__main__":
-    sys.exit(main(sys.argv))
+    sys.exit(main(sys.argv[1:]))
`,
    replace: '',
    expect: {
      text: `import sys


def main(argv):
    args = parse(argv)
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`,
    },
  },
  {
    name: 'diff: two hunks apply in order',
    lang: 'ts',
    mode: 'diff',
    file: `import { a } from './a.js';
import { b } from './b.js';

export function f() {
  a();
  b();
}
`,
    search: `--- a/f.ts
+++ b/f.ts
@@ -1,2 +1,3 @@
 import { a } from './a.js';
 import { b } from './b.js';
+import { c } from './c.js';
@@ -4,4 +5,5 @@
 export function f() {
   a();
   b();
+  c();
 }
`,
    replace: '',
    expect: {
      text: `import { a } from './a.js';
import { b } from './b.js';
import { c } from './c.js';

export function f() {
  a();
  b();
  c();
}
`,
    },
  },
  {
    name: 'diff: context lines that lost their leading space still match',
    lang: 'go',
    mode: 'diff',
    file: `func f() int {
	x := 1

	return x
}
`,
    search: `@@ -1,5 +1,5 @@
func f() int {
-	x := 1
+	x := 2

	return x
`,
    replace: '',
    expect: { text: `func f() int {
	x := 2

	return x
}
` },
  },
  {
    name: 'diff: a CRLF file keeps CRLF',
    lang: 'css',
    mode: 'diff',
    file: `a {\r\n  color: red;\r\n}\r\n`,
    search: `@@ -1,3 +1,3 @@
 a {
-  color: red;
+  color: blue;
 }
`,
    replace: '',
    expect: { text: `a {\r\n  color: blue;\r\n}\r\n` },
  },
  {
    name: 'diff: a hunk written at the wrong indentation is re-indented',
    lang: 'rust',
    mode: 'diff',
    file: `impl A {
    fn f(&self) -> u8 {
        1
    }
}
`,
    search: `@@ -2,3 +2,3 @@
 fn f(&self) -> u8 {
-    1
+    2
 }
`,
    replace: '',
    expect: { text: `impl A {
    fn f(&self) -> u8 {
        2
    }
}
` },
  },
  {
    name: 'diff: `\\ No newline at end of file` is ignored',
    lang: 'json',
    mode: 'diff',
    file: `{
  "a": 1
}`,
    search: `@@ -1,3 +1,3 @@
 {
-  "a": 1
+  "a": 2
 }
\\ No newline at end of file
`,
    replace: '',
    expect: { text: `{
  "a": 2
}` },
  },
  {
    name: 'diff: a new-file diff creates the content',
    lang: 'md',
    mode: 'diff',
    file: ``,
    search: `--- /dev/null
+++ b/NOTES.md
@@ -0,0 +1,2 @@
+# Notes
+First.
`,
    replace: '',
    expect: { text: `# Notes
First.
` },
  },
  {
    name: 'diff: a hunk line that is a whole line never matches inside a longer line',
    lang: 'js',
    mode: 'diff',
    file: `const x = f(a);
const y = f(a) + 1;
`,
    search: `@@ -2,1 +2,1 @@
-f(a) + 1;
+f(a) + 2;
`,
    replace: '',
    expect: { refuse: 'no_match' },
  },
  {
    name: 'diff: a diff wrapped in a ```diff fence applies',
    lang: 'ts',
    mode: 'diff',
    file: `const a = 1;
const b = 2;
`,
    search: "```diff\n@@ -1,2 +1,2 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n```",
    replace: '',
    expect: { text: `const a = 1;
const b = 3;
` },
  },
  {
    name: 'diff: a hunk header with trailing function context is accepted',
    lang: 'go',
    mode: 'diff',
    file: `func main() {
	run()
}
`,
    search: `@@ -1,3 +1,4 @@ func main() {
 func main() {
 	run()
+	wait()
 }
`,
    replace: '',
    expect: { text: `func main() {
	run()
	wait()
}
` },
  },
  {
    name: 'diff: a diff touching two files is invalid',
    lang: 'ts',
    mode: 'diff',
    file: `a();\n`,
    search: `--- a/x.ts
+++ b/x.ts
@@ -1 +1 @@
-a();
+b();
--- a/y.ts
+++ b/y.ts
@@ -1 +1 @@
-c();
+d();
`,
    replace: '',
    expect: { refuse: 'invalid', mentions: ['2 files', 'one diff per file'] },
  },
  {
    name: 'diff: text without hunks is invalid',
    lang: 'py',
    mode: 'diff',
    file: PY,
    search: `please change run to execute`,
    replace: '',
    expect: { refuse: 'invalid', mentions: ['no hunks'] },
  },
  {
    name: 'diff: a hunk whose context is not in the file is refused and named',
    lang: 'py',
    mode: 'diff',
    file: PY,
    search: `@@ -1,3 +1,3 @@
 def helper():
-    pass
+    return 1
`,
    replace: '',
    expect: { refuse: 'no_match', mentions: ['Hunk 1 of 1', 'nothing was applied'] },
  },
  {
    name: 'diff: a failing second hunk refuses the whole diff',
    lang: 'ts',
    mode: 'diff',
    file: `one();
two();
three();
`,
    search: `@@ -1,2 +1,2 @@
-one();
+uno();
 two();
@@ -5,2 +5,2 @@
 four();
-five();
+cinco();
`,
    replace: '',
    expect: { refuse: 'no_match', mentions: ['Hunk 2 of 2'] },
  },
  {
    name: 'diff: an ambiguous hunk is refused',
    lang: 'go',
    mode: 'diff',
    file: `func a() {
	return
}

func b() {
	return
}
`,
    search: `@@ -1,3 +1,3 @@
-	return
+	return // done
 }
`,
    replace: '',
    expect: { refuse: 'ambiguous', mentions: ['Hunk 1 of 1'] },
  },
  {
    name: 'diff: a pure addition without context to an existing file is refused',
    lang: 'css',
    mode: 'diff',
    file: `a {}\n`,
    search: `@@ -1,0 +2,1 @@
+b {}
`,
    replace: '',
    expect: { refuse: 'refused', mentions: ['no context'] },
  },
  {
    name: 'whole file: a clean rewrite passes',
    lang: 'ts',
    mode: 'whole',
    file: `export const a = 1;\n`,
    search: '',
    replace: `export const a = 2;\nexport const b = 3;\n`,
    expect: { text: `export const a = 2;\nexport const b = 3;\n` },
  },
  {
    name: 'whole file: `// rest of the file unchanged` is refused',
    lang: 'js',
    mode: 'whole',
    file: `a();\nb();\nc();\n`,
    search: '',
    replace: `a();\n// rest of the file unchanged\n`,
    expect: { refuse: 'refused', mentions: ['rest of the file unchanged', 'line 2'] },
  },
  {
    name: 'whole file: Python `# ... rest of code ...` is refused',
    lang: 'py',
    mode: 'whole',
    file: PY,
    search: '',
    replace: `import sys\n\n# ... rest of code ...\n`,
    expect: { refuse: 'refused', mentions: ['# ... rest of code ...'] },
  },
  {
    name: 'whole file: Markdown `<!-- unchanged -->` is refused',
    lang: 'md',
    mode: 'whole',
    file: `# A\n\ntext\n`,
    search: '',
    replace: `# A\n\n<!-- unchanged -->\n`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'whole file: CSS `/* ... existing styles ... */` is refused',
    lang: 'css',
    mode: 'whole',
    file: `a {}\nb {}\n`,
    search: '',
    replace: `/* ... existing styles ... */\nc {}\n`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'whole file: Go `// ... existing code ...` is refused',
    lang: 'go',
    mode: 'whole',
    file: `package a\n\nfunc A() {}\n`,
    search: '',
    replace: `package a\n\n// ... existing code ...\n\nfunc B() {}\n`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'whole file: a marker line the old file already had is allowed',
    lang: 'ts',
    mode: 'whole',
    file: `// ... existing code ...\nexport {};\n`,
    search: '',
    replace: `// ... existing code ...\nexport const x = 1;\n`,
    expect: { text: `// ... existing code ...\nexport const x = 1;\n` },
  },
  {
    name: 'whole file: a Python stub body `...` is allowed',
    lang: 'py',
    mode: 'whole',
    file: `class P:\n    pass\n`,
    search: '',
    replace: `class P(Protocol):\n    def f(self) -> int:\n        ...\n`,
    expect: { text: `class P(Protocol):\n    def f(self) -> int:\n        ...\n` },
  },
  {
    name: 'whole file: shrinking a 48-line file to 3 lines is refused',
    lang: 'ts',
    mode: 'whole',
    file: LONG,
    search: '',
    replace: `export const v0 = 0;\nexport const v1 = 1;\nexport const v2 = 2;\n`,
    expect: { refuse: 'refused', mentions: ['3 lines', '48', 'more than half'] },
  },
  {
    name: 'whole file: the same shrink with allowShrink passes',
    lang: 'ts',
    mode: 'whole',
    file: LONG,
    search: '',
    replace: `export const v0 = 0;\n`,
    options: { allowShrink: true },
    expect: { text: `export const v0 = 0;\n` },
  },
  {
    name: 'whole file: shrinking a large file to exactly half passes',
    lang: 'ts',
    mode: 'whole',
    file: LONG,
    search: '',
    replace: Array.from({ length: 24 }, (_, i) => `export const w${i} = ${i};`).join('\n') + '\n',
    expect: { text: Array.from({ length: 24 }, (_, i) => `export const w${i} = ${i};`).join('\n') + '\n' },
  },
  {
    name: 'whole file: shrinking a small file drastically passes',
    lang: 'rust',
    mode: 'whole',
    file: `fn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n`,
    search: '',
    replace: `fn a() {}\n`,
    expect: { text: `fn a() {}\n` },
  },
  {
    name: 'whole file: a new file with a truncation marker is refused',
    lang: 'json',
    mode: 'whole-new',
    file: ``,
    search: '',
    replace: `{\n  "a": 1,\n  ...\n}\n`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'whole file: a clean new file passes',
    lang: 'md',
    mode: 'whole-new',
    file: ``,
    search: '',
    replace: `# Title\n\nWait for it...\n`,
    expect: { text: `# Title\n\nWait for it...\n` },
  },
];
