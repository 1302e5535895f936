import {
  type Attributes,
  onlyResource,
  resourcesOf,
  SHIPPED_ENVIRONMENTS,
  shippedConfig,
  type StackJson,
  stackOf,
  synthShipped,
} from '../helpers/synth';

const synth = synthShipped();
const ENVIRONMENTS = SHIPPED_ENVIRONMENTS;

function network(env: string): StackJson {
  return stackOf(synth, `${env}-network`);
}

function byName(stack: StackJson, type: string): Record<string, Attributes> {
  return Object.fromEntries(
    Object.entries(resourcesOf(stack, type)).map(([address, attributes]) => [String(attributes['name']), { ...attributes, address }]),
  );
}

function ref(type: string, attributes: Attributes, attribute: string): string {
  return `\${${type}.${String(attributes['address'])}.${attribute}}`;
}

describe.each(ENVIRONMENTS)('%s network', (env) => {
  const stack = network(env);
  const config = shippedConfig(env).network;
  const vnet = onlyResource(stack, 'azurerm_virtual_network');
  const vnetAddress = Object.keys(resourcesOf(stack, 'azurerm_virtual_network'))[0]!;
  const subnets = byName(stack, 'azurerm_subnet');
  const groups = byName(stack, 'azurerm_network_security_group');

  it('one virtual network with the configured address space', () => {
    expect(vnet['name']).toBe(`vnet-aoaigw-${env}-sdc`);
    expect(vnet['address_space']).toEqual(config.addressSpace);
  });

  // The deployment runners' subnet exists when the environment configures one.
  const PURPOSES = ['appgw', 'apim', 'pep', ...(config.subnets.runner ? ['runner'] : [])];

  it('dedicated subnets with the configured prefixes and no implicit internet egress', () => {
    expect(Object.keys(subnets).sort()).toEqual(PURPOSES.map((purpose) => `snet-${purpose}`).sort());
    expect(subnets['snet-appgw']!['address_prefixes']).toEqual([config.subnets.applicationGateway]);
    expect(subnets['snet-apim']!['address_prefixes']).toEqual([config.subnets.apiManagement]);
    expect(subnets['snet-pep']!['address_prefixes']).toEqual([config.subnets.privateEndpoints]);
    for (const subnet of Object.values(subnets)) {
      expect(subnet['virtual_network_name']).toBe(`\${azurerm_virtual_network.${vnetAddress}.name}`);
      expect(subnet['default_outbound_access_enabled']).toBe(false);
      // API Management in internal mode refuses a delegated subnet; Application Gateway needs none.
      expect(subnet['delegation']).toBeUndefined();
    }
  });

  it('the private endpoints subnet enforces network security group rules on its endpoints', () => {
    expect(subnets['snet-pep']!['private_endpoint_network_policies']).toBe('Enabled');
  });

  it('an NSG on every subnet, associated with it', () => {
    const associations = Object.values(resourcesOf(stack, 'azurerm_subnet_network_security_group_association'));
    expect(associations).toHaveLength(PURPOSES.length);
    for (const purpose of PURPOSES) {
      const group = groups[`nsg-aoaigw-${env}-${purpose}-sdc`];
      expect(group).toBeDefined();
      expect(associations).toContainEqual(
        expect.objectContaining({
          subnet_id: ref('azurerm_subnet', subnets[`snet-${purpose}`]!, 'id'),
          network_security_group_id: ref('azurerm_network_security_group', group!, 'id'),
        }),
      );
    }
  });

  it('every NSG ends in a deny-all, with each rule in the group its subnet needs', () => {
    const rules = Object.values(resourcesOf(stack, 'azurerm_network_security_rule'));
    const rulesOf = (purpose: string) =>
      rules.filter(
        (r) =>
          r['network_security_group_name'] === ref('azurerm_network_security_group', groups[`nsg-aoaigw-${env}-${purpose}-sdc`]!, 'name'),
      );
    for (const purpose of PURPOSES) {
      expect(rulesOf(purpose)).toContainEqual(
        expect.objectContaining({
          name: 'Deny-All-Inbound',
          priority: 4096,
          access: 'Deny',
          source_address_prefix: '*',
          destination_port_range: '*',
        }),
      );
    }
    expect(rulesOf('apim')).toContainEqual(
      expect.objectContaining({
        direction: 'Inbound',
        access: 'Allow',
        source_address_prefix: 'ApiManagement',
        destination_port_range: '3443',
        protocol: 'Tcp',
      }),
    );
    expect(rulesOf('apim')).toContainEqual(
      expect.objectContaining({
        direction: 'Inbound',
        access: 'Allow',
        source_address_prefix: config.subnets.applicationGateway,
        destination_port_range: '443',
      }),
    );
    expect(rulesOf('apim')).toContainEqual(
      expect.objectContaining({
        direction: 'Outbound',
        access: 'Allow',
        destination_address_prefix: 'AzureMonitor',
        destination_port_ranges: ['1886', '443'],
      }),
    );
    expect(rulesOf('appgw')).toContainEqual(
      expect.objectContaining({
        direction: 'Inbound',
        access: 'Allow',
        source_address_prefix: 'GatewayManager',
        destination_port_range: '65200-65535',
      }),
    );
    expect(rulesOf('appgw').filter((r) => r['direction'] === 'Outbound')).toEqual([]);
    expect(rulesOf('pep')).toContainEqual(expect.objectContaining({ name: 'Deny-All-Outbound', access: 'Deny' }));
    expect(rules).toHaveLength(PURPOSES.reduce((total, purpose) => total + rulesOf(purpose).length, 0));
  });

  it('diagnostic settings for the virtual network and every NSG', () => {
    const settings = Object.values(resourcesOf(stack, 'azurerm_monitor_diagnostic_setting'));
    const targets = settings.map((s) => s['target_resource_id']);
    expect(targets).toContainEqual(`\${azurerm_virtual_network.${vnetAddress}.id}`);
    for (const group of Object.values(groups)) {
      expect(targets).toContainEqual(ref('azurerm_network_security_group', group, 'id'));
    }
    for (const setting of settings) {
      expect(setting['log_analytics_workspace_id']).toMatch(
        /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-\w+-monitoring\.outputs\./,
      );
    }
    const nsgSetting = settings.find(
      (s) => s['target_resource_id'] === ref('azurerm_network_security_group', Object.values(groups)[0]!, 'id'),
    );
    expect(nsgSetting?.['enabled_log']).toEqual([
      { category: 'NetworkSecurityGroupEvent' },
      { category: 'NetworkSecurityGroupRuleCounter' },
    ]);
  });

  it('private DNS zones for every endpoint kind, each linked to the network', () => {
    const zones = byName(stack, 'azurerm_private_dns_zone');
    expect(Object.keys(zones).sort()).toEqual([
      'azure-api.net',
      'privatelink.blob.core.windows.net',
      'privatelink.cognitiveservices.azure.com',
      'privatelink.openai.azure.com',
      'privatelink.vaultcore.azure.net',
    ]);
    const links = Object.values(resourcesOf(stack, 'azurerm_private_dns_zone_virtual_network_link'));
    for (const zone of Object.values(zones)) {
      expect(links).toContainEqual(
        expect.objectContaining({
          private_dns_zone_name: ref('azurerm_private_dns_zone', zone, 'name'),
          virtual_network_id: `\${azurerm_virtual_network.${vnetAddress}.id}`,
          registration_enabled: false,
        }),
      );
    }
  });
});

describe('DDoS protection, by configuration', () => {
  it('prod: a plan, attached to the virtual network', () => {
    const stack = network('prod');
    const plan = onlyResource(stack, 'azurerm_network_ddos_protection_plan');
    expect(plan['name']).toBe('ddos-aoaigw-prod-sdc');
    const address = Object.keys(resourcesOf(stack, 'azurerm_network_ddos_protection_plan'))[0];
    expect(onlyResource(stack, 'azurerm_virtual_network')['ddos_protection_plan']).toEqual({
      id: `\${azurerm_network_ddos_protection_plan.${address}.id}`,
      enable: true,
    });
  });

  it.each(['dev', 'test'])('%s: no plan', (env) => {
    expect(resourcesOf(network(env), 'azurerm_network_ddos_protection_plan')).toEqual({});
    expect(onlyResource(network(env), 'azurerm_virtual_network')['ddos_protection_plan']).toBeUndefined();
  });
});
