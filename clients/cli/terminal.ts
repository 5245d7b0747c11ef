/** Terminal output helpers: a progress line on stderr that rewrites itself on a TTY, plain lines otherwise. */
import { createInterface } from 'node:readline';

export class ProgressLine {
  private active = false;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(text: string): void {
    if (this.stream.isTTY) {
      const width = Math.max(20, (this.stream.columns ?? 80) - 1);
      this.stream.write('\r\x1b[2K' + text.slice(0, width));
      this.active = true;
    }
  }

  line(text: string): void {
    this.clear();
    this.stream.write(text + '\n');
  }

  clear(): void {
    if (this.active) {
      this.stream.write('\r\x1b[2K');
      this.active = false;
    }
  }
}

export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer: string = await new Promise((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
