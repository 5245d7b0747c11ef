/**
 * Table-driven tests of the forgiving tool-call parser: every case file under cases/ runs through
 * the same check() helper.
 */
import { describe, test } from 'vitest';
import { check, type ParserCase } from './check.js';
import { JSON_CASES } from './cases/json.js';
import { WRAPPER_CASES } from './cases/wrappers.js';
import { PYTHONIC_XML_YAML_CASES } from './cases/pythonic-xml-yaml.js';
import { REPAIR_CASES } from './cases/repairs.js';
import { ARGUMENT_CASES } from './cases/arguments.js';
import { REASONING_CASES } from './cases/reasoning.js';
import { NEGATIVE_CASES } from './cases/negatives.js';
import { ERROR_CASES } from './cases/errors.js';

const TABLES: [string, ParserCase[]][] = [
  ['JSON shapes', JSON_CASES],
  ['call wrappers and special tokens', WRAPPER_CASES],
  ['pythonic, XML-ish and YAML', PYTHONIC_XML_YAML_CASES],
  ['JSON repairs', REPAIR_CASES],
  ['argument and name resolution', ARGUMENT_CASES],
  ['reasoning and plain-text intents', REASONING_CASES],
  ['text that must not run', NEGATIVE_CASES],
  ['errors fed back to the model', ERROR_CASES],
];

for (const [title, cases] of TABLES) {
  describe(title, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      check(c);
    });
  });
}
