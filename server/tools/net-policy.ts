/**
 * Decides which network addresses web_fetch may connect to: refuses private, loopback, link-local,
 * CGNAT, unique-local, multicast, reserved and cloud-metadata addresses in every spelling (IPv4
 * decimal/octal/hex forms, IPv6 with embedded or mapped IPv4). Pure; no DNS and no I/O here.
 */

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export interface AddressPolicy {
  /** Test-only: allow 127.0.0.0/8, ::1 and "localhost" (never set from configuration). */
  allowLoopback?: boolean;
}

const ALLOW: AddressVerdict = { allowed: true };
const deny = (reason: string): AddressVerdict => ({ allowed: false, reason });

/**
 * Parses IPv4 the way inet_aton (and therefore curl, browsers' URL parser, many libcs) does:
 * 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes.
 * Returns the address as an unsigned 32-bit number, or null.
 */
export function parseIPv4(text: string): number | null {
  const s = text.trim().replace(/\.$/, '');
  if (s === '') return null;
  const parts = s.split('.');
  if (parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = p.length === 1 ? 0 : parseInt(p.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return null;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.pop() as number;
  for (const n of nums) if (n > 255) return null;
  const lastMax = 2 ** (8 * (4 - nums.length)) - 1;
  if (last > lastMax) return null;
  let value = 0;
  nums.forEach((n, i) => {
    value += n * 2 ** (8 * (3 - i));
  });
  return value + last;
}

function v4ToString(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Parses an IPv6 literal (brackets and a %zone allowed; embedded dotted IPv4 allowed) into 16 bytes. */
export function parseIPv6(text: string): Uint8Array | null {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  s = s.replace(/%.*$/, '');
  if (!s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    // Embedded dotted IPv4 (::ffff:1.2.3.4) becomes two hex groups.
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(lastPart)) return null;
    const v4 = lastPart.split('.').map(Number);
    if (v4.some((x) => x > 255)) return null;
    const g1 = (((v4[0] as number) << 8) | (v4[1] as number)).toString(16);
    const g2 = (((v4[2] as number) << 8) | (v4[3] as number)).toString(16);
    s = `${s.slice(0, lastColon + 1)}${g1}:${g2}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !rest) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const full = halves.length === 2 ? [...head, ...Array<number>(missing).fill(0), ...rest] : head;
  const bytes = new Uint8Array(16);
  full.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

function inV4(n: number, base: string, bits: number): boolean {
  const b = parseIPv4(base) as number;
  const size = 2 ** (32 - bits);
  return Math.floor(n / size) === Math.floor(b / size);
}

const V4_BLOCKS: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'the "this network" range'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT (CGNAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol assignment'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a 6to4 relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

export function checkIPv4(n: number, policy: AddressPolicy = {}): AddressVerdict {
  if (policy.allowLoopback && inV4(n, '127.0.0.0', 8)) return ALLOW;
  if (n === 0xa9fea9fe) return deny(`${v4ToString(n)} is the cloud metadata address`);
  for (const [base, bits, why] of V4_BLOCKS) if (inV4(n, base, bits)) return deny(`${v4ToString(n)} is ${why}`);
  return ALLOW;
}

function startsWith(b: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((b[byte] as number) & mask) !== (((prefix[byte] ?? 0) as number) & mask)) return false;
  }
  return true;
}

function v4At(b: Uint8Array, offset: number): number {
  return (b[offset] as number) * 2 ** 24 + ((b[offset + 1] as number) << 16) + ((b[offset + 2] as number) << 8) + (b[offset + 3] as number);
}

export function checkIPv6(b: Uint8Array, policy: AddressPolicy = {}): AddressVerdict {
  const zero = (from: number, to: number): boolean => b.subarray(from, to).every((x) => x === 0);
  if (zero(0, 16)) return deny('the unspecified address :: is not allowed');
  if (zero(0, 15) && b[15] === 1) return policy.allowLoopback ? ALLOW : deny('::1 is a loopback address');
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d: judge the embedded IPv4.
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return checkIPv4(v4At(b, 12), policy);
  if (zero(0, 12)) return checkIPv4(v4At(b, 12), policy);
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b], 32) && zero(4, 12)) return checkIPv4(v4At(b, 12), policy);
  if (startsWith(b, [0x20, 0x02], 16)) return checkIPv4(v4At(b, 2), policy); // 6to4 2002:AABB:CCDD::
  if (startsWith(b, [0xfc], 7)) return deny('a unique-local IPv6 address (fc00::/7, includes the AWS metadata address fd00:ec2::254)');
  if (startsWith(b, [0xfe, 0x80], 10)) return deny('a link-local IPv6 address (fe80::/10)');
  if (startsWith(b, [0xfe, 0xc0], 10)) return deny('a site-local IPv6 address (fec0::/10)');
  if (startsWith(b, [0xff], 8)) return deny('a multicast IPv6 address');
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return deny('a documentation IPv6 address');
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00], 32)) return deny('a Teredo IPv6 address (it tunnels to a hidden IPv4)');
  if (startsWith(b, [0x01, 0x00], 64) && zero(2, 8)) return deny('a discard-only IPv6 address');
  return ALLOW;
}

/** Judges one IP address string (any IPv4 spelling or IPv6). Strings that are not addresses are refused. */
export function checkAddress(ip: string, policy: AddressPolicy = {}): AddressVerdict {
  const v6 = parseIPv6(ip);
  if (v6) return checkIPv6(v6, policy);
  const v4 = parseIPv4(ip);
  if (v4 !== null) return checkIPv4(v4, policy);
  return deny(`${ip} is not an IP address`);
}

const BLOCKED_NAMES = new Set(['metadata.google.internal', 'metadata', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/**
 * Judges a host name before DNS: IP literals are checked directly; known metadata names and
 * localhost are refused. Returns null when the name needs DNS resolution to decide.
 */
export function checkHostname(host: string, policy: AddressPolicy = {}): AddressVerdict | null {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === '') return deny('the URL has no host');
  if (parseIPv6(h) || parseIPv4(h) !== null) return checkAddress(h, policy);
  if (h === 'localhost' || h.endsWith('.localhost')) return policy.allowLoopback ? null : deny(`${host} is a loopback name`);
  if (BLOCKED_NAMES.has(h)) return deny(`${host} is a cloud metadata host`);
  return null;
}

/** Every address must be allowed (a name that resolves to one public and one private address is refused). */
export function checkResolved(host: string, addresses: readonly string[], policy: AddressPolicy = {}): AddressVerdict {
  if (addresses.length === 0) return deny(`${host} did not resolve to any address`);
  for (const a of addresses) {
    const v = checkAddress(a, policy);
    if (!v.allowed) return deny(`${host} resolves to ${a}: ${v.reason}`);
  }
  return ALLOW;
}
