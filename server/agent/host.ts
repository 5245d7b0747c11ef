/**
 * The core of one workspace, usable without LSP: configuration with provenance, open-document
 * text, and the services the agent and the requests use. The LSP adapter and the programmatic
 * API both drive it; it never imports the LSP connection.
 */
import { loadConfig } from '../config/load.js';
import type { ConfigProblem, ResolvedConfig } from '../config/resolve.js';
import type { Config } from '../config/variables.js';

export interface HostOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
}

export class Host {
  readonly root: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly initializationOptions: unknown;
  private clientSettings: unknown;
  private resolved: ResolvedConfig;

  constructor(opts: HostOptions) {
    this.root = opts.root;
    this.env = opts.env ?? process.env;
    this.initializationOptions = opts.initializationOptions;
    this.resolved = loadConfig({ cwd: this.root, env: this.env, initializationOptions: this.initializationOptions });
  }

  get config(): Config {
    return this.resolved.config;
  }

  get configResolution(): ResolvedConfig {
    return this.resolved;
  }

  get configProblems(): ConfigProblem[] {
    return this.resolved.problems;
  }

  /** Applies `workspace/didChangeConfiguration` settings (highest precedence); returns new problems. */
  updateClientSettings(settings: unknown): ConfigProblem[] {
    this.clientSettings = settings;
    this.resolved = loadConfig({
      cwd: this.root,
      env: this.env,
      initializationOptions: this.initializationOptions,
      clientSettings: this.clientSettings,
    });
    return this.resolved.problems;
  }
}
