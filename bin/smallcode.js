#!/usr/bin/env node
import { main } from '../dist/clients/cli/main.js';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`smallcode: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
