/**
 * Decides whether file bytes are text the agent may edit, and decodes them as strict UTF-8.
 * Pure (no node:* imports): binary or non-UTF-8 input is refused with a SmallCodeError, never
 * replaced with U+FFFD, so a later write can never mangle a file we could not read faithfully.
 */
import { SmallCodeError } from '../core/errors.js';

/** How many leading bytes the binary sniff looks at (git and ripgrep look at a similar window). */
export const BINARY_SNIFF_BYTES = 8192;

export interface DecodedText {
  /** The text without a leading byte-order mark. */
  text: string;
  /** Whether the bytes began with the UTF-8 byte-order mark (EF BB BF). */
  bom: boolean;
}

/** NUL bytes, UTF-16/32 byte-order marks, or many control bytes in the first 8 KB mean "binary". */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are normal in text files.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Strict UTF-8 decode. `displayPath` only feeds the error message.
 * @throws SmallCodeError BinaryFile | NotUtf8
 */
export function decodeText(bytes: Uint8Array, displayPath: string): DecodedText {
  if (looksBinary(bytes)) {
    throw new SmallCodeError('BinaryFile', `${displayPath} looks like a binary file (NUL or control bytes); SmallCode only reads and edits UTF-8 text files.`, {
      path: displayPath,
      next: 'Leave binary files alone, or change them with a shell command if that is really intended.',
    });
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch (err) {
    throw new SmallCodeError('NotUtf8', `${displayPath} is not valid UTF-8 (it may be Latin-1, UTF-16 or another encoding); SmallCode refuses to edit it so it cannot be corrupted.`, {
      path: displayPath,
      next: 'Convert the file to UTF-8 first (e.g. with iconv), or leave it unchanged.',
    }, { cause: err });
  }
  return { text, bom };
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The inverse of decodeText: UTF-8 bytes, with the byte-order mark when `bom` is set. */
export function encodeText(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM, 0);
  out.set(body, 3);
  return out;
}
