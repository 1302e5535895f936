import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { GatewayStack } from './gateway';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface EdgeStackProps {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly gateway: GatewayStack;
}

/** Application Gateway with WAF v2: the single public entry point. */
export class EdgeStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, environment: Environment, _props: EdgeStackProps) {
    super(scope, environment, 'edge');
    this.useAzurerm();
    this.resourceGroup = this.layerResourceGroup();
  }
}
