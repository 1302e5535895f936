/** IPv4 CIDR arithmetic for validating address plans before anything is synthesized. */
export interface Cidr {
  readonly text: string;
  /** First address as an unsigned 32-bit integer. */
  readonly start: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly end: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns an error text (the expectation) instead of throwing. */
export function parseCidr(text: string): Cidr | { error: string } {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return { error: 'an IPv4 CIDR block such as 10.0.0.0/24' };
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) {
    return { error: 'an IPv4 CIDR block with octets 0-255 and a prefix length 0-32' };
  }
  const address = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const size = 2 ** (32 - prefixLength);
  const start = Math.floor(address / size) * size;
  if (start !== address) {
    return { error: `a network address with no host bits set (${formatAddress(start)}/${prefixLength})` };
  }
  return { text, start, end: start + size - 1, prefixLength };
}

export function isCidr(value: Cidr | { error: string }): value is Cidr {
  return !('error' in value);
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}
