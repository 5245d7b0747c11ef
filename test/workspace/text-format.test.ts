/** TextFormat detect/apply: a round trip is the identity, and new text takes on the old file's conventions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, looksBinary } from '../../server/workspace/text-decode.js';
import { applyTextFormat, detectTextFormat } from '../../server/workspace/text-format.js';

describe('TextFormat', () => {
  it('detects LF, CRLF, mixed and none', () => {
    expect(detectTextFormat('a\nb\n')).toEqual({ eol: 'lf', bom: false, finalNewline: true });
    expect(detectTextFormat('a\r\nb')).toEqual({ eol: 'crlf', bom: false, finalNewline: false });
    expect(detectTextFormat('a\r\nb\n').eol).toBeNull();
    expect(detectTextFormat('').finalNewline).toBeNull();
  });

  it('leaves a mixed-ending file as the new text has it', () => {
    expect(applyTextFormat('x\r\ny\n', detectTextFormat('a\r\nb\n'))).toBe('x\r\ny\n');
  });

  it('property: applying a text its own format changes nothing', () => {
    const piece = fc.constantFrom('a', 'bc', '\n', '\r\n', ' ', '😀');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const t = parts.join('');
        expect(applyTextFormat(t, detectTextFormat(t))).toBe(t);
      }),
    );
  });

  it('property: text formatted for a CRLF file has no lone LF', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\n', '\r\n', 'x y'), { maxLength: 30 }), (parts) => {
        const out = applyTextFormat(parts.join(''), { eol: 'crlf', bom: false, finalNewline: true });
        expect(/(^|[^\r])\n/.test(out)).toBe(false);
      }),
    );
  });
});

describe('text decoding', () => {
  it('round-trips UTF-8 with and without BOM byte-exact', () => {
    for (const bom of [false, true]) {
      const bytes = encodeText('héllo 😀\n', bom);
      const d = decodeText(bytes, 'f');
      expect(d).toEqual({ text: 'héllo 😀\n', bom });
      expect(encodeText(d.text, d.bom)).toEqual(bytes);
    }
  });

  it('treats NUL bytes within the first 8 KB as binary, but tabs, CR and ESC as text', () => {
    expect(looksBinary(new Uint8Array([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('a\tb\r\n\x1b[31mred\x1b[0m\n'))).toBe(false);
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });

  it('rejects truncated multi-byte sequences as NotUtf8', () => {
    expect(() => decodeText(new Uint8Array([0x61, 0xe2, 0x82]), 'f.txt')).toThrow(/not valid UTF-8/);
  });
});
