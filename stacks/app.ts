import type { App } from 'cdktf';

import type { Environment } from '../lib/environment';
import { MonitoringStack } from './monitoring';
import { NetworkStack } from './network';

/** Every stack of one environment, in deployment order. */
export interface EnvironmentStacks {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
}

/**
 * Composes one environment's layers. Each layer is a stack with its own state, deployed in this order; later
 * layers receive earlier layers' resources as typed attributes, which cdktf turns into remote-state references.
 */
export function addEnvironment(app: App, environment: Environment): EnvironmentStacks {
  const monitoring = new MonitoringStack(app, environment);
  const network = new NetworkStack(app, environment, { monitoring });
  return { monitoring, network };
}
