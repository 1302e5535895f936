/** NSG rule semantics and private address ranges, as several rules read them. */
import type { Resource } from './model';
import { blocks, literalString, stringList } from './values';

/** Source prefixes that mean "anyone on the Internet" in an NSG rule. */
const INTERNET_SOURCES = new Set(['*', 'any', 'internet', '0.0.0.0', '0.0.0.0/0', '::/0']);

export function isInternetSource(prefix: string): boolean {
  return INTERNET_SOURCES.has(prefix.trim().toLowerCase()) || prefix.trim().endsWith('/0');
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Ports of an NSG port field: `*`, `443`, `65200-65535`. Undefined when the value is not a literal. */
export function parsePortRange(text: string): PortRange | undefined {
  const trimmed = text.trim();
  if (trimmed === '*') {
    return { from: 0, to: 65535 };
  }
  const single = /^(\d{1,5})$/.exec(trimmed);
  if (single) {
    const port = Number(single[1]);
    return { from: port, to: port };
  }
  const range = /^(\d{1,5})\s*-\s*(\d{1,5})$/.exec(trimmed);
  if (range) {
    return { from: Number(range[1]), to: Number(range[2]) };
  }
  return undefined;
}

/** One security rule, whether declared inline in an NSG or as its own resource. */
export interface NsgRuleView {
  readonly name: string;
  readonly direction: string;
  readonly access: string;
  readonly protocol: string;
  readonly sources: readonly string[];
  readonly destinationPorts: readonly string[];
  /** Fields given as expressions, which the rule cannot judge. */
  readonly expressions: readonly string[];
}

function nsgRuleView(raw: Readonly<Record<string, unknown>>): NsgRuleView {
  const sources = stringList(raw['source_address_prefixes']);
  const source = stringList(raw['source_address_prefix']);
  const ports = stringList(raw['destination_port_ranges']);
  const port = stringList(raw['destination_port_range']);
  return {
    name: literalString(raw['name']) ?? '(unnamed)',
    direction: literalString(raw['direction']) ?? '',
    access: literalString(raw['access']) ?? '',
    protocol: literalString(raw['protocol']) ?? '*',
    sources: [...source.items, ...sources.items],
    destinationPorts: [...port.items, ...ports.items],
    expressions: [...source.expressions, ...sources.expressions, ...port.expressions, ...ports.expressions],
  };
}

/** The security rules a resource declares: every inline rule of an NSG, or the rule resource itself. */
export function nsgRules(resource: Resource): NsgRuleView[] {
  if (resource.type === 'azurerm_network_security_rule') {
    return [nsgRuleView(resource.values)];
  }
  return blocks(resource.values, 'security_rule').map(nsgRuleView);
}

export function isInboundAllow(rule: NsgRuleView): boolean {
  return rule.direction.toLowerCase() === 'inbound' && rule.access.toLowerCase() === 'allow';
}

/** Whether a literal IPv4 address or CIDR lies in a private range (RFC 1918, or RFC 6598 shared space). */
export function isPrivateAddress(text: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/.exec(text.trim());
  if (!match) {
    return false;
  }
  const [a, b] = [Number(match[1]), Number(match[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
