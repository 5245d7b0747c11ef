#!/usr/bin/env node
import { main } from '../dist/server/lsp/main.js';
main(process.argv.slice(2));
