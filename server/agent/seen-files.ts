/**
 * Which files a tool result showed the model besides read_file: `cat`/`head`/`sed -n` through bash,
 * and the `path:line:` hits of search. The write guard counts them as read, so a model that looked
 * with another tool is not refused once more. Pure text matching; paths are returned as written.
 */

const VIEWERS = /^(?:cat|head|tail|nl|less|more|bat|sed\s+-n\s+(?:'[^']*'|"[^"]*"|\S+))\b/;

function shellWords(s: string): string[] {
  return (s.match(/'[^']*'|"[^"]*"|[^\s'"]+/g) ?? []).map((w) => w.replace(/^['"]|['"]$/g, ''));
}

export function filesShownBy(tool: string, args: Record<string, unknown>, output: string, ok: boolean): string[] {
  if (!ok) return [];
  if (tool === 'bash') {
    const command = String(args['command'] ?? '').trim();
    // One simple viewer command (a pipe into grep shows only part of the file).
    if (/[|;&<>`$]/.test(command)) return [];
    const m = VIEWERS.exec(command);
    if (!m) return [];
    return shellWords(command.slice(m[0].length)).filter((w) => !w.startsWith('-') && /[\w-]\.[\w]+$|\//.test(w) && !/^\d/.test(w));
  }
  if (tool === 'search') {
    const files = new Set<string>();
    for (const line of output.split('\n')) {
      const hit = /^([^\s:][^:]*):\d+:/.exec(line);
      if (hit) files.add(hit[1]!);
    }
    return [...files];
  }
  return [];
}

/** Tells the write guard about shown files; paths outside the workspace are skipped (never writable anyway). */
export function noteShownFiles(guard: { noteRead(rel: string): void }, workspace: { relative(p: string): string }, paths: readonly string[]): void {
  for (const p of paths) {
    let rel: string;
    try {
      rel = workspace.relative(p);
    } catch (err) {
      void err;
      continue;
    }
    guard.noteRead(rel);
  }
}
