import { describe, expect, it } from 'vitest';
import { isPublicIpv4, ipv4Value } from '../../src/pii/ipv4Address.js';
import { parseIpv6 } from '../../src/pii/ipv6Detector.js';
import { found } from './piiFixtures.js';

describe('ipv4', () => {
  it.each([
    ['The server at 93.184.216.34 answered.', '93.184.216.34'],
    ['resolver 80.80.80.80, backup 1.1.1.10', '80.80.80.80'],
    ['Failed login from 185.220.101.7:443 at noon', '185.220.101.7'],
    ['The old server (76.29.23.196) will be retired', '76.29.23.196'],
  ])('finds the public address in %j', (text, value) => {
    expect(found(text)[0]).toBe(`ipv4:${value}`);
  });

  it.each([
    'bind to 127.0.0.1 or 0.0.0.0',
    'LAN 192.168.1.10, 10.0.0.1, 172.16.5.4 and 172.31.255.255',
    'docs use 192.0.2.1, 198.51.100.23 and 203.0.113.9',
    'link-local 169.254.10.20, CGNAT 100.64.0.1, multicast 224.0.0.251, mask 255.255.255.0',
    'version 1.2.3.4 of the tool, v2.10.3.1',
    'novas (3.1.1.3) installed',
    'unpack novas-3.1.1.3.tar.gz',
    'See section 13.2.5.6 of the HTML spec',
    '13.2.5.8 Tag name state',
    'OID 1.3.6.1.4.1.311',
    '999.1.1.1 is not an address',
  ])('leaves %j', (text) => {
    expect(found(text, ['ipv4'])).toEqual([]);
  });

  it('ranges are checked by prefix, not by the first octet only', () => {
    expect(isPublicIpv4(ipv4Value(['172', '32', '0', '1']))).toBe(true);
    expect(isPublicIpv4(ipv4Value(['172', '15', '0', '1']))).toBe(true);
    expect(isPublicIpv4(ipv4Value(['172', '20', '0', '1']))).toBe(false);
  });
});

describe('ipv6', () => {
  it.each([
    ['peer 2a00:1450:4001:82a::200e connected', '2a00:1450:4001:82a::200e'],
    ['[2606:4700:4700::1111]:53', '2606:4700:4700::1111'],
    ['full 2001:4860:4860:0000:0000:0000:0000:8888.', '2001:4860:4860:0000:0000:0000:0000:8888'],
    ['mapped ::ffff:93.184.216.34 too', '::ffff:93.184.216.34'],
  ])('finds the public address in %j', (text, value) => {
    expect(found(text, ['ipv6'])).toEqual([`ipv6:${value}`]);
  });

  it.each([
    'loopback ::1 and fe80::1ff:fe23:4567:890a%eth0',
    'documentation 2001:db8::1 and 2001:DB8:85a3::8a2e:370:7334',
    'unique local fd12:3456:789a:1::1 and multicast ff02::1',
    'std::vector<int>::iterator it = v.begin();',
    'Foo::Bar::baz and a::b and dead::beef',
    'at 12:30:45 and MAC 00:1A:2B:3C:4D:5E',
    'mapped private ::ffff:192.168.0.1',
  ])('leaves %j', (text) => {
    expect(found(text, ['ipv6'])).toEqual([]);
  });

  it('parses the forms of RFC 4291', () => {
    expect(parseIpv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('12345::1')).toBeNull();
  });
});
