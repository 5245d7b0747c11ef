import { describe, expect, it } from 'vitest';
import { checkAddress, checkHostname, checkResolved, parseIPv4, parseIPv6 } from '../../server/tools/net-policy.js';

const BLOCKED = [
  '127.0.0.1', '127.1', '127.255.255.254', '2130706433', '0x7f000001', '0x7f.1', '0177.0.0.1', '0177.1', '017700000001', '0x7F.0.0.1',
  '10.0.0.1', '10.255.255.255', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.1.1', '100.64.0.1', '100.127.255.255',
  '0.0.0.0', '0', '224.0.0.1', '239.1.2.3', '255.255.255.255', '240.0.0.1', '192.0.2.1', '198.18.0.1',
  '::1', '[::1]', '0:0:0:0:0:0:0:1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1',
  '::127.0.0.1', '64:ff9b::10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '2002:c0a8:101::1',
  'fd00:ec2::254', 'fc00::1', 'fdff:ffff::1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'fec0::1', 'ff02::1', '2001:db8::1', '2001:0:4136:e378::1',
];

const ALLOWED = ['8.8.8.8', '1.1.1.1', '134744072', '0x08080808', '172.32.0.1', '172.15.255.255', '100.128.0.1', '100.63.255.255', '93.184.216.34',
  '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::8.8.8.8'];

describe('checkAddress', () => {
  it.each(BLOCKED)('refuses %s', (ip) => {
    const v = checkAddress(ip);
    expect(v.allowed).toBe(false);
  });

  it.each(ALLOWED)('allows %s', (ip) => {
    expect(checkAddress(ip)).toEqual({ allowed: true });
  });

  it('names the kind of address it refused', () => {
    expect(checkAddress('169.254.169.254')).toEqual({ allowed: false, reason: '169.254.169.254 is the cloud metadata address' });
    expect(checkAddress('0x7f.1')).toEqual({ allowed: false, reason: '127.0.0.1 is a loopback address' });
    expect(checkAddress('100.64.1.1')).toMatchObject({ reason: expect.stringContaining('CGNAT') });
    expect(checkAddress('fd00:ec2::254')).toMatchObject({ reason: expect.stringContaining('unique-local') });
  });

  it('allowLoopback (test-only) opens loopback and nothing else', () => {
    const p = { allowLoopback: true };
    expect(checkAddress('127.0.0.1', p).allowed).toBe(true);
    expect(checkAddress('::1', p).allowed).toBe(true);
    expect(checkAddress('::ffff:127.0.0.1', p).allowed).toBe(true);
    expect(checkAddress('10.0.0.1', p).allowed).toBe(false);
    expect(checkAddress('169.254.169.254', p).allowed).toBe(false);
    expect(checkAddress('fd00:ec2::254', p).allowed).toBe(false);
  });

  it('refuses strings that are not addresses', () => {
    expect(checkAddress('example.com').allowed).toBe(false);
  });
});

describe('address parsing', () => {
  it('parses inet_aton forms of IPv4', () => {
    expect(parseIPv4('2130706433')).toBe(0x7f000001);
    expect(parseIPv4('0x7f.1')).toBe(0x7f000001);
    expect(parseIPv4('0177.0.0.01')).toBe(0x7f000001);
    expect(parseIPv4('127.0.1')).toBe(0x7f000001);
    expect(parseIPv4('1.2.3.4.')).toBe(0x01020304);
  });

  it('rejects malformed IPv4', () => {
    for (const s of ['1.2.3.4.5', '256.1.1.1', '1.2.3.256', '08.1.1.1', '1..2', 'a.b.c.d', '', '4294967296', '1.16777216']) expect(parseIPv4(s)).toBeNull();
  });

  it('parses IPv6 with compression, embedded IPv4, brackets and zones', () => {
    expect(Array.from(parseIPv6('::ffff:1.2.3.4') ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(Array.from(parseIPv6('[fe80::1%25eth0]') ?? []).slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).not.toBeNull();
    for (const s of ['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::', '1:2:3:4:5:6:7', '::1.2.3']) expect(parseIPv6(s)).toBeNull();
  });
});

describe('host names', () => {
  it('refuses metadata and loopback names before DNS and leaves others to DNS', () => {
    expect(checkHostname('metadata.google.internal')?.allowed).toBe(false);
    expect(checkHostname('METADATA.GOOGLE.INTERNAL.')?.allowed).toBe(false);
    expect(checkHostname('localhost')?.allowed).toBe(false);
    expect(checkHostname('api.localhost')?.allowed).toBe(false);
    expect(checkHostname('[::1]')?.allowed).toBe(false);
    expect(checkHostname('example.com')).toBeNull();
    expect(checkHostname('8.8.8.8')).toEqual({ allowed: true });
  });

  it('refuses a name when any resolved address is private', () => {
    expect(checkResolved('mixed.test', ['93.184.216.34', '10.0.0.5'])).toEqual({ allowed: false, reason: 'mixed.test resolves to 10.0.0.5: 10.0.0.5 is a private address' });
    expect(checkResolved('ok.test', ['93.184.216.34', '2606:4700::1'])).toEqual({ allowed: true });
    expect(checkResolved('none.test', []).allowed).toBe(false);
  });
});
