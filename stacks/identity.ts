import type { Construct } from 'constructs';

import type { Environment } from '../lib/environment';
import { LayerStack } from './base';

/**
 * Microsoft Entra ID objects: the access tiers' groups and the gateway's app registration. A layer of its own
 * because it needs Microsoft Graph permissions that no other pipeline should hold.
 */
export class IdentityStack extends LayerStack {
  constructor(scope: Construct, environment: Environment) {
    super(scope, environment, 'identity');
  }
}
