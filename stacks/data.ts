import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface DataStackProps {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
}

/** Key Vault and the Storage account: data that must outlive every other layer. */
export class DataStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, environment: Environment, _props: DataStackProps) {
    super(scope, environment, 'data');
    this.useAzurerm();
    this.resourceGroup = this.layerResourceGroup();
  }
}
