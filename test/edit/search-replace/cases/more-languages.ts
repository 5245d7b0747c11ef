/**
 * The same layers on languages beyond the main eight (Java, C, Ruby, YAML, HTML, shell, SQL,
 * Kotlin): their comment styles as elision markers, `end`-delimited blocks, significant YAML
 * indentation, and their refusals.
 */
import type { Case } from './check.js';

export const MORE_LANGUAGE_CASES: Case[] = [
  {
    name: 'Java method body edited through `// ...` elision',
    lang: 'java',
    file: `public class Repo {
    public User find(long id) {
        User u = cache.get(id);
        if (u == null) {
            u = db.load(id);
        }
        return u;
    }
}
`,
    search: `    public User find(long id) {
        // ...
        return u;
    }`,
    replace: `    public User find(long id) {
        // ...
        return Objects.requireNonNull(u);
    }`,
    expect: {
      text: `public class Repo {
    public User find(long id) {
        User u = cache.get(id);
        if (u == null) {
            u = db.load(id);
        }
        return Objects.requireNonNull(u);
    }
}
`,
    },
  },
  {
    name: 'Java getter present in two classes is refused as ambiguous',
    lang: 'java',
    file: `class A {
    public String getName() {
        return name;
    }
}
class B {
    public String getName() {
        return name;
    }
}
`,
    search: `    public String getName() {
        return name;
    }`,
    replace: `    public String getName() {
        return name.trim();
    }`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'C block written with tabs lands in a space-indented file',
    lang: 'c',
    file: `int main(void) {
    int n = read();
    if (n < 0) {
        return 1;
    }
    return 0;
}
`,
    search: `\tif (n < 0) {\n\t\treturn 1;\n\t}`,
    replace: `\tif (n < 0) {\n\t\tperror("read");\n\t\treturn 1;\n\t}`,
    expect: {
      text: `int main(void) {
    int n = read();
    if (n < 0) {
        perror("read");
        return 1;
    }
    return 0;
}
`,
    },
  },
  {
    name: 'C `/* ... */` in a replacement without one in the search is refused',
    lang: 'c',
    file: `void f(void) {\n    a();\n    b();\n}\n`,
    search: `void f(void) {\n    a();\n    b();\n}`,
    replace: `void f(void) {\n    a();\n    /* ... */\n}`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'Ruby method with `# ...` elision keeps the body and changes the end',
    lang: 'rb',
    file: `class Cart
  def total
    sum = items.sum(&:price)
    sum -= discount
    sum
  end
end
`,
    search: `  def total
    # ...
    sum
  end`,
    replace: `  def total
    # ...
    sum.round(2)
  end`,
    expect: {
      text: `class Cart
  def total
    sum = items.sum(&:price)
    sum -= discount
    sum.round(2)
  end
end
`,
    },
  },
  {
    name: 'Ruby `end` anchor alone is ambiguous',
    lang: 'rb',
    file: `def a\n  1\nend\n\ndef b\n  2\nend\n`,
    search: `end`,
    replace: `end # done`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'YAML nested key matched from an unindented search keeps the nesting',
    lang: 'yaml',
    file: `services:
  web:
    image: nginx:1.25
    ports:
      - "80:80"
`,
    search: `image: nginx:1.25
ports:
  - "80:80"`,
    replace: `image: nginx:1.27
ports:
  - "80:80"
  - "443:443"`,
    expect: {
      text: `services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
      - "443:443"
`,
    },
  },
  {
    name: 'YAML key that appears under two services is refused',
    lang: 'yaml',
    file: `services:
  web:
    restart: always
  db:
    restart: always
`,
    search: `restart: always`,
    replace: `restart: unless-stopped`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'HTML `<!-- ... -->` elision keeps the list items',
    lang: 'html',
    file: `<ul id="nav">
  <li>Home</li>
  <li>About</li>
</ul>
`,
    search: `<ul id="nav">
  <!-- ... -->
</ul>`,
    replace: `<ul id="nav">
  <!-- ... -->
  <li>Contact</li>
</ul>`,
    expect: {
      text: `<ul id="nav">
  <li>Home</li>
  <li>About</li>
  <li>Contact</li>
</ul>
`,
    },
  },
  {
    name: 'HTML search for an element that is not there is refused',
    lang: 'html',
    file: `<main>\n  <h1>Title</h1>\n</main>\n`,
    search: `<footer>\n  <p>Copyright</p>\n</footer>`,
    replace: `<footer>\n  <p>(c) 2026</p>\n</footer>`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'shell script line with trailing spaces in the file is edited',
    lang: 'sh',
    file: `#!/bin/sh\nset -e  \nnpm ci\nnpm test\n`,
    search: `set -e\nnpm ci`,
    replace: `set -eu\nnpm ci`,
    expect: { text: `#!/bin/sh\nset -eu\nnpm ci\nnpm test\n` },
  },
  {
    name: 'shell replacement with `# rest of script unchanged` is refused',
    lang: 'sh',
    file: `#!/bin/sh\nnpm ci\nnpm test\n`,
    search: `npm ci\nnpm test`,
    replace: `npm ci\n# rest of script unchanged`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'SQL `-- ...` elision keeps the selected columns',
    lang: 'sql',
    file: `SELECT id,
       name,
       email
FROM users
WHERE active = 1;
`,
    search: `SELECT id,
-- ...
FROM users
WHERE active = 1;`,
    replace: `SELECT id,
-- ...
FROM users
WHERE active = 1 AND deleted_at IS NULL;`,
    expect: {
      text: `SELECT id,
       name,
       email
FROM users
WHERE active = 1 AND deleted_at IS NULL;
`,
    },
  },
  {
    name: 'SQL statement with a misremembered table name in a short search is refused',
    lang: 'sql',
    file: `DELETE FROM sessions\nWHERE expires_at < now();\n`,
    search: `DELETE FROM session\nWHERE expires_at < now();`,
    replace: `DELETE FROM session\nWHERE expires_at < now() - interval '1 day';`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'Kotlin function with line-number prefixes copied from read_file',
    lang: 'kt',
    file: `fun greet(name: String): String {
    return "Hello, $name"
}
`,
    search: `  1│ fun greet(name: String): String {
  2│     return "Hello, $name"
  3│ }`,
    replace: `  1│ fun greet(name: String): String {
  2│     return "Hello, \${name.trim()}"
  3│ }`,
    expect: {
      text: `fun greet(name: String): String {
    return "Hello, \${name.trim()}"
}
`,
    },
  },
  {
    name: 'Kotlin edit whose search mixes two functions is refused',
    lang: 'kt',
    file: `fun a(): Int {
    val x = load("a")
    return x + 1
}

fun b(): Int {
    val x = load("b")
    return x * 2
}
`,
    search: `fun a(): Int {
    val x = load("b")
    return x * 2
}`,
    replace: `fun a(): Int {
    val x = load("b")
    return x * 3
}`,
    expect: { refuse: 'ambiguous' },
  },
];
