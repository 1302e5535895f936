import { azapiProperties, isAzapiOfType } from './azapi';
import type { Resource } from './model';
import { block } from './values';

/** The ARM type of virtual network flow logs, which the flow log construct manages through azapi. */
export const FLOW_LOG_ARM_TYPE = 'Microsoft.Network/networkWatchers/flowLogs';

/** The Terraform types a flow log can take: azurerm's resource, or azapi's with the ARM type above. */
export const FLOW_LOG_TERRAFORM_TYPES = ['azurerm_network_watcher_flow_log', 'azapi_resource'] as const;

/** A flow log's settings the rules read, with each one's path in the resource as the messages name it. */
export interface FlowLogView {
  readonly enabled: { readonly path: string; readonly values: Readonly<Record<string, unknown>> | undefined; readonly key: string };
  readonly retention: { readonly path: string; readonly values: Record<string, unknown> | undefined };
  readonly targetResourceId: unknown;
}

/** The flow log settings of an azurerm flow log or an azapi one; undefined for anything else. */
export function flowLogView(resource: Resource): FlowLogView | undefined {
  if (resource.type === 'azurerm_network_watcher_flow_log') {
    return {
      enabled: { path: 'enabled', values: resource.values, key: 'enabled' },
      retention: { path: 'retention_policy', values: block(resource.values, 'retention_policy') },
      targetResourceId: resource.values['target_resource_id'],
    };
  }
  if (isAzapiOfType(resource, FLOW_LOG_ARM_TYPE)) {
    const properties = azapiProperties(resource);
    return {
      enabled: { path: 'properties.enabled', values: properties, key: 'enabled' },
      retention: { path: 'properties.retentionPolicy', values: block(properties, 'retentionPolicy') },
      targetResourceId: properties?.['targetResourceId'],
    };
  }
  return undefined;
}
