/**
 * The character-level reader behind the forgiving JSON parser: one pass over one value, with the
 * repairs it applies recorded by name. Hand-written, bounded depth, no regexes over the input; it
 * signals failure by throwing `JsonFail`, which only json-repair.ts catches.
 */

/** Real calls nest a few levels; deeper input is noise and is refused early. */
const MAX_DEPTH = 64;

export class JsonFail {
  constructor(readonly message: string, readonly at: number) {}
}

export type Ctx = 'top' | 'key' | 'objectValue' | 'arrayValue';

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class JsonReader {
  pos: number;
  readonly repairs = new Set<string>();
  truncated = false;
  escapedQuotes = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    start: number,
    private readonly limit: number,
    private readonly allowTruncated: boolean,
    /** Pass 2 decides whether an unescaped quote ends a string by looking at what follows. */
    private readonly smartQuotes: boolean,
  ) {
    this.pos = start;
  }

  private code(i: number): number {
    return i < this.limit ? this.src.charCodeAt(i) : -1;
  }

  private truncate(what: string): void {
    if (!this.allowTruncated) throw new JsonFail(`unexpected end of input inside ${what}`, this.pos);
    this.truncated = true;
    this.repairs.add('closed truncated JSON');
  }

  /** Skips whitespace and comments (`//`, `/* *\/`, `#`). */
  skipWs(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === -1) return;
      if (isWs(c)) {
        this.pos++;
        continue;
      }
      if (c === 47 /* / */) {
        const n = this.code(this.pos + 1);
        if (n === 47) {
          this.repairs.add('removed comments');
          while (this.pos < this.limit && this.src.charCodeAt(this.pos) !== 10) this.pos++;
          continue;
        }
        if (n === 42) {
          this.repairs.add('removed comments');
          const close = this.src.indexOf('*/', this.pos + 2);
          this.pos = close === -1 || close >= this.limit ? this.limit : close + 2;
          continue;
        }
        return;
      }
      if (c === 35 /* # */) {
        this.repairs.add('removed comments');
        while (this.pos < this.limit && this.src.charCodeAt(this.pos) !== 10) this.pos++;
        continue;
      }
      return;
    }
  }

  /** Position of the next non-whitespace character at or after i (no comment skipping), or -1. */
  private peekNonWs(i: number): number {
    while (i < this.limit && isWs(this.src.charCodeAt(i))) i++;
    return i;
  }

  parseValue(ctx: Ctx): unknown {
    this.skipWs();
    const c = this.code(this.pos);
    if (c === -1) {
      this.truncate('a value');
      return undefined;
    }
    if (c === 123) return this.parseObject();
    if (c === 91) return this.parseArray();
    if (c === 34 || c === 39 || c === 96) return this.parseString(ctx);
    if (isDigit(c) || c === 45 || c === 43 || c === 46) return this.parseNumberOrWord(ctx);
    if (isIdentStart(c)) return this.parseWord(ctx);
    if ((ctx === 'objectValue' || ctx === 'arrayValue') && c !== 44 && c !== 125 && c !== 93 && c !== 58 && c !== 41) {
      return this.parseBareValue(ctx, this.pos);
    }
    throw new JsonFail(`unexpected character '${this.src[this.pos]}'`, this.pos);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new JsonFail('nesting too deep', this.pos);
  }

  private parseObject(): Record<string, unknown> {
    this.enter();
    this.pos++;
    const out: Record<string, unknown> = {};
    let expectMember = true;
    for (;;) {
      this.skipWs();
      const c = this.code(this.pos);
      if (c === -1) {
        this.truncate('an object');
        break;
      }
      if (c === 125) {
        if (expectMember && Object.keys(out).length > 0) this.repairs.add('removed trailing commas');
        this.pos++;
        break;
      }
      if (c === 44) {
        if (expectMember) this.repairs.add('removed extra commas');
        this.pos++;
        expectMember = true;
        continue;
      }
      if (c === 93) {
        // `]` where `}` belongs: models mix up closers.
        this.repairs.add('fixed mismatched brackets');
        this.pos++;
        break;
      }
      if (!expectMember) this.repairs.add('inserted missing commas');
      const key = this.parseKey();
      this.skipWs();
      const sep = this.code(this.pos);
      if (sep === -1) {
        this.truncate('an object');
        break;
      }
      if (sep === 58 || sep === 61) {
        if (sep === 61) this.repairs.add('replaced = with :');
        this.pos++;
      } else {
        throw new JsonFail(`expected ':' after key "${key}"`, this.pos);
      }
      this.skipWs();
      if (this.code(this.pos) === -1) {
        this.truncate('an object');
        break;
      }
      const value = this.parseValue('objectValue');
      if (value !== undefined) out[key] = value;
      expectMember = false;
    }
    this.depth--;
    return out;
  }

  private parseKey(): string {
    const c = this.code(this.pos);
    if (c === 34 || c === 39 || c === 96) {
      const v = this.parseString('key');
      return typeof v === 'string' ? v : String(v);
    }
    if (isIdentStart(c) || isDigit(c)) {
      const start = this.pos;
      while (this.pos < this.limit && isIdentChar(this.src.charCodeAt(this.pos))) this.pos++;
      this.repairs.add('quoted unquoted keys');
      return this.src.slice(start, this.pos);
    }
    throw new JsonFail(c === -1 ? 'unexpected end of input' : `unexpected character '${this.src[this.pos]}' where a key was expected`, this.pos);
  }

  private parseArray(): unknown[] {
    this.enter();
    this.pos++;
    const out: unknown[] = [];
    let expectItem = true;
    for (;;) {
      this.skipWs();
      const c = this.code(this.pos);
      if (c === -1) {
        this.truncate('an array');
        break;
      }
      if (c === 93) {
        if (expectItem && out.length > 0) this.repairs.add('removed trailing commas');
        this.pos++;
        break;
      }
      if (c === 44) {
        if (expectItem) this.repairs.add('removed extra commas');
        this.pos++;
        expectItem = true;
        continue;
      }
      if (c === 125) {
        this.repairs.add('fixed mismatched brackets');
        this.pos++;
        break;
      }
      if (!expectItem) this.repairs.add('inserted missing commas');
      const v = this.parseValue('arrayValue');
      if (v !== undefined) out.push(v);
      expectItem = false;
    }
    this.depth--;
    return out;
  }

  /** In smart mode: does the quote at `i` end the string, judging by what follows it? */
  private quoteCloses(i: number, ctx: Ctx): boolean {
    const j = this.peekNonWs(i + 1);
    const c = this.code(j);
    if (c === -1) return true;
    if (ctx === 'key' || ctx === 'top') return true;
    const inArgs = ctx === 'arrayValue';
    if (c === 125 || (inArgs && (c === 93 || c === 41))) {
      // A closer counts when what follows it could follow a value too.
      const k = this.peekNonWs(j + 1);
      const d = this.code(k);
      return d === -1 || d === 44 || d === 125 || d === 93 || d === 60 || d === 96 || (inArgs && (d === 59 || d === 41));
    }
    if (c === 44) {
      const k = this.peekNonWs(j + 1);
      const d = this.code(k);
      if (d === -1 || d === 125 || d === 93) return true;
      if (ctx === 'arrayValue') {
        if (d === 34 || d === 39 || d === 123 || d === 91 || isDigit(d) || d === 45) return true;
        if (!isIdentStart(d)) return false;
        // Python keyword argument: `, name=`.
        let m = k + 1;
        const stop = Math.min(this.limit, k + 80);
        while (m < stop && isIdentChar(this.src.charCodeAt(m))) m++;
        const e = this.code(this.peekNonWs(m));
        return e === 61 || e === 58;
      }
      // Object value: the comma must be followed by something shaped like the next key.
      if (d === 34 || d === 39) {
        let m = k + 1;
        const stop = Math.min(this.limit, k + 80);
        while (m < stop && isIdentChar(this.src.charCodeAt(m))) m++;
        if (m === k + 1 || this.code(m) !== d) return false;
        const after = this.code(this.peekNonWs(m + 1));
        return after === 58;
      }
      if (isIdentStart(d)) {
        let m = k + 1;
        const stop = Math.min(this.limit, k + 80);
        while (m < stop && isIdentChar(this.src.charCodeAt(m))) m++;
        return this.code(this.peekNonWs(m)) === 58;
      }
      return false;
    }
    if (c === 58) return false;
    return false;
  }

  private parseString(ctx: Ctx): string {
    const quote = this.src.charCodeAt(this.pos);
    // Python triple-quoted strings.
    if ((quote === 34 || quote === 39) && this.code(this.pos + 1) === quote && this.code(this.pos + 2) === quote) {
      const delim = this.src.slice(this.pos, this.pos + 3);
      const close = this.src.indexOf(delim, this.pos + 3);
      this.repairs.add('converted triple-quoted strings');
      if (close === -1 || close >= this.limit) {
        const s = this.src.slice(this.pos + 3, this.limit);
        this.pos = this.limit;
        this.truncate('a string');
        return s;
      }
      const s = this.src.slice(this.pos + 3, close);
      this.pos = close + 3;
      return s;
    }
    if (quote === 39) this.repairs.add('converted single quotes');
    if (quote === 96) this.repairs.add('converted backtick strings');
    this.pos++;
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= this.limit) {
        out += this.src.slice(chunkStart, this.limit);
        this.pos = this.limit;
        this.truncate('a string');
        return out;
      }
      const c = this.src.charCodeAt(this.pos);
      if (c === quote) {
        if (!this.smartQuotes || this.quoteCloses(this.pos, ctx)) {
          out += this.src.slice(chunkStart, this.pos);
          this.pos++;
          return out;
        }
        this.repairs.add('escaped quotes inside strings');
        this.escapedQuotes++;
        this.pos++;
        continue;
      }
      if (c === 92 /* \ */) {
        out += this.src.slice(chunkStart, this.pos);
        const e = this.code(this.pos + 1);
        this.pos += 2;
        switch (e) {
          case 110: out += '\n'; break;
          case 116: out += '\t'; break;
          case 114: out += '\r'; break;
          case 98: out += '\b'; break;
          case 102: out += '\f'; break;
          case 34: out += '"'; break;
          case 39: out += "'"; break;
          case 96: out += '`'; break;
          case 92: out += '\\'; break;
          case 47: out += '/'; break;
          case 117: {
            const hex = this.src.slice(this.pos, this.pos + 4);
            if (hex.length === 4 && /^[0-9a-fA-F]{4}$/.test(hex)) {
              out += String.fromCharCode(parseInt(hex, 16));
              this.pos += 4;
            } else {
              out += '\\u';
              this.repairs.add('kept invalid escapes');
            }
            break;
          }
          case -1:
            out += '\\';
            this.pos = this.limit;
            break;
          case 10:
            // Line continuation.
            break;
          default:
            // `\s`, `\d` in a regex or a Windows path: keep the backslash, as the model meant.
            out += '\\' + String.fromCharCode(e);
            this.repairs.add('kept invalid escapes');
        }
        chunkStart = this.pos;
        continue;
      }
      if (c === 10 || c === 13 || c === 9) this.repairs.add('escaped raw newlines in strings');
      this.pos++;
    }
  }

  private parseNumberOrWord(ctx: Ctx): unknown {
    const start = this.pos;
    let i = this.pos;
    if (this.src.charCodeAt(i) === 45 || this.src.charCodeAt(i) === 43) i++;
    while (i < this.limit) {
      const c = this.src.charCodeAt(i);
      if (isDigit(c) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45 || c === 95) i++;
      else break;
    }
    const next = this.code(i);
    const text = this.src.slice(start, i).replace(/_/g, '');
    const n = Number(text);
    if (text.length > 0 && Number.isFinite(n) && !(next !== -1 && isIdentStart(next))) {
      if (this.src.charCodeAt(start) === 43) this.repairs.add('normalised numbers');
      this.pos = i;
      return n;
    }
    return this.parseBareValue(ctx, start);
  }

  private parseWord(ctx: Ctx): unknown {
    const start = this.pos;
    let i = this.pos;
    while (i < this.limit && isIdentChar(this.src.charCodeAt(i))) i++;
    const word = this.src.slice(start, i);
    const lit: Record<string, unknown> = {
      true: true, false: false, null: null, True: true, False: false, None: null, undefined: null,
    };
    if (word in lit) {
      const after = this.code(this.peekNonWs(i));
      if (after === -1 || after === 44 || after === 125 || after === 93 || after === 41 || after === 10 || after === 60) {
        if (word !== 'true' && word !== 'false' && word !== 'null') this.repairs.add('converted Python literals');
        this.pos = i;
        return lit[word];
      }
    }
    return this.parseBareValue(ctx, start);
  }

  /** An unquoted value (`{path: src/a.ts}`): runs to the next delimiter at this level or end of line. */
  private parseBareValue(ctx: Ctx, start: number): string {
    if (ctx === 'top' || ctx === 'key') throw new JsonFail('unquoted text where a value was expected', start);
    let i = start;
    while (i < this.limit) {
      const c = this.src.charCodeAt(i);
      if (c === 44 || c === 125 || c === 93 || c === 41 || c === 10 || c === 13) break;
      i++;
    }
    const v = this.src.slice(start, i).trim();
    if (v.length === 0) throw new JsonFail('empty value', start);
    this.repairs.add('quoted unquoted values');
    this.pos = i;
    return v;
  }
}
