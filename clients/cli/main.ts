/**
 * Entry of the `smallcode` terminal client: parses the command line and dispatches to one command.
 * Usage errors exit 2 with a hint; every command returns its own exit code.
 */
import { parseArgs } from 'node:util';
import { packageVersion } from '../../server/core/package-root.js';
import { runCommand } from './commands/run.js';
import { doctorCommand } from './commands/doctor.js';
import { graphCommand, indexCommand } from './commands/graph.js';

export const HELP = `smallcode {version} — small local models, good at programming

Usage:
  smallcode run "<task>" [options]   run an agent task in a workspace
  smallcode doctor [--cwd DIR]       check Node, SQLite, tree-sitter, config and the model server
  smallcode index [DIR]              build or refresh the code graph (.smallcode/graph.db)
  smallcode graph search <query>     ranked symbol search
  smallcode graph explain <symbol>   definition, callers, callees and references of a symbol
  smallcode graph map [--tokens N]   the repo map a model would see (default 1024 tokens)
  smallcode --help | --version

Options for run:
  --cwd DIR            workspace folder (default: the current folder)
  --model M            model name as the server lists it (SMALLCODE_MODEL)
  --base-url URL       OpenAI-compatible endpoint (SMALLCODE_BASE_URL); default: auto-detect
                       Ollama :11434, LM Studio :1234, llama.cpp :8080, vLLM :8000
  --mode apply|propose apply writes files (default); propose only shows the diff
  --json               print exactly one JSON RunResult on stdout
  -y, --yes            approve writes and shell commands without asking

Exit code: 0 when the task succeeded, 1 when it failed, 2 on a usage error.
Configuration: SMALLCODE_* variables, .env or smallcode.toml in the workspace (see README).
Editors: run \`smallcode-lsp --stdio\` as a language server.`;

function usage(message: string): number {
  process.stderr.write(`smallcode: ${message}\nRun \`smallcode --help\` for usage.\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        cwd: { type: 'string' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
        mode: { type: 'string' },
        json: { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        tokens: { type: 'string' },
        limit: { type: 'string' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP.replace('{version}', packageVersion()) + '\n');
    return values.help || command === 'help' ? 0 : 2;
  }
  const cwd = values.cwd ?? process.cwd();
  switch (command) {
    case 'run': {
      const task = rest.join(' ').trim();
      if (!task) return usage('run needs a task, e.g. smallcode run "add a --verbose flag to cli.ts"');
      const mode = values.mode ?? 'apply';
      if (mode !== 'apply' && mode !== 'propose') return usage(`--mode must be apply or propose, not "${mode}"`);
      return runCommand({ task, cwd, model: values.model, baseUrl: values['base-url'], mode, json: Boolean(values.json), yes: Boolean(values.yes) });
    }
    case 'doctor':
      return doctorCommand({ cwd, json: Boolean(values.json), baseUrl: values['base-url'], model: values.model });
    case 'index':
      return indexCommand({ dir: rest[0] ?? cwd, json: Boolean(values.json) });
    case 'graph': {
      const [sub, ...words] = rest;
      if (sub !== 'search' && sub !== 'explain' && sub !== 'map') return usage('graph needs one of: search <query>, explain <symbol>, map [--tokens N]');
      const tokens = values.tokens === undefined ? undefined : Number(values.tokens);
      if (tokens !== undefined && (!Number.isInteger(tokens) || tokens < 64)) return usage('--tokens must be a whole number of at least 64');
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (sub !== 'map' && words.length === 0) return usage(`graph ${sub} needs ${sub === 'search' ? 'a query' : 'a symbol name'}`);
      return graphCommand({ sub, arg: words.join(' '), cwd, tokens, limit, json: Boolean(values.json) });
    }
    default:
      return usage(`unknown command "${command}"`);
  }
}
