import { Testing } from 'cdktf';

import {
  apiManagementRules,
  applicationGatewayRules,
  DENY_ALL_PRIORITY,
  type NsgRule,
  privateEndpointRules,
  ruleProblems,
} from '../../constructs/network/nsg-rules';
import { SubnetSecurityGroup } from '../../constructs/network/subnet-security-group';

const prefixes = { apiManagementPrefix: '10.0.1.0/27', applicationGatewayPrefix: '10.0.0.0/24', privateEndpointsPrefix: '10.0.2.0/24' };

function allowed(rules: readonly NsgRule[], direction: NsgRule['direction']): NsgRule[] {
  return rules.filter((r) => r.direction === direction && r.access === 'Allow');
}

function permits(
  rules: readonly NsgRule[],
  direction: NsgRule['direction'],
  source: string,
  destination: string,
  port: string,
  protocol: NsgRule['protocol'] = 'Tcp',
) {
  return allowed(rules, direction).some(
    (r) =>
      r.source === source &&
      r.destination === destination &&
      (r.ports.includes(port) || r.ports.includes('*')) &&
      (r.protocol === protocol || r.protocol === '*'),
  );
}

function denyAllLast(rules: readonly NsgRule[], direction: NsgRule['direction']): void {
  const ofDirection = rules.filter((r) => r.direction === direction);
  const last = ofDirection.reduce((a, b) => (a.priority > b.priority ? a : b));
  expect(last).toMatchObject({ access: 'Deny', priority: DENY_ALL_PRIORITY, source: '*', destination: '*', protocol: '*', ports: ['*'] });
  expect(ofDirection.filter((r) => r.access === 'Deny')).toHaveLength(1);
}

describe('API Management subnet (internal mode)', () => {
  const rules = apiManagementRules(prefixes);

  it('admits the management endpoint from the ApiManagement tag and the load balancer on 6390', () => {
    expect(permits(rules, 'Inbound', 'ApiManagement', 'VirtualNetwork', '3443')).toBe(true);
    expect(permits(rules, 'Inbound', 'AzureLoadBalancer', 'VirtualNetwork', '6390')).toBe(true);
  });

  it('admits client traffic only from the Application Gateway subnet, on 443', () => {
    const clients = allowed(rules, 'Inbound').filter((r) => r.ports.includes('443'));
    expect(clients).toEqual([expect.objectContaining({ source: '10.0.0.0/24', destination: '10.0.1.0/27', protocol: 'Tcp' })]);
    expect(permits(rules, 'Inbound', 'Internet', 'VirtualNetwork', '443')).toBe(false);
  });

  it('reaches its documented dependencies: Storage, SQL, Key Vault, Azure Monitor, Entra ID', () => {
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'Storage', '443')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'Sql', '1433')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'AzureKeyVault', '443')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'AzureMonitor', '1886')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'AzureMonitor', '443')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'AzureActiveDirectory', '443')).toBe(true);
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'Internet', '80')).toBe(true);
  });

  it('reaches the private endpoints on 443 and keeps unit-to-unit sync inside its own subnet', () => {
    expect(permits(rules, 'Outbound', '10.0.1.0/27', '10.0.2.0/24', '443')).toBe(true);
    for (const direction of ['Inbound', 'Outbound'] as const) {
      expect(permits(rules, direction, '10.0.1.0/27', '10.0.1.0/27', '4290', 'Udp')).toBe(true);
      expect(permits(rules, direction, '10.0.1.0/27', '10.0.1.0/27', '6381-6383')).toBe(true);
    }
  });

  it('denies everything else, both ways', () => {
    denyAllLast(rules, 'Inbound');
    denyAllLast(rules, 'Outbound');
    expect(permits(rules, 'Outbound', 'VirtualNetwork', 'Internet', '25')).toBe(false);
    expect(ruleProblems(rules)).toEqual([]);
  });
});

describe('Application Gateway v2 subnet', () => {
  const rules = applicationGatewayRules({ listenerPorts: [443] });

  it('admits GatewayManager on 65200-65535, the load balancer, and the listener port', () => {
    expect(permits(rules, 'Inbound', 'GatewayManager', '*', '65200-65535')).toBe(true);
    expect(allowed(rules, 'Inbound')).toContainEqual(expect.objectContaining({ source: 'AzureLoadBalancer', protocol: '*', ports: ['*'] }));
    expect(permits(rules, 'Inbound', '*', '*', '443')).toBe(true);
    expect(permits(rules, 'Inbound', '*', '*', '80')).toBe(false);
  });

  it('denies all other inbound traffic and leaves outbound to the defaults, which v2 requires', () => {
    denyAllLast(rules, 'Inbound');
    expect(rules.filter((r) => r.direction === 'Outbound')).toEqual([]);
    expect(ruleProblems(rules)).toEqual([]);
  });

  it('opens exactly the configured listener ports', () => {
    const listeners = applicationGatewayRules({ listenerPorts: [443, 8443] }).find((r) => r.name === 'Allow-Listeners-Inbound');
    expect(listeners?.ports).toEqual(['443', '8443']);
  });
});

describe('private endpoints subnet', () => {
  const rules = privateEndpointRules({
    privateEndpointsPrefix: '10.0.2.0/24',
    clientPrefixes: { ApplicationGateway: '10.0.0.0/24', ApiManagement: '10.0.1.0/27' },
  });

  it('admits HTTPS from the client subnets only, in a stable order', () => {
    expect(allowed(rules, 'Inbound').map((r) => [r.name, r.priority, r.source, r.destination, r.ports])).toEqual([
      ['Allow-ApiManagement-Inbound', 100, '10.0.1.0/27', '10.0.2.0/24', ['443']],
      ['Allow-ApplicationGateway-Inbound', 110, '10.0.0.0/24', '10.0.2.0/24', ['443']],
    ]);
  });

  it('denies everything else; endpoints never start connections', () => {
    denyAllLast(rules, 'Inbound');
    denyAllLast(rules, 'Outbound');
    expect(allowed(rules, 'Outbound')).toEqual([]);
  });
});

describe('rule checks', () => {
  const good: NsgRule = {
    name: 'Allow-Https-Inbound',
    priority: 100,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: '*',
    destination: '*',
    ports: ['443'],
    description: 'HTTPS',
  };

  it('accepts a well-formed rule set', () => {
    expect(ruleProblems([good, { ...good, name: 'Allow-Https-Outbound', direction: 'Outbound' }])).toEqual([]);
  });

  it('reports duplicate names and priorities within a direction', () => {
    expect(ruleProblems([good, { ...good, ports: ['8443'] }])).toEqual([
      'rule Allow-Https-Inbound: name used twice',
      'rule Allow-Https-Inbound: inbound priority 100 used twice',
    ]);
  });

  it('reports priorities out of range, long descriptions, malformed names and ports', () => {
    expect(ruleProblems([{ ...good, priority: 99 }])).toEqual(['rule Allow-Https-Inbound: priority must be 100-4096, got 99']);
    expect(ruleProblems([{ ...good, priority: 4097 }])).toEqual(['rule Allow-Https-Inbound: priority must be 100-4096, got 4097']);
    expect(ruleProblems([{ ...good, description: 'x'.repeat(141) }])).toEqual([
      'rule Allow-Https-Inbound: description must be at most 140 characters, got 141',
    ]);
    expect(ruleProblems([{ ...good, name: 'allow https' }])).toEqual(['rule allow https: name must be 2-80 letters, digits or hyphens']);
    expect(ruleProblems([{ ...good, ports: ['*', '443'] }])).toEqual([
      'rule Allow-Https-Inbound: ports must be numbers, ranges or a single "*", got ["*","443"]',
    ]);
    expect(ruleProblems([{ ...good, ports: [] }])).toEqual([
      'rule Allow-Https-Inbound: ports must be numbers, ranges or a single "*", got []',
    ]);
  });

  it('the security group construct refuses a bad rule set before synthesis', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new SubnetSecurityGroup(scope, 'nsg', {
          name: 'nsg-x',
          resourceGroupName: 'rg',
          location: 'swedencentral',
          subnetId: 'subnet-id',
          rules: [good, { ...good, name: 'Allow-Other-Inbound' }],
          workspaceId: 'workspace-id',
        });
      }),
    ).toThrow('network security group nsg-x: rule Allow-Other-Inbound: inbound priority 100 used twice');
  });
});
