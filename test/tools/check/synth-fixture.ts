import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

function vault(scope: Construct, id: string, overrides: { purgeProtectionEnabled?: boolean; preventDestroy?: boolean } = {}): KeyVault {
  return new KeyVault(scope, id, {
    name: `kv-${id}`,
    location: 'swedencentral',
    resourceGroupName: 'rg',
    tenantId: '00000000-0000-0000-0000-000000000000',
    skuName: 'standard',
    rbacAuthorizationEnabled: true,
    purgeProtectionEnabled: overrides.purgeProtectionEnabled ?? true,
    publicNetworkAccessEnabled: false,
    networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' },
    lifecycle: overrides.preventDestroy ? { preventDestroy: true } : undefined,
  });
}

function stack(app: App, name: string): TerraformStack {
  const s = new TerraformStack(app, name);
  new AzurermProvider(s, 'azurerm', { features: [{}] });
  return s;
}

/**
 * Synthesizes a small app with the real cdktf toolchain: stacks `dev-data`, `dev-network` (which refers to the
 * dev vault across stacks), `prod-data` and `qa-data`. Known findings: dev vault without purge protection,
 * an NSG opening SSH to the Internet, a production vault without prevent_destroy.
 */
export function synthFixture(outdir: string): void {
  const app = new App({ outdir });
  const devData = stack(app, 'dev-data');
  const devVault = vault(devData, 'vault', { purgeProtectionEnabled: false });

  const devNetwork = stack(app, 'dev-network');
  const subnet = new Subnet(devNetwork, 'pep-subnet', {
    name: 'snet-pep',
    resourceGroupName: 'rg',
    virtualNetworkName: 'vnet',
    addressPrefixes: ['10.0.2.0/24'],
  });
  const nsg = new NetworkSecurityGroup(devNetwork, 'pep-nsg', {
    name: 'nsg-pep',
    location: 'swedencentral',
    resourceGroupName: 'rg',
    securityRule: [
      {
        name: 'ssh-from-anywhere',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourcePortRange: '*',
        sourceAddressPrefix: 'Internet',
        destinationPortRange: '22',
        destinationAddressPrefix: '*',
      },
    ],
  });
  new SubnetNetworkSecurityGroupAssociation(devNetwork, 'pep-nsg-association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
  new PrivateEndpoint(devNetwork, 'vault-endpoint', {
    name: 'pe-vault',
    location: 'swedencentral',
    resourceGroupName: 'rg',
    subnetId: subnet.id,
    privateServiceConnection: {
      name: 'vault',
      isManualConnection: false,
      privateConnectionResourceId: devVault.id,
      subresourceNames: ['vault'],
    },
    privateDnsZoneGroup: {
      name: 'default',
      privateDnsZoneIds: ['/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net'],
    },
  });

  vault(stack(app, 'prod-data'), 'vault', { preventDestroy: false });
  vault(stack(app, 'qa-data'), 'vault');
  app.synth();
}
