/**
 * The session scratchpad: notes the model writes for itself, kept in
 * `.smallcode/sessions/<sessionId>/scratchpad.md` so they survive between the tasks of one session
 * (one server process or one SmallCode instance) and can be read by the user.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScratchpadService } from '../tools/define-tool.js';

const MAX_CHARS = 4000;

export class Scratchpad implements ScratchpadService {
  readonly file: string;

  constructor(root: string, readonly sessionId: string) {
    const dir = join(root, '.smallcode', 'sessions', sessionId);
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'scratchpad.md');
  }

  read(): string {
    try {
      const text = readFileSync(this.file, 'utf8');
      // The newest notes matter most when the pad outgrows a tool result.
      return text.length > MAX_CHARS ? `[older notes cut]\n${text.slice(-MAX_CHARS)}` : text;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    }
  }

  write(note: string): void {
    appendFileSync(this.file, `- ${note.replace(/\n+/g, ' ')}\n`);
  }
}
