/** `smallcode doctor`: prints the report of server/agent/doctor.ts; exit code 1 when a check failed. */
import { resolve } from 'node:path';
import { renderDoctor, runDoctor } from '../../../server/agent/doctor.js';

export async function doctorCommand(opts: { cwd: string; json: boolean; baseUrl?: string; model?: string }): Promise<number> {
  const overrides: Record<string, unknown> = {};
  if (opts.baseUrl) overrides['SMALLCODE_BASE_URL'] = opts.baseUrl;
  if (opts.model) overrides['SMALLCODE_MODEL'] = opts.model;
  const report = await runDoctor({ cwd: resolve(opts.cwd), overrides });
  process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : renderDoctor(report)) + '\n');
  return report.ok ? 0 : 1;
}
