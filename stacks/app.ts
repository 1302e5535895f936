import type { App } from 'cdktf';

import type { Environment } from '../lib/environment';
import { DataStack } from './data';
import { EdgeStack } from './edge';
import { GatewayStack } from './gateway';
import { IdentityStack } from './identity';
import { InsightsStack } from './insights';
import { MonitoringStack } from './monitoring';
import { NetworkStack } from './network';
import { OpenAiStack } from './openai';

/** Every stack of one environment, in deployment order. */
export interface EnvironmentStacks {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly openai: OpenAiStack;
  readonly identity: IdentityStack;
  readonly gateway: GatewayStack;
  readonly edge: EdgeStack;
  readonly insights: InsightsStack;
}

/**
 * Composes one environment's layers. Each layer is a stack with its own state, deployed in `LAYER_ORDER`; later
 * layers receive earlier layers' resources as typed attributes, which cdktf turns into remote-state references.
 */
export function addEnvironment(app: App, environment: Environment): EnvironmentStacks {
  const identity = new IdentityStack(app, environment);
  const monitoring = new MonitoringStack(app, environment);
  const network = new NetworkStack(app, environment, { monitoring });
  const data = new DataStack(app, environment, { monitoring, network });
  const openai = new OpenAiStack(app, environment, { monitoring, network, data });
  const gateway = new GatewayStack(app, environment, { identity, monitoring, network, data, openai });
  const edge = new EdgeStack(app, environment, { monitoring, network, data, gateway });
  const insights = new InsightsStack(app, environment, { monitoring, edge, data, identity });
  return { monitoring, network, data, openai, identity, gateway, edge, insights };
}
