import type { Loose } from '../helpers/config';
import {
  type Attributes,
  problemsOf,
  rawEnvironment,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  stackOf,
  synthesizeConfigs,
  synthShipped,
  validate,
} from '../helpers/synth';

const synth = synthShipped();

function rulesOfGroup(stack: ReturnType<typeof stackOf>, purpose: string): Attributes[] {
  const groups = resourcesOf(stack, 'azurerm_network_security_group');
  const entry = Object.entries(groups).find(([, g]) => String(g.name).includes(`-${purpose}-`))!;
  return Object.values(resourcesOf(stack, 'azurerm_network_security_rule')).filter(
    (r) => r.network_security_group_name === `\${azurerm_network_security_group.${entry[0]}.name}`,
  );
}

describe('deployment runners inside the network', () => {
  it.each(SHIPPED_ENVIRONMENTS)(
    '%s: the runner subnet reaches the private endpoints and API Management on 443, nothing reaches it',
    (env) => {
      const runner = shippedConfig(env).network.subnets.runner;
      expect(runner).toBeDefined();
      const stack = stackOf(synth, `${env}-network`);
      const pep = rulesOfGroup(stack, 'pep');
      expect(pep).toContainEqual(
        expect.objectContaining({
          name: 'Allow-Runner-Inbound',
          access: 'Allow',
          source_address_prefix: runner,
          destination_port_range: '443',
        }),
      );
      const apim = rulesOfGroup(stack, 'apim');
      expect(apim).toContainEqual(
        expect.objectContaining({
          name: 'Allow-Runner-Inbound',
          access: 'Allow',
          source_address_prefix: runner,
          destination_port_range: '443',
        }),
      );
      const own = rulesOfGroup(stack, 'runner');
      expect(own.filter((r) => r.direction === 'Inbound').map((r) => r.access)).toEqual(['Deny']);
      expect(
        own
          .filter((r) => r.direction === 'Outbound' && r.access === 'Allow')
          .map((r) => r.destination_address_prefix)
          .sort(),
      ).toEqual([shippedConfig(env).network.subnets.apiManagement, shippedConfig(env).network.subnets.privateEndpoints, 'Internet'].sort());
    },
  );
});

describe('operators and runners in peered networks', () => {
  const peer =
    '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
  const raw = rawEnvironment('dev') as Loose;
  raw.network.operators = { addressPrefixes: ['10.100.0.0/24'], dnsLinkedVirtualNetworkIds: [peer] };
  const out = synthesizeConfigs([validate(raw, 'dev.yaml')]);
  const stack = stackOf(out, 'dev-network');

  it('reach the private endpoints and the developer portal over HTTPS', () => {
    for (const purpose of ['pep', 'apim']) {
      expect(rulesOfGroup(stack, purpose)).toContainEqual(
        expect.objectContaining({
          name: 'Allow-Operators1-Inbound',
          source_address_prefix: '10.100.0.0/24',
          destination_port_range: '443',
        }),
      );
    }
  });

  it('resolve every private DNS zone through a link to their network', () => {
    const links = Object.values(resourcesOf(stack, 'azurerm_private_dns_zone_virtual_network_link'));
    const zones = Object.keys(resourcesOf(stack, 'azurerm_private_dns_zone'));
    expect(links.filter((l) => l.virtual_network_id === peer)).toHaveLength(zones.length);
  });

  it('refuses a peered range inside the address space and a malformed network id, one line each', () => {
    const bad = rawEnvironment('dev') as Loose;
    bad.network.operators = { addressPrefixes: ['10.10.1.0/24'], dnsLinkedVirtualNetworkIds: ['vnet-hub'] };
    expect(problemsOf(bad)).toEqual([
      'test.json: network.operators.dnsLinkedVirtualNetworkIds[0]: expected a virtual network resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>), found "vnet-hub"',
      'test.json: network.operators.addressPrefixes[0]: expected a range outside this network\'s address space (10.10.0.0/22): operators reach it through peering, found "10.10.1.0/24"',
    ]);
    bad.network.operators.dnsLinkedVirtualNetworkIds = [];
    expect(problemsOf(bad)).toEqual([
      'test.json: network.operators.addressPrefixes[0]: expected a range outside this network\'s address space (10.10.0.0/22): operators reach it through peering, found "10.10.1.0/24"',
    ]);
  });
});
