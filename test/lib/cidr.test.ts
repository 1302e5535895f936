import { type Cidr, contains, formatAddress, isCidr, overlaps, parseCidr } from '../../lib/cidr';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!isCidr(parsed)) {
    throw new Error(parsed.error);
  }
  return parsed;
}

describe('parseCidr', () => {
  it('parses a network address and its range', () => {
    const c = cidr('10.30.1.0/26');
    expect(formatAddress(c.start)).toBe('10.30.1.0');
    expect(formatAddress(c.end)).toBe('10.30.1.63');
    expect(c.prefixLength).toBe(26);
  });

  it('handles the top of the address space without sign errors', () => {
    const c = cidr('255.255.255.0/24');
    expect(formatAddress(c.end)).toBe('255.255.255.255');
  });

  it.each([
    ['10.0.0.0', 'an IPv4 CIDR block such as 10.0.0.0/24'],
    ['10.0.0.256/24', 'an IPv4 CIDR block with octets 0-255 and a prefix length 0-32'],
    ['10.0.0.0/40', 'an IPv4 CIDR block with octets 0-255 and a prefix length 0-32'],
    ['10.0.0.7/29', 'a network address with no host bits set (10.0.0.0/29)'],
  ])('rejects %s', (text, error) => {
    expect(parseCidr(text)).toEqual({ error });
  });
});

describe('containment and overlap', () => {
  it('contains is inclusive of both ends', () => {
    expect(contains(cidr('10.0.0.0/22'), cidr('10.0.3.0/24'))).toBe(true);
    expect(contains(cidr('10.0.0.0/22'), cidr('10.0.4.0/24'))).toBe(false);
    expect(contains(cidr('10.0.0.0/24'), cidr('10.0.0.0/22'))).toBe(false);
  });

  it('overlaps detects partial and nested ranges, not neighbours', () => {
    expect(overlaps(cidr('10.0.0.0/24'), cidr('10.0.0.128/25'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
  });
});
