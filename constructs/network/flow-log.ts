import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { Construct } from 'constructs';

export interface NetworkWatcherRef {
  readonly name: string;
  readonly resourceGroupName: string;
}

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
}

/**
 * A virtual network flow log: every flow through the network, the NSG rule that allowed or denied it, written to
 * storage and summarised by traffic analytics into the workspace (tables NTANetAnalytics, NTAIpDetails).
 * Virtual network flow logs rather than NSG flow logs: NSG flow logs can no longer be created since 30 June 2025
 * and retire on 30 September 2027, and they never covered Application Gateway or API Management subnets
 * (https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview). azurerm 4.x expresses them with
 * `target_resource_id` set to the virtual network.
 */
export class VirtualNetworkFlowLog extends Construct {
  readonly flowLog: NetworkWatcherFlowLog;

  constructor(scope: Construct, id: string, props: VirtualNetworkFlowLogProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > 365) {
      throw new Error(`flow log ${props.name}: retentionDays must be a whole number 1-365, got ${props.retentionDays}`);
    }
    this.flowLog = new NetworkWatcherFlowLog(this, 'flow-log', {
      name: props.name,
      networkWatcherName: props.networkWatcher.name,
      resourceGroupName: props.networkWatcher.resourceGroupName,
      location: props.location,
      targetResourceId: props.virtualNetworkId,
      storageAccountId: props.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: props.retentionDays },
      trafficAnalytics: {
        enabled: true,
        workspaceId: props.trafficAnalytics.workspaceGuid,
        workspaceRegion: props.trafficAnalytics.workspaceRegion,
        workspaceResourceId: props.trafficAnalytics.workspaceResourceId,
        intervalInMinutes: props.trafficAnalytics.intervalMinutes,
      },
    });
  }
}
