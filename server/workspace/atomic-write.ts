/**
 * Crash-safe file replacement: write a temp file in the target's folder, fsync it, rename it over
 * the target, fsync the folder. A reader (or a restart after SIGKILL) sees the old bytes or the
 * new bytes, never a mix. It does not check containment; callers resolve paths first.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errorMessage, SmallCodeError } from '../core/errors.js';

export interface AtomicWriteOptions {
  /** Permission bits for the file; defaults to the existing file's mode (new files: 0o666 minus umask). */
  mode?: number;
}

/** Temp files carry this marker so a leftover from a crash is recognisable (and never mistaken for user data). */
export const TEMP_MARKER = '.smallcode-tmp-';

export async function atomicWriteFile(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(target);
  let mode = options.mode;
  if (mode === undefined) {
    const st = await fs.stat(target).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (st) mode = st.mode & 0o7777;
  }
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx', mode ?? 0o666);
    await handle.writeFile(data);
    // open() applies the umask; an explicit chmod keeps the original bits exactly (e.g. 0o775).
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (err) {
    if (handle) await handle.close().catch((closeErr: unknown) => void closeErr);
    await fs.unlink(tmp).catch((unlinkErr: NodeJS.ErrnoException) => {
      if (unlinkErr.code !== 'ENOENT') throw unlinkErr;
    });
    throw new SmallCodeError('StoreFailed', `Could not write ${target}: ${errorMessage(err)}`, { path: target }, { cause: err });
  }
  await fsyncDir(dir);
}

/** Makes a rename durable. Some file systems refuse fsync on a directory; the rename is then as durable as they allow. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    if (handle) await handle.close();
  }
}
