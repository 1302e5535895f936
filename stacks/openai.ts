import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { DataStack } from './data';
import type { MonitoringStack } from './monitoring';
import type { NetworkStack } from './network';

export interface OpenAiStackProps {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
}

/** The Azure OpenAI accounts, one per configured instance, each in its own region. */
export class OpenAiStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, environment: Environment, _props: OpenAiStackProps) {
    super(scope, environment, 'openai');
    this.useAzurerm();
    this.resourceGroup = this.layerResourceGroup();
  }
}
