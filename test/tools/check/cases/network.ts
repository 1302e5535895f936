import { r, ref, type RuleCase } from '../fixtures';

const appGateway = r('azurerm_application_gateway', 'agw', {
  frontend_port: [
    { name: 'https', port: 443 },
    { name: 'http', port: 80 },
  ],
});

function nsgRule(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'allow-https',
    priority: 100,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source_port_range: '*',
    source_address_prefix: 'Internet',
    destination_port_range: '443',
    destination_address_prefix: '*',
    ...overrides,
  };
}

const subnet = r('azurerm_subnet', 'apim', { name: 'snet-apim', address_prefixes: ['10.0.1.0/27'] });
const nsg = r('azurerm_network_security_group', 'apim-nsg', { name: 'nsg-apim' });

/** A virtual network flow log as the flow log construct writes it: azapi, with a user-assigned identity. */
function azapiFlowLog(properties: Record<string, unknown>, stack?: string) {
  return r(
    'azapi_resource',
    'vnet',
    {
      type: 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01',
      identity: { type: 'UserAssigned', identity_ids: [ref('azurerm_user_assigned_identity', 'fl')] },
      body: { properties },
    },
    stack,
  );
}

export const networkCases: RuleCase[] = [
  {
    rule: 'AOAI-NSG-001',
    name: 'Internet reaches only the listener ports 443 and 80',
    expect: 'compliant',
    target: 'azurerm_network_security_group.edge',
    resources: [
      appGateway,
      r('azurerm_network_security_group', 'edge', {
        security_rule: [
          nsgRule({}),
          nsgRule({ name: 'allow-http', priority: 110, destination_port_range: '80' }),
          nsgRule({
            name: 'gateway-manager',
            priority: 120,
            source_address_prefix: 'GatewayManager',
            destination_port_range: '65200-65535',
          }),
        ],
      }),
    ],
  },
  {
    rule: 'AOAI-NSG-001',
    name: 'an any-port allow from 0.0.0.0/0 is flagged',
    expect: 'non-compliant',
    target: 'azurerm_network_security_group.edge',
    resources: [
      appGateway,
      r('azurerm_network_security_group', 'edge', {
        security_rule: [nsgRule({ source_address_prefix: '0.0.0.0/0', destination_port_range: '*' })],
      }),
    ],
    message: /port\(s\) \* from 0\.0\.0\.0\/0; listener ports: 80, 443/,
  },
  {
    rule: 'AOAI-NSG-001',
    name: 'a standalone rule opening 8080 from * is flagged',
    expect: 'non-compliant',
    target: 'azurerm_network_security_rule.alt',
    resources: [
      appGateway,
      r('azurerm_network_security_rule', 'alt', nsgRule({ name: 'alt', source_address_prefix: '*', destination_port_range: '8080' })),
    ],
    message: /rule "alt" allows port\(s\) 8080 from \*/,
  },
  {
    rule: 'AOAI-NSG-001',
    name: 'without any Application Gateway, 443 from the Internet is flagged too',
    expect: 'non-compliant',
    target: 'azurerm_network_security_group.edge',
    resources: [r('azurerm_network_security_group', 'edge', { security_rule: [nsgRule({})] })],
    message: /listener ports: none/,
  },
  {
    rule: 'AOAI-NSG-001',
    name: 'an NSG without rules is not applicable',
    expect: 'not-applicable',
    target: 'azurerm_network_security_group.empty',
    resources: [r('azurerm_network_security_group', 'empty', { name: 'nsg-empty' })],
  },
  {
    rule: 'AOAI-NSG-002',
    name: 'SSH from a bastion subnet CIDR is accepted',
    expect: 'compliant',
    target: 'azurerm_network_security_group.ops',
    resources: [
      r('azurerm_network_security_group', 'ops', {
        security_rule: [nsgRule({ source_address_prefix: '10.0.9.0/26', destination_port_range: '22' })],
      }),
    ],
  },
  {
    rule: 'AOAI-NSG-002',
    name: 'the AzureLoadBalancer probe tag on every port is the platform, not administration',
    expect: 'compliant',
    target: 'azurerm_network_security_rule.probe',
    resources: [
      r(
        'azurerm_network_security_rule',
        'probe',
        nsgRule({ name: 'Allow-AzureLoadBalancer-Inbound', source_address_prefix: 'AzureLoadBalancer', destination_port_range: '*' }),
      ),
    ],
  },
  {
    rule: 'AOAI-NSG-002',
    name: 'RDP from the VirtualNetwork tag is flagged',
    expect: 'non-compliant',
    target: 'azurerm_network_security_group.ops',
    resources: [
      r('azurerm_network_security_group', 'ops', {
        security_rule: [
          nsgRule({ source_address_prefix: 'VirtualNetwork', destination_port_range: null, destination_port_ranges: ['3380-3390'] }),
        ],
      }),
    ],
    message: /opens RDP \(3389\) to VirtualNetwork/,
  },
  {
    rule: 'AOAI-NSG-003',
    name: 'a subnet with an association is covered, also across stacks',
    expect: 'compliant',
    target: 'dev-network/azurerm_subnet.apim',
    resources: [
      { ...subnet, stack: 'dev-network' },
      { ...nsg, stack: 'dev-network' },
      r(
        'azurerm_subnet_network_security_group_association',
        'apim-assoc',
        { subnet_id: ref('azurerm_subnet', 'apim'), network_security_group_id: ref('azurerm_network_security_group', 'apim-nsg') },
        'dev-network',
      ),
    ],
  },
  {
    rule: 'AOAI-NSG-003',
    name: 'a subnet without association is flagged',
    expect: 'non-compliant',
    target: 'azurerm_subnet.apim',
    resources: [subnet, nsg],
    message: /no azurerm_subnet_network_security_group_association/,
  },
  {
    rule: 'AOAI-NSG-003',
    name: 'GatewaySubnet is exempt',
    expect: 'not-applicable',
    target: 'azurerm_subnet.gateway',
    resources: [r('azurerm_subnet', 'gateway', { name: 'GatewaySubnet' })],
  },
  {
    rule: 'AOAI-NSG-003',
    name: 'an inline virtual-network subnet without security_group is flagged',
    expect: 'non-compliant',
    target: 'azurerm_virtual_network.vnet',
    resources: [
      r('azurerm_virtual_network', 'vnet', {
        subnet: [
          { name: 'snet-a', address_prefixes: ['10.0.0.0/24'], security_group: ref('azurerm_network_security_group', 'apim-nsg') },
          { name: 'snet-b', address_prefixes: ['10.0.1.0/24'] },
        ],
      }),
    ],
    message: /inline subnet "snet-b" has no security_group/,
  },
  {
    rule: 'AOAI-NET-001',
    name: 'flow log kept 90 days',
    expect: 'compliant',
    target: 'azurerm_network_watcher_flow_log.vnet',
    resources: [r('azurerm_network_watcher_flow_log', 'vnet', { enabled: true, retention_policy: { enabled: true, days: 90 } })],
  },
  {
    rule: 'AOAI-NET-001',
    name: 'flow log kept 30 days is flagged',
    expect: 'non-compliant',
    target: 'azurerm_network_watcher_flow_log.vnet',
    resources: [r('azurerm_network_watcher_flow_log', 'vnet', { enabled: true, retention_policy: { enabled: true, days: 30 } })],
    message: /retention_policy\.days must be 0 \(forever\) or >= 90, found 30/,
  },
  {
    rule: 'AOAI-NET-001',
    name: 'key-less azapi flow log kept 90 days',
    expect: 'compliant',
    target: 'azapi_resource.vnet',
    resources: [azapiFlowLog({ enabled: true, retentionPolicy: { enabled: true, days: 90 } })],
  },
  {
    rule: 'AOAI-NET-001',
    name: 'azapi flow log kept 30 days is flagged',
    expect: 'non-compliant',
    target: 'azapi_resource.vnet',
    resources: [azapiFlowLog({ enabled: true, retentionPolicy: { enabled: true, days: 30 } })],
    message: /^properties\.retentionPolicy\.days must be 0 \(forever\) or >= 90, found 30$/,
  },
  {
    rule: 'AOAI-NET-002',
    name: 'production VNet with a key-less azapi flow log',
    expect: 'compliant',
    production: true,
    target: 'prod-network/azurerm_virtual_network.vnet',
    resources: [
      r('azurerm_virtual_network', 'vnet', {}, 'prod-network'),
      azapiFlowLog({ targetResourceId: ref('azurerm_virtual_network', 'vnet') }, 'prod-network'),
    ],
  },
  {
    rule: 'AOAI-NET-002',
    name: 'production VNet with a flow log in another stack',
    expect: 'compliant',
    production: true,
    target: 'prod-network/azurerm_virtual_network.vnet',
    resources: [
      r('azurerm_virtual_network', 'vnet', {}, 'prod-network'),
      r('azurerm_network_watcher_flow_log', 'vnet', { target_resource_id: ref('azurerm_virtual_network', 'vnet') }, 'prod-network'),
    ],
  },
  {
    rule: 'AOAI-NET-002',
    name: 'production VNet without flow log is flagged',
    expect: 'non-compliant',
    production: true,
    target: 'azurerm_virtual_network.vnet',
    resources: [r('azurerm_virtual_network', 'vnet', {})],
    message: /no virtual network flow log targets this virtual network/,
  },
  {
    rule: 'AOAI-NET-002',
    name: 'non-production VNets are not checked',
    expect: 'not-applicable',
    target: 'azurerm_virtual_network.vnet',
    resources: [r('azurerm_virtual_network', 'vnet', {})],
  },
  {
    rule: 'AOAI-PE-001',
    name: 'private endpoint with a zone group',
    expect: 'compliant',
    target: 'azurerm_private_endpoint.kv',
    resources: [
      r('azurerm_private_endpoint', 'kv', {
        private_dns_zone_group: { name: 'default', private_dns_zone_ids: [ref('azurerm_private_dns_zone', 'vault')] },
      }),
    ],
  },
  {
    rule: 'AOAI-PE-001',
    name: 'private endpoint without zone group is flagged',
    expect: 'non-compliant',
    target: 'azurerm_private_endpoint.kv',
    resources: [r('azurerm_private_endpoint', 'kv', { private_service_connection: [{ name: 'kv', subresource_names: ['vault'] }] })],
    message: /private_dns_zone_group is not set/,
  },
  {
    rule: 'AOAI-PE-002',
    name: 'zone linked by reference',
    expect: 'compliant',
    target: 'azurerm_private_dns_zone.openai',
    resources: [
      r('azurerm_private_dns_zone', 'openai', { name: 'privatelink.openai.azure.com' }),
      r('azurerm_private_dns_zone_virtual_network_link', 'openai-link', {
        private_dns_zone_name: ref('azurerm_private_dns_zone', 'openai', 'name'),
      }),
    ],
  },
  {
    rule: 'AOAI-PE-002',
    name: 'unlinked zone is flagged',
    expect: 'non-compliant',
    target: 'azurerm_private_dns_zone.openai',
    resources: [
      r('azurerm_private_dns_zone', 'openai', { name: 'privatelink.openai.azure.com' }),
      r('azurerm_private_dns_zone_virtual_network_link', 'other-link', { private_dns_zone_name: 'privatelink.vaultcore.azure.net' }),
    ],
    message: /no azurerm_private_dns_zone_virtual_network_link/,
  },
  {
    rule: 'AOAI-PE-003',
    name: 'Key Vault reached by a private endpoint in another stack (cross-stack output)',
    expect: 'compliant',
    target: 'dev-data/azurerm_key_vault.kv',
    outputs: {
      'dev-data': { 'cross-stack-output-azurerm_key_vaultkvid': { sensitive: true, value: ref('azurerm_key_vault', 'kv') } },
    },
    resources: [
      r('azurerm_key_vault', 'kv', { name: 'kv-dev' }, 'dev-data'),
      r(
        'azurerm_private_endpoint',
        'kv-pe',
        {
          private_service_connection: [
            {
              name: 'kv',
              private_connection_resource_id:
                '${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.cross-stack-output-azurerm_key_vaultkvid}',
            },
          ],
        },
        'dev-network',
      ),
    ],
  },
  {
    rule: 'AOAI-PE-003',
    name: 'storage account without private endpoint is flagged',
    expect: 'non-compliant',
    target: 'azurerm_storage_account.st',
    resources: [
      r('azurerm_storage_account', 'st', {}),
      r('azurerm_private_endpoint', 'kv-pe', {
        private_service_connection: [{ private_connection_resource_id: ref('azurerm_key_vault', 'kv') }],
      }),
    ],
    message: /no azurerm_private_endpoint connects/,
  },
];
