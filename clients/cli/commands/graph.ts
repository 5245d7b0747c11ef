/** `smallcode index` and `smallcode graph search|explain|map` (wired to the code graph). */
export async function indexCommand(opts: { dir: string; json: boolean }): Promise<number> {
  process.stderr.write(`smallcode index: the code graph indexer is not wired into the CLI yet (${opts.dir}).\n`);
  return 1;
}

export async function graphCommand(opts: { sub: string; arg: string; cwd: string; tokens?: number; limit?: number; json: boolean }): Promise<number> {
  process.stderr.write(`smallcode graph ${opts.sub}: not wired into the CLI yet.\n`);
  return 1;
}
