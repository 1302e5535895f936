import { DataAzurermNetworkWatcher } from '@cdktf/provider-azurerm/lib/data-azurerm-network-watcher';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';

import { AzapiResource } from '../azapi/resource';
import { addMovedBlock } from '../moved';

export interface NetworkWatcherRef {
  readonly name: string;
  readonly resourceGroupName: string;
}

/** The ARM type and API version of the flow log: the first that takes a managed identity for storage is 2023-11-01. */
export const FLOW_LOG_TYPE = 'Microsoft.Network/networkWatchers/flowLogs@2024-10-01';

/**
 * The Terraform type this construct used to manage flow logs with: state written by it is moved, not replaced
 * (azapi implements Terraform's cross-type `moved` for azurerm sources, internal/services/azapi_resource.go
 * MoveState at azapi v2.7.0).
 */
const PREVIOUS_TYPE = 'azurerm_network_watcher_flow_log';

/**
 * Only role the flow log's identity needs, on the storage account
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-managed-identity, prerequisites).
 */
export const FLOW_LOG_STORAGE_ROLE = 'Storage Blob Data Contributor';

export interface VirtualNetworkFlowLogProps {
  /** Flow log name, from the naming module. */
  readonly name: string;
  /** The region's Network Watcher the flow log is created under. */
  readonly networkWatcher: NetworkWatcherRef;
  /** Region of the virtual network (and of the watcher). */
  readonly location: string;
  /** The virtual network whose flows are recorded. */
  readonly virtualNetworkId: string;
  /** Standard storage account in the same region as the virtual network. */
  readonly storageAccountId: string;
  /** Days flow records are kept in the storage account (1-365). */
  readonly retentionDays: number;
  /** Traffic analytics: flows aggregated into the Log Analytics workspace. */
  readonly trafficAnalytics: {
    /** The workspace's GUID (`workspace_id`), not its resource id. */
    readonly workspaceGuid: string;
    readonly workspaceRegion: string;
    readonly workspaceResourceId: string;
    readonly intervalMinutes: 10 | 60;
  };
  /** The user-assigned identity the flow log writes to storage with: its name and resource group. */
  readonly identity: { readonly name: string; readonly resourceGroupName: string };
  /** @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The workspace tables traffic analytics writes (https://learn.microsoft.com/azure/network-watcher/traffic-analytics-schema). */
export const TRAFFIC_ANALYTICS_TABLES = ['NTANetAnalytics', 'NTAIpDetails'] as const;

/**
 * A virtual network flow log: every flow through the network, the NSG rule that allowed or denied it, written to
 * storage and summarised by traffic analytics into the workspace (tables NTANetAnalytics, NTAIpDetails).
 * Virtual network flow logs rather than NSG flow logs: NSG flow logs can no longer be created since 30 June 2025
 * and retire on 30 September 2027, and they never covered Application Gateway or API Management subnets
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview).
 *
 * Key-less: the storage account refuses shared keys, so the flow log writes with a user-assigned managed identity
 * that holds "Storage Blob Data Contributor" on the account
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-managed-identity). azurerm 4.55 has no
 * argument for that identity, so the flow log is an azapi resource.
 */
export class VirtualNetworkFlowLog extends Construct {
  readonly flowLog: AzapiResource;
  readonly identity: UserAssignedIdentity;
  readonly storageWriter: RoleAssignment;

  constructor(scope: Construct, id: string, props: VirtualNetworkFlowLogProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > 365) {
      throw new Error(`flow log ${props.name}: retentionDays must be a whole number 1-365, got ${props.retentionDays}`);
    }
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.identity.name,
      resourceGroupName: props.identity.resourceGroupName,
      location: props.location,
    });
    this.storageWriter = new RoleAssignment(this, 'storage-writer', {
      scope: props.storageAccountId,
      roleDefinitionName: FLOW_LOG_STORAGE_ROLE,
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      description: 'The virtual network flow log writes flow records to the key-less storage account',
    });
    const watcher = new DataAzurermNetworkWatcher(this, 'network-watcher', {
      name: props.networkWatcher.name,
      resourceGroupName: props.networkWatcher.resourceGroupName,
    });
    this.flowLog = new AzapiResource(this, 'flow-log', {
      type: FLOW_LOG_TYPE,
      name: props.name,
      parentId: watcher.id,
      location: props.location,
      tags: props.tags,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      body: {
        properties: {
          targetResourceId: props.virtualNetworkId,
          storageId: props.storageAccountId,
          enabled: true,
          format: { type: 'JSON', version: 2 },
          retentionPolicy: { enabled: true, days: props.retentionDays },
          flowAnalyticsConfiguration: {
            networkWatcherFlowAnalyticsConfiguration: {
              enabled: true,
              workspaceId: props.trafficAnalytics.workspaceGuid,
              workspaceRegion: props.trafficAnalytics.workspaceRegion,
              workspaceResourceId: props.trafficAnalytics.workspaceResourceId,
              trafficAnalyticsInterval: props.trafficAnalytics.intervalMinutes,
            },
          },
        },
      },
      // The first write must find the role in place.
      dependsOn: [this.storageWriter],
    });
    addMovedBlock(this, {
      from: `${PREVIOUS_TYPE}.${this.flowLog.friendlyUniqueId}`,
      to: `${AzapiResource.tfResourceType}.${this.flowLog.friendlyUniqueId}`,
    });
  }
}
