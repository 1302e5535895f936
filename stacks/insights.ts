import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';
import type { EdgeStack } from './edge';
import type { GatewayStack } from './gateway';
import type { MonitoringStack } from './monitoring';
import type { OpenAiStack } from './openai';

export interface InsightsStackProps {
  readonly monitoring: MonitoringStack;
  readonly openai: OpenAiStack;
  readonly gateway: GatewayStack;
  readonly edge: EdgeStack;
}

/** Saved queries, the usage workbook and alerts: what administrators look at, deployed after what it watches. */
export class InsightsStack extends LayerStack {
  readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, environment: Environment, _props: InsightsStackProps) {
    super(scope, environment, 'insights');
    this.useAzurerm();
    this.resourceGroup = this.layerResourceGroup();
  }
}
