import type { NetworkDdosProtectionPlan } from '@cdktf/provider-azurerm/lib/network-ddos-protection-plan';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import type { Construct } from 'constructs';

import { addGatewayNetwork, type GatewaySubnetKey, type GatewaySubnets } from '../constructs/network/gateway-network';
import { PrivateDnsZones } from '../constructs/network/private-dns-zones';
import type { SubnetSecurityGroup } from '../constructs/network/subnet-security-group';
import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { MonitoringStack } from './monitoring';

export type { GatewaySubnets } from '../constructs/network/gateway-network';

export interface NetworkStackProps {
  readonly monitoring: Pick<MonitoringStack, 'workspace'>;
}

/**
 * The environment's private network: one virtual network with dedicated, NSG-guarded subnets, optional DDoS
 * protection, and the private DNS zones every private endpoint registers in. Changes here are rare and need
 * network permissions, hence a layer of its own. Flow logs live in the data layer, next to the storage account
 * they are written to.
 */
export class NetworkStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;
  readonly virtualNetwork: VirtualNetwork;
  readonly subnets: GatewaySubnets;
  readonly securityGroups: Readonly<Record<GatewaySubnetKey, SubnetSecurityGroup>>;
  readonly ddosProtectionPlan?: NetworkDdosProtectionPlan;
  readonly dns: PrivateDnsZones;

  constructor(scope: Construct, environment: Environment, props: NetworkStackProps) {
    super(scope, environment, 'network');
    this.useAzurerm();
    const { naming, config } = environment;
    this.resourceGroup = this.layerResourceGroup();
    const network = addGatewayNetwork(this, {
      naming,
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      network: config.network,
      workspaceId: props.monitoring.workspace.id,
    });
    this.virtualNetwork = network.virtualNetwork;
    this.subnets = network.subnets;
    this.securityGroups = network.securityGroups;
    this.ddosProtectionPlan = network.ddosProtectionPlan;
    this.dns = new PrivateDnsZones(this, 'private-dns', {
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkId: this.virtualNetwork.id,
      peeredVirtualNetworkIds: config.network.operators.dnsLinkedVirtualNetworkIds,
      apiManagementZoneName: environment.naming.apiManagementZone(),
    });
  }
}
