import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { IdentityStack } from './identity';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';
import type { OpenAiStack } from './openai';

export interface GatewayStackProps {
  readonly identity: IdentityStack;
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly openai: OpenAiStack;
}

/** API Management in internal mode: who may call, load balancing over the accounts, and complete logging. */
export class GatewayStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, environment: Environment, _props: GatewayStackProps) {
    super(scope, environment, 'gateway');
    this.useAzurerm();
    this.resourceGroup = this.layerResourceGroup();
  }
}
