import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { Construct } from 'constructs';

import { PrivateDnsZones } from '../constructs/network/private-dns-zones';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { MonitoringStack } from './monitoring';

export interface NetworkStackProps {
  readonly monitoring: MonitoringStack;
}

/** Subnets by purpose; each is dedicated to what its name says. */
export interface GatewaySubnets {
  readonly applicationGateway: Subnet;
  readonly apiManagement: Subnet;
  readonly privateEndpoints: Subnet;
}

/**
 * The environment's private network: one virtual network with dedicated subnets, and the private DNS zones every
 * private endpoint registers in. Changes here are rare and need network permissions, hence a layer of its own.
 */
export class NetworkStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly virtualNetwork: VirtualNetwork;
  readonly subnets: GatewaySubnets;
  readonly dns: PrivateDnsZones;

  constructor(scope: Construct, environment: Environment, _props: NetworkStackProps) {
    super(scope, environment, 'network');
    this.useAzurerm();
    const { naming, config } = environment;
    this.resourceGroup = this.layerResourceGroup();
    this.virtualNetwork = new VirtualNetwork(this, 'virtual-network', {
      name: naming.virtualNetwork(),
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      addressSpace: [...config.network.addressSpace],
    });
    const subnet = (id: keyof GatewaySubnets, purpose: string) =>
      new Subnet(this, `subnet-${purpose}`, {
        name: naming.subnet(purpose),
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: this.virtualNetwork.name,
        addressPrefixes: [config.network.subnets[id]],
        // Nothing in these subnets reaches the internet except through explicit, logged paths.
        defaultOutboundAccessEnabled: false,
      });
    this.subnets = {
      applicationGateway: subnet('applicationGateway', 'appgw'),
      apiManagement: subnet('apiManagement', 'apim'),
      privateEndpoints: subnet('privateEndpoints', 'pep'),
    };
    this.dns = new PrivateDnsZones(this, 'private-dns', {
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkId: this.virtualNetwork.id,
    });
  }
}
